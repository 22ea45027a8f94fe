import { zlibSync } from 'fflate';
import { InputError } from '../errors';

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
  return layout(enc.entries(tiles), tiles);
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
  return layout(enc.entries(tiles), tiles);
}

function checkZlib(z: Uint8Array): Uint8Array {
  if (!(z instanceof Uint8Array) || z.length < 2 || (z[0] & 0x0f) !== 8) {
    throw new InputError('writeGeoTiff: deflate must return a zlib stream (a Uint8Array starting with a DEFLATE zlib header)');
  }
  return z;
}

const LITTLE_ENDIAN = new Uint8Array(new Float32Array([1]).buffer)[3] === 0x3f;

/** Encodes tile t (row-major over the tiles): samples copied (edges padded), predicted. */
class TileEncoder {
  readonly count: number;
  readonly scratch: Uint8Array;
  private readonly o: Omit<GeoTiffWriteOptions, 'deflate'>;
  private readonly tileSize: number;
  private readonly tilesAcross: number;
  private readonly isInt: boolean;
  private readonly fill: number;
  private readonly rowBytes: Uint8Array;
  /** The float32 samples' bits, when they can be read in place (Float32Array on a little-endian host). */
  private readonly src: Uint32Array | null;
  private readonly fillBits: number;

  constructor(o: Omit<GeoTiffWriteOptions, 'deflate'>) {
    const tileSize = o.tileSize ?? 256; // GDAL's default block size for tiled GeoTIFF
    validate(o, tileSize);
    this.o = o;
    this.tileSize = tileSize;
    this.isInt = o.sampleFormat === 'int16';
    const bps = this.isInt ? 2 : 4;
    this.tilesAcross = Math.ceil(o.width / tileSize);
    this.count = this.tilesAcross * Math.ceil(o.height / tileSize);
    this.fill = o.nodata ?? (this.isInt ? 0 : NaN);
    this.scratch = new Uint8Array(tileSize * tileSize * bps);
    this.rowBytes = new Uint8Array(tileSize * bps); // scratch for the float predictor
    const d = o.data;
    this.src = !this.isInt && LITTLE_ENDIAN && d instanceof Float32Array ? new Uint32Array(d.buffer, d.byteOffset, d.length) : null;
    this.fillBits = new Uint32Array(new Float32Array([this.fill]).buffer)[0];
  }

  encode(t: number, raw: Uint8Array): Uint8Array {
    const { tileSize, isInt } = this;
    const { width, height, data } = this.o;
    const ty = Math.floor(t / this.tilesAcross);
    const tx = t - ty * this.tilesAcross;
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let r = 0; r < tileSize; r++) {
      const row = ty * tileSize + r;
      if (this.src) {
        this.floatRowInPlace(raw, r, row, tx * tileSize);
        continue;
      }
      for (let c = 0; c < tileSize; c++) {
        const col = tx * tileSize + c;
        let v = row < height && col < width ? data[row * width + col] : this.fill;
        if (isInt) {
          if (Number.isNaN(v)) v = this.fill;
          view.setInt16((r * tileSize + c) * 2, v < -32768 ? -32768 : v > 32767 ? 32767 : Math.round(v), true);
        } else {
          view.setFloat32((r * tileSize + c) * 4, v, true);
        }
      }
      if (isInt) predictInt16Row(view, r * tileSize * 2, tileSize);
      else predictFloatRow(raw, r * tileSize * 4, tileSize, this.rowBytes);
    }
    return raw;
  }

  /** Float predictor straight from the samples' bits (what setFloat32 + predictFloatRow give). */
  private floatRowInPlace(raw: Uint8Array, r: number, row: number, col0: number): void {
    const n = this.tileSize;
    const { width, height } = this.o;
    const src = this.src as Uint32Array;
    const tmp = this.rowBytes;
    const inside = row < height ? Math.max(0, Math.min(n, width - col0)) : 0;
    const base = row * width + col0;
    // byte planes, most significant first, of the little-endian words
    for (let i = 0; i < inside; i++) {
      const u = src[base + i];
      tmp[i] = u >>> 24;
      tmp[n + i] = u >>> 16;
      tmp[2 * n + i] = u >>> 8;
      tmp[3 * n + i] = u;
    }
    const f = this.fillBits;
    for (let i = inside; i < n; i++) {
      tmp[i] = f >>> 24;
      tmp[n + i] = f >>> 16;
      tmp[2 * n + i] = f >>> 8;
      tmp[3 * n + i] = f;
    }
    const offset = r * n * 4;
    let prev = tmp[0];
    raw[offset] = prev;
    for (let j = 1; j < n * 4; j++) {
      const v = tmp[j];
      raw[offset + j] = v - prev; // Uint8Array stores it modulo 256
      prev = v;
    }
  }

  entries(tiles: Uint8Array[]): Entry[] {
    const { width, height, transform, nodata } = this.o;
    const isInt = this.isInt;
    const bps = isInt ? 2 : 4;
    const tileSize = this.tileSize;
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
}

