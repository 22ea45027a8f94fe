/**
 * Mapbox terrain-RGB encoding of elevations (the "mapbox" encoding of MapLibre raster-dem sources):
 * height = -10000 + (R·65536 + G·256 + B)·0.1 metres, so the representable range is
 * -10000 m … 1,667,721.5 m in 0.1 m steps.
 */

/** Lowest elevation terrain-RGB can carry, metres. */
export const TERRAIN_RGB_MIN_M = -10000;
/** Highest elevation terrain-RGB can carry, metres. */
export const TERRAIN_RGB_MAX_M = -10000 + 0xffffff * 0.1;

/**
 * Encode an elevation in metres as terrain-RGB into `out` at byte offset `offset` (R, G, B).
 * NaN (no data) encodes as 0 m; values outside the representable range are clamped.
 *
 * @example
 * const px = new Uint8Array(3);
 * encodeTerrainRgb(1931.4, px, 0); // px = [1, 210, 18], which decodes back to 1931.4
 */
export function encodeTerrainRgb(elevationM: number, out: Uint8Array, offset: number): void {
  const h = Number.isNaN(elevationM) ? 0 : elevationM;
  let v = Math.round((h - TERRAIN_RGB_MIN_M) * 10);
  if (v < 0) v = 0;
  else if (v > 0xffffff) v = 0xffffff;
  out[offset] = (v >> 16) & 0xff;
  out[offset + 1] = (v >> 8) & 0xff;
  out[offset + 2] = v & 0xff;
}

/**
 * Decode one terrain-RGB pixel to metres.
 *
 * @example
 * decodeTerrainRgb(1, 134, 160) // 0
 */
export function decodeTerrainRgb(r: number, g: number, b: number): number {
  // integer first, then scale: keeps exact tenths (as far as binary floats allow)
  return Math.round((r * 65536 + g * 256 + b) - 100000) / 10;
}
