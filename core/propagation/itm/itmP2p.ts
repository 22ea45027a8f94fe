import { ItmWarning, PROPAGATION_MODE_NAMES, Polarization, type PropagationMode } from './constants';
import { freeSpaceLoss } from './freeSpaceLoss';
import { initializePointToPoint, meanPathElevation, type PointToPointSetup } from './initializePointToPoint';
import { longleyRice, type LongleyRiceInput } from './longleyRice';
import type { ItmOptions } from './options';
import { quickPfl, type ProfileGeometry } from './quickPfl';
import { variability } from './variability';

/** Geometry of one point-to-point prediction. */
export interface ItmP2pGeometry {
  /** Ground elevations, metres above sea level, evenly spaced, transmitter first (≥ 2). */
  elevationsM: ArrayLike<number>;
  /** Sample spacing, metres. */
  stepM: number;
  /** Antenna heights above ground, metres (ITM: 0.5–3000). */
  txHeightM: number;
  rxHeightM: number;
  /** Frequency, MHz (ITM: 20–20 000). */
  freqMHz: number;
}

/** ITM's result with the intermediate values (NTIA's IntermediateValues, plus a few more). */
export interface ItmP2pResult {
  /** Basic transmission loss at the requested quantiles = free space + attenuation, dB (ITM's A__db). */
  lossDb: number;
  /** Free-space loss over the path, dB. */
  freeSpaceLossDb: number;
  /** Reference (median, before variability) attenuation relative to free space, dB. */
  referenceAttenuationDb: number;
  /** Attenuation after variability, dB (lossDb − freeSpaceLossDb). */
  attenuationDb: number;
  /** 1 line of sight, 2 diffraction, 3 troposcatter. */
  mode: PropagationMode;
  /** 'line of sight' | 'diffraction' | 'troposcatter'. */
  modeName: string;
  /** Path length, metres. */
  distanceM: number;
  /** Horizon elevation angles [tx, rx], radians. */
  thetaHorizonRad: [number, number];
  /** Horizon distances [tx, rx], metres. */
  horizonDistanceM: [number, number];
  /** Effective antenna heights [tx, rx], metres. */
  effectiveHeightM: [number, number];
  /** Terrain irregularity parameter Δh, metres. */
  deltaHM: number;
  /** Surface refractivity at the path's mean elevation, N-units. */
  surfaceRefractivityN: number;
  /** Effective earth radius, metres. */
  effectiveRadiusM: number;
  /** Smooth-earth line-of-sight distance, metres. */
  smoothLosDistanceM: number;
  /** ItmWarning bit flags, as NTIA's `warnings`. */
  warningFlags: number;
}

/**
 * The ITS Irregular Terrain Model in point-to-point mode with time/location/situation variability,
 * as NTIA's ITM_P2P_TLS_Ex [Algorithm, sections 3–5]: mean path elevation → N_s, γ_e, Z_g
 * (initializePointToPoint) → horizons, Δh, effective heights (quickPfl) → reference attenuation
 * (longleyRice) → quantiles (variability) + free-space loss.
 *
 * Inputs are assumed valid (see validate.ts); impossible refractivity, earth radius or ground
 * impedance throws InputError. Angles in radians, lengths in metres.
 *
 * @example
 * const r = itmP2p({ elevationsM: new Float64Array(101), stepM: 100, txHeightM: 30, rxHeightM: 1.5,
 *   freqMHz: 900 }, ITM_DEFAULTS);
 * r.modeName; // 'line of sight'
 */
export function itmP2p(geometry: ItmP2pGeometry, options: Readonly<ItmOptions>): ItmP2pResult {
  const { elevationsM, stepM, txHeightM, rxHeightM, freqMHz } = geometry;
  let flags = 0;
  if (txHeightM < 1 || txHeightM > 1000) flags |= ItmWarning.txTerminalHeight;
  if (rxHeightM < 1 || rxHeightM > 1000) flags |= ItmWarning.rxTerminalHeight;
  if (freqMHz < 40 || freqMHz > 10000) flags |= ItmWarning.frequency;

  const setup = initializePointToPoint(
    freqMHz,
    meanPathElevation(elevationsM),
    options.refractivityN,
    options.polarization === 'vertical' ? Polarization.vertical : Polarization.horizontal,
    options.relPermittivity,
    options.conductivitySPerM,
  );
  const effectiveRadiusM = 1 / setup.effectiveCurvaturePerM;
  const geo = quickPfl(elevationsM, stepM, txHeightM, rxHeightM, effectiveRadiusM);

  const ref = longleyRice(longleyRiceInput(geometry, setup, geo));
  flags |= ref.warningFlags;

  const varied = variability({
    timePct: options.timePct,
    locationPct: options.locationPct,
    situationPct: options.situationPct,
    effectiveHeightM: geo.effectiveHeightM,
    deltaHM: geo.deltaHM,
    freqMHz,
    distanceM: geo.distanceM,
    referenceAttenuationDb: ref.referenceAttenuationDb,
    climate: options.climate,
    mdvar: options.mdvar,
  });
  flags |= varied.warningFlags;

  const freeSpaceLossDb = freeSpaceLoss(geo.distanceM, freqMHz);
  return {
    lossDb: freeSpaceLossDb + varied.attenuationDb,
    freeSpaceLossDb,
    referenceAttenuationDb: ref.referenceAttenuationDb,
    attenuationDb: varied.attenuationDb,
    mode: ref.mode,
    modeName: PROPAGATION_MODE_NAMES[ref.mode],
    distanceM: geo.distanceM,
    thetaHorizonRad: geo.thetaHorizonRad,
    horizonDistanceM: geo.horizonDistanceM,
    effectiveHeightM: geo.effectiveHeightM,
    deltaHM: geo.deltaHM,
    surfaceRefractivityN: setup.surfaceRefractivityN,
    effectiveRadiusM,
    smoothLosDistanceM: ref.smoothLosDistanceM,
    warningFlags: flags,
  };
}

/**
 * The reference attenuation's inputs of a path: its frequency and antenna heights, the ground and
 * atmosphere of initializePointToPoint and the profile geometry of quickPfl (itmP2p's step 3).
 *
 * @example
 * longleyRice(longleyRiceInput(geometry, setup, quickPfl(z, stepM, 30, 1.5, 1 / setup.effectiveCurvaturePerM)))
 */
export function longleyRiceInput(
  geometry: Pick<ItmP2pGeometry, 'freqMHz' | 'txHeightM' | 'rxHeightM'>, setup: PointToPointSetup, geo: ProfileGeometry,
): LongleyRiceInput {
  return {
    freqMHz: geometry.freqMHz,
    thetaHorizonRad: geo.thetaHorizonRad,
    horizonDistanceM: geo.horizonDistanceM,
    effectiveHeightM: geo.effectiveHeightM,
    heightM: [geometry.txHeightM, geometry.rxHeightM],
    effectiveCurvaturePerM: setup.effectiveCurvaturePerM,
    surfaceRefractivityN: setup.surfaceRefractivityN,
    groundImpedanceRe: setup.groundImpedanceRe,
    groundImpedanceIm: setup.groundImpedanceIm,
    deltaHM: geo.deltaHM,
    distanceM: geo.distanceM,
  };
}