function validate(o: GeoTiffWriteOptions, tileSize: number): void {
  const { width, height, data, transform, sampleFormat } = o;
  if (!Number.isInteger(width) || width < 1) throw new InputError(`writeGeoTiff: width must be a positive integer, got ${width}`);
  if (!Number.isInteger(height) || height < 1) throw new InputError(`writeGeoTiff: height must be a positive integer, got ${height}`);
  if (!data || data.length !== width * height) {
    throw new InputError(`writeGeoTiff: data must hold width*height = ${width * height} samples, got ${data ? data.length : 0}`);
  }
  if (sampleFormat !== 'int16' && sampleFormat !== 'float32') {
    throw new InputError(`writeGeoTiff: sampleFormat must be 'int16' or 'float32', got ${JSON.stringify(sampleFormat)}`);
  }
  if (!Number.isInteger(tileSize) || tileSize < 16 || tileSize % 16 !== 0) {
    throw new InputError(`writeGeoTiff: tileSize must be a positive multiple of 16, got ${tileSize}`);
  }
  if (!transform || transform.length !== 6 || transform.some((v) => !Number.isFinite(v))) {
    throw new InputError('writeGeoTiff: transform must be 6 finite numbers [west, pixelWidth, 0, north, 0, -pixelHeight]');
  }
  if (transform[2] !== 0 || transform[4] !== 0 || !(transform[1] > 0) || !(transform[5] < 0)) {
    throw new InputError('writeGeoTiff: transform must be north-up: pixelWidth > 0, rotation terms 0, pixelHeight < 0');
  }
  if (o.nodata !== undefined && sampleFormat === 'int16' && !(Number.isInteger(o.nodata) && o.nodata >= -32768 && o.nodata <= 32767)) {
    throw new InputError(`writeGeoTiff: an int16 nodata must be an integer in -32768..32767, got ${o.nodata}`);
  }
}

function formatNodata(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  return String(v);
}

// horizontal differencing of one int16 row, in place (TIFF predictor 2), last to first
function predictInt16Row(view: DataView, offset: number, n: number): void {
  for (let i = n - 1; i > 0; i--) {
    const o = offset + i * 2;
    view.setInt16(o, view.getInt16(o, true) - view.getInt16(o - 2, true), true);
  }
}

// floating-point predictor 3: split the row into byte planes (most significant first), then
// difference the bytes along the whole row
function predictFloatRow(raw: Uint8Array, offset: number, n: number, tmp: Uint8Array): void {
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < 4; b++) tmp[b * n + i] = raw[offset + i * 4 + (3 - b)];
  }
  const len = n * 4;
  for (let j = len - 1; j > 0; j--) raw[offset + j] = (tmp[j] - tmp[j - 1]) & 0xff;
  raw[offset] = tmp[0];
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
