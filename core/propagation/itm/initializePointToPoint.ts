import { ACTUAL_EARTH_CURVATURE_PER_M, Polarization } from './constants';

/** Ground and atmosphere parameters derived once per path. */
export interface PointToPointSetup {
  /** Surface refractivity N_s at the path's mean elevation, N-units. */
  surfaceRefractivityN: number;
  /** Curvature of the effective earth γ_e, 1/m (the effective radius is 1/γ_e). */
  effectiveCurvaturePerM: number;
  /** Real part of the complex surface transfer impedance Z_g (dimensionless). */
  groundImpedanceRe: number;
  /** Imaginary part of Z_g. */
  groundImpedanceIm: number;
}

/**
 * Mean ground elevation of a profile, ignoring the first and last 10 % of its intervals, metres:
 * the "h_s" that scales the sea-level refractivity in point-to-point mode.
 *
 * @param elevationsM ground elevations, metres, evenly spaced, at least 2
 * @example
 * meanPathElevation([0, 10, 20]); // 10
 */
export function meanPathElevation(elevationsM: ArrayLike<number>): number {
  const intervals = elevationsM.length - 1;
  const skip = Math.trunc(0.1 * intervals);
  let sum = 0;
  for (let i = skip; i <= intervals - skip; i++) sum += elevationsM[i];
  return sum / (intervals - 2 * skip + 1);
}

/**
 * Point-to-point preparation [Algorithm, section 3 "qlrps"]:
 *  - N_s = N_0 · e^(−h_s / 9460 m)                      [TN101, 4.3]
 *  - γ_e = γ_a (1 − 0.04665 e^(N_s / 179.3)), γ_a = 157e-9 /m   [TN101, 4.4]
 *  - ε_r' = ε_r + i · 18000 σ / f                   (σ in S/m, f in MHz; 18000 ≈ 1/(2π ε_0) / 1e6)
 *  - Z_g = √(ε_r' − 1) for horizontal polarization, √(ε_r' − 1) / ε_r' for vertical [Algorithm, 3.4].
 *
 * @param freqMHz           carrier frequency, MHz (20–20 000)
 * @param meanElevationM    mean path elevation above sea level h_s, metres (see meanPathElevation)
 * @param refractivityN     sea-level surface refractivity N_0, N-units (250–400)
 * @param polarization      0 horizontal, 1 vertical
 * @param relPermittivity   relative permittivity of the ground ε_r (≥ 1)
 * @param conductivitySPerM ground conductivity σ, S/m (> 0)
 * @example
 * initializePointToPoint(3500, 0, 301, 1, 15, 0.005).surfaceRefractivityN; // 301
 */
export function initializePointToPoint(
  freqMHz: number,
  meanElevationM: number,
  refractivityN: number,
  polarization: number,
  relPermittivity: number,
  conductivitySPerM: number,
): PointToPointSetup {
  const surfaceRefractivityN =
    meanElevationM === 0 ? refractivityN : refractivityN * Math.exp(-meanElevationM / 9460);
  const effectiveCurvaturePerM =
    ACTUAL_EARTH_CURVATURE_PER_M * (1 - 0.04665 * Math.exp(surfaceRefractivityN / 179.3));

  // complex relative permittivity ε' = a + ib
  const a = relPermittivity;
  const b = (18000 * conductivitySPerM) / freqMHz;
  // principal square root of (ε' − 1)
  const re1 = a - 1;
  const modulus = Math.hypot(re1, b);
  let zRe = Math.sqrt((modulus + re1) / 2);
  let zIm = Math.sign(b) * Math.sqrt((modulus - re1) / 2);
  if (polarization === Polarization.vertical) {
    // divide by ε'
    const d = a * a + b * b;
    const re = (zRe * a + zIm * b) / d;
    const im = (zIm * a - zRe * b) / d;
    zRe = re;
    zIm = im;
  }
  return { surfaceRefractivityN, effectiveCurvaturePerM, groundImpedanceRe: zRe, groundImpedanceIm: zIm };
}
