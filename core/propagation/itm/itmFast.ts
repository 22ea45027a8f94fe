/**
 * Allocation-free scalar form of ITM's reference attenuation, for the radial sweep (itmRadial.ts).
 * Same formulas as longleyRice.ts / diffractionLoss.ts / smoothEarthDiffraction.ts /
 * lineOfSightLoss.ts, with arrays and objects replaced by scalars; the troposcatter line is skipped
 * when the path provably ends before the diffraction/scatter transition (d ≤ d_L + 1.088 s ln f ≤
 * d_x), else longleyRice() is called. The scratch and caches live in a `FastItm` instance (one per
 * sweep, see ItmRadial), not in the module: two sweeps never share state. Median variability:
 * itmFastVariability.ts.
 */
import { EARTH_RADIUS_4_3_REFERENCE_M, MHZ_PER_WAVE_NUMBER } from './constants';
import { fresnelIntegral } from './fresnelIntegral';
import { longleyRice } from './longleyRice';
import { heightGain } from './smoothEarthDiffraction';
import { terrainRoughness } from './terrainRoughness';

/** σ_h(Δh) as terrainRoughness.ts's sigmaH, with Δh^¼ as √√Δh (faster than pow). */
function sigmaH(deltaHM: number): number {
  return 0.78 * deltaHM * Math.exp(-0.5 * Math.sqrt(Math.sqrt(deltaHM)));
}

/** Per-path inputs of `FastItm.referenceAttenuationDb` (a reusable object, no allocation). */
export interface FastPath {
  freqMHz: number;
  theta0: number;
  theta1: number;
  dL0: number;
  dL1: number;
  he0: number;
  he1: number;
  h0: number;
  h1: number;
  radiusM: number;
  ns: number;
  zgRe: number;
  zgIm: number;
  deltaHM: number;
  distanceM: number;
  /** Per-path constants and caches: start them with `fastPathConstants` (a sweep's frequencies
   *  alternate between calls, so a cache of the last call's frequency would miss on every call). */
  zgAbs: number;
  cbrtF: number;
  logF: number;
  /** ∛(575.7e12 / k), the frequency term of the variability's d_ex. */
  dExFreqM: number;
  scaleA: number;
  scaleM: number;
  /** The wave number k = f / 47.7 MHz·m, 1/m. */
  waveNumber: number;
}

/**
 * The frequency's constants of a FastPath (|Z_g|, ∛f, ln f, the d_ex term) and empty caches, to
 * spread into it when it is made or its frequency or ground changes.
 *
 * @example
 * const path: FastPath = { freqMHz: 900, …, ...fastPathConstants(900, zgRe, zgIm) };
 */
export function fastPathConstants(
  freqMHz: number, zgRe: number, zgIm: number,
): Pick<FastPath, 'zgAbs' | 'cbrtF' | 'logF' | 'dExFreqM' | 'scaleA' | 'scaleM' | 'waveNumber'> {
  const k = freqMHz / MHZ_PER_WAVE_NUMBER;
  return { zgAbs: Math.hypot(zgRe, zgIm), cbrtF: Math.cbrt(freqMHz), logF: Math.log(freqMHz), dExFreqM: Math.cbrt(575.7e12 / k), scaleA: NaN, scaleM: 0, waveNumber: k };
}

function alos(d: number, p: FastPath, slopeD: number, interceptD: number, dLs: number): number {
  const k = p.waveNumber;
  const sigma = sigmaH(terrainRoughness(d, p.deltaHM));
  const hSum = p.he0 + p.he1;
  const sinPsi = hSum / Math.sqrt(d * d + hSum * hSum);
  const nRe = sinPsi - p.zgRe;
  const nIm = -p.zgIm;
  const dRe = sinPsi + p.zgRe;
  const dIm = p.zgIm;
  const den = dRe * dRe + dIm * dIm;
  const rough = Math.exp(-Math.min(10, k * sigma * sinPsi));
  let rRe = ((nRe * dRe + nIm * dIm) / den) * rough;
  let rIm = ((nIm * dRe - nRe * dIm) / den) * rough;
  const mag2 = rRe * rRe + rIm * rIm;
  if (mag2 < 0.25 || mag2 < sinPsi) {
    const scale = Math.sqrt(sinPsi / mag2);
    rRe *= scale;
    rIm *= scale;
  }
  let phase = (2 * k * p.he0 * p.he1) / d;
  if (phase > Math.PI / 2) phase = Math.PI - (Math.PI / 2) ** 2 / phase;
  const sRe = Math.cos(phase) + rRe;
  const sIm = -Math.sin(phase) + rIm;
  const twoRayDb = -10 * Math.log10(sRe * sRe + sIm * sIm);
  const w = 1 / (1 + (p.freqMHz * p.deltaHM) / Math.max(10e3, dLs));
  return w * twoRayDb + (1 - w) * (slopeD * d + interceptD);
}

