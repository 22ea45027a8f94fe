import { MHZ_PER_WAVE_NUMBER } from './constants';
import { sigmaH, terrainRoughness } from './terrainRoughness';

/**
 * Line-of-sight attenuation at distance d, dB [Algorithm, 4.43–4.52 "alos"]: a two-ray
 * (direct + ground-reflected) loss A_t, blended with the extrapolated diffraction line
 * A_d = M_d d + A_d0 by w = 1 / (1 + f Δh / max(10 km, d_Ls)).
 *
 * Reflection: sin ψ = (h_e1 + h_e2) / √(d² + (h_e1 + h_e2)²), R_e = (sin ψ − Z_g) / (sin ψ + Z_g)
 * · e^(−min(10, k σ_h(d) sin ψ)), its magnitude raised to √(sin ψ) or 0.5 when smaller; phase
 * difference δ = 2 k h_e1 h_e2 / d, folded above π/2 as δ → π − (π/2)² / δ;
 * A_t = −10 log10 |e^(−iδ) + R_e|².
 *
 * @param distanceM          path length d, metres (> 0)
 * @param effectiveHeightM   effective heights [tx, rx], metres
 * @param groundImpedanceRe  real part of Z_g
 * @param groundImpedanceIm  imaginary part of Z_g
 * @param deltaHM            terrain irregularity parameter Δh, metres
 * @param diffractionSlopeDbPerM      M_d, dB/m
 * @param diffractionInterceptDb      A_d0, dB
 * @param smoothLosDistanceM d_Ls, metres
 * @param freqMHz            frequency, MHz
 * @example
 * lineOfSightLoss(5e3, [1, 2], 0.2, 0, 10, 0.05, 0, 100e3, 47.7); // ≈ 44.454 dB (NTIA's unit test)
 */
export function lineOfSightLoss(
  distanceM: number,
  effectiveHeightM: readonly [number, number],
  groundImpedanceRe: number,
  groundImpedanceIm: number,
  deltaHM: number,
  diffractionSlopeDbPerM: number,
  diffractionInterceptDb: number,
  smoothLosDistanceM: number,
  freqMHz: number,
): number {
  const k = freqMHz / MHZ_PER_WAVE_NUMBER;
  const sigma = sigmaH(terrainRoughness(distanceM, deltaHM));
  const hSum = effectiveHeightM[0] + effectiveHeightM[1];
  const sinPsi = hSum / Math.sqrt(distanceM * distanceM + hSum * hSum);

  // R_e = (sinψ − Z) / (sinψ + Z) · roughness factor
  const nRe = sinPsi - groundImpedanceRe;
  const nIm = -groundImpedanceIm;
  const dRe = sinPsi + groundImpedanceRe;
  const dIm = groundImpedanceIm;
  const den = dRe * dRe + dIm * dIm;
  const rough = Math.exp(-Math.min(10, k * sigma * sinPsi));
  let rRe = ((nRe * dRe + nIm * dIm) / den) * rough;
  let rIm = ((nIm * dRe - nRe * dIm) / den) * rough;
  const magSquared = rRe * rRe + rIm * rIm;
  if (magSquared < 0.25 || magSquared < sinPsi) {
    const scale = Math.sqrt(sinPsi / magSquared);
    rRe *= scale;
    rIm *= scale;
  }

  let phase = (2 * k * effectiveHeightM[0] * effectiveHeightM[1]) / distanceM;
  if (phase > Math.PI / 2) phase = Math.PI - (Math.PI / 2) ** 2 / phase;
  const sRe = Math.cos(phase) + rRe;
  const sIm = -Math.sin(phase) + rIm;
  const twoRayDb = -10 * Math.log10(sRe * sRe + sIm * sIm);

  const extendedDiffractionDb = diffractionSlopeDbPerM * distanceM + diffractionInterceptDb;
  const w = 1 / (1 + (freqMHz * deltaHM) / Math.max(10e3, smoothLosDistanceM));
  return w * twoRayDb + (1 - w) * extendedDiffractionDb;
}
