/**
 * Approximate single knife-edge diffraction attenuation A(v, 0), dB, as a function of v².
 *
 * Implements [TN101 vol. 2, III.24b/c] and [ERL 79, 3.27]:
 *   A = 6.02 + 9.11 v − 1.27 v²   for v < 2.4 (v² < 5.76)
 *   A = 12.953 + 10 log10(v²)     otherwise (i.e. 12.953 + 20 log10 v).
 *
 * @param vSquared the square of the Fresnel–Kirchhoff diffraction parameter, ≥ 0
 * @returns attenuation relative to free space, dB
 * @example
 * fresnelIntegral(0); // 6.02 dB: grazing incidence
 */
export function fresnelIntegral(vSquared: number): number {
  if (vSquared < 5.76) return 6.02 + 9.11 * Math.sqrt(vSquared) - 1.27 * vSquared;
  return 12.953 + 10 * Math.log10(vSquared);
}
