/**
 * Great-circle geodesy on a sphere of mean Earth radius (IUGG R1 = 6,371,008.8 m): distance,
 * initial bearing and destination point. Positions are GeoJSON order [lon, lat] in degrees.
 * Over the distances radio paths span (< 200 km) the spherical error against the WGS84 ellipsoid
 * is below 0.5 %, far under the uncertainty of any path-loss model.
 *
 * Formulas: haversine distance, forward azimuth and direct problem on the sphere
 * (e.g. Sinnott 1984, "Virtues of the haversine"; Williams, "Aviation Formulary").
 */

/** Mean Earth radius R1 = (2a + b) / 3 of WGS84, metres: every distance on the ground. */
export const EARTH_MEAN_RADIUS_M = 6371008.8;

const RAD = Math.PI / 180;

/**
 * Metres per degree of a great circle on the mean-radius sphere (≈ 111,195.08 m): a degree of
 * latitude anywhere, of longitude at the equator (× cos φ elsewhere). Written `R · (π / 180)`, the
 * exact double the coverage engine computes its windows with (a change of the last bit would move
 * cached rasters).
 */
export const METRES_PER_DEGREE = EARTH_MEAN_RADIUS_M * RAD;

/**
 * Metres per degree rounded to the metre (111,195 m), as the demo seed's generators place terrain,
 * villages and lines with it. Not for new code (use METRES_PER_DEGREE): the seed's output is
 * byte-identical run after run, and its calibration (138 villages without signal) depends on it.
 */
export const SEED_METRES_PER_DEGREE = 111195;

/**
 * The Earth radius of the effective-Earth (k-factor) construction of ITU-R P.452 / P.526 / P.530,
 * a_e = k · 6371 km, metres: the curvature term of the propagation models and terrain profiles.
 * A model constant, not a geodetic one; NTIA's ITM keeps its own reference (6370 km, in
 * core/propagation/itm/constants.ts).
 */
export const ITU_EARTH_RADIUS_M = 6371000;

/**
 * Great-circle distance between two [lon, lat] points by the haversine formula, metres.
 *
 * @example
 * haversineDistanceM([106.0, 22.0], [106.0, 23.0]) // 111195.08... (one degree of latitude)
 */
export function haversineDistanceM(from: readonly number[], to: readonly number[]): number {
  const lat1 = from[1] * RAD;
  const lat2 = to[1] * RAD;
  const sinDLat = Math.sin((lat2 - lat1) / 2);
  const sinDLon = Math.sin(((to[0] - from[0]) * RAD) / 2);
  const h = sinDLat * sinDLat + Math.cos(lat1) * Math.cos(lat2) * sinDLon * sinDLon;
  // clamp: rounding can push h a hair above 1 for antipodal points
  return 2 * EARTH_MEAN_RADIUS_M * Math.asin(Math.sqrt(Math.min(1, h)));
}

/**
 * Initial bearing (forward azimuth) from `from` towards `to`, degrees clockwise from true north
 * in [0, 360). For coincident points returns 0.
 *
 * @example
 * initialBearingDeg([106, 22], [107, 22]) // 89.81... (due east, bent by convergence of meridians)
 */
export function initialBearingDeg(from: readonly number[], to: readonly number[]): number {
  const lat1 = from[1] * RAD;
  const lat2 = to[1] * RAD;
  const dLon = (to[0] - from[0]) * RAD;
  const y = Math.sin(dLon) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon);
  const deg = Math.atan2(y, x) / RAD;
  return (deg + 360) % 360;
}

/**
 * The point reached by travelling `distanceM` metres from `from` along the great circle that
 * starts with bearing `bearingDeg` (clockwise from north). Returns [lon, lat] with lon in
 * [-180, 180).
 *
 * @example
 * destinationPoint([106, 22], 0, 111195.08) // ≈ [106, 23]
 */
export function destinationPoint(
  from: readonly number[],
  bearingDeg: number,
  distanceM: number,
): [number, number] {
  const lat1 = from[1] * RAD;
  const lon1 = from[0] * RAD;
  const brg = bearingDeg * RAD;
  const delta = distanceM / EARTH_MEAN_RADIUS_M; // angular distance
  const sinLat2 = Math.sin(lat1) * Math.cos(delta) + Math.cos(lat1) * Math.sin(delta) * Math.cos(brg);
  const lat2 = Math.asin(Math.max(-1, Math.min(1, sinLat2)));
  const lon2 =
    lon1 +
    Math.atan2(Math.sin(brg) * Math.sin(delta) * Math.cos(lat1), Math.cos(delta) - Math.sin(lat1) * sinLat2);
  // normalise longitude to [-180, 180)
  const lonDeg = ((((lon2 / RAD + 540) % 360) + 360) % 360) - 180;
  return [lonDeg, lat2 / RAD];
}
