/**
 * SRTM `.hgt` tiles: one 1°×1° square of big-endian signed 16-bit elevations (metres), row-major
 * from the north-west corner, 1201×1201 samples (3 arc-seconds) or 3601×3601 (1 arc-second),
 * named after the south-west corner (`N22E106.hgt`). Voids hold -32768.
 *
 * SRTM samples are grid points (pixel-is-point): the first sample sits exactly on the tile's
 * north-west corner, so neighbouring tiles share their edge rows and columns. covgap's DemGrid is
 * pixel-is-area, so the grid reaches half a sample beyond the 1° square on every side.
 */
import { InputError } from '../errors';
import type { DemGrid } from '../model/types';

/** The sample count per side of the two SRTM tile sizes: 3″ and 1″. */
const HGT_SIDES = [1201, 3601] as const;
/** SRTM's void marker. */
const HGT_VOID = -32768;

/** The south-west corner of a tile from its name (`N22E106`, `s05w072.hgt`, a path is allowed). */
export function hgtCorner(fileName: string): { lon: number; lat: number } {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const m = /^([NS])(\d{2})([EW])(\d{3})/i.exec(base);
  const lat = m ? Number(m[2]) * (m[1].toUpperCase() === 'S' ? -1 : 1) : NaN;
  const lon = m ? Number(m[4]) * (m[3].toUpperCase() === 'W' ? -1 : 1) : NaN;
  if (!m || lat < -90 || lat > 89 || lon < -180 || lon > 179) {
    throw new InputError(
      `${fileName}: an SRTM .hgt file must be named after its south-west corner, like N22E106.hgt or S05W072.hgt (latitude 2 digits, longitude 3 digits)`,
    );
  }
  return { lon, lat };
}

/**
 * Parse an SRTM `.hgt` tile into a DEM grid; voids become NaN.
 *
 * @example
 * const dem = parseHgt(await readFile('N22E106.hgt'), 'N22E106.hgt');
 * dem.width // 1201 for a 3″ tile
 */
export function parseHgt(bytes: Uint8Array, fileName: string): DemGrid {
  const side = hgtSide(bytes.byteLength, fileName);
  const { lon, lat } = hgtCorner(fileName);
  const data = new Float32Array(side * side);
  decodeRows(bytes, side, 0, side - 1, 0, side - 1, data);
  return { width: side, height: side, data, transform: hgtTransform(lon, lat, side) };
}

/**
 * The samples per side of an SRTM tile of `byteLength` bytes (1201 or 3601), or an InputError
 * naming `fileName`.
 *
 * @example
 * hgtSide(25934402, 'N22E106.hgt') // 3601
 */
export function hgtSide(byteLength: number, fileName: string): number {
  const side = HGT_SIDES.find((n) => n * n * 2 === byteLength);
  if (side === undefined) {
    throw new InputError(
      `${fileName}: ${byteLength} bytes is not an SRTM .hgt size; expected ${1201 * 1201 * 2} bytes (1201×1201, 3″) or ${3601 * 3601 * 2} bytes (3601×3601, 1″)`,
    );
  }
  return side;
}

/** Rows and columns (inclusive) of a tile; see parseHgtWindow. */
export interface HgtWindow {
  row0: number;
  row1: number;
  col0: number;
  col1: number;
}

/**
 * Part of an SRTM tile, for a caller that needs only a window (a coverage radius): a DemGrid of
 * the whole tile (same grid and transform as parseHgt) where only the cells of `window` are read
 * and every other cell is NaN (no data). `rowBytes` holds the tile's rows `window.row0` to
 * `window.row1`, whole (side × 2 bytes each), as read from the file at offset row0 · side · 2.
 * With `shared`, the grid's data lies on a SharedArrayBuffer (worker threads read it in place).
 * With `fillOutside: false` the cells outside the window are left as allocated (0, not NaN) and
 * their memory is never touched, so the system maps none of it (a 1″ tile is 52 MB; filling it
 * with NaN cost ~0.2 s of CPU, a tenth of a 20 km sweep's command): only for a caller that never
 * reads them, as a sweep within sweepWindow's reach (tests/core/hgtWindow.test.ts).
 *
 * @example
 * // rows 1000..2399 of a 1″ tile, columns 900..2300 decoded
 * const dem = parseHgtWindow(rows, 'N22E106.hgt', 3601, { row0: 1000, row1: 2399, col0: 900, col1: 2300 });
 */
