/**
 * ITM point-to-point along a radial, incrementally: the loss from the transmitter (sample 0) to
 * every sample i of one elevation profile, reusing the prefix.
 *
 *  - mean path elevation (N_s, a_e): prefix sums, O(1) per point;
 *  - transmitter horizon: running maximum of the elevation angle (argmax under a fixed a_e from the
 *    whole radial, angle re-evaluated with the point's own a_e), O(1);
 *  - receiver horizon: backwards scan with pruning by blocks of 16 samples (block maxima and the
 *    prefix maximum bound the angle any farther sample can reach), near O(1) in rough terrain;
 *  - least-squares fits for the effective heights: prefix sums of z and i·z (trapezoid weights
 *    corrected at the ends), O(1);
 *  - Δh (interdecile range, a sort in ITM): computed exactly at checkpoints spaced by a fraction of
 *    the distance (default every 20 %, at least 16 samples) and interpolated linearly in between;
 *  - then the reference attenuation (itmFast.ts) and median variability, O(1).
 * Only the samples flagged in `need` are evaluated (the ones some grid cell reads).
 */
import { Polarization } from './constants';
import { initializePointToPoint } from './initializePointToPoint';
import type { ItmOptions } from './options';
import { fastReferenceAttenuationDb, medianVariabilityDb, type FastPath } from './itmFast';
import { variability } from './variability';
import { deltaHWindow } from './itmRadialDeltaH';

export interface ItmRadialSetup {
  freqMHz: number;
  txHeightM: number;
  rxHeightM: number;
  options: Readonly<ItmOptions>;
  /** Exact Δh every this fraction of the distance (0.1). */
  deltaHSpacingFraction: number;
  /** …but at least this many samples apart (8). */
  deltaHMinSpacingSteps: number;
}

/** Reusable evaluator for radials of at most `maxSamples` samples. */
export class ItmRadial {
  private readonly s: ItmRadialSetup;
  private readonly p0: Float64Array;
  private readonly p1: Float64Array;
  private readonly prefMax: Float64Array;
  private readonly blockMax: Float64Array;
  private readonly thTx: Float64Array;
  private readonly dTx: Float64Array;
  private readonly thRx: Float64Array;
  private readonly dRx: Float64Array;
  private readonly radius: Float64Array;
  private readonly ns: Float64Array;
  private readonly deltaH: Float64Array;
  private readonly scratch: Float64Array;
  private readonly path: FastPath;
  private readonly median: boolean;

  constructor(maxSamples: number, setup: ItmRadialSetup) {
    this.s = setup;
    const n = maxSamples + 1;
    this.p0 = new Float64Array(n + 1);
    this.p1 = new Float64Array(n + 1);
    this.prefMax = new Float64Array(n);
    this.blockMax = new Float64Array((n >> 4) + 1);
    this.thTx = new Float64Array(n);
    this.dTx = new Float64Array(n);
    this.thRx = new Float64Array(n);
    this.dRx = new Float64Array(n);
    this.radius = new Float64Array(n);
    this.ns = new Float64Array(n);
    this.deltaH = new Float64Array(n);
    this.scratch = new Float64Array(250);
    const o = setup.options;
    const g = initializePointToPoint(setup.freqMHz, 0, o.refractivityN, o.polarization === 'vertical' ? Polarization.vertical : Polarization.horizontal, o.relPermittivity, o.conductivitySPerM);
    this.path = {
      freqMHz: setup.freqMHz, theta0: 0, theta1: 0, dL0: 0, dL1: 0, he0: 0, he1: 0,
      h0: setup.txHeightM, h1: setup.rxHeightM, radiusM: 0, ns: 0,
      zgRe: g.groundImpedanceRe, zgIm: g.groundImpedanceIm, deltaHM: 0, distanceM: 0,
    };
    this.median = o.timePct === 50 && o.locationPct === 50 && o.situationPct === 50;
  }

