import { InputError } from '../../errors';
import { ItmWarning, PropagationMode } from './constants';
import { diffractionLoss, type DiffractionPath } from './diffractionLoss';
import { lineOfSightLoss } from './lineOfSightLoss';
import { troposcatterLoss, type ScatterPath } from './troposcatterLoss';

/** Everything the reference attenuation depends on (SI units, angles in radians). */
export interface LongleyRiceInput {
  freqMHz: number;
  /** Horizon angles [tx, rx], radians. */
  thetaHorizonRad: readonly [number, number];
  /** Horizon distances [tx, rx], metres. */
  horizonDistanceM: readonly [number, number];
  /** Effective heights [tx, rx], metres. */
  effectiveHeightM: readonly [number, number];
  /** Structural antenna heights [tx, rx], metres. */
  heightM: readonly [number, number];
  /** Effective earth curvature γ_e, 1/m. */
  effectiveCurvaturePerM: number;
  /** Surface refractivity N_s, N-units. */
  surfaceRefractivityN: number;
  /** Surface transfer impedance Z_g (real, imaginary). */
  groundImpedanceRe: number;
  groundImpedanceIm: number;
  /** Terrain irregularity parameter Δh, metres. */
  deltaHM: number;
  /** Path length, metres. */
  distanceM: number;
}

export interface LongleyRiceResult {
  /** Reference attenuation A_ref (median loss relative to free space, before variability), dB (≥ 0). */
  referenceAttenuationDb: number;
  /** Which of the three regions the path falls in. */
  mode: PropagationMode;
  /** ItmWarning bit flags raised here (horizon geometry, path length, refractivity). */
  warningFlags: number;
  /** Diffraction line: slope M_d (dB/m) and intercept A_d0 (dB). */
  diffractionSlopeDbPerM: number;
  diffractionInterceptDb: number;
  /** Smooth-earth line-of-sight distance d_Ls, metres. */
  smoothLosDistanceM: number;
}

/**
 * The Longley–Rice reference attenuation [Algorithm, section 4 "lrprop"; ERL 79, 3.16–3.21]:
 *  1. the diffraction line through A_d at two distances d_3, d_4 well beyond the horizons;
 *  2. d < d_Ls: line of sight — A_ref = A_0 + k_1 d + k_2 ln d fitted through the two-ray loss at
 *     d_0, d_1 and the diffraction line at d_Ls;
 *  3. otherwise the lesser slope region wins: diffraction line up to the distance d_x where the
 *     troposcatter line (through A_scat at d_L + 200 km and d_L + 400 km) takes over.
 *
 * Throws InputError when N_s is outside 150–400 N-units, the effective earth radius is outside
 * 4 000–13 333 km, or the ground impedance has Re Z_g ≤ |Im Z_g| (ITM's error returns).
 *
 * @example
 * longleyRice({ freqMHz: 3500, thetaHorizonRad: [-1.9, -0.8], ... }).referenceAttenuationDb;
 */
