import type { DemGrid } from '../core/model/types';
import { fbm, gradientNoise, ridged, valueNoise } from './lib/noise';
import { deriveSeed } from './lib/prng';
import { distanceM, M_PER_DEG } from './lib/geo';
import { type Valley, westness } from './network';
import { buildValleyField } from './valleyField';

export interface TerrainOptions {
  seed: number;
  /** [west, south, east, north] to cover, degrees (the province's bbox). */
  bbox: [number, number, number, number];
  /** Margin around the bbox, degrees. Default 0.02. */
  marginDeg?: number;
  /** Cells per degree. Default 3600 (1 arc-second). */
  cellsPerDeg?: number;
  /** Fine cells between two nodes of the coarse valley/base grid. Default 8. */
  coarseStep?: number;
  /** The highest summit: [lon, lat, heightM]. Default Phia Oắc, 105.87 E 22.60 N, 1,930 m. */
  summit?: [number, number, number];
  /** Elevation where the soft cap of ordinary mountains starts, metres. Default 1,600. */
  capStartM?: number;
  /** Height the soft cap approaches but never reaches, above capStartM, metres. Default 260. */
  capRangeM?: number;
}

/**
 * Generates the synthetic DEM: a regional base rising to the west, ridged karst ranges, tower-karst
 * hills, fine roughness, valleys carved along the network and the highest summit.
 *
 * @example
 * const dem = buildDem(valleys, { seed: 20250701, bbox: [105.27, 22.36, 106.84, 23.12] });
 */
