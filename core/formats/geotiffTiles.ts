/**
 * Tiles of writeGeoTiff (geotiffWrite.ts): samples copied into square tiles (edges padded with the
 * fill value) and predicted (TIFF predictor 2 for int16, 3 for float32), ready for DEFLATE.
 */
import { InputError } from '../errors';
import type { GeoTiffWriteOptions } from './geotiffWrite';

const LITTLE_ENDIAN = new Uint8Array(new Float32Array([1]).buffer)[3] === 0x3f;

/**
 * Encodes tile t (row-major over the tiles) of a checked image.
 *
 * @example
 * const enc = new TileEncoder({ width, height, data, transform, sampleFormat: 'float32' });
 * for (let t = 0; t < enc.count; t++) deflate(enc.encode(t, enc.scratch));
 */
export class TileEncoder {
  readonly count: number;
  readonly scratch: Uint8Array;
  readonly options: Omit<GeoTiffWriteOptions, 'deflate'>;
  readonly tileSize: number;
  private readonly tilesAcross: number;
  readonly isInt: boolean;
  private readonly fill: number;
  private readonly rowBytes: Uint8Array;
  /** The float32 samples' bits, when they can be read in place (Float32Array on a little-endian host). */
  private readonly src: Uint32Array | null;
  private readonly fillBits: number;

  constructor(o: Omit<GeoTiffWriteOptions, 'deflate'>) {
    const tileSize = o.tileSize ?? 256; // GDAL's default block size for tiled GeoTIFF
    validate(o, tileSize);
    this.options = o;
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
    const { width, height, data } = this.options;
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
    const { width, height } = this.options;
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
}

/** Checks the image options, with writeGeoTiff's exact messages. */
function validate(o: Omit<GeoTiffWriteOptions, 'deflate'>, tileSize: number): void {
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
