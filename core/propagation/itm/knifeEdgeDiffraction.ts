import { MHZ_PER_WAVE_NUMBER } from './constants';
import { fresnelIntegral } from './fresnelIntegral';

/**
 * Double knife-edge diffraction attenuation at distance d beyond both horizons, dB
 * [Algorithm, 4.12–4.16; TN101, I.1 and I.7]: the sum of two single-edge losses A(v_j, 0) with
 * v_j² = (k / 4π) θ² d_Lj (d − d_L) / (d − d_L + d_Lj), θ = d / a_e − θ_e the diffraction angle.
 *
 * @param distanceM        path length d, metres (> d_L)
 * @param freqMHz          frequency, MHz
 * @param effectiveRadiusM effective earth radius a_e, metres
 * @param thetaLosRad      angular extent of the line-of-sight region θ_e, radians
 * @param horizonDistanceM horizon distances [d_Ltx, d_Lrx], metres
 * @example
 * knifeEdgeDiffraction(60e3, 100, 8.5e6, 0.004, [20e3, 20e3]); // dB
 */
export function knifeEdgeDiffraction(
  distanceM: number,
  freqMHz: number,
  effectiveRadiusM: number,
  thetaLosRad: number,
  horizonDistanceM: readonly [number, number],
): number {
  const beyondM = distanceM - horizonDistanceM[0] - horizonDistanceM[1];
  const theta = distanceM / effectiveRadiusM - thetaLosRad;
  // k / (4π) θ², with 1/(4π) ≈ 0.0795775
  const common = 0.0795775 * (freqMHz / MHZ_PER_WAVE_NUMBER) * theta * theta * beyondM;
  const v1Squared = (common * horizonDistanceM[0]) / (beyondM + horizonDistanceM[0]);
  const v2Squared = (common * horizonDistanceM[1]) / (beyondM + horizonDistanceM[1]);
  return fresnelIntegral(v1Squared) + fresnelIntegral(v2Squared);
}
