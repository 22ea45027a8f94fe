/**
 * ITM point-to-point along a radial, incrementally: the loss from the transmitter (sample 0) to
 * every needed sample i of one elevation profile, reusing the prefix.
 *
 *  - mean path elevation (N_s, a_e): prefix sums, O(1) per point;
 *  - transmitter horizon: running maximum of the elevation angle (argmax under a fixed a_e from the
 *    whole radial, angle re-evaluated with the point's own a_e), O(1);
 *  - receiver horizon: upper tangent to the convex hull of the curvature-corrected prefix (argmax
 *    under the same fixed a_e, angle with the point's own), O(log hull) (itmRadialPath.ts);
 *  - least-squares fits for the effective heights: prefix sums of z and i·z (trapezoid weights
 *    corrected at the ends), O(1);
 *  - Δh (interdecile range, a sort in ITM): computed exactly at checkpoints spaced by a fraction of
 *    the distance (default every 20 %, at least 16 samples) and interpolated linearly in between;
 *  - then the reference attenuation (itmFast.ts) and median variability, O(1). Beyond the near
 *    zone the attenuation (loss − free space) is evaluated exactly only every k-th sample, k growing
 *    with the distance (`lossInterpolationFraction`), and interpolated linearly in between — but
 *    never across a change of regime: a change of the transmitter's or the receiver's horizon
 *    obstacle or of line-of-sight ends the stretch, so shadow edges stay sharp.
 * Only the samples flagged in `need` are written (the ones some grid cell reads).
 */
import { Polarization } from './constants';
import { initializePointToPoint } from './initializePointToPoint';
import type { ItmOptions } from './options';
import { fastPathConstants, FastItm, type FastPath } from './itmFast';
import { dExHeightsM, medianVariabilityPartsDb } from './itmFastVariability';
import { variability } from './variability';
import { deltaHWindow } from './itmRadialDeltaH';
import { effectiveRadiusM, HorizonHull, PrefixFit, roughHorizon, surfaceRefractivityN } from './itmRadialPath';

export interface ItmRadialSetup {
  /** One or more frequencies: the geometry (horizons, fits, Δh) is shared, one loss per frequency. */
  freqsMHz: readonly number[];
  txHeightM: number;
  rxHeightM: number;
  options: Readonly<ItmOptions>;
  /** Exact Δh every this fraction of the distance (0.2). */
  deltaHSpacingFraction: number;
  /** …but at least this many samples apart (16). */
  deltaHMinSpacingSteps: number;
  /**
   * Longest stretch over which the attenuation is interpolated, as a fraction of the distance in
   * samples (0.03: at sample 300 up to 9 samples); stretches shorter than 2 samples are exact, so
   * the near zone (below 1 / fraction · 2 samples) is always exact. 0 = exact everywhere.
   */
  lossInterpolationFraction?: number;
}

/** Reusable evaluator for radials of at most `maxSamples` samples. */
export class ItmRadial {
  private readonly s: ItmRadialSetup;
  private readonly p0: Float64Array;
  private readonly p1: Float64Array;
  private readonly thTx: Float64Array;
  private readonly dTx: Float64Array;
  private readonly thRx: Float64Array;
  private readonly dRx: Float64Array;
  /** Regime of each sample: transmitter horizon index (−1 = sees the receiver), receiver horizon index. */
  private readonly keyTx: Int32Array;
  private readonly keyRx: Int32Array;
  private readonly radius: Float64Array;
  private readonly ns: Float64Array;
  private readonly deltaH: Float64Array;
  private readonly scratch: Float64Array;
  private readonly hull: HorizonHull;
  private readonly paths: FastPath[];
  /** Scratch and caches of the attenuation, shared by the paths (frequencies) of this sweep. */
  private readonly fast = new FastItm();
  private readonly fit = new PrefixFit();
  private readonly fsl0: Float64Array;
  private readonly attI: Float64Array;
  private readonly attB: Float64Array;
  private readonly median: boolean;
  private readonly interpFraction: number;
  private z: Float64Array = new Float64Array(0);
  private stepM = 1;
  private readonly fslTable: Float64Array;
  private fslStepM = NaN;

