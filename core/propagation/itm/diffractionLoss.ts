import { knifeEdgeDiffraction } from './knifeEdgeDiffraction';
import { smoothEarthDiffraction } from './smoothEarthDiffraction';
import { sigmaH, terrainRoughness } from './terrainRoughness';

/** Path parameters the diffraction, line-of-sight and scatter formulas share. */
export interface DiffractionPath {
  /** Frequency, MHz. */
  freqMHz: number;
  /** Effective earth radius a_e, metres. */
  effectiveRadiusM: number;
  /** Angular extent of the line-of-sight region θ_e, radians. */
  thetaLosRad: number;
  /** Horizon distances [tx, rx], metres. */
  horizonDistanceM: readonly [number, number];
  /** Effective antenna heights [tx, rx], metres. */
  effectiveHeightM: readonly [number, number];
  /** Structural antenna heights [tx, rx], metres. */
  heightM: readonly [number, number];
  /** |Z_g|, modulus of the surface transfer impedance. */
  groundImpedanceAbs: number;
  /** Terrain irregularity parameter Δh, metres. */
  deltaHM: number;
  /** Smooth-earth line-of-sight distance d_Ls = √(2 h_e1 a_e) + √(2 h_e2 a_e), metres. */
  smoothLosDistanceM: number;
}

/**
 * Diffraction attenuation at distance d, dB [Algorithm, 4.10–4.11 "adiff"; ERL 79, 3.23 and 3.38c]:
 * a weighted blend of double knife-edge (A_k) and smooth-earth (A_r) diffraction,
 *   A_d = w A_r + (1 − w) A_k + A_fo,   w = 25.1 / (25.1 + √Q),
 *   Q = (√(1 + (h_e1 h_e2 − h_1 h_2) / (h_1 h_2 + 10)) + (d_L − a_e θ_e) / d) · min(k Δh(d), 6283.2),
 * plus the clutter factor A_fo = min(15, 5 log10(1 + 1e-5 h_1 h_2 f σ_h(Δh(d_Ls)))).
 * The "+ 10" (C ≈ 10 m², [ERL 79, p. 3-8]) is the point-to-point choice.
 *
 * @param distanceM path length d at which to evaluate, metres (beyond the horizons)
 * @param path      shared path parameters
 * @example
 * // see tests/core/propagation/itm.helpers.test.ts for NTIA's published value
 */
export function diffractionLoss(distanceM: number, path: DiffractionPath): number {
  const { freqMHz, effectiveRadiusM, thetaLosRad, horizonDistanceM, effectiveHeightM, heightM } = path;
  const knife = knifeEdgeDiffraction(distanceM, freqMHz, effectiveRadiusM, thetaLosRad, horizonDistanceM);
  const smooth = smoothEarthDiffraction(
    distanceM,
    freqMHz,
    effectiveRadiusM,
    thetaLosRad,
    horizonDistanceM,
    effectiveHeightM,
    path.groundImpedanceAbs,
  );

  const hh = heightM[0] * heightM[1];
  const clutterDb = Math.min(
    15,
    5 * Math.log10(1 + 1e-5 * hh * freqMHz * sigmaH(terrainRoughness(path.smoothLosDistanceM, path.deltaHM))),
  );

  const heightTerm = Math.sqrt(1 + (effectiveHeightM[0] * effectiveHeightM[1] - hh) / (hh + 10));
  const losDistanceM = horizonDistanceM[0] + horizonDistanceM[1];
  const q =
    (heightTerm + (losDistanceM - thetaLosRad * effectiveRadiusM) / distanceM) *
    Math.min((terrainRoughness(distanceM, path.deltaHM) * freqMHz) / 47.7, 6283.2);
  const w = 25.1 / (25.1 + Math.sqrt(q));
  return w * smooth + (1 - w) * knife + clutterDb;
}
