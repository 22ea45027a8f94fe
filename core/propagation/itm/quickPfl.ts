import { computeDeltaH } from './computeDeltaH';
import { findHorizons } from './findHorizons';
import { linearLeastSquaresFit } from './linearLeastSquaresFit';

/** Path geometry ITM extracts from a terrain profile. */
export interface ProfileGeometry {
  /** Path length, metres. */
  distanceM: number;
  /** Horizon elevation angles [tx, rx], radians. */
  thetaHorizonRad: [number, number];
  /** Horizon distances [tx, rx], metres. */
  horizonDistanceM: [number, number];
  /** Effective antenna heights [tx, rx] above the fitted terrain, metres. */
  effectiveHeightM: [number, number];
  /** Terrain irregularity parameter Δh, metres. */
  deltaHM: number;
}

/** max(a − b, 0), C's fdim. */
function positivePart(a: number, b: number): number {
  return a > b ? a - b : 0;
}

/** Smooth-earth horizon distance shortened by terrain irregularity [Algorithm, 3.7]. */
function roughHorizonM(effectiveHeightM: number, effectiveRadiusM: number, deltaHM: number): number {
  return (
    Math.sqrt(2 * effectiveHeightM * effectiveRadiusM) *
    Math.exp(-0.07 * Math.sqrt(deltaHM / Math.max(effectiveHeightM, 5)))
  );
}

/**
 * Extracts the point-to-point path parameters from a profile [Algorithm, section 6 "qlrpfl"]:
 * horizons (findHorizons), Δh over the part of the path away from the antennas (from
 * min(15 h, 0.1 d_L) of each end; [Hufford 1982, p. 25]), and effective heights above a
 * least-squares fit of the foreground terrain. On line-of-sight paths (d_Ltx + d_Lrx > 1.5 d) the
 * horizon distances and angles are replaced by the smooth-earth values for the effective heights
 * [Algorithm, 3.7–3.8], the heights being scaled up when those horizons fall short of the path.
 *
 * @param elevationsM      ground elevations, metres, evenly spaced, transmitter first (≥ 2)
 * @param stepM            sample spacing, metres (> 0)
 * @param txHeightM        transmitter antenna height above ground, metres
 * @param rxHeightM        receiver antenna height above ground, metres
 * @param effectiveRadiusM effective earth radius a_e = 1/γ_e, metres
 * @example
 * quickPfl([0, 0, 0, 0, 0], 500, 10, 2, 8.5e6).effectiveHeightM; // [10, 2]
 */
export function quickPfl(
  elevationsM: ArrayLike<number>,
  stepM: number,
  txHeightM: number,
  rxHeightM: number,
  effectiveRadiusM: number,
): ProfileGeometry {
  const np = elevationsM.length - 1;
  const distanceM = np * stepM;
  const hz = findHorizons(elevationsM, stepM, txHeightM, rxHeightM, effectiveRadiusM);
  const theta: [number, number] = [hz.thetaTxRad, hz.thetaRxRad];
  const dHorizon: [number, number] = [hz.dTxM, hz.dRxM];

  const startM = Math.min(15 * txHeightM, 0.1 * dHorizon[0]);
  const endM = distanceM - Math.min(15 * rxHeightM, 0.1 * dHorizon[1]);
  const deltaHM = computeDeltaH(elevationsM, stepM, startM, endM);
  const zTx = elevationsM[0];
  const zRx = elevationsM[np];
  const he: [number, number] = [0, 0];

  if (dHorizon[0] + dHorizon[1] > 1.5 * distanceM) {
    // well within line of sight: one fit over the whole middle of the path
    const [fitTx, fitRx] = linearLeastSquaresFit(elevationsM, stepM, startM, endM);
    he[0] = txHeightM + positivePart(zTx, fitTx);
    he[1] = rxHeightM + positivePart(zRx, fitRx);
    for (let k = 0; k < 2; k++) dHorizon[k] = roughHorizonM(he[k], effectiveRadiusM, deltaHM);

    const sum = dHorizon[0] + dHorizon[1];
    if (sum <= distanceM) {
      // horizons would not reach each other: raise the effective heights until they do
      const scale = (distanceM / sum) ** 2;
      for (let k = 0; k < 2; k++) {
        he[k] *= scale;
        dHorizon[k] = roughHorizonM(he[k], effectiveRadiusM, deltaHM);
      }
    }
    for (let k = 0; k < 2; k++) {
      const smooth = Math.sqrt(2 * he[k] * effectiveRadiusM);
      theta[k] = (0.65 * deltaHM * (smooth / dHorizon[k] - 1) - 2 * he[k]) / smooth;
    }
  } else {
    // trans-horizon: each terminal's foreground, up to 90 % of its horizon distance
    const [fitTx] = linearLeastSquaresFit(elevationsM, stepM, startM, 0.9 * dHorizon[0]);
    he[0] = txHeightM + positivePart(zTx, fitTx);
    const [, fitRx] = linearLeastSquaresFit(elevationsM, stepM, distanceM - 0.9 * dHorizon[1], endM);
    he[1] = rxHeightM + positivePart(zRx, fitRx);
  }
  return { distanceM, thetaHorizonRad: theta, horizonDistanceM: dHorizon, effectiveHeightM: he, deltaHM };
}
