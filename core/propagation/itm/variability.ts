import { EARTH_RADIUS_9000_KM_M, ItmWarning, MHZ_PER_WAVE_NUMBER, VariabilityMode } from './constants';
import { qerfi } from './qerfi';
import { terrainRoughness } from './terrainRoughness';

/*
 * Climate curve coefficients, one column per radio climate 1…7 [Algorithm, Table 5.1;
 * TN101 vol. 2, III.69–III.70 fitted to TN101 Fig. 10.13]. Distances in metres.
 */
/** Median V(0.5, d_e): c1, c2, x1, x2, x3 per climate. */
export const MEDIAN = [
  [-9.67, -0.62, 1.26, -9.21, -0.62, -0.39, 3.15],
  [12.7, 9.19, 15.5, 9.05, 9.19, 2.86, 857.9],
  [144.9e3, 228.9e3, 262.6e3, 84.1e3, 228.9e3, 141.7e3, 2222e3],
  [190.3e3, 205.2e3, 185.2e3, 101.1e3, 205.2e3, 315.9e3, 164.8e3],
  [133.8e3, 143.6e3, 99.8e3, 98.6e3, 143.6e3, 167.4e3, 116.3e3],
];
/** σ_T− (lower deciles of time variability). */
const SIGMA_T_MINUS = [
  [2.13, 2.66, 6.11, 1.98, 2.68, 6.86, 8.51],
  [159.5, 7.67, 6.65, 13.11, 7.16, 10.38, 169.8],
  [762.2e3, 100.4e3, 138.2e3, 139.1e3, 93.7e3, 187.8e3, 609.8e3],
  [123.6e3, 172.5e3, 242.2e3, 132.7e3, 186.8e3, 169.6e3, 119.9e3],
  [94.5e3, 136.4e3, 178.6e3, 193.5e3, 133.5e3, 108.9e3, 106.6e3],
];
/** σ_T+ (upper deciles of time variability). */
const SIGMA_T_PLUS = [
  [2.11, 6.87, 10.08, 3.68, 4.75, 8.58, 8.43],
  [102.3, 15.53, 9.6, 159.3, 8.12, 13.97, 8.19],
  [636.9e3, 138.7e3, 165.3e3, 464.4e3, 93.2e3, 216.0e3, 136.2e3],
  [134.8e3, 143.7e3, 225.7e3, 93.1e3, 135.9e3, 152.0e3, 188.5e3],
  [95.6e3, 98.6e3, 129.7e3, 94.2e3, 113.4e3, 122.7e3, 122.9e3],
];
/** Ducting tail: C_D and z_D [Algorithm, Table 5.1]. */
const C_D = [1.224, 0.801, 1.38, 1.0, 1.224, 1.518, 1.518];
const Z_D = [1.282, 2.161, 1.282, 20.0, 1.282, 1.282, 1.282];
/** Frequency factors g−(f), g+(f): b1 + b2 / ((b3 ln(0.133 k))² + 1). */
const G_MINUS = [
  [1.0, 1.0, 1.0, 1.0, 0.92, 1.0, 1.0],
  [0.0, 0.0, 0.0, 0.0, 0.25, 0.0, 0.0],
  [0.0, 0.0, 0.0, 0.0, 1.77, 0.0, 0.0],
];
const G_PLUS = [
  [1.0, 0.93, 1.0, 0.93, 0.93, 1.0, 1.0],
  [0.0, 0.31, 0.0, 0.19, 0.31, 0.0, 0.0],
  [0.0, 2.0, 0.0, 1.79, 2.0, 0.0, 0.0],
];

/** The curve (c1 + c2 / (1 + ((d − x2) / x3)²)) · (d/x1)² / (1 + (d/x1)²) [TN101 vol. 2, III.69]. */
export function climateCurve(table: readonly number[][], c: number, deM: number): number {
  const r = (deM / table[2][c]) ** 2;
  return (table[0][c] + table[1][c] / (1 + ((deM - table[3][c]) / table[4][c]) ** 2)) * (r / (1 + r));
}

/** Inputs of the variability step. Percentages are 0 < p < 100. */
export interface VariabilityInput {
  timePct: number;
  locationPct: number;
  situationPct: number;
  /** Effective heights [tx, rx], metres. */
  effectiveHeightM: readonly [number, number];
  deltaHM: number;
  freqMHz: number;
  distanceM: number;
  /** Reference attenuation A_ref, dB. */
  referenceAttenuationDb: number;
  /** Radio climate 1…7. */
  climate: number;
  /** Mode of variability (0–3, +10, +20). */
  mdvar: number;
}