export function parseHgtWindow(
  rowBytes: Uint8Array, fileName: string, side: number, window: HgtWindow, options: { shared?: boolean; fillOutside?: boolean } = {},
): DemGrid {
  const { lon, lat } = hgtCorner(fileName);
  if (side !== 1201 && side !== 3601) throw new InputError(`parseHgtWindow: side must be 1201 or 3601, got ${side}`, 'side');
  const { row0, row1, col0, col1 } = window;
  const ok = [row0, row1, col0, col1].every((v) => Number.isInteger(v) && v >= 0 && v < side) && row0 <= row1 && col0 <= col1;
  if (!ok) throw new InputError(`parseHgtWindow: window must hold integer rows and columns with 0 <= row0 <= row1 < ${side} and 0 <= col0 <= col1 < ${side}, got ${JSON.stringify(window)}`, 'window');
  if (rowBytes.byteLength !== (row1 - row0 + 1) * side * 2) {
    throw new InputError(`${fileName}: expected ${(row1 - row0 + 1) * side * 2} bytes for rows ${row0}..${row1}, got ${rowBytes.byteLength}`, 'rowBytes');
  }
  const n = side * side;
  const data = options.shared ? new Float32Array(new SharedArrayBuffer(n * 4)) : new Float32Array(n);
  if (options.fillOutside !== false) data.fill(NaN);
  decodeRows(rowBytes, side, row0, row1, col0, col1, data);
  return { width: side, height: side, data, transform: hgtTransform(lon, lat, side) };
}

/** Big-endian int16 rows row0..row1 (bytes start at row0), columns col0..col1, into data; voids to NaN. */
function decodeRows(bytes: Uint8Array, side: number, row0: number, row1: number, col0: number, col1: number, data: Float32Array): void {
  for (let r = row0; r <= row1; r++) {
    const src = (r - row0) * side * 2;
    const dst = r * side;
    for (let c = col0; c <= col1; c++) {
      const b = src + 2 * c;
      const v = ((bytes[b] << 24) >> 16) | bytes[b + 1]; // sign-extended high byte, low byte
      data[dst + c] = v === HGT_VOID ? NaN : v;
    }
  }
}

/**
 * Pixel-is-area geotransform of a tile of `side` samples whose south-west sample is at (lon, lat).
 *
 * @example
 * hgtTransform(106, 22, 1201) // [105.99958…, 1 / 1200, 0, 23.00041…, 0, -1 / 1200]
 */
export function hgtTransform(lon: number, lat: number, side: number): DemGrid['transform'] {
  const res = 1 / (side - 1);
  return [lon - res / 2, res, 0, lat + 1 + res / 2, 0, -res];
}

/**
 * Join DEM tiles of one resolution on one grid (adjacent SRTM tiles, say) into a single grid
 * covering them all. Shared edge rows and columns land on the same cells (a value there wins over
 * NaN); places no tile covers hold NaN.
 *
 * @example
 * const dem = mosaicDems([parseHgt(a, 'N22E105.hgt'), parseHgt(b, 'N22E106.hgt')]); // 2401×1201
 */
export function mosaicDems(grids: DemGrid[]): DemGrid {
  if (grids.length === 0) throw new InputError('mosaicDems: no DEM tiles given; pass at least one');
  if (grids.length === 1) return grids[0];
  const [, resX, , , , resYNeg] = grids[0].transform;
  const resY = -resYNeg;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  let south = Infinity;
  for (const g of grids) {
    const t = g.transform;
    if (t[2] !== 0 || t[4] !== 0) throw new InputError('mosaicDems: a DEM tile is rotated; only north-up grids can be joined');
    if (Math.abs(t[1] - resX) > resX * 1e-6 || Math.abs(-t[5] - resY) > resY * 1e-6) {
      throw new InputError(
        `mosaicDems: tiles have different resolutions (${fmtRes(resX, resY)} and ${fmtRes(t[1], -t[5])}); ` +
          'join only tiles of one resolution (all 1″ or all 3″), or resample them first',
      );
    }
    west = Math.min(west, t[0]);
    north = Math.max(north, t[3]);
    east = Math.max(east, t[0] + g.width * t[1]);
    south = Math.min(south, t[3] + g.height * t[5]);
  }
  const width = Math.round((east - west) / resX);
  const height = Math.round((north - south) / resY);
  const data = new Float32Array(width * height).fill(NaN);
  for (const g of grids) {
    const fx = (g.transform[0] - west) / resX;
    const fy = (north - g.transform[3]) / resY;
    const x0 = Math.round(fx);
    const y0 = Math.round(fy);
    if (Math.abs(fx - x0) > 1e-3 || Math.abs(fy - y0) > 1e-3) {
      throw new InputError('mosaicDems: tiles are not on one grid (their origins differ by a fraction of a cell); resample them first');
    }
    // copy row by row; a value wins over NaN where tiles share an edge
    for (let r = 0; r < g.height; r++) {
      const src = r * g.width;
      const dst = (y0 + r) * width + x0;
      for (let c = 0; c < g.width; c++) {
        const v = g.data[src + c];
        if (v === v || data[dst + c] !== data[dst + c]) data[dst + c] = v;
      }
    }
  }
  return { width, height, data, transform: [west, resX, 0, north, 0, -resY] };
}

function fmtRes(resX: number, resY: number): string {
  const sec = (d: number) => `${Number((d * 3600).toFixed(3))}″`;
  return resX === resY ? sec(resX) : `${sec(resX)}×${sec(resY)}`;
}