/**
 * ITM's reference attenuation for paths given as scalars, with its scratch and caches in the
 * instance: make one per sweep (ItmRadial does) and reuse it for every path and frequency of the
 * sweep; the hot loop allocates nothing. The caches hold terms that are pure functions of their
 * keys, so the result never depends on which paths came before.
 *
 * @example
 * const itm = new FastItm();
 * itm.referenceAttenuationDb(path) // same as longleyRice(path as LongleyRiceInput).referenceAttenuationDb
 */
export class FastItm {
  // per-call terms of adiff (set by referenceAttenuationDb)
  private thetaE = 0;
  private zgAbs = 0;
  private cbrtF = 0;
  private clutterDb = 0;
  // frequency-independent terms, kept while the geometry repeats (a site's frequencies in turn)
  private heightTerm = 0;
  private sigmaAtDLs = 0;
  private lastDLs = NaN;
  private lastDeltaH = NaN;
  private lastHe0 = NaN;
  private lastHe1 = NaN;
  private lastH0 = NaN;
  private lastH1 = NaN;
  // the terminals' ∛(a_ref / radius), kept while their horizon and height repeat
  private lastTermDL0 = NaN;
  private lastTermHe0 = NaN;
  private lastTermDL1 = NaN;
  private lastTermHe1 = NaN;
  private c0b = 0;
  private c0c = 0;
  // per-path terminal terms of the smooth-earth diffraction (the same at d3 and d4)
  private xTerminals = 0;
  private gainTerminals = 0;
  /** K of the last vogXc call (its second result). */
  private vogK = 0;
  // ln d and ln d_Ls of the last path: the same for each of a site's frequencies in turn
  private lastLogD = NaN;
  private logD = 0;
  private lastLogDLs = NaN;
  private logDLs = 0;

  /**
   * ITM's reference attenuation A_ref, dB (≥ 0), for one path given as scalars; equal to
   * `longleyRice(...).referenceAttenuationDb`. Inputs are not checked (the caller validated the
   * options; N_s and a_e stay in range for elevations below ~6 km). Writes only `p.scaleA` and
   * `p.scaleM` (the path's cache of ∛(a²/f)).
   *
   * @example
   * new FastItm().referenceAttenuationDb(path) // dB
   */
  referenceAttenuationDb(p: FastPath): number {
    const a = p.radiusM;
    const f = p.freqMHz;
    const d = p.distanceM;
    const dLs = Math.sqrt(2 * p.he0 * a) + Math.sqrt(2 * p.he1 * a);
    const dL = p.dL0 + p.dL1;
    this.thetaE = -Math.max(p.theta0 + p.theta1, -dL / a);
    this.zgAbs = p.zgAbs;
    this.cbrtF = p.cbrtF;
    const logF = p.logF;
    // frequency-independent terms, reused while the geometry repeats (a site's frequencies in turn)
    if (dLs !== this.lastDLs || p.deltaHM !== this.lastDeltaH || p.he0 !== this.lastHe0 || p.he1 !== this.lastHe1 || p.h0 !== this.lastH0 || p.h1 !== this.lastH1) {
      this.lastDLs = dLs;
      this.lastDeltaH = p.deltaHM;
      this.lastHe0 = p.he0;
      this.lastHe1 = p.he1;
      this.lastH0 = p.h0;
      this.lastH1 = p.h1;
      this.sigmaAtDLs = sigmaH(terrainRoughness(dLs, p.deltaHM));
      const hh = p.h0 * p.h1;
      this.heightTerm = Math.sqrt(1 + (p.he0 * p.he1 - hh) / (hh + 10));
    }
    this.clutterDb = Math.min(15, 5 * Math.log10(1 + 1e-5 * p.h0 * p.h1 * f * this.sigmaAtDLs));

    if (a !== p.scaleA) {
      p.scaleA = a;
      p.scaleM = Math.cbrt((a * a) / f);
    }
    const scaleM = p.scaleM;
    const d3 = Math.max(dLs, dL + 5 * scaleM);
    const d4 = d3 + 10 * scaleM;
    this.terminalTerms(p);
    const a3 = this.adiff(d3, p);
    const a4 = this.adiff(d4, p);
    const slopeD = (a4 - a3) / (d4 - d3);
    const interceptD = a3 - slopeD * d3;

    let ref: number;
    if (d < dLs) {
      if (d !== this.lastLogD) {
        this.lastLogD = d;
        this.logD = Math.log(d);
      }
      if (dLs !== this.lastLogDLs) {
        this.lastLogDLs = dLs;
        this.logDLs = Math.log(dLs);
      }
      ref = losReference(p, slopeD, interceptD, dLs, dL, this.logDLs, this.logD);
    } else if (d <= Math.max(dLs, dL + 1.088 * scaleM * logF)) {
      ref = slopeD * d + interceptD;
    } else {
      // possibly troposcatter: the full routine (allocates; rare below ~25 km)
      return longleyRice({
        freqMHz: f,
        thetaHorizonRad: [p.theta0, p.theta1],
        horizonDistanceM: [p.dL0, p.dL1],
        effectiveHeightM: [p.he0, p.he1],
        heightM: [p.h0, p.h1],
        effectiveCurvaturePerM: 1 / a,
        surfaceRefractivityN: p.ns,
        groundImpedanceRe: p.zgRe,
        groundImpedanceIm: p.zgIm,
        deltaHM: p.deltaHM,
        distanceM: d,
      }).referenceAttenuationDb;
    }
    return ref > 0 ? ref : 0;
  }