/**
 * Attenuation relative to free space at the requested time, location and situation quantiles, dB
 * [Algorithm, section 5 "avar"]: A = A_ref − V_med − Y_R − Y_S, with the soft floor
 * A ← A (29 − A) / (29 − 10 A) when negative [Algorithm, 5.12].
 *
 * Effective distance d_e = 130 km · d / d_ex below d_ex = √(2 a_9000 h_e1) + √(2 a_9000 h_e2) +
 * (575.7e12 / k)^⅓, 130 km + d − d_ex beyond [Algorithm, 5.3]. σ_L = 10 k Δh(d) / (k Δh(d) + 13)
 * [Algorithm, 5.9]; σ_S = 5 + 3 e^(−d_e / 100 km) [Algorithm, 5.10]; time spreads from the climate
 * curves with the ducting tail above z_D.
 *
 * @returns the attenuation in dB and ItmWarning flags (extreme quantiles beyond |z| = 3.1)
 * @example
 * variability({ ...path, timePct: 50, locationPct: 50, situationPct: 50, climate: 5, mdvar: 12 });
 */
export function variability(input: VariabilityInput): { attenuationDb: number; warningFlags: number } {
  let zT = qerfi(input.timePct / 100);
  let zL = qerfi(input.locationPct / 100);
  const zS = qerfi(input.situationPct / 100);
  const c = input.climate - 1;
  const k = input.freqMHz / MHZ_PER_WAVE_NUMBER;
  const [he1, he2] = input.effectiveHeightM;
  const d = input.distanceM;

  const dExM =
    Math.sqrt(2 * EARTH_RADIUS_9000_KM_M * he1) +
    Math.sqrt(2 * EARTH_RADIUS_9000_KM_M * he2) +
    Math.cbrt(575.7e12 / k);
  const deM = d < dExM ? (130e3 * d) / dExM : 130e3 + d - dExM;

  let mode = input.mdvar;
  const noSituation = mode >= 20;
  if (noSituation) mode -= 20;
  const noLocation = mode >= 10;
  if (noLocation) mode -= 10;

  const sigmaS = noSituation ? 0 : 5 + 3 * Math.exp(-deM / 100e3);
  const vMedDb = climateCurve(MEDIAN, c, deM);

  // the modes tie quantiles together
  if (mode === VariabilityMode.singleMessage) {
    zT = zS;
    zL = zS;
  } else if (mode === VariabilityMode.accidental) {
    zL = zS;
  } else if (mode === VariabilityMode.mobile) {
    zL = zT;
  }
  let flags = 0;
  if (Math.abs(zT) > 3.1 || Math.abs(zL) > 3.1 || Math.abs(zS) > 3.1) flags |= ItmWarning.extremeVariabilities;

  const sigmaL = noLocation
    ? 0
    : (10 * k * terrainRoughness(d, input.deltaHM)) / (k * terrainRoughness(d, input.deltaHM) + 13);
  const yL = sigmaL * zL;

  const lnK = Math.log(0.133 * k);
  const gMinus = G_MINUS[0][c] + G_MINUS[1][c] / ((G_MINUS[2][c] * lnK) ** 2 + 1);
  const gPlus = G_PLUS[0][c] + G_PLUS[1][c] / ((G_PLUS[2][c] * lnK) ** 2 + 1);
  const sigmaTMinus = climateCurve(SIGMA_T_MINUS, c, deM) * gMinus;
  const sigmaTPlus = climateCurve(SIGMA_T_PLUS, c, deM) * gPlus;
  const sigmaTD = C_D[c] * sigmaTPlus;
  const tail = (sigmaTPlus - sigmaTD) * Z_D[c];
  const sigmaT = zT < 0 ? sigmaTMinus : zT <= Z_D[c] ? sigmaTPlus : sigmaTD + tail / zT;
  const yT = sigmaT * zT;

  const zS2 = zS * zS;
  const situationVar = sigmaS * sigmaS + (yT * yT) / (7.8 + zS2) + (yL * yL) / (24 + zS2);
  let yR: number;
  let yS: number;
  if (mode === VariabilityMode.singleMessage) {
    yR = 0;
    yS = Math.sqrt(sigmaT * sigmaT + sigmaL * sigmaL + situationVar) * zS;
  } else if (mode === VariabilityMode.accidental) {
    yR = yT;
    yS = Math.sqrt(sigmaL * sigmaL + situationVar) * zS;
  } else if (mode === VariabilityMode.mobile) {
    yR = Math.sqrt(sigmaT * sigmaT + sigmaL * sigmaL) * zT;
    yS = Math.sqrt(situationVar) * zS;
  } else {
    yR = yT + yL;
    yS = Math.sqrt(situationVar) * zS;
  }

  let a = input.referenceAttenuationDb - vMedDb - yR - yS;
  if (a < 0) a = (a * (29 - a)) / (29 - 10 * a);
  return { attenuationDb: a, warningFlags: flags };
}
