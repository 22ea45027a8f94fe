/**
 * Terrain profiles along great-circle paths, Earth curvature, line of sight and Fresnel zones.
 *
 * A profile is the `TerrainProfile` of the path-loss contract (core/propagation/types.ts):
 * evenly spaced ground elevations, transmitter first, plus the path length.
 */
import { InputError } from '../errors';
import { EARTH_MEAN_RADIUS_M, haversineDistanceM, ITU_EARTH_RADIUS_M } from '../geo/geodesy';
import type { DemGrid } from '../model/types';
import type { TerrainProfile } from '../propagation/types';
import { sampleBilinear } from './sample';


const RAD = Math.PI / 180;

export interface Profile extends TerrainProfile {
  /** Distance between consecutive samples, metres. */
  stepM: number;
  /** Ground elevation at each sample, metres above sea level; NaN outside the DEM or in voids. */
  elevationsM: Float64Array;
  /** Great-circle path length, metres = (elevationsM.length - 1) * stepM. */
  distanceM: number;
}

export interface ProfileOptions {
  /**
   * Sample spacing target, metres; the actual step is distanceM / ceil(distanceM / stepM).
   * Default: the DEM cell size in metres at the path's mean latitude (the smaller of the
   * east-west and north-south extents), so no cell is stepped over.
   */
  stepM?: number;
  /** Upper bound on the number of samples, a guard against a tiny step on a long path. Default 100,000. */
  maxSamples?: number;
}

/**
 * Elevation profile from `from` to `to` ([lon, lat] degrees) along the great circle, sampled
 * bilinearly in `dem` at about the DEM's resolution. Both ends are samples. Samples outside the
 * DEM or next to a void are NaN.
 *
 * @example
 * const p = terrainProfile(dem, [106.25, 22.66], [106.30, 22.70]);
 * p.elevationsM.length // ≈ distance / cell size + 1
 */
export function terrainProfile(
  dem: DemGrid,
  from: readonly number[],
  to: readonly number[],
  options: ProfileOptions = {},
): Profile {
  for (const [name, p] of [['from', from], ['to', to]] as const) {
    if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[1]) > 90) {
      throw new InputError(`terrainProfile: ${name} must be [lon, lat] in degrees with |lat| <= 90, got ${JSON.stringify(p)}`, name);
    }
  }
  const distanceM = haversineDistanceM(from, to);
  if (distanceM === 0) {
    throw new InputError('terrainProfile: from and to are the same point; a profile needs two distinct ends', 'to');
  }
  const maxSamples = options.maxSamples ?? 100000;
  let targetM = options.stepM;
  if (targetM === undefined) {
    const t = dem.transform;
    const meanLat = ((from[1] + to[1]) / 2) * RAD;
    const cellEwM = Math.abs(t[1]) * RAD * EARTH_MEAN_RADIUS_M * Math.cos(meanLat);
    const cellNsM = Math.abs(t[5]) * RAD * EARTH_MEAN_RADIUS_M;
    targetM = Math.min(cellEwM, cellNsM);
  }
  if (!(targetM > 0) || !Number.isFinite(targetM)) {
    throw new InputError(`terrainProfile: stepM must be a finite number of metres greater than 0, got ${String(targetM)}`, 'stepM');
  }
  const intervals = Math.max(1, Math.ceil(distanceM / targetM - 1e-9));
  if (intervals + 1 > maxSamples) {
    throw new InputError(
      `terrainProfile: ${intervals + 1} samples exceed maxSamples = ${maxSamples}; use a larger stepM or a shorter path`,
      'stepM',
    );
  }
  const elevationsM = new Float64Array(intervals + 1);

  // unit vectors of both ends, for spherical linear interpolation along the great circle
  const lat1 = from[1] * RAD;
  const lon1 = from[0] * RAD;
  const lat2 = to[1] * RAD;
  const lon2 = to[0] * RAD;
  const ax = Math.cos(lat1) * Math.cos(lon1);
  const ay = Math.cos(lat1) * Math.sin(lon1);
  const az = Math.sin(lat1);
  const bx = Math.cos(lat2) * Math.cos(lon2);
  const by = Math.cos(lat2) * Math.sin(lon2);
  const bz = Math.sin(lat2);
  const delta = distanceM / EARTH_MEAN_RADIUS_M;
  const sinDelta = Math.sin(delta);

  // sample each point: slerp to the fraction, back to lon/lat, bilinear in the DEM
  for (let i = 0; i <= intervals; i++) {
    const f = i / intervals;
    const wa = Math.sin((1 - f) * delta) / sinDelta;
    const wb = Math.sin(f * delta) / sinDelta;
    const x = wa * ax + wb * bx;
    const y = wa * ay + wb * by;
    const z = wa * az + wb * bz;
    let lon = i === 0 ? from[0] : i === intervals ? to[0] : Math.atan2(y, x) / RAD;
    const lat = i === 0 ? from[1] : i === intervals ? to[1] : Math.atan2(z, Math.sqrt(x * x + y * y)) / RAD;
    // keep longitudes on the DEM's side of the antimeridian
    if (lon - from[0] > 180) lon -= 360;
    else if (from[0] - lon > 180) lon += 360;
    elevationsM[i] = sampleBilinear(dem, lon, lat);
  }
  return { stepM: distanceM / intervals, elevationsM, distanceM };
}

