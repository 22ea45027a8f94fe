/**
 * Per-sample helpers of the radial ITM (itmRadial.ts): ITM's zlsq1 least-squares fit over a prefix
 * of the profile from prefix sums, N_s and the effective radius from prefix sums, the rough-earth
 * horizon distance, and the receiver horizon from an upper convex hull of the curvature-corrected
 * profile.
 */

import { fitWindow } from './linearLeastSquaresFit';

/**
 * ITM's zlsq1 over a prefix of a profile, from prefix sums: one per sweep (ItmRadial owns one); its
 * results are the fields `atStartM` and `atEndM`, overwritten by each `fit`.
 *
 * @example
 * const fit = new PrefixFit();
 * fit.fit(p0, p1, z, 100, 30, 0, 3000); fit.atStartM // metres
 */
export class PrefixFit {
  /** Height of the fitted line at sample 0, metres (set by `fit`). */
  atStartM = 0;
  /** Height of the fitted line at sample np, metres (set by `fit`). */
  atEndM = 0;
  private readonly window = new Int32Array(2);

  /**
   * ITM's zlsq1 over samples 0..np from prefix sums p0 (Σz) and p1 (Σ i·z) with trapezoid end
   * weights; the line's height at 0 and at np go to `atStartM` and `atEndM`.
   */
  fit(p0: Float64Array, p1: Float64Array, z: Float64Array, np: number, stepM: number, startM: number, endM: number): void {
    fitWindow(np, stepM, startM, endM, this.window);
    const first = this.window[0];
    const last = this.window[1];
    const span = last - first;
    const middle = first + 0.5 * span;
    const sumY = p0[last + 1] - p0[first] - 0.5 * (z[first] + z[last]);
    const sumIY = p1[last + 1] - p1[first] - 0.5 * (first * z[first] + last * z[last]);
    const sumXY = sumIY - middle * sumY;
    const mean = sumY / span;
    const slope = (sumXY * 12) / ((span * span + 2) * span);
    this.atStartM = mean - slope * middle;
    this.atEndM = mean + slope * (np - middle);
  }
}

/**
 * N_s at the mean elevation of samples 0..i (10 % trimmed each end, as meanPathElevation) from the
 * prefix sums p0 (Σz): ITM's surface refractivity for the path to sample i, N-units.
 *
 * @example
 * effectiveRadiusM(surfaceRefractivityN(p0, 100, 301)) // metres
 */
export function surfaceRefractivityN(p0: Float64Array, i: number, n0: number): number {
  const skip = Math.trunc(0.1 * i);
  const mean = (p0[i - skip + 1] - p0[skip]) / (i - 2 * skip + 1);
  return mean === 0 ? n0 : n0 * Math.exp(-mean / 9460);
}

/** ITM's effective earth radius for the surface refractivity `ns`, metres. */
export function effectiveRadiusM(ns: number): number {
  return 1 / (157e-9 * (1 - 0.04665 * Math.exp(ns / 179.3)));
}

/** ITM's horizon distance over rough earth for an effective height `he`, radius `a`, Δh `dh`. */
export function roughHorizon(he: number, a: number, dh: number): number {
  return Math.sqrt(2 * he * a) * Math.exp(-0.07 * Math.sqrt(dh / Math.max(he, 5)));
}

/**
 * Upper convex hull of the points (x_j, y_j) = (j·step, z'_j − x_j² / 2A) pushed in increasing j,
 * where z'_0 is the transmitter's antenna top and z'_j the ground: the receiver horizon seen from
 * sample i, the j maximising (z'_j − z_rx) / (x_i − x_j) − (x_i − x_j) / 2A, is the hull vertex
 * touched by the upper tangent from (x_i, z_rx − x_i² / 2A), found by binary search.
 */
export class HorizonHull {
  private readonly idx: Int32Array;
  private readonly hx: Float64Array;
  private readonly hy: Float64Array;
  private size = 0;

  constructor(maxPoints: number) {
    this.idx = new Int32Array(maxPoints);
    this.hx = new Float64Array(maxPoints);
    this.hy = new Float64Array(maxPoints);
  }

  reset(): void {
    this.size = 0;
  }

  /** Adds point j at (x, y); x must exceed every x pushed before. */
  push(j: number, x: number, y: number): void {
    const { idx, hx, hy } = this;
    let h = this.size;
    while (h >= 2) {
      const x0 = hx[h - 2];
      const y0 = hy[h - 2];
      // drop the last vertex unless it lies strictly above the chord from h−2 to the new point
      if ((hx[h - 1] - x0) * (y - y0) - (hy[h - 1] - y0) * (x - x0) >= 0) h--;
      else break;
    }
    idx[h] = j;
    hx[h] = x;
    hy[h] = y;
    this.size = h + 1;
  }

  /** Index j of the hull vertex seen highest from (x, y), x beyond every pushed point. */
  tangent(x: number, y: number): number {
    const { hx, hy } = this;
    let lo = 0;
    let hi = this.size - 1;
    // first vertex k whose next edge, extended to x, passes at or below y
    while (lo < hi) {
      const k = (lo + hi) >> 1;
      const xa = hx[k];
      const ya = hy[k];
      if ((y - ya) * (hx[k + 1] - xa) >= (hy[k + 1] - ya) * (x - xa)) hi = k;
      else lo = k + 1;
    }
    return this.idx[lo];
  }
}
