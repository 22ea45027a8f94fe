/**
 * Web Mercator (EPSG:3857) tile math for XYZ tiles: tile ↔ lon/lat, per-pixel positions.
 * Tile (z, x, y) covers x ∈ [0, 2^z), y ∈ [0, 2^z), y growing southwards (the XYZ / slippy-map
 * convention used by MapLibre, not TMS).
 */

/** Latitude limit of the square Web Mercator world, degrees. */
export const MAX_MERCATOR_LAT = 85.0511287798066;

/**
 * Longitude of the western edge of tile column `x` at zoom `z` (fractional x allowed).
 *
 * @example
 * tileXToLon(0, 1) // -180
 */
export function tileXToLon(x: number, z: number): number {
  return (x / 2 ** z) * 360 - 180;
}

/**
 * Latitude of the northern edge of tile row `y` at zoom `z` (fractional y allowed).
 *
 * @example
 * tileYToLat(1, 1) // 0
 */
export function tileYToLat(y: number, z: number): number {
  const n = Math.PI * (1 - (2 * y) / 2 ** z);
  return (Math.atan(Math.sinh(n)) * 180) / Math.PI;
}

/**
 * Fractional tile column of a longitude at zoom `z`.
 *
 * @example
 * lonToTileX(106.25, 10) // 814.2...
 */
export function lonToTileX(lon: number, z: number): number {
  return ((lon + 180) / 360) * 2 ** z;
}

/**
 * Fractional tile row of a latitude at zoom `z` (latitude clamped to the Mercator limit).
 *
 * @example
 * latToTileY(22.66, 10) // 450.6...
 */
export function latToTileY(lat: number, z: number): number {
  const clamped = Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat));
  const r = (clamped * Math.PI) / 180;
  return ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z;
}

/**
 * The [west, south, east, north] extent of a tile, degrees.
 *
 * @example
 * tileBounds(0, 0, 0) // [-180, -85.05, 180, 85.05]
 */
export function tileBounds(z: number, x: number, y: number): [number, number, number, number] {
  return [tileXToLon(x, z), tileYToLat(y + 1, z), tileXToLon(x + 1, z), tileYToLat(y, z)];
}

/**
 * Whether (z, x, y) names a tile: integers, 0 ≤ z ≤ maxZoom, 0 ≤ x, y < 2^z.
 *
 * @example
 * isValidTile(2, 3, 3) // true
 * isValidTile(2, 4, 0) // false
 */
export function isValidTile(z: number, x: number, y: number, maxZoom = 24): boolean {
  if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y)) return false;
  if (z < 0 || z > maxZoom) return false;
  const n = 2 ** z;
  return x >= 0 && y >= 0 && x < n && y < n;
}

/**
 * The range of tiles [minX, minY, maxX, maxY] (inclusive) at zoom `z` covering a bbox
 * [west, south, east, north] in degrees.
 *
 * @example
 * tileRange([106.2, 22.6, 106.3, 22.7], 12) // [3256, 1801, 3257, 1803]
 */
export function tileRange(bbox: readonly [number, number, number, number], z: number): [number, number, number, number] {
  const n = 2 ** z;
  const clampTile = (v: number): number => Math.max(0, Math.min(n - 1, Math.floor(v)));
  return [
    clampTile(lonToTileX(bbox[0], z)),
    clampTile(latToTileY(bbox[3], z)),
    clampTile(lonToTileX(bbox[2], z)),
    clampTile(latToTileY(bbox[1], z)),
  ];
}

/**
 * Longitudes and latitudes of the pixel centres of a tile `size` pixels wide, written into `lons`
 * and `lats` (each of length `size`): column i's centre longitude is lons[i], row j's latitude
 * is lats[j]. Mercator columns are uniform in longitude, rows are not in latitude.
 *
 * @example
 * const lons = new Float64Array(256), lats = new Float64Array(256);
 * tilePixelCentres(10, 814, 450, 256, lons, lats);
 */
export function tilePixelCentres(z: number, x: number, y: number, size: number, lons: Float64Array, lats: Float64Array): void {
  if (lons.length < size || lats.length < size) throw new RangeError(`tilePixelCentres: lons and lats need ${size} slots`);
  // pixel centre i sits at tile coordinate x + (i + 0.5) / size
  for (let i = 0; i < size; i++) {
    const f = (i + 0.5) / size;
    lons[i] = tileXToLon(x + f, z);
    lats[i] = tileYToLat(y + f, z);
  }
}