  /**
   * Losses (dB) from sample 0 to each flagged sample of `z[0..count-1]` (NaN-free), step `stepM`,
   * written to `out[outOffset + i]`; unflagged samples and sample 0 are left untouched.
   */
  run(z: Float64Array, count: number, stepM: number, need: Uint8Array, needOffset: number, out: Float32Array, outOffset: number): void {
    const { p0, p1, prefMax, blockMax, thTx, dTx, thRx, dRx, radius, ns } = this;
    const o = this.s.options;
    const hTx = this.s.txHeightM;
    const hRx = this.s.rxHeightM;
    const np = count - 1;
    if (np < 1) return;
    let last = 0;
    for (let i = np; i >= 1; i--) if (need[needOffset + i]) { last = i; break; }
    if (last === 0) return;

    // prefix sums, prefix max, block max
    p0[0] = 0;
    p1[0] = 0;
    let m = -Infinity;
    for (let i = 0; i <= last; i++) {
      const v = z[i];
      p0[i + 1] = p0[i] + v;
      p1[i + 1] = p1[i] + i * v;
      if (v > m) m = v;
      prefMax[i] = m;
      if ((i & 15) === 0) blockMax[i >> 4] = v;
      else if (v > blockMax[i >> 4]) blockMax[i >> 4] = v;
    }
    // fixed radius for the transmitter-horizon argmax
    const refRadius = this.radiusFor(p0, last);
    const zTx = z[0] + hTx;
    let bestTx = -Infinity;
    let bestTxJ = -1;

    // pass 1: horizons and a_e at every sample up to the last needed one
    for (let i = 1; i <= last; i++) {
      if (i >= 2) {
        const j = i - 1;
        const x = j * stepM;
        const th = (z[j] - zTx) / x - x / (2 * refRadius);
        if (th > bestTx) {
          bestTx = th;
          bestTxJ = j;
        }
      }
      const a = this.radiusFor(p0, i);
      radius[i] = a;
      ns[i] = nsScratch;
      const twoA = 2 * a;
      const d = i * stepM;
      const zRx = z[i] + hRx;
      let thT = (zRx - zTx) / d - d / twoA;
      let dT = d;
      if (bestTxJ > 0) {
        const x = bestTxJ * stepM;
        const th = (z[bestTxJ] - zTx) / x - x / twoA;
        if (th > thT) {
          thT = th;
          dT = x;
        }
      }
      thTx[i] = thT;
      dTx[i] = dT;
      // receiver horizon: backwards scan with pruning
      let best = -(zRx - zTx) / d - d / twoA;
      let dR = d;
      let j = i - 1;
      while (j >= 1) {
        const D = (i - j) * stepM;
        const num = prefMax[j] - zRx;
        if ((num > 0 ? num / D : num / d) - D / twoA <= best) break;
        const b = j >> 4;
        const bs = b === 0 ? 1 : b << 4;
        const nb = blockMax[b] - zRx;
        if ((nb > 0 ? nb / D : nb / d) - D / twoA <= best) {
          j = bs - 1;
          continue;
        }
        for (; j >= bs; j--) {
          const Dj = (i - j) * stepM;
          const th = (z[j] - zRx) / Dj - Dj / twoA;
          if (th > best) {
            best = th;
            dR = Dj;
          }
        }
      }
      thRx[i] = best;
      dRx[i] = dR;
    }

    // Δh at checkpoints, linear in between
    this.fillDeltaH(z, stepM, last, need, needOffset);

    // pass 2: loss at the needed samples
    const path = this.path;
    const f = this.s.freqMHz;
    const fsl0 = 32.45 + 20 * Math.log10(f);
    for (let i = 1; i <= last; i++) {
      if (!need[needOffset + i]) continue;
      const d = i * stepM;
      const a = radius[i];
      const dh = this.deltaH[i];
      const startM = Math.min(15 * hTx, 0.1 * dTx[i]);
      const endM = d - Math.min(15 * hRx, 0.1 * dRx[i]);
      let he0: number;
      let he1: number;
      let th0 = thTx[i];
      let th1 = thRx[i];
      let dL0 = dTx[i];
      let dL1 = dRx[i];
      if (dL0 + dL1 > 1.5 * d) {
        fit(p0, p1, z, i, stepM, startM, endM);
        he0 = hTx + Math.max(z[0] - fitAt0, 0);
        he1 = hRx + Math.max(z[i] - fitAtEnd, 0);
        dL0 = roughHorizon(he0, a, dh);
        dL1 = roughHorizon(he1, a, dh);
        const sum = dL0 + dL1;
        if (sum <= d) {
          const scale = (d / sum) ** 2;
          he0 *= scale;
          he1 *= scale;
          dL0 = roughHorizon(he0, a, dh);
          dL1 = roughHorizon(he1, a, dh);
        }
        const s0 = Math.sqrt(2 * he0 * a);
        th0 = (0.65 * dh * (s0 / dL0 - 1) - 2 * he0) / s0;
        const s1 = Math.sqrt(2 * he1 * a);
        th1 = (0.65 * dh * (s1 / dL1 - 1) - 2 * he1) / s1;
      } else {
        fit(p0, p1, z, i, stepM, startM, 0.9 * dL0);
        he0 = hTx + Math.max(z[0] - fitAt0, 0);
        fit(p0, p1, z, i, stepM, d - 0.9 * dL1, endM);
        he1 = hRx + Math.max(z[i] - fitAtEnd, 0);
      }
      path.theta0 = th0;
      path.theta1 = th1;
      path.dL0 = dL0;
      path.dL1 = dL1;
      path.he0 = he0;
      path.he1 = he1;
      path.radiusM = a;
      path.ns = ns[i];
      path.deltaHM = dh;
      path.distanceM = d;
      const ref = fastReferenceAttenuationDb(path);
      let att: number;
      if (this.median) {
        att = ref - medianVariabilityDb(d, he0, he1, f, o.climate);
        if (att < 0) att = (att * (29 - att)) / (29 - 10 * att);
      } else {
        att = variability({
          timePct: o.timePct, locationPct: o.locationPct, situationPct: o.situationPct,
          effectiveHeightM: [he0, he1], deltaHM: dh, freqMHz: f, distanceM: d,
          referenceAttenuationDb: ref, climate: o.climate, mdvar: o.mdvar,
        }).attenuationDb;
      }
      out[outOffset + i] = fsl0 + 20 * Math.log10(d / 1000) + att;
    }
  }

