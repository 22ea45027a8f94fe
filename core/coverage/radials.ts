/**
 * Radial geometry around a site: the DEM window within the radius, the radials (enough that the
 * gap between neighbours at the radius is one sample step), and for every window cell the radial
 * sample nearest to its centre. Local equirectangular metres around the site (error < 0.1 % of
 * the distance within ~50 km).
 */
import { METRES_PER_DEGREE } from '../geo/geodesy';
import type { DemGrid } from '../model/types';
import type { GeoTransform, RasterWindow, Transmitter } from './types';

const RAD = Math.PI / 180;

export interface RadialPlan extends RasterWindow {
  /** Number of radials; radial k points at azimuth k · 2π / radialCount (clockwise from north). */
  radialCount: number;
  /** Samples per radial (sample 0 is the site). */
  samplesPerRadial: number;
  /** Distance between samples along a radial, metres. */
  stepM: number;
  /** Per window cell: index k · samplesPerRadial + i of its radial sample, or −1 (outside). */
  cellPoint: Int32Array;
  /** Per radial sample: 1 when some cell reads it. */
  need: Uint8Array;
  /** Metres per degree of longitude and latitude at the site. */
  mPerDegLon: number;
  mPerDegLat: number;
  /** The sweep's radius, metres. */
  radiusM: number;
}

/**
 * Plans the radial sweep of `tx` over `dem` within `radiusM`.
 *
 * @example
 * const plan = planRadials(dem, { lon: 106.2, lat: 22.6, heightAglM: 30 }, 20000, 1);
 */
export function planRadials(dem: DemGrid, tx: Transmitter, radiusM: number, density: number): RadialPlan {
  const plan = planGeometry(dem, tx, radiusM, density);
  planRows(dem, tx, plan, 0, plan.height);
  return plan;
}

/**
 * The first half of planRadials: the window and the radials, with `cellPoint` (all −1) and `need`
 * (all 0) not filled yet (planRows fills them, in bands of rows that threads may share: give
 * `shared` to put both on SharedArrayBuffers).
 *
 * @example
 * const plan = planGeometry(dem, tx, 20000, 1, true);
 * planRows(dem, tx, plan, 0, plan.height); // or bands of rows on several threads
 */
export function planGeometry(dem: DemGrid, tx: Transmitter, radiusM: number, density: number, shared = false): RadialPlan {
  const t = dem.transform;
  const mPerDegLat = METRES_PER_DEGREE;
  const mPerDegLon = mPerDegLat * Math.cos(tx.lat * RAD);
  const cellEwM = Math.abs(t[1]) * mPerDegLon;
  const cellNsM = Math.abs(t[5]) * mPerDegLat;
  const stepM = Math.min(cellEwM, cellNsM);
  // window: cells whose centres may lie within the radius
  const col0 = Math.max(0, Math.floor((tx.lon - radiusM / mPerDegLon - t[0]) / t[1]));
  const col1 = Math.min(dem.width - 1, Math.floor((tx.lon + radiusM / mPerDegLon - t[0]) / t[1]));
  const row0 = Math.max(0, Math.floor((tx.lat + radiusM / mPerDegLat - t[3]) / t[5]));
  const row1 = Math.min(dem.height - 1, Math.floor((tx.lat - radiusM / mPerDegLat - t[3]) / t[5]));
  const width = Math.max(0, col1 - col0 + 1);
  const height = Math.max(0, row1 - row0 + 1);
  const transform: GeoTransform = [t[0] + col0 * t[1], t[1], 0, t[3] + row0 * t[5], 0, t[5]];

  const samplesPerRadial = Math.ceil(radiusM / stepM) + 2;
  const radialCount = Math.max(8, Math.ceil((2 * Math.PI * radiusM * density) / stepM / 8) * 8);
  const needBytes = radialCount * samplesPerRadial;
  const need = shared ? new Uint8Array(new SharedArrayBuffer(needBytes)) : new Uint8Array(needBytes);
  const cellPoint = shared ? new Int32Array(new SharedArrayBuffer(width * height * 4)) : new Int32Array(width * height);
  cellPoint.fill(-1);
  return { width, height, transform, col0, row0, radialCount, samplesPerRadial, stepM, cellPoint, need, mPerDegLon, mPerDegLat, radiusM };
}

/**
 * The second half of planRadials for window rows r0 ≤ r < r1: each cell within the radius (and
 * not a void) gets the radial sample nearest its centre, and that sample is flagged as needed.
 *
 * @example
 * planRows(dem, tx, plan, 0, plan.height >> 1); // the northern half
 */