/**
 * How far the Earth's surface bulges above the straight chord between the ends of a path,
 * metres, at `distFromTxM` from the transmitter on a path of `totalM`: d1·d2 / (2·k·R) with the
 * effective Earth radius k·R (R = 6371 km; k = 4/3 in the median atmosphere).
 *
 * @example
 * earthCurvatureDropM(10000, 20000, 4 / 3) // 5.886
 */
export function earthCurvatureDropM(distFromTxM: number, totalM: number, k = 4 / 3): number {
  return (distFromTxM * (totalM - distFromTxM)) / (2 * k * ITU_EARTH_RADIUS_M);
}

/**
 * The profile's elevations with the Earth bulge added (effective radius k·R), so that straight
 * lines between antennas can be compared with the ground. Writes into `out` when given.
 *
 * @example
 * withEarthBulge(profile, 4 / 3) // Float64Array, ends unchanged, middle raised
 */
export function withEarthBulge(profile: TerrainProfile, k = 4 / 3, out?: Float64Array): Float64Array {
  const e = profile.elevationsM;
  const n = e.length;
  const res = out ?? new Float64Array(n);
  const totalM = (n - 1) * profile.stepM;
  const curv = 1 / (2 * k * ITU_EARTH_RADIUS_M);
  for (let i = 0; i < n; i++) {
    const x = i * profile.stepM;
    res[i] = e[i] + x * (totalM - x) * curv;
  }
  return res;
}

/**
 * Radius of the n-th Fresnel zone, metres, at `d1M` and `d2M` from the ends:
 * √(n λ d1 d2 / (d1 + d2)) (the Fresnel ellipsoid of ITU-R P.526 and P.530).
 *
 * @example
 * fresnelRadiusM(5000, 5000, 900) // 28.86
 */
export function fresnelRadiusM(d1M: number, d2M: number, freqMHz: number, zone = 1): number {
  const lambdaM = 299792458 / (freqMHz * 1e6);
  return Math.sqrt((zone * lambdaM * d1M * d2M) / (d1M + d2M));
}

export interface LineOfSight {
  /** True when the ray between the antennas clears every interior sample (clearance >= 0). */
  clear: boolean;
  /** The interior sample with the least clearance (the obstruction when not clear); -1 if none. */
  index: number;
  /** Ray height minus curvature-corrected ground at `index`, metres (negative = obstructed). */
  clearanceM: number;
}

/**
 * Line of sight between antennas `txHeightM` above the first sample and `rxHeightM` above the
 * last, over the curvature-corrected profile (effective radius k·R). Reports the tightest
 * interior sample: its index and clearance. NaN samples (no data) are skipped.
 *
 * @example
 * lineOfSight(profile, 30, 1.5) // { clear: false, index: 42, clearanceM: -17.3 }
 */
export function lineOfSight(profile: TerrainProfile, txHeightM: number, rxHeightM: number, k = 4 / 3): LineOfSight {
  const { index, marginM } = tightestSample(profile, txHeightM, rxHeightM, k, () => 0);
  return { clear: !(marginM < 0), index, clearanceM: marginM };
}

/**
 * The interior sample where the ray between the antennas passes lowest over the bulged ground,
 * less `allowance(x, total)` (0 for line of sight, a share of the Fresnel radius for a link), and
 * that margin; NaN samples never win.
 */
function tightestSample(
  profile: TerrainProfile, txHeightM: number, rxHeightM: number, k: number, allowance: (xM: number, totalM: number) => number,
): { index: number; marginM: number } {
  const e = profile.elevationsM;
  const n = e.length;
  const stepM = profile.stepM;
  const totalM = (n - 1) * stepM;
  const curv = 1 / (2 * k * ITU_EARTH_RADIUS_M);
  const hA = e[0] + txHeightM;
  const hB = e[n - 1] + rxHeightM;
  let index = -1;
  let marginM = Infinity;
  // ray height minus bulged ground (minus the allowance) at each interior sample; keep the minimum
  for (let i = 1; i < n - 1; i++) {
    const x = i * stepM;
    const c = hA + ((hB - hA) * x) / totalM - (e[i] + x * (totalM - x) * curv) - allowance(x, totalM);
    if (c < marginM) {
      marginM = c;
      index = i;
    }
  }
  return { index, marginM };
}

export interface FresnelClearance {
  /** True when the ray clears `fraction` of the first Fresnel zone at every interior sample. */
  clear: boolean;
  /** The interior sample with the least margin; -1 when the profile has none. */
  index: number;
  /** Ray height minus bulged ground minus fraction × F1 radius at `index`, metres (negative = obstructed). */
  marginM: number;
}

/**
 * Whether a microwave path clears the first Fresnel zone (or `fraction` of it: 0.6 is the usual
 * planning criterion of ITU-R P.530 for k = 4/3, 1 the whole zone) between antennas `txHeightM`
 * above the first sample and `rxHeightM` above the last, over the curvature-corrected profile
 * (effective radius k·R). NaN samples are skipped.
 *
 * @example
 * fresnelClearance(profile, 40, 35, 7000, 1) // { clear: true, index: 311, marginM: 4.2 }
 */
export function fresnelClearance(profile: TerrainProfile, txHeightM: number, rxHeightM: number, freqMHz: number, fraction = 1, k = 4 / 3): FresnelClearance {
  const { index, marginM } = tightestSample(profile, txHeightM, rxHeightM, k, (x, total) => fraction * fresnelRadiusM(x, total - x, freqMHz));
  return { clear: !(marginM < 0), index, marginM: index < 0 ? 0 : marginM };
}