  private vogX(radiusM: number, arcKm: number): number {
    return this.vogXc(Math.cbrt(((4 / 3) * EARTH_RADIUS_4_3_REFERENCE_M) / radiusM), arcKm);
  }

  /** vogX from c0 = ∛(a_ref / radius) given; leaves its K in `vogK`. */
  private vogXc(c0: number, arcKm: number): number {
    const k = (0.017778 * c0) / this.cbrtF / this.zgAbs;
    this.vogK = k;
    return (1.607 - k) * c0 * c0 * this.cbrtF * arcKm;
  }

  private terminalTerms(p: FastPath): void {
    // the radii's cube roots do not depend on the frequency: reused across a site's frequencies
    if (p.dL0 !== this.lastTermDL0 || p.he0 !== this.lastTermHe0 || p.dL1 !== this.lastTermDL1 || p.he1 !== this.lastTermHe1) {
      this.lastTermDL0 = p.dL0;
      this.lastTermHe0 = p.he0;
      this.lastTermDL1 = p.dL1;
      this.lastTermHe1 = p.he1;
      this.c0b = Math.cbrt(((4 / 3) * EARTH_RADIUS_4_3_REFERENCE_M) / ((0.5 * p.dL0 * p.dL0) / p.he0));
      this.c0c = Math.cbrt(((4 / 3) * EARTH_RADIUS_4_3_REFERENCE_M) / ((0.5 * p.dL1 * p.dL1) / p.he1));
    }
    const xb = this.vogXc(this.c0b, p.dL0 / 1000);
    const kb = this.vogK;
    const xc = this.vogXc(this.c0c, p.dL1 / 1000);
    const kc = this.vogK;
    this.xTerminals = xb + xc;
    this.gainTerminals = heightGain(xb, kb) + heightGain(xc, kc);
  }

  private adiff(d: number, p: FastPath): number {
    const a = p.radiusM;
    const dL = p.dL0 + p.dL1;
    const beyond = d - dL;
    const th = d / a - this.thetaE;
    const common = 0.0795775 * p.waveNumber * th * th * beyond;
    const knife = fresnelIntegral((common * p.dL0) / (beyond + p.dL0)) + fresnelIntegral((common * p.dL1) / (beyond + p.dL1));

    const radiusPath = beyond / th;
    const x0 = this.vogX(radiusPath, (radiusPath * th) / 1000) + this.xTerminals;
    const smooth = 0.05751 * x0 - 10 * Math.log10(x0) - this.gainTerminals - 20;

    const q = (this.heightTerm + (dL - this.thetaE * a) / d) * Math.min((terrainRoughness(d, p.deltaHM) * p.freqMHz) / 47.7, 6283.2);
    const w = 25.1 / (25.1 + Math.sqrt(q));
    return w * smooth + (1 - w) * knife + this.clutterDb;
  }
}

/** The line-of-sight reference attenuation; `logDLs` = ln d_Ls and `logD` = ln d (kept by FastItm). */
function losReference(p: FastPath, slopeD: number, interceptD: number, dLs: number, dL: number, logDLs: number, logD: number): number {
  const aSmoothLos = dLs * slopeD + interceptD;
  let d0 = 0.04 * p.freqMHz * p.he0 * p.he1;
  let d1: number;
  if (interceptD >= 0) {
    d0 = Math.min(d0, 0.5 * dL);
    d1 = d0 + 0.25 * (dL - d0);
  } else {
    d1 = Math.max(-interceptD / slopeD, 0.25 * dL);
  }
  const a1 = alos(d1, p, slopeD, interceptD, dLs);
  let useLog = false;
  let k1 = 0;
  let k2 = 0;
  if (d0 < d1) {
    const a0 = alos(d0, p, slopeD, interceptD, dLs);
    const q = Math.log(dLs / d0);
    k2 = Math.max(0, ((dLs - d0) * (a1 - a0) - (d1 - d0) * (aSmoothLos - a0)) / ((dLs - d0) * Math.log(d1 / d0) - (d1 - d0) * q));
    useLog = interceptD > 0 || k2 > 0;
    if (useLog) {
      k1 = (aSmoothLos - a0 - k2 * q) / (dLs - d0);
      if (k1 < 0) {
        k1 = 0;
        k2 = Math.max(aSmoothLos - a0, 0) / q;
        if (k2 === 0) k1 = slopeD;
      }
    }
  }
  if (!useLog) {
    k1 = Math.max(aSmoothLos - a1, 0) / (dLs - d1);
    k2 = 0;
    if (k1 === 0) k1 = slopeD;
  }
  const a0Line = aSmoothLos - k1 * dLs - k2 * logDLs;
  return a0Line + k1 * p.distanceM + k2 * logD;
}