  /** Effective earth radius from the mean elevation of samples 0..i (10 % trimmed each end). */
  private radiusFor(p0: Float64Array, i: number): number {
    const skip = Math.trunc(0.1 * i);
    const mean = (p0[i - skip + 1] - p0[skip]) / (i - 2 * skip + 1);
    const n0 = this.s.options.refractivityN;
    const nsv = mean === 0 ? n0 : n0 * Math.exp(-mean / 9460);
    nsScratch = nsv;
    return 1 / (157e-9 * (1 - 0.04665 * Math.exp(nsv / 179.3)));
  }

  private fillDeltaH(z: Float64Array, stepM: number, last: number, need: Uint8Array, needOffset: number): void {
    const dh = this.deltaH;
    const frac = this.s.deltaHSpacingFraction;
    const minSteps = this.s.deltaHMinSpacingSteps;
    let prevI = 1;
    let prevV = 0;
    let prevValid = false;
    while (prevI < last) {
      const nextI = Math.min(last, prevI + Math.max(minSteps, Math.round(frac * prevI)));
      // only evaluate when a needed sample lies in (prevI, nextI]
      let any = false;
      for (let i = prevI + 1; i <= nextI; i++) if (need[needOffset + i]) { any = true; break; }
      if (any) {
        if (!prevValid) prevV = this.exactDeltaH(z, stepM, prevI);
        const nextV = this.exactDeltaH(z, stepM, nextI);
        const span = nextI - prevI;
        for (let i = prevI + 1; i <= nextI; i++) dh[i] = prevV + ((nextV - prevV) * (i - prevI)) / span;
        prevV = nextV;
        prevValid = true;
      } else {
        prevValid = false;
      }
      prevI = nextI;
    }
  }

  private exactDeltaH(z: Float64Array, stepM: number, i: number): number {
    const d = i * stepM;
    const startM = Math.min(15 * this.s.txHeightM, 0.1 * this.dTx[i]);
    const endM = d - Math.min(15 * this.s.rxHeightM, 0.1 * this.dRx[i]);
    return deltaHWindow(z, i, stepM, startM, endM, this.scratch);
  }
}

let nsScratch = 0;
let fitAt0 = 0;
let fitAtEnd = 0;

/** ITM's zlsq1 over samples 0..np with prefix sums: sets fitAt0, fitAtEnd. */
function fit(p0: Float64Array, p1: Float64Array, z: Float64Array, np: number, stepM: number, startM: number, endM: number): void {
  let first = Math.trunc(Math.max(startM / stepM, 0));
  let last = np - Math.trunc(Math.max(np - endM / stepM, 0));
  if (last <= first) {
    first = Math.trunc(Math.max(first - 1, 0));
    last = np - Math.trunc(Math.max(np - (last + 1), 0));
  }
  const span = last - first;
  const middle = first + 0.5 * span;
  const sumY = p0[last + 1] - p0[first] - 0.5 * (z[first] + z[last]);
  const sumIY = p1[last + 1] - p1[first] - 0.5 * (first * z[first] + last * z[last]);
  const sumXY = sumIY - middle * sumY;
  const mean = sumY / span;
  const slope = (sumXY * 12) / ((span * span + 2) * span);
  fitAt0 = mean - slope * middle;
  fitAtEnd = mean + slope * (np - middle);
}

function roughHorizon(he: number, a: number, dh: number): number {
  return Math.sqrt(2 * he * a) * Math.exp(-0.07 * Math.sqrt(dh / Math.max(he, 5)));
}
