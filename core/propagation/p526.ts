/**
 * ITU-R P.526 diffraction over a terrain profile by the Deygout construction, with Earth
 * curvature, on top of free space:  L = Lbf (P.525) + Ld.
 *
 * Deygout (1966, "Multiple knife-edge diffraction of microwaves", IEEE Trans. AP-14(4)):
 * 1. main edge: the profile sample with the largest ν (P.526-15 eq. 26) relative to the ray
 *    from transmitter antenna to receiver antenna; if ν ≤ −0.78 the path is clear, Ld = 0;
 * 2. secondary edges: the sample with the largest ν on each side, relative to the line from that
 *    end's antenna to the top of the main edge;
 * Ld = J(νmain) + J(νtx side) + J(νrx side), J from P.526-15 eq. (31) (see knifeEdge.ts).
 * Up to three edges (`maxEdges`): 1 keeps the main edge only, 2 adds the larger secondary.
 * The plain Deygout sum is known to overestimate the loss of several comparable edges.
 *
 * Earth curvature: each sample is raised by the bulge x (D − x) / (2 k R), R = 6371 km, with x
 * the distance from the transmitter and D the path length (P.526-15 §4 uses the effective
 * radius ae = k R, k = 4/3 for the median refractivity gradient). The bulge relative to any
 * chord between two samples is the same quadratic, so sub-paths need no new correction.
 *
 * Inputs:
 * - freqMHz    MHz, > 0; the knife-edge approximation wants λ ≪ path and obstacle sizes
 * - txHeightM, rxHeightM  antenna heights above the first and last profile sample, m, >= 0
 * - distanceM  m, > 0, equal to (n − 1) · profile.stepM
 * - profile    ground elevations (m above sea level), required; NaN (no data) throws
 * No published validity envelope is declared, so the model never warns.
 */
import { InputError } from '../errors';
import { ITU_EARTH_RADIUS_M } from '../geo/geodesy';
import { freeSpaceLossDb } from './fspl';
import { fresnelNu, knifeEdgeLossDb, NU_MIN, wavelengthM } from './knifeEdge';
import { checkInput, resolveOptions } from './validity';
import type { PathLossInput, PathLossModel, PathLossResult, TerrainProfile } from './types';


export interface P526Options {
  /** Effective Earth radius factor k (ae = k · 6371 km), > 0; Infinity = flat Earth. Default 4/3. */
  k: number;
  /** Number of edges in the Deygout construction, 1, 2 or 3. Default 3. */
  maxEdges: number;
}

// scratch result of maxNu(): the ν of the returned index (avoids allocating a result object)
let foundNu = 0;

/**
 * Index of the sample strictly between ia and ib with the largest ν relative to the line from
 * (ia, ha) to (ib, hb); -1 when there is no interior sample. Heights are curvature-corrected.
 */
function maxNu(
  e: ArrayLike<number>, stepM: number, curv: number, totalM: number,
  ia: number, ha: number, ib: number, hb: number, lambdaM: number,
): number {
  let best = -1;
  let bestNu = -Infinity;
  const xa = ia * stepM;
  const span = (ib - ia) * stepM;
  // scan the interior: edge height above the chord, then ν for that geometry
  for (let i = ia + 1; i < ib; i++) {
    const x = i * stepM;
    const d1 = x - xa;
    const d2 = span - d1;
    const ground = e[i] + x * (totalM - x) * curv;
    const h = ground - (ha + ((hb - ha) * d1) / span);
    const nu = fresnelNu(h, d1, d2, lambdaM);
    if (nu > bestNu) {
      bestNu = nu;
      best = i;
    }
  }
  foundNu = bestNu;
  return best;
}

/**
 * Deygout diffraction loss over a profile, dB (0 when the first Fresnel zone is mostly clear).
 * Inputs are not checked: use `p526.predict` for checked input.
 *
 * @example
 * deygoutLossDb({ stepM: 1000, elevationsM: [0, 0, 0, 0, 0, 50, 0, 0, 0, 0, 0] }, 10, 10, 299.792458, Infinity, 3) // 14.75
 */
export function deygoutLossDb(
  profile: TerrainProfile, txHeightM: number, rxHeightM: number,
  freqMHz: number, k: number, maxEdges: number,
): number {
  const e = profile.elevationsM;
  const n = e.length;
  const stepM = profile.stepM;
  const totalM = (n - 1) * stepM;
  const curv = 1 / (2 * k * ITU_EARTH_RADIUS_M); // 0 when k = Infinity
  const lambdaM = wavelengthM(freqMHz);
  const hTx = e[0] + txHeightM;
  const hRx = e[n - 1] + rxHeightM;

  const im = maxNu(e, stepM, curv, totalM, 0, hTx, n - 1, hRx, lambdaM);
  const nuMain = foundNu;
  if (im < 0 || !(nuMain > NU_MIN)) return 0;
  const lossMain = knifeEdgeLossDb(nuMain);
  if (maxEdges <= 1) return lossMain;

  // secondary edges against the top of the main edge
  const xm = im * stepM;
  const hm = e[im] + xm * (totalM - xm) * curv;
  const it = maxNu(e, stepM, curv, totalM, 0, hTx, im, hm, lambdaM);
  const lossTx = it < 0 ? 0 : knifeEdgeLossDb(foundNu);
  const ir = maxNu(e, stepM, curv, totalM, im, hm, n - 1, hRx, lambdaM);
  const lossRx = ir < 0 ? 0 : knifeEdgeLossDb(foundNu);
  if (maxEdges === 2) return lossMain + Math.max(lossTx, lossRx);
  return lossMain + lossTx + lossRx;
}

/**
 * ITU-R P.526 knife-edge diffraction (Deygout, up to 3 edges) plus free space.
 * Options `k` (default 4/3) and `maxEdges` (default 3).
 *
 * @example
 * p526.predict({ freqMHz: 900, txHeightM: 30, rxHeightM: 1.5, distanceM: 10000, profile }).lossDb
 */
export const p526: PathLossModel<P526Options> = {
  id: 'p526',
  name: 'ITU-R P.526 knife-edge diffraction (Deygout, up to 3 edges)',
  needsProfile: true,
  validity: {},
  defaults: {
    k: 4 / 3, // median effective Earth radius factor (ITU-R P.453 / P.526)
    maxEdges: 3, // main edge, then one on each side
  },
  predict(input: PathLossInput, options?: Partial<P526Options>): PathLossResult {
    const o = resolveOptions('p526', p526.defaults, options);
    if (typeof o.k !== 'number' || !(o.k > 0)) {
      throw new InputError(
        `p526 option k (effective Earth radius factor) must be a number greater than 0 (Infinity for a flat Earth), got ${String(o.k)}`,
        'options.k',
      );
    }
    if (o.maxEdges !== 1 && o.maxEdges !== 2 && o.maxEdges !== 3) {
      throw new InputError(`p526 option maxEdges must be 1, 2 or 3, got ${String(o.maxEdges)}`, 'options.maxEdges');
    }
    const warnings = checkInput(p526, input);
    const profile = input.profile as TerrainProfile;
    const diffractionDb = deygoutLossDb(profile, input.txHeightM, input.rxHeightM, input.freqMHz, o.k, o.maxEdges);
    return { lossDb: freeSpaceLossDb(input.freqMHz, input.distanceM) + diffractionDb, warnings };
  },
};
