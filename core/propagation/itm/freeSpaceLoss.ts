/**
 * Free-space basic transmission loss between isotropic antennas, dB.
 *
 * Implements L_bf = 32.45 + 20 log10(f) + 20 log10(d) with f in MHz and d in km
 * ([Algorithm, 4.1]; ITU-R P.525 eq. 4 uses the same rounded constant 32.45).
 *
 * @param distanceM path length, metres (> 0)
 * @param freqMHz   carrier frequency, MHz (> 0)
 * @returns loss in dB
 * @example
 * freeSpaceLoss(1000, 100); // ≈ 72.45 dB
 */
export function freeSpaceLoss(distanceM: number, freqMHz: number): number {
  return 32.45 + 20 * Math.log10(freqMHz) + 20 * Math.log10(distanceM / 1000);
}