  constructor(maxSamples: number, setup: ItmRadialSetup) {
    this.s = setup;
    const n = maxSamples + 1;
    this.p0 = new Float64Array(n + 1);
    this.p1 = new Float64Array(n + 1);
    this.thTx = new Float64Array(n);
    this.dTx = new Float64Array(n);
    this.thRx = new Float64Array(n);
    this.dRx = new Float64Array(n);
    this.keyTx = new Int32Array(n);
    this.keyRx = new Int32Array(n);
    this.radius = new Float64Array(n);
    this.ns = new Float64Array(n);
    this.deltaH = new Float64Array(n);
    this.scratch = new Float64Array(250);
    this.hull = new HorizonHull(n);
    this.interpFraction = setup.lossInterpolationFraction ?? 0;
    this.fslTable = new Float64Array(n);
    const o = setup.options;
    this.paths = setup.freqsMHz.map((freqMHz) => {
      const g = initializePointToPoint(freqMHz, 0, o.refractivityN, o.polarization === 'vertical' ? Polarization.vertical : Polarization.horizontal, o.relPermittivity, o.conductivitySPerM);
      return {
        freqMHz, theta0: 0, theta1: 0, dL0: 0, dL1: 0, he0: 0, he1: 0,
        h0: setup.txHeightM, h1: setup.rxHeightM, radiusM: 0, ns: 0,
        zgRe: g.groundImpedanceRe, zgIm: g.groundImpedanceIm, deltaHM: 0, distanceM: 0,
        ...fastPathConstants(freqMHz, g.groundImpedanceRe, g.groundImpedanceIm),
      };
    });
    // 20 log10(d / 1000) = 20 log10 d − 60
    this.fsl0 = Float64Array.from(setup.freqsMHz, (f) => 32.45 + 20 * Math.log10(f) - 60);
    this.attI = new Float64Array(setup.freqsMHz.length);
    this.attB = new Float64Array(setup.freqsMHz.length);
    this.median = o.timePct === 50 && o.locationPct === 50 && o.situationPct === 50;
  }

  /**
   * Losses (dB) from sample 0 to each flagged sample of `z[0..count-1]` (NaN-free), step `stepM`,
   * written to `outs[f][outOffset + i]` for each frequency f of the setup; unflagged samples and
   * sample 0 are left untouched. `deltaHIn`: Δh per sample given by the caller (else computed).
   */
  run(
    z: Float64Array, count: number, stepM: number, need: Uint8Array, needOffset: number, outs: readonly Float32Array[], outOffset: number,
    deltaHIn?: Float64Array,
  ): void {
    const np = count - 1;
    if (np < 1) return;
    let last = 0;
    for (let i = np; i >= 1; i--) if (need[needOffset + i]) { last = i; break; }
    if (last === 0) return;
    this.z = z;
    this.stepM = stepM;
    this.horizons(last);
    if (deltaHIn) this.deltaH.set(deltaHIn.subarray(0, last + 1));
    else this.fillDeltaH(last, need, needOffset);

    const frac = this.interpFraction;
    const { keyTx, keyRx, dRx, fsl0 } = this;
    const fslDist = this.fslDistances(stepM);
    let attI = this.attI;
    let attB = this.attB;
    const nf = fsl0.length;
    let i = 1;
    while (i <= last && !need[needOffset + i]) i++;
    this.attenuationAt(i, attI);
    writeExact(outs, outOffset + i, fsl0, fslDist[i], attI);
    for (;;) {
      let next = i + 1;
      while (next <= last && !need[needOffset + next]) next++;
      if (next > last) break;
      const gap = Math.trunc(frac * i);
      let b = i;
      if (gap >= 2) {
        const lim = Math.min(last, i + gap);
        const kt = keyTx[i];
        // same transmitter horizon (shadow edges stay sharp), line of sight unchanged, and the
        // receiver's horizon creeping (distance changing by ≤ 2 samples a step), not jumping
        const kr = keyRx[i] === -1;
        const creepM = CREEP_STEPS * stepM;
        while (b < lim && keyTx[b + 1] === kt && (keyRx[b + 1] === -1) === kr) {
          const jump = dRx[b + 1] - dRx[b];
          if (jump > creepM || -jump > creepM) break;
          b++;
        }
      }
      if (b <= next) {
        // no stretch reaches past the next needed sample: evaluate it exactly
        i = next;
        this.attenuationAt(i, attI);
        writeExact(outs, outOffset + i, fsl0, fslDist[i], attI);
        continue;
      }
      this.attenuationAt(b, attB);
      const span = b - i;
      for (let j = next; j < b; j++) {
        if (!need[needOffset + j]) continue;
        const fsl = fslDist[j];
        const t = (j - i) / span;
        for (let f = 0; f < nf; f++) outs[f][outOffset + j] = fsl0[f] + fsl + attI[f] + (attB[f] - attI[f]) * t;
      }
      if (need[needOffset + b]) writeExact(outs, outOffset + b, fsl0, fslDist[b], attB);
      i = b;
      const swap = attI;
      attI = attB;
      attB = swap;
    }
  }

