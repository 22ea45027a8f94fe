import { zlibSync } from 'fflate';
import { InputError } from '../errors';
import { TileEncoder } from './geotiffTiles';

/**
 * A minimal, pure GeoTIFF writer: one band, little-endian classic TIFF, square tiles, DEFLATE
 * (zlib) compression with a predictor, georeferenced in EPSG:4326 (geographic, pixel-is-area).
 * Reads back in GDAL, QGIS and the `geotiff` npm reader.
 */

export interface GeoTiffWriteOptions {
  width: number;
  height: number;
  /** Row-major samples from the north-west corner; NaN = no data. */
  data: ArrayLike<number>;
  /** GDAL geotransform in degrees, north-up: [westLon, pixelWidthDeg, 0, northLat, 0, -pixelHeightDeg]. */
  transform: readonly [number, number, number, number, number, number] | readonly number[];
  /** No-data value written to the GDAL_NODATA tag; int16 NaN cells are stored as this value. Default: none. */
  nodata?: number;
  /** 'int16' (rounded, predictor 2) or 'float32' (predictor 3). */
  sampleFormat: 'int16' | 'float32';
  /** Tile edge in pixels, a multiple of 16. Default 256. */
  tileSize?: number;
  /** zlib level 1–9. Default 6. */
  level?: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /**
   * Compressor of one predicted tile: must return a zlib stream (RFC 1950, DEFLATE inside), e.g.
   * node:zlib's native `(b) => deflateSync(b, { level: 1 })`. Default: fflate's zlibSync at `level`
   * (pure JavaScript, so core stays free of node imports).
   */
  deflate?: (bytes: Uint8Array) => Uint8Array;
}

// TIFF field types
const SHORT = 3;
const LONG = 4;
const ASCII = 2;
const DOUBLE = 12;

interface Entry {
  tag: number;
  type: number;
  values: number[] | string;
}

/**
 * Encodes a single-band grid as a tiled, DEFLATE-compressed GeoTIFF (EPSG:4326, pixel-is-area).
 *
 * @example
 * const bytes = writeGeoTiff({ width: 2, height: 1, data: [200, 201], sampleFormat: 'int16',
 *   transform: [105, 1 / 3600, 0, 23, 0, -1 / 3600] });
 * // node: the native compressor, several times faster on large rasters
 * writeGeoTiff({ ...same, deflate: (b) => deflateSync(b, { level: 1 }) });
 */
export function writeGeoTiff(options: GeoTiffWriteOptions): Uint8Array {
  const level = options.level ?? 6; // zlib's default: good ratio, fast
  const deflate = options.deflate ?? ((bytes: Uint8Array) => zlibSync(bytes, { level }));
  const enc = new TileEncoder(options);
  const tiles: Uint8Array[] = [];
  // the scratch tile is reused: a compressor must be synchronous and not keep `raw`
  for (let t = 0; t < enc.count; t++) tiles.push(checkZlib(deflate(enc.encode(t, enc.scratch))));
  return layout(tiffEntries(enc, tiles), tiles);
}

/**
 * writeGeoTiff with an asynchronous compressor, e.g. node:zlib's `deflate` (it runs on libuv's
 * thread pool): the tiles are compressed in parallel while the next ones are encoded. Same bytes
 * as writeGeoTiff with the synchronous form of the same compressor.
 *
 * @example
 * const deflateAsync = promisify(deflate);
 * const bytes = await writeGeoTiffAsync({ ...options, deflateAsync: (b) => deflateAsync(b, { level: 1 }) });
 */
export async function writeGeoTiffAsync(
  options: Omit<GeoTiffWriteOptions, 'deflate'> & { deflateAsync: (bytes: Uint8Array) => Promise<Uint8Array> },
): Promise<Uint8Array> {
  const enc = new TileEncoder(options);
  const pending: Promise<Uint8Array>[] = [];
  for (let t = 0; t < enc.count; t++) {
    // each tile gets its own buffer: the compressor keeps it until it resolves
    pending.push(options.deflateAsync(enc.encode(t, new Uint8Array(enc.scratch.length))).then(checkZlib));
  }
  const tiles = await Promise.all(pending);
  return layout(tiffEntries(enc, tiles), tiles);
}

function checkZlib(z: Uint8Array): Uint8Array {
  if (!(z instanceof Uint8Array) || z.length < 2 || (z[0] & 0x0f) !== 8) {
    throw new InputError('writeGeoTiff: deflate must return a zlib stream (a Uint8Array starting with a DEFLATE zlib header)');
  }
  return z;
}

