/**
 * Base-station antenna patterns: attenuation relative to the main beam, dB (≥ 0), as a function of
 * the horizontal angle off the boresight azimuth and the vertical angle below the horizon.
 *
 * The sector pattern is the 3GPP parabolic model (3GPP TR 36.814 Table A.2.1.1-2; TR 38.901
 * Table 7.3-1), written here as attenuations (positive dB):
 *   A_H(φ) = min(12 (φ/φ3dB)², A_m)
 *   A_V(θ) = min(12 ((θ − θtilt)/θ3dB)², SLA_V)
 *   A(φ, θ) = min(A_H(φ) + A_V(θ), A_m)
 * with φ the azimuth difference in (−180°, 180°], θ the elevation below the horizon (positive
 * downwards, like the downtilt).
 */

export interface SectorPattern {
  /** Horizontal half-power beamwidth φ3dB, degrees (3GPP: 65° for a 3-sector site). */
  beamwidthDeg: number;
  /** Vertical half-power beamwidth θ3dB, degrees (3GPP: 10°). */
  verticalBeamwidthDeg: number;
  /** Downtilt θtilt, degrees below the horizon. */
  downtiltDeg: number;
  /** Front-to-back ratio / maximum attenuation A_m, dB (38.901: 30; 36.814: 25). */
  maxAttenuationDb: number;
  /** Vertical side-lobe level SLA_V, dB (38.901: 30; 36.814: 20). */
  sideLobeDb: number;
}

/** Defaults from 3GPP TR 38.901 Table 7.3-1. */
export const DEFAULT_SECTOR_PATTERN: Readonly<SectorPattern> = Object.freeze({
  beamwidthDeg: 65, // 38.901 Table 7.3-1 φ3dB
  verticalBeamwidthDeg: 10, // 38.901 θ3dB (36.814: 10° for 3D evaluations)
  downtiltDeg: 0, // no tilt unless the cell says so
  maxAttenuationDb: 30, // 38.901 A_max (36.814 uses 25 dB)
  sideLobeDb: 30, // 38.901 SLA_V (36.814 uses 20 dB)
});

/**
 * Horizontal attenuation A_H, dB, at `offAxisDeg` degrees from the boresight (any real; wrapped
 * to (−180, 180]).
 *
 * @example
 * horizontalAttenuationDb(32.5, 65, 30) // 3
 */
export function horizontalAttenuationDb(offAxisDeg: number, beamwidthDeg: number, maxAttenuationDb: number): number {
  // x % 360 is x itself for |x| < 360 (−0 included): skip the floating modulo (a libm call) there
  let phi = offAxisDeg < 360 && offAxisDeg > -360 ? offAxisDeg : offAxisDeg % 360;
  if (phi > 180) phi -= 360;
  else if (phi <= -180) phi += 360;
  const r = phi / beamwidthDeg;
  const a = 12 * r * r;
  return a < maxAttenuationDb ? a : maxAttenuationDb;
}

/**
 * Vertical attenuation A_V, dB, at `belowHorizonDeg` degrees below the horizon (negative =
 * above).
 *
 * @example
 * verticalAttenuationDb(11, 10, 6, 30) // 3
 */
export function verticalAttenuationDb(
  belowHorizonDeg: number,
  verticalBeamwidthDeg: number,
  downtiltDeg: number,
  sideLobeDb: number,
): number {
  const r = (belowHorizonDeg - downtiltDeg) / verticalBeamwidthDeg;
  const a = 12 * r * r;
  return a < sideLobeDb ? a : sideLobeDb;
}

/**
 * Combined 3GPP sector attenuation, dB: min(A_H + A_V, A_m).
 *
 * @example
 * sectorAttenuationDb(0, 0, DEFAULT_SECTOR_PATTERN) // 0
 * sectorAttenuationDb(180, 0, DEFAULT_SECTOR_PATTERN) // 30 (front-to-back)
 */
export function sectorAttenuationDb(offAxisDeg: number, belowHorizonDeg: number, p: Readonly<SectorPattern>): number {
  const a =
    horizontalAttenuationDb(offAxisDeg, p.beamwidthDeg, p.maxAttenuationDb) +
    verticalAttenuationDb(belowHorizonDeg, p.verticalBeamwidthDeg, p.downtiltDeg, p.sideLobeDb);
  return a < p.maxAttenuationDb ? a : p.maxAttenuationDb;
}

/**
 * Omni antenna: no horizontal attenuation; the vertical pattern applies when a downtilt or a
 * vertical beamwidth is given (`verticalBeamwidthDeg` Infinity = isotropic).
 *
 * @example
 * omniAttenuationDb(5, Infinity, 0, 30) // 0
 */
export function omniAttenuationDb(
  belowHorizonDeg: number,
  verticalBeamwidthDeg: number,
  downtiltDeg: number,
  sideLobeDb: number,
): number {
  if (!Number.isFinite(verticalBeamwidthDeg)) return 0;
  return verticalAttenuationDb(belowHorizonDeg, verticalBeamwidthDeg, downtiltDeg, sideLobeDb);
}