  /** 20 log10(i · stepM) for every sample i (the distance part of the free-space loss), kept per step. */
  private fslDistances(stepM: number): Float64Array {
    if (stepM !== this.fslStepM) {
      const t = this.fslTable;
      for (let i = 0; i < t.length; i++) t[i] = 20 * Math.log10(i * stepM);
      this.fslStepM = stepM;
    }
    return this.fslTable;
  }

  /**
   * Δh (metres) at every sample 1..count−1 of `z` (checkpoints and linear interpolation, as `run`
   * does), into `out`: for sharing between neighbouring radials (see coverage/radialLosses.ts).
   */
  deltaHProfile(z: Float64Array, count: number, stepM: number, out: Float64Array): void {
    const last = count - 1;
    if (last < 1) return;
    this.z = z;
    this.stepM = stepM;
    this.horizons(last);
    this.fillDeltaH(last, null, 0);
    out.set(this.deltaH.subarray(0, last + 1));
  }

  /** Pass 1: a_e, N_s and both horizons at samples 1..last, with each sample's regime key. */
  private horizons(last: number): void {
    const { p0, p1, thTx, dTx, thRx, dRx, keyTx, keyRx, radius, ns, hull, z, stepM } = this;
    const hTx = this.s.txHeightM;
    const hRx = this.s.rxHeightM;
    const n0 = this.s.options.refractivityN;
    p0[0] = 0;
    p1[0] = 0;
    for (let i = 0; i <= last; i++) {
      const v = z[i];
      p0[i + 1] = p0[i] + v;
      p1[i + 1] = p1[i] + i * v;
    }
    // fixed radius for the horizon argmax (angles are re-evaluated with each point's own a_e)
    const refRadius = effectiveRadiusM(surfaceRefractivityN(p0, last, n0));
    const halfInvRef = 0.5 / refRadius;
    const zTx = z[0] + hTx;
    let bestTx = -Infinity;
    let bestTxJ = -1;
    hull.reset();
    hull.push(0, 0, zTx);
    for (let i = 1; i <= last; i++) {
      if (i >= 2) {
        const j = i - 1;
        const x = j * stepM;
        const th = (z[j] - zTx) / x - x * halfInvRef;
        if (th > bestTx) {
          bestTx = th;
          bestTxJ = j;
        }
        hull.push(j, x, z[j] - x * x * halfInvRef);
      }
      // a_e changes slowly with the mean elevation: exact every 4th sample, held in between
      if (i < 8 || (i & 3) === 0) {
        const nsI = surfaceRefractivityN(p0, i, n0);
        radius[i] = effectiveRadiusM(nsI);
        ns[i] = nsI;
      } else {
        radius[i] = radius[i - 1];
        ns[i] = ns[i - 1];
      }
      const a = radius[i];
      const twoA = 2 * a;
      const d = i * stepM;
      const zRx = z[i] + hRx;
      let thT = (zRx - zTx) / d - d / twoA;
      let dT = d;
      let kt = -1;
      if (bestTxJ > 0) {
        const x = bestTxJ * stepM;
        const th = (z[bestTxJ] - zTx) / x - x / twoA;
        if (th > thT) {
          thT = th;
          dT = x;
          kt = bestTxJ;
        }
      }
      thTx[i] = thT;
      dTx[i] = dT;
      // a horizon right before the receiver (lit slope) counts as seeing it
      keyTx[i] = kt >= i - CREEP_STEPS ? -1 : kt;
      const jR = hull.tangent(d, zRx - d * d * halfInvRef);
      const D = d - jR * stepM;
      thRx[i] = ((jR === 0 ? zTx : z[jR]) - zRx) / D - D / twoA;
      dRx[i] = D;
      // line of sight (both horizons at the other end) is its own regime
      keyRx[i] = jR === 0 && keyTx[i] === -1 ? -1 : jR;
    }
  }

