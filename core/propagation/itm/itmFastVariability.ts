/**
 * ITM's median variability V_med for the radial sweep (itmRadial.ts), with the parts of d_ex that
 * repeat along a radial computed once: the same value as variability.ts with all quantiles at 50 %.
 */
import { EARTH_RADIUS_9000_KM_M, MHZ_PER_WAVE_NUMBER } from './constants';
import { climateCurve, MEDIAN } from './variability';

/**
 * Median variability term V_med(d_e), dB, for radio climate 1–7 [Algorithm, 5.3]: with all
 * quantiles at 50 % ITM's attenuation is A_ref − V_med (then the soft floor below 0).
 *
 * @example
 * medianVariabilityDb(10000, 40, 3, 900, 5) // ≈ small positive dB
 */
export function medianVariabilityDb(distanceM: number, he0: number, he1: number, freqMHz: number, climate: number): number {
  const k = freqMHz / MHZ_PER_WAVE_NUMBER;
  const dEx = Math.sqrt(2 * EARTH_RADIUS_9000_KM_M * he0) + Math.sqrt(2 * EARTH_RADIUS_9000_KM_M * he1) + Math.cbrt(575.7e12 / k);
  const de = distanceM < dEx ? (130e3 * distanceM) / dEx : 130e3 + distanceM - dEx;
  return climateCurve(MEDIAN, climate - 1, de);
}

/**
 * medianVariabilityDb with the parts of d_ex given: `dExHeightsM` = √(2 a₉₀₀₀ h_e1) + √(2 a₉₀₀₀ h_e2)
 * (the same for every frequency of a path) and the path's `dExFreqM` (fastPathConstants): the
 * same value, fewer roots.
 *
 * @example
 * medianVariabilityPartsDb(10000, dExHeightsM(40, 3), path.dExFreqM, 5)
 */
export function medianVariabilityPartsDb(distanceM: number, dExHeightsM: number, dExFreqM: number, climate: number): number {
  const dEx = dExHeightsM + dExFreqM;
  const de = distanceM < dEx ? (130e3 * distanceM) / dEx : 130e3 + distanceM - dEx;
  return climateCurve(MEDIAN, climate - 1, de);
}

/** √(2 a₉₀₀₀ h_e1) + √(2 a₉₀₀₀ h_e2), metres: the heights' part of d_ex (medianVariabilityPartsDb). */
export function dExHeightsM(he0: number, he1: number): number {
  return Math.sqrt(2 * EARTH_RADIUS_9000_KM_M * he0) + Math.sqrt(2 * EARTH_RADIUS_9000_KM_M * he1);
}