/** The IFD entries of the image (tile offsets filled in by layout). */
function tiffEntries(enc: TileEncoder, tiles: Uint8Array[]): Entry[] {
  const { width, height, transform, nodata } = enc.options;
  const isInt = enc.isInt;
  const bps = isInt ? 2 : 4;
  const tileSize = enc.tileSize;
  const entries: Entry[] = [
    { tag: 256, type: LONG, values: [width] },
    { tag: 257, type: LONG, values: [height] },
    { tag: 258, type: SHORT, values: [bps * 8] },
    { tag: 259, type: SHORT, values: [8] }, // Adobe DEFLATE
    { tag: 262, type: SHORT, values: [1] }, // BlackIsZero
    { tag: 277, type: SHORT, values: [1] },
    { tag: 284, type: SHORT, values: [1] }, // chunky
    { tag: 317, type: SHORT, values: [isInt ? 2 : 3] }, // horizontal / floating-point predictor
    { tag: 322, type: LONG, values: [tileSize] },
    { tag: 323, type: LONG, values: [tileSize] },
    { tag: 324, type: LONG, values: tiles.map(() => 0) }, // offsets, filled in by layout
    { tag: 325, type: LONG, values: tiles.map((t) => t.length) },
    { tag: 339, type: SHORT, values: [isInt ? 2 : 3] }, // signed int / IEEE float
    { tag: 33550, type: DOUBLE, values: [transform[1], -transform[5], 0] }, // ModelPixelScale
    { tag: 33922, type: DOUBLE, values: [0, 0, 0, transform[0], transform[3], 0] }, // ModelTiepoint
    // GeoKeyDirectory: version 1.1.0, 4 keys: model geographic, pixel-is-area, WGS 84, degrees
    { tag: 34735, type: SHORT, values: [1, 1, 0, 4, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326, 2054, 0, 1, 9102] },
  ];
  if (nodata !== undefined) entries.push({ tag: 42113, type: ASCII, values: formatNodata(nodata) + '\0' });
  return entries;
}

function formatNodata(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  return String(v);
}

// header, IFD with its out-of-line values, then the tiles
function layout(entries: Entry[], tiles: Uint8Array[]): Uint8Array {
  const size = (e: Entry) => (e.type === ASCII ? (e.values as string).length : (e.values as number[]).length * (e.type === DOUBLE ? 8 : e.type === LONG ? 4 : 2));
  const ifdSize = 2 + entries.length * 12 + 4;
  let extra = 8 + ifdSize;
  const extraOffsets = entries.map((e) => {
    const s = size(e);
    if (s <= 4) return 0;
    const at = extra;
    extra += s + (s & 1); // keep word alignment
    return at;
  });
  const tileOffsets = entries.find((e) => e.tag === 324)!.values as number[];
  let pos = extra;
  for (let i = 0; i < tiles.length; i++) {
    tileOffsets[i] = pos;
    pos += tiles[i].length;
  }
  if (pos > 0xffffffff) throw new InputError('writeGeoTiff: output exceeds 4 GiB; classic TIFF cannot hold it');
  const out = new Uint8Array(pos);
  const v = new DataView(out.buffer);
  out[0] = 0x49;
  out[1] = 0x49;
  v.setUint16(2, 42, true);
  v.setUint32(4, 8, true);
  v.setUint16(8, entries.length, true);
  entries.forEach((e, k) => {
    const at = 10 + k * 12;
    const count = e.type === ASCII ? (e.values as string).length : (e.values as number[]).length;
    v.setUint16(at, e.tag, true);
    v.setUint16(at + 2, e.type, true);
    v.setUint32(at + 4, count, true);
    const target = size(e) <= 4 ? at + 8 : extraOffsets[k];
    if (size(e) > 4) v.setUint32(at + 8, target, true);
    writeValues(v, target, e);
  });
  v.setUint32(10 + entries.length * 12, 0, true); // no next IFD
  for (let i = 0; i < tiles.length; i++) out.set(tiles[i], tileOffsets[i]);
  return out;
}

function writeValues(v: DataView, at: number, e: Entry): void {
  if (e.type === ASCII) {
    const s = e.values as string;
    for (let i = 0; i < s.length; i++) v.setUint8(at + i, s.charCodeAt(i));
    return;
  }
  const vals = e.values as number[];
  for (let i = 0; i < vals.length; i++) {
    if (e.type === SHORT) v.setUint16(at + i * 2, vals[i], true);
    else if (e.type === LONG) v.setUint32(at + i * 4, vals[i], true);
    else v.setFloat64(at + i * 8, vals[i], true);
  }
}