export function planRows(dem: DemGrid, tx: Transmitter, plan: RadialPlan, r0: number, r1: number): void {
  const t = dem.transform;
  const { width, col0, row0, radialCount, samplesPerRadial, stepM, cellPoint, need, mPerDegLon, mPerDegLat } = plan;
  const radiusM = plan.radiusM;
  const dAz = (2 * Math.PI) / radialCount;
  const r2 = radiusM * radiusM;
  for (let r = r0; r < r1; r++) {
    const dy = (t[3] + (row0 + r + 0.5) * t[5] - tx.lat) * mPerDegLat;
    for (let c = 0; c < width; c++) {
      const dx = (t[0] + (col0 + c + 0.5) * t[1] - tx.lon) * mPerDegLon;
      const rho2 = dx * dx + dy * dy;
      if (rho2 > r2) continue;
      if (Number.isNaN(dem.data[(row0 + r) * dem.width + col0 + c])) continue;
      let i = Math.round(Math.sqrt(rho2) / stepM);
      if (i < 1) i = 1;
      let az = Math.atan2(dx, dy);
      if (az < 0) az += 2 * Math.PI;
      let k = Math.round(az / dAz);
      if (k >= radialCount) k -= radialCount;
      const p = k * samplesPerRadial + i;
      cellPoint[r * width + c] = p;
      need[p] = 1;
    }
  }
}

/**
 * The DEM cells (rows and columns, inclusive, clamped to the grid; null when none) that a sweep of
 * `radiusM` around `tx` reads: planRadials' window and every cell sampleRadial interpolates from
 * (radials reach two samples beyond the radius), with `marginCells` more on each side. For reading
 * only part of a large DEM (server/cli/coverage.ts).
 *
 * @example
 * sweepWindow([105.99986, 1 / 3600, 0, 23.00014, 0, -1 / 3600], 3601, 3601, { lon: 106.5, lat: 22.5, heightAglM: 30 }, 20000)
 * // { row0: …, row1: …, col0: …, col1: … } about 1,300 × 1,400 cells
 */
export function sweepWindow(
  transform: readonly number[], width: number, height: number, tx: Transmitter, radiusM: number, marginCells = 4,
): { row0: number; row1: number; col0: number; col1: number } | null {
  const t = transform;
  const mPerDegLat = METRES_PER_DEGREE;
  const mPerDegLon = mPerDegLat * Math.cos(tx.lat * RAD);
  const stepM = Math.min(Math.abs(t[1]) * mPerDegLon, Math.abs(t[5]) * mPerDegLat);
  const reachM = radiusM + 3 * stepM;
  const xs = [(tx.lon - reachM / mPerDegLon - t[0]) / t[1], (tx.lon + reachM / mPerDegLon - t[0]) / t[1]];
  const ys = [(tx.lat - reachM / mPerDegLat - t[3]) / t[5], (tx.lat + reachM / mPerDegLat - t[3]) / t[5]];
  const col0 = Math.max(0, Math.floor(Math.min(xs[0], xs[1])) - 1 - marginCells);
  const col1 = Math.min(width - 1, Math.floor(Math.max(xs[0], xs[1])) + 1 + marginCells);
  const row0 = Math.max(0, Math.floor(Math.min(ys[0], ys[1])) - 1 - marginCells);
  const row1 = Math.min(height - 1, Math.floor(Math.max(ys[0], ys[1])) + 1 + marginCells);
  if (!(col0 <= col1 && row0 <= row1)) return null;
  return { row0, row1, col0, col1 };
}

/**
 * Elevations of radial `k` into `out` (samplesPerRadial values); voids and samples outside the
 * DEM repeat the previous value (sample 0 falls back to 0 m). Returns the number of samples.
 */
export function sampleRadial(dem: DemGrid, tx: Transmitter, plan: RadialPlan, k: number, out: Float64Array): number {
  const az = (k * 2 * Math.PI) / plan.radialCount;
  const t = dem.transform;
  // fractional cell coordinates (relative to cell centres) advance linearly along the radial
  const fx0 = (tx.lon - t[0]) / t[1] - 0.5;
  const fy0 = (tx.lat - t[3]) / t[5] - 0.5;
  const dfx = (Math.sin(az) * plan.stepM) / plan.mPerDegLon / t[1];
  const dfy = (Math.cos(az) * plan.stepM) / plan.mPerDegLat / t[5];
  const w = dem.width;
  const h = dem.height;
  const d = dem.data;
  const xMax = w - 2 < 0 ? 0 : w - 2;
  const yMax = h - 2 < 0 ? 0 : h - 2;
  let prev = 0;
  const n = plan.samplesPerRadial;
  for (let i = 0; i < n; i++) {
    const fx = fx0 + i * dfx;
    const fy = fy0 + i * dfy;
    let v = NaN;
    if (fx >= -0.5 && fy >= -0.5 && fx <= w - 0.5 && fy <= h - 0.5) {
      // as sampleBilinear: clamp to the outer half cell, interpolate between the 4 centres
      const x = fx < 0 ? 0 : fx > w - 1 ? w - 1 : fx;
      const y = fy < 0 ? 0 : fy > h - 1 ? h - 1 : fy;
      const x0 = Math.min(Math.floor(x), xMax);
      const y0 = Math.min(Math.floor(y), yMax);
      const x1 = x0 + 1 < w ? x0 + 1 : w - 1;
      const y1 = y0 + 1 < h ? y0 + 1 : h - 1;
      const dx = x - x0;
      const dy = y - y0;
      const a = d[y0 * w + x0];
      const b = d[y0 * w + x1];
      const c = d[y1 * w + x0];
      const e = d[y1 * w + x1];
      v = (a * (1 - dx) + b * dx) * (1 - dy) + (c * (1 - dx) + e * dx) * dy;
    }
    if (v === v) prev = v;
    out[i] = prev;
  }
  return n;
}