  /** ITM attenuation relative to free space at sample i (pass 2), per frequency into `into`. */
  private attenuationAt(i: number, into: Float64Array): void {
    const { p0, p1, z, stepM, fit } = this;
    const hTx = this.s.txHeightM;
    const hRx = this.s.rxHeightM;
    const o = this.s.options;
    const d = i * stepM;
    const a = this.radius[i];
    const dh = this.deltaH[i];
    const startM = Math.min(15 * hTx, 0.1 * this.dTx[i]);
    const endM = d - Math.min(15 * hRx, 0.1 * this.dRx[i]);
    let he0: number;
    let he1: number;
    let th0 = this.thTx[i];
    let th1 = this.thRx[i];
    let dL0 = this.dTx[i];
    let dL1 = this.dRx[i];
    if (dL0 + dL1 > 1.5 * d) {
      fit.fit(p0, p1, z, i, stepM, startM, endM);
      he0 = hTx + Math.max(z[0] - fit.atStartM, 0);
      he1 = hRx + Math.max(z[i] - fit.atEndM, 0);
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
      fit.fit(p0, p1, z, i, stepM, startM, 0.9 * dL0);
      he0 = hTx + Math.max(z[0] - fit.atStartM, 0);
      fit.fit(p0, p1, z, i, stepM, d - 0.9 * dL1, endM);
      he1 = hRx + Math.max(z[i] - fit.atEndM, 0);
    }
    const ns = this.ns[i];
    const dExH = this.median ? dExHeightsM(he0, he1) : 0;
    for (let f = 0; f < this.paths.length; f++) {
      const path = this.paths[f];
      path.theta0 = th0;
      path.theta1 = th1;
      path.dL0 = dL0;
      path.dL1 = dL1;
      path.he0 = he0;
      path.he1 = he1;
      path.radiusM = a;
      path.ns = ns;
      path.deltaHM = dh;
      path.distanceM = d;
      const ref = this.fast.referenceAttenuationDb(path);
      const freqMHz = path.freqMHz;
      if (this.median) {
        const att = ref - medianVariabilityPartsDb(d, dExH, path.dExFreqM, o.climate);
        into[f] = att < 0 ? (att * (29 - att)) / (29 - 10 * att) : att;
      } else {
        into[f] = variability({
          timePct: o.timePct, locationPct: o.locationPct, situationPct: o.situationPct,
          effectiveHeightM: [he0, he1], deltaHM: dh, freqMHz, distanceM: d,
          referenceAttenuationDb: ref, climate: o.climate, mdvar: o.mdvar,
        }).attenuationDb;
      }
    }
  }

  /** Δh checkpoints and interpolation; with `need`, only the stretches holding a needed sample. */
  private fillDeltaH(last: number, need: Uint8Array | null, needOffset: number): void {
    const dh = this.deltaH;
    const frac = this.s.deltaHSpacingFraction;
    const minSteps = this.s.deltaHMinSpacingSteps;
    let prevI = 1;
    let prevV = 0;
    let prevValid = false;
    dh[1] = 0; // ITM's Δh of a one-step path
    while (prevI < last) {
      const nextI = Math.min(last, prevI + Math.max(minSteps, Math.round(frac * prevI)));
      // only evaluate when a needed sample lies in (prevI, nextI]
      let any = need === null;
      for (let i = prevI + 1; !any && i <= nextI; i++) if (need![needOffset + i]) any = true;
      if (any) {
        if (!prevValid) prevV = this.exactDeltaH(prevI);
        const nextV = this.exactDeltaH(nextI);
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

  private exactDeltaH(i: number): number {
    const d = i * this.stepM;
    const startM = Math.min(15 * this.s.txHeightM, 0.1 * this.dTx[i]);
    const endM = d - Math.min(15 * this.s.rxHeightM, 0.1 * this.dRx[i]);
    return deltaHWindow(this.z, i, this.stepM, startM, endM, this.scratch);
  }
}

/** Free-space loss (fsl0[f] + fslDist) plus attenuation, per frequency, at one output index. */
function writeExact(outs: readonly Float32Array[], index: number, fsl0: Float64Array, fslDist: number, att: Float64Array): void {
  for (let f = 0; f < fsl0.length; f++) outs[f][index] = fsl0[f] + fslDist + att[f];
}
/** Largest advance of the receiver horizon per sample still taken as one regime. */
const CREEP_STEPS = 2;
