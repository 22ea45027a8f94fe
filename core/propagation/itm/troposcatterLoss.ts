import { MHZ_PER_WAVE_NUMBER } from './constants';
import { h0Function } from './h0Function';

/**
 * Attenuation function F(θd), dB, of the scatter formula [Algorithm, 6.9]:
 * a_i + b_i θd + c_i log10(θd) with three coefficient sets for θd ≤ 10 km, ≤ 70 km, beyond.
 *
 * @param thetaDistanceM θ·d, metres (> 0)
 * @example
 * attenuationFunction(9e3); // 133.4 + 0.332e-3·9e3 − 10 log10(9e3)
 */
export function attenuationFunction(thetaDistanceM: number): number {
  if (thetaDistanceM <= 10e3) return 133.4 + 0.332e-3 * thetaDistanceM - 10 * Math.log10(thetaDistanceM);
  if (thetaDistanceM <= 70e3) return 104.6 + 0.212e-3 * thetaDistanceM - 2.5 * Math.log10(thetaDistanceM);
  return 71.8 + 0.157e-3 * thetaDistanceM + 5 * Math.log10(thetaDistanceM);
}

/** Inputs of troposcatterLoss that describe the path (they do not change with d). */
export interface ScatterPath {
  freqMHz: number;
  effectiveRadiusM: number;
  /** Angular extent of the line-of-sight region θ_e, radians. */
  thetaLosRad: number;
  /** Horizon angles [tx, rx], radians. */
  thetaHorizonRad: readonly [number, number];
  /** Horizon distances [tx, rx], metres. */
  horizonDistanceM: readonly [number, number];
  /** Effective heights [tx, rx], metres. */
  effectiveHeightM: readonly [number, number];
  /** Surface refractivity N_s, N-units. */
  surfaceRefractivityN: number;
}

/**
 * Forward-scatter attenuation at distance d, dB [Algorithm, 4.53–4.67 "ascat"; TN101, 9.3–9.5]:
 * A_scat = F(θd) + 10 log10(k H θ⁴) − 0.1 (N_s − 301) e^(−θd / 40 km) + H_0, H = 47.7 m.
 *
 * H_0 is the frequency-gain term. `previousH0Db` carries Hufford's rule between the two calls at
 * d_6 and d_5: pass −1 the first time; pass the value returned in `h0Db` afterwards ("if at d_5
 * H_0 would exceed 15 dB it is replaced by its value at d_6" [Algorithm, p. 12]).
 *
 * @param distanceM     path length d, metres
 * @param path          path parameters
 * @param previousH0Db  H_0 of the previous call, dB, or −1
 * @returns loss in dB (1001 when both r_j < 0.2: scatter undefined) and the H_0 used
 * @example
 * troposcatterLoss(100e3, path, -1).lossDb;
 */
export function troposcatterLoss(
  distanceM: number,
  path: ScatterPath,
  previousH0Db: number,
): { lossDb: number; h0Db: number } {
  const k = path.freqMHz / MHZ_PER_WAVE_NUMBER;
  const [he1, he2] = path.effectiveHeightM;
  let h0Db: number;

  if (previousH0Db > 15) {
    h0Db = previousH0Db;
  } else {
    // frame of reference: the terminal with the longer horizon distance first
    let asym = path.horizonDistanceM[0] - path.horizonDistanceM[1];
    let heightRatio = he2 / he1;
    if (asym < 0) {
      asym = -asym;
      heightRatio = 1 / heightRatio;
    }
    const theta = path.thetaHorizonRad[0] + path.thetaHorizonRad[1] + distanceM / path.effectiveRadiusM;
    const r1 = 2 * k * theta * he1;
    const r2 = 2 * k * theta * he2;
    if (r1 < 0.2 && r2 < 0.2) return { lossDb: 1001, h0Db: previousH0Db };

    let s = (distanceM - asym) / (distanceM + asym);
    const q = Math.min(Math.max(0.1, heightRatio / s), 10);
    s = Math.max(0.1, s);
    // height of the crossover of the horizon rays [Algorithm, 4.66]
    const crossoverM = ((distanceM - asym) * (distanceM + asym) * theta * 0.25) / distanceM;
    const n = path.surfaceRefractivityN;
    const etaS =
      (crossoverM / 1.7556e3) *
      (1 + (0.031 - n * 2.32e-3 + n * n * 5.67e-6) * Math.exp(-(Math.min(1.7, crossoverM / 8e3) ** 6)));

    const h00 = (h0Function(r1, etaS) + h0Function(r2, etaS)) / 2;
    const deltaH0 = Math.min(h00, 6 * (0.6 - Math.log10(Math.max(etaS, 1))) * Math.log10(s) * Math.log10(q));
    h0Db = Math.max(h00 + deltaH0, 0);
    if (etaS < 1) {
      // interpolate towards the η_s = 0 limit
      const sqrt2 = Math.SQRT2;
      const limit =
        10 *
        Math.log10(((1 + sqrt2 / r1) * (1 + sqrt2 / r2)) ** 2 * ((r1 + r2) / (r1 + r2 + 2 * sqrt2)));
      h0Db = etaS * h0Db + (1 - etaS) * limit;
    }
    if (h0Db > 15 && previousH0Db >= 0) h0Db = previousH0Db;
  }

  const th = distanceM / path.effectiveRadiusM - path.thetaLosRad;
  const lossDb =
    attenuationFunction(th * distanceM) +
    10 * Math.log10(k * MHZ_PER_WAVE_NUMBER * th ** 4) -
    0.1 * (path.surfaceRefractivityN - 301) * Math.exp(-(th * distanceM) / 40e3) +
    h0Db;
  return { lossDb, h0Db };
}