export function buildDem(valleys: Valley[], options: TerrainOptions): DemGrid {
  const seed = deriveSeed(options.seed, 'terrain');
  const margin = options.marginDeg ?? 0.02; // about 2 km around the province
  const cpd = options.cellsPerDeg ?? 3600; // 1 arc-second, like SRTM 1"
  const step = options.coarseStep ?? 8; // 8 cells ≈ 240 m: valleys are wider than that
  const [sLon, sLat, sH] = options.summit ?? [105.87, 22.6, 1930]; // Phia Oắc
  const capStart = options.capStartM ?? 1600; // above this ordinary peaks are flattened
  const capRange = options.capRangeM ?? 260; // so they stay below capStart + capRange
  const [w, s, e, n] = options.bbox;
  const west = Math.floor((w - margin) * cpd) / cpd;
  const north = Math.ceil((n + margin) * cpd) / cpd;
  const width = Math.ceil((e + margin - west) * cpd);
  const height = Math.ceil((north - (s - margin)) * cpd);
  const px = 1 / cpd;

  const baseM = (lon: number, lat: number) => 330 + 260 * westness(lon) + 140 * fbm(lon / 0.3, lat / 0.3, seed + 1, 3);
  const cw = Math.floor((width - 1) / step) + 2;
  const ch = Math.floor((height - 1) / step) + 2;
  const grid = { width: cw, height: ch, lon0: west + px / 2, lat0: north - px / 2, stepLon: px * step, stepLat: -px * step };
  const field = buildValleyField(valleys, grid, baseM);
  const base = new Float32Array(cw * ch);
  for (let j = 0; j < ch; j++) for (let i = 0; i < cw; i++) base[j * cw + i] = baseM(grid.lon0 + i * grid.stepLon, grid.lat0 + j * grid.stepLat);

  // the mountain surface (base, karst ranges, tower-karst cones) on a medium grid, 4 cells apart
  const ms = 4;
  const mw = Math.floor((width - 1) / ms) + 2;
  const mh = Math.floor((height - 1) / ms) + 2;
  const mountain = new Float32Array(mw * mh);
  for (let j = 0; j < mh; j++) {
    const lat = north - (j * ms + 0.5) * px;
    for (let i = 0; i < mw; i++) {
      const lon = west + (i * ms + 0.5) * px;
      const ridge = ridged(lon / 0.07, lat / 0.07, seed + 2, 5);
      const t = 0.5 + 0.5 * gradientNoise(lon / 0.008 + 0.37 * fbm(lon / 0.02, lat / 0.02, seed + 7, 2), lat / 0.008, seed + 3);
      const tower = t * t * t * t;
      mountain[j * mw + i] = 120 + (650 + 650 * westness(lon)) * ridge * ridge + 420 * tower;
    }
  }

  const data = new Float32Array(width * height);
  const kSummit = Math.cos((sLat * Math.PI) / 180) * M_PER_DEG;
  // Catmull-Rom taps per column and per row: smooth (C1) interpolation, so no facets in hillshade
  const cx = taps(width, step, cw);
  const cy = taps(height, step, ch);
  const mx = taps(width, ms, mw);
  const my = taps(height, ms, mh);
  for (let row = 0; row < height; row++) {
    const lat = north - (row + 0.5) * px;
    for (let col = 0; col < width; col++) {
      const lon = west + (col + 0.5) * px;
      let side = 0;
      let floor = 0;
      let b = 0;
      let relief = 0;
      for (let q = 0; q < 4; q++) {
        const rowOff = cy.idx[row * 4 + q] * cw;
        const wy = cy.w[row * 4 + q];
        const mRowOff = my.idx[row * 4 + q] * mw;
        const mwy = my.w[row * 4 + q];
        for (let p = 0; p < 4; p++) {
          const a = rowOff + cx.idx[col * 4 + p];
          const wgt = wy * cx.w[col * 4 + p];
          side += field.sideS[a] * wgt;
          floor += field.floorM[a] * wgt;
          b += base[a] * wgt;
          relief += mountain[mRowOff + mx.idx[col * 4 + p]] * mwy * mx.w[col * 4 + p];
        }
      }
      side = side < 0 ? 0 : side > 1 ? 1 : side;
      const rough = 22 * valueNoise(lon / 0.003, lat / 0.003, seed + 4) + 7 * valueNoise(lon / 0.0011, lat / 0.0011, seed + 5);
      let m = b + relief + rough;
      if (m > capStart) m = capStart + capRange * Math.tanh((m - capStart) / capRange);
      // carve the valleys: flat floor, sides rising to the mountain surface
      let h = floor + (m - floor) * side;
      if (side < 0.05) h += (2 - 40 * side) * valueNoise(lon / 0.002, lat / 0.002, seed + 6); // paddy-terrace ripples, fading up the sides
      // the summit massif: lift the terrain towards a rough dome, fading out within ~7 km
      const dx = (lon - sLon) * kSummit;
      const dy = (lat - sLat) * M_PER_DEG;
      const dS = Math.sqrt(dx * dx + dy * dy);
      if (dS < 12000) {
        const dome = sH - 150 - 950 * Math.pow(dS / 5000, 1.2) + 0.35 * relief + rough;
        const g = Math.exp(-(dS / 3500) * (dS / 3500));
        if (dome > h) h += (dome - h) * g;
        const pinnacle = sH - 0.45 * dS + 0.3 * rough * Math.min(1, dS / 600); // the sharp karst summit itself
        if (pinnacle > h) h = pinnacle;
      }
      data[row * width + col] = Math.round(h);
    }
  }
  return { width, height, data, transform: [west, px, 0, north, 0, -px] };
}

/** Distance from a point to the summit, for tests and placement. */
export function summitDistanceM(lon: number, lat: number, summit: [number, number] = [105.87, 22.6]): number {
  return distanceM(lon, lat, summit[0], summit[1]);
}

// Catmull-Rom taps for fine cells 0..n-1 on nodes every `step` cells: 4 node indices (clamped to
// the grid) and 4 weights per cell
function taps(n: number, step: number, nodes: number): { idx: Int32Array; w: Float64Array } {
  const idx = new Int32Array(n * 4);
  const w = new Float64Array(n * 4);
  for (let k = 0; k < n; k++) {
    const g = k / step;
    const i0 = Math.floor(g);
    const t = g - i0;
    const t2 = t * t;
    const t3 = t2 * t;
    const ws = [(-t3 + 2 * t2 - t) / 2, (3 * t3 - 5 * t2 + 2) / 2, (-3 * t3 + 4 * t2 + t) / 2, (t3 - t2) / 2];
    for (let p = 0; p < 4; p++) {
      const i = i0 - 1 + p;
      idx[k * 4 + p] = i < 0 ? 0 : i > nodes - 1 ? nodes - 1 : i;
      w[k * 4 + p] = ws[p];
    }
  }
  return { idx, w };
}
