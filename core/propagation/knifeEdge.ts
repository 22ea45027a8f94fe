/**
 * Single knife-edge diffraction, ITU-R P.526-15 §4.1:
 *
 *   ν = h √( (2/λ) (1/d1 + 1/d2) )                                   eq. (26)
 *   J(ν) = 6.9 + 20 log10( √((ν − 0.1)² + 1) + ν − 0.1 )  for ν > −0.78, else 0   eq. (31)
 *
 * where h is the height of the edge above the straight line joining the two ends (negative
 * below it), d1 and d2 the distances from the ends to the edge and λ the wavelength, all in
 * metres. J(ν) approximates the exact Fresnel-integral loss within about 0.5 dB; J(0) ≈ 6 dB
 * (grazing), and for large ν it tends to 13 + 20 log10 ν.
 */
import { SPEED_OF_LIGHT_M_S } from './fspl';

/** Below this ν the edge is far enough under the ray that P.526 takes the loss as 0 dB. */
export const NU_MIN = -0.78;

/**
 * Wavelength, metres, of a frequency in MHz.
 *
 * @example
 * wavelengthM(299.792458) // 1
 */
export function wavelengthM(freqMHz: number): number {
  return SPEED_OF_LIGHT_M_S / (freqMHz * 1e6);
}

/**
 * Knife-edge diffraction loss J(ν), dB (P.526-15 eq. 31): 0 for ν ≤ −0.78.
 *
 * @example
 * knifeEdgeLossDb(0) // 6.03
 * knifeEdgeLossDb(1) // 13.93
 */
export function knifeEdgeLossDb(nu: number): number {
  if (!(nu > NU_MIN)) return 0;
  const t = nu - 0.1;
  return 6.9 + 20 * Math.log10(Math.sqrt(t * t + 1) + t);
}

/**
 * Fresnel-Kirchhoff diffraction parameter ν (P.526-15 eq. 26) of an edge `hM` metres above the
 * line between the ends, at `d1M` and `d2M` metres from them, for wavelength `lambdaM`.
 *
 * @example
 * fresnelNu(40, 5000, 5000, 1) // 1.1314
 */
export function fresnelNu(hM: number, d1M: number, d2M: number, lambdaM: number): number {
  return hM * Math.sqrt((2 * (d1M + d2M)) / (lambdaM * d1M * d2M));
}
