/** Radio horizons of both terminals over a profile. */
export interface Horizons {
  /** Horizon elevation angle seen from the transmitter, radians (negative = below horizontal). */
  thetaTxRad: number;
  /** Horizon elevation angle seen from the receiver, radians. */
  thetaRxRad: number;
  /** Distance from the transmitter to its horizon obstacle, metres (path length when line of sight). */
  dTxM: number;
  /** Distance from the receiver to its horizon obstacle, metres. */
  dRxM: number;
}

/**
 * Finds each terminal's radio horizon: the profile point that subtends the highest elevation angle,
 * with the earth's curvature taken into account by the small-angle approximation
 * θ = (z_i − z_terminal) / x − x / (2 a_e) [Algorithm, section 6 "hzns"; TN101, 6.15].
 * If no intermediate point rises above the line to the other terminal, the horizon is the other
 * terminal itself.
 *
 * @param elevationsM      ground elevations, metres, evenly spaced, transmitter first (≥ 2)
 * @param stepM            sample spacing, metres (> 0)
 * @param txHeightM        transmitter antenna height above ground, metres
 * @param rxHeightM        receiver antenna height above ground, metres
 * @param effectiveRadiusM effective earth radius a_e, metres (≈ 8.5e6)
 * @example
 * findHorizons([0, 0, 0], 1000, 10, 10, 8.5e6).dTxM; // 2000: line of sight
 */
export function findHorizons(
  elevationsM: ArrayLike<number>,
  stepM: number,
  txHeightM: number,
  rxHeightM: number,
  effectiveRadiusM: number,
): Horizons {
  const np = elevationsM.length - 1;
  const pathM = np * stepM;
  const zTx = elevationsM[0] + txHeightM;
  const zRx = elevationsM[np] + rxHeightM;
  const twoA = 2 * effectiveRadiusM;

  // start as if the terminals see each other
  let thetaTxRad = (zRx - zTx) / pathM - pathM / twoA;
  let thetaRxRad = -(zRx - zTx) / pathM - pathM / twoA;
  let dTxM = pathM;
  let dRxM = pathM;

  // one pass: each interior point may raise either terminal's horizon
  for (let i = 1; i < np; i++) {
    const fromTx = i * stepM;
    const fromRx = pathM - fromTx;
    const z = elevationsM[i];
    const thTx = (z - zTx) / fromTx - fromTx / twoA;
    const thRx = (z - zRx) / fromRx - fromRx / twoA;
    if (thTx > thetaTxRad) {
      thetaTxRad = thTx;
      dTxM = fromTx;
    }
    if (thRx > thetaRxRad) {
      thetaRxRad = thRx;
      dRxM = fromRx;
    }
  }
  return { thetaTxRad, thetaRxRad, dTxM, dRxM };
}
