/**
 * Seeded terrain profiles and the ITM inputs NTIA's point-to-point chain derives from them
 * (initializePointToPoint → quickPfl, as itmP2p does), for the tests that hold the fast paths
 * (itmFast.ts, itmRadial.ts) against the reference (longleyRice.ts, itmP2p.ts).
 */
import { Polarization } from '../../../core/propagation/itm/constants';
import { initializePointToPoint, meanPathElevation } from '../../../core/propagation/itm/initializePointToPoint';
import type { LongleyRiceInput } from '../../../core/propagation/itm/longleyRice';
import { fastPathConstants, type FastPath } from '../../../core/propagation/itm/itmFast';
import { longleyRiceInput } from '../../../core/propagation/itm/itmP2p';
import { ITM_DEFAULTS } from '../../../core/propagation/itm/options';
import { quickPfl } from '../../../core/propagation/itm/quickPfl';

/** A seeded uniform generator on [0, 1) (LCG, as tests/core/coverage/synthDem.ts). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

/**
 * A rough profile of `count` samples `stepM` apart: a few random sinusoids (wavelengths 0.3–12 km,
 * amplitudes up to ~400 m) over a base of 200–900 m, never below 0 (sea level, as NTIA's pfls.csv).
 *
 * @example
 * roughProfile(seededRandom(1), 501, 30) // Float64Array(501), metres
 */
export function roughProfile(rnd: () => number, count: number, stepM: number): Float64Array {
  const base = 200 + 700 * rnd();
  const waves = Array.from({ length: 6 }, () => {
    const wavelengthM = 300 + 11700 * rnd();
    return { k: (2 * Math.PI) / wavelengthM, phase: 2 * Math.PI * rnd(), amp: 20 + 380 * rnd() * (wavelengthM / 12000) };
  });
  const z = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let v = base;
    for (const w of waves) v += w.amp * Math.sin(w.k * i * stepM + w.phase);
    z[i] = Math.max(0, v);
  }
  return z;
}

export interface SeededPath {
  elevationsM: Float64Array;
  stepM: number;
  txHeightM: number;
  rxHeightM: number;
  freqMHz: number;
  /** The reference attenuation's inputs for this path (ITM_DEFAULTS' ground and climate). */
  input: LongleyRiceInput;
}

const FREQS_MHZ = [150, 450, 900, 1800, 2100, 3500] as const;

/**
 * `n` seeded point-to-point paths, 0.3–100 km at 30–90 m steps, antennas 10–60 m / 1.5–10 m, six
 * frequencies in turn: line-of-sight, diffraction and troposcatter cases.
 *
 * @example
 * seededPaths(300, 23).map((p) => longleyRice(p.input).referenceAttenuationDb)
 */
export function seededPaths(n: number, seed: number): SeededPath[] {
  const rnd = seededRandom(seed);
  const paths: SeededPath[] = [];
  for (let k = 0; k < n; k++) {
    const stepM = 30 + 60 * rnd();
    // half near (0.3–20 km, log-uniform), half far (20–100 km): every regime of A_ref
    const distanceM = k % 2 === 0 ? 300 * Math.exp(Math.log(20000 / 300) * rnd()) : 20000 + 80000 * rnd();
    const count = Math.max(3, Math.round(distanceM / stepM) + 1);
    const elevationsM = roughProfile(rnd, count, stepM);
    const txHeightM = 10 + 50 * rnd();
    const rxHeightM = 1.5 + 8.5 * rnd() * rnd();
    const freqMHz = FREQS_MHZ[k % FREQS_MHZ.length];
    const o = ITM_DEFAULTS;
    const setup = initializePointToPoint(freqMHz, meanPathElevation(elevationsM), o.refractivityN, Polarization.vertical, o.relPermittivity, o.conductivitySPerM);
    const geo = quickPfl(elevationsM, stepM, txHeightM, rxHeightM, 1 / setup.effectiveCurvaturePerM);
    const input = longleyRiceInput({ freqMHz, txHeightM, rxHeightM }, setup, geo);
    paths.push({ elevationsM, stepM, txHeightM, rxHeightM, freqMHz, input });
  }
  return paths;
}

/**
 * The fast path's scalar form of a reference input, at `freqMHz` (the input's own by default).
 *
 * @example
 * new FastItm().referenceAttenuationDb(fastPathOf(p.input)) // ≈ longleyRice(p.input).referenceAttenuationDb
 */
export function fastPathOf(i: LongleyRiceInput, freqMHz = i.freqMHz): FastPath {
  return {
    freqMHz, theta0: i.thetaHorizonRad[0], theta1: i.thetaHorizonRad[1], dL0: i.horizonDistanceM[0], dL1: i.horizonDistanceM[1],
    he0: i.effectiveHeightM[0], he1: i.effectiveHeightM[1], h0: i.heightM[0], h1: i.heightM[1], radiusM: 1 / i.effectiveCurvaturePerM,
    ns: i.surfaceRefractivityN, zgRe: i.groundImpedanceRe, zgIm: i.groundImpedanceIm, deltaHM: i.deltaHM, distanceM: i.distanceM,
    ...fastPathConstants(freqMHz, i.groundImpedanceRe, i.groundImpedanceIm),
  };
}

/**
 * Quantiles of |values| (sorted copy): q(0.5) the median, q(1) the max.
 *
 * @example
 * const q = absQuantiles([1, -3, 2]); q(1) // 3
 */
export function absQuantiles(values: readonly number[]): (f: number) => number {
  const sorted = values.map(Math.abs).sort((a, b) => a - b);
  return (f) => sorted[Math.floor(f * (sorted.length - 1))];
}