export function longleyRice(input: LongleyRiceInput): LongleyRiceResult {
  const { freqMHz, thetaHorizonRad, horizonDistanceM, effectiveHeightM, distanceM } = input;
  const radiusM = 1 / input.effectiveCurvaturePerM;
  const smoothHorizon0 = Math.sqrt(2 * effectiveHeightM[0] * radiusM);
  const smoothHorizon1 = Math.sqrt(2 * effectiveHeightM[1] * radiusM);
  const smoothLosDistanceM = smoothHorizon0 + smoothHorizon1;
  const losDistanceM = horizonDistanceM[0] + horizonDistanceM[1];
  const thetaLosRad = -Math.max(thetaHorizonRad[0] + thetaHorizonRad[1], -losDistanceM / radiusM);

  let flags = 0;
  if (Math.abs(thetaHorizonRad[0]) > 200e-3) flags |= ItmWarning.txHorizonAngle;
  if (Math.abs(thetaHorizonRad[1]) > 200e-3) flags |= ItmWarning.rxHorizonAngle;
  if (horizonDistanceM[0] < 0.1 * smoothHorizon0) flags |= ItmWarning.txHorizonDistance1;
  if (horizonDistanceM[1] < 0.1 * smoothHorizon1) flags |= ItmWarning.rxHorizonDistance1;
  if (horizonDistanceM[0] > 3 * smoothHorizon0) flags |= ItmWarning.txHorizonDistance2;
  if (horizonDistanceM[1] > 3 * smoothHorizon1) flags |= ItmWarning.rxHorizonDistance2;

  const ns = input.surfaceRefractivityN;
  if (!(ns >= 150 && ns <= 400)) {
    throw new InputError(
      `itm: surface refractivity at the path's mean elevation is ${ns.toFixed(1)} N-units, outside ITM's 150–400; check refractivityN and the profile's elevations (metres above sea level)`,
    );
  }
  if (ns < 250) flags |= ItmWarning.surfaceRefractivity;
  if (!(radiusM >= 4_000_000 && radiusM <= 13_333_333)) {
    throw new InputError(
      `itm: effective earth radius ${(radiusM / 1000).toFixed(0)} km is outside ITM's 4000–13333 km`,
    );
  }
  if (input.groundImpedanceRe <= Math.abs(input.groundImpedanceIm)) {
    throw new InputError(
      'itm: ground constants give a surface impedance with Re(Z_g) <= |Im(Z_g)|, which ITM cannot use; check relPermittivity and conductivitySPerM',
    );
  }

  const path: DiffractionPath & ScatterPath = {
    freqMHz,
    effectiveRadiusM: radiusM,
    thetaLosRad,
    thetaHorizonRad,
    horizonDistanceM,
    effectiveHeightM,
    heightM: input.heightM,
    groundImpedanceAbs: Math.hypot(input.groundImpedanceRe, input.groundImpedanceIm),
    deltaHM: input.deltaHM,
    smoothLosDistanceM,
    surfaceRefractivityN: ns,
  };

  // 1. diffraction line from two distances far into the diffraction region
  const scaleM = Math.cbrt((radiusM * radiusM) / freqMHz);
  const d3 = Math.max(smoothLosDistanceM, losDistanceM + 5 * scaleM);
  const d4 = d3 + 10 * scaleM;
  const a3 = diffractionLoss(d3, path);
  const a4 = diffractionLoss(d4, path);
  const slopeD = (a4 - a3) / (d4 - d3);
  const interceptD = a3 - slopeD * d3;

  const minDistanceM = Math.abs(effectiveHeightM[0] - effectiveHeightM[1]) / 200e-3;
  if (distanceM < minDistanceM) flags |= ItmWarning.pathDistanceTooSmall1;
  if (distanceM < 1e3) flags |= ItmWarning.pathDistanceTooSmall2;
  if (distanceM > 1000e3) flags |= ItmWarning.pathDistanceTooBig1;
  if (distanceM > 2000e3) flags |= ItmWarning.pathDistanceTooBig2;

  let referenceDb: number;
  let mode: PropagationMode;
  if (distanceM < smoothLosDistanceM) {
    referenceDb = lineOfSightReference(distanceM, input, slopeD, interceptD, smoothLosDistanceM, losDistanceM);
    mode = PropagationMode.lineOfSight;
  } else {
    // 3. troposcatter line from two distances far into the scatter region
    const d5 = losDistanceM + 200e3;
    const d6 = losDistanceM + 400e3;
    const at6 = troposcatterLoss(d6, path, -1);
    const a6 = at6.lossDb;
    const a5 = troposcatterLoss(d5, path, at6.h0Db).lossDb;
    let slopeS: number;
    let interceptS: number;
    let transitionM: number;
    if (a5 < 1000) {
      slopeS = (a6 - a5) / 200e3;
      transitionM = Math.max(
        smoothLosDistanceM,
        losDistanceM + 1.088 * scaleM * Math.log(freqMHz),
        (a5 - interceptD - slopeS * d5) / (slopeD - slopeS),
      );
      interceptS = (slopeD - slopeS) * transitionM + interceptD;
    } else {
      // scatter undefined: keep the diffraction line everywhere
      slopeS = slopeD;
      interceptS = interceptD;
      transitionM = 10e6;
    }
    if (distanceM > transitionM) {
      referenceDb = slopeS * distanceM + interceptS;
      mode = PropagationMode.troposcatter;
    } else {
      referenceDb = slopeD * distanceM + interceptD;
      mode = PropagationMode.diffraction;
    }
  }

  return {
    referenceAttenuationDb: Math.max(referenceDb, 0),
    mode,
    warningFlags: flags,
    diffractionSlopeDbPerM: slopeD,
    diffractionInterceptDb: interceptD,
    smoothLosDistanceM,
  };
}

/** 2. The line-of-sight curve A_0 + k_1 d + k_2 ln d [ERL 79, 3.16–3.21]. */
function lineOfSightReference(
  distanceM: number,
  input: LongleyRiceInput,
  slopeD: number,
  interceptD: number,
  smoothLosDistanceM: number,
  losDistanceM: number,
): number {
  const he = input.effectiveHeightM;
  const alos = (d: number): number =>
    lineOfSightLoss(
      d,
      he,
      input.groundImpedanceRe,
      input.groundImpedanceIm,
      input.deltaHM,
      slopeD,
      interceptD,
      smoothLosDistanceM,
      input.freqMHz,
    );
  const aSmoothLos = smoothLosDistanceM * slopeD + interceptD;

  let d0 = 0.04 * input.freqMHz * he[0] * he[1];
  let d1: number;
  if (interceptD >= 0) {
    d0 = Math.min(d0, 0.5 * losDistanceM);
    d1 = d0 + 0.25 * (losDistanceM - d0);
  } else {
    d1 = Math.max(-interceptD / slopeD, 0.25 * losDistanceM);
  }
  const a1 = alos(d1);

  let useLog = false;
  let k1 = 0;
  let k2 = 0;
  if (d0 < d1) {
    const a0 = alos(d0);
    const q = Math.log(smoothLosDistanceM / d0);
    k2 = Math.max(
      0,
      ((smoothLosDistanceM - d0) * (a1 - a0) - (d1 - d0) * (aSmoothLos - a0)) /
        ((smoothLosDistanceM - d0) * Math.log(d1 / d0) - (d1 - d0) * q),
    );
    useLog = interceptD > 0 || k2 > 0;
    if (useLog) {
      k1 = (aSmoothLos - a0 - k2 * q) / (smoothLosDistanceM - d0);
      if (k1 < 0) {
        k1 = 0;
        k2 = Math.max(aSmoothLos - a0, 0) / q;
        if (k2 === 0) k1 = slopeD;
      }
    }
  }
  if (!useLog) {
    k1 = Math.max(aSmoothLos - a1, 0) / (smoothLosDistanceM - d1);
    k2 = 0;
    if (k1 === 0) k1 = slopeD;
  }
  const a0Line = aSmoothLos - k1 * smoothLosDistanceM - k2 * Math.log(smoothLosDistanceM);
  return a0Line + k1 * distanceM + k2 * Math.log(distanceM);
}
