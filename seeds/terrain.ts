import type { DemGrid } from '../core/model/types';
import { fbm, gradientNoise, ridged, valueNoise } from './lib/noise';
import { deriveSeed } from './lib/prng';
import { distanceM } from './lib/geo';
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
  const kSummit = Math.cos((sLat * Math.PI) / 180) * 111195;
  const inv = 1 / step;
  const minv = 1 / ms;
  for (let row = 0; row < height; row++) {
    const lat = north - (row + 0.5) * px;
    const gy = row * inv;
    const j0 = Math.floor(gy);
    const fy = gy - j0;
    const my = row * minv;
    const mj = Math.floor(my);
    const mfy = my - mj;
    for (let col = 0; col < width; col++) {
      const lon = west + (col + 0.5) * px;
      const gx = col * inv;
      const i0 = Math.floor(gx);
      const fx = gx - i0;
      // bilinear lookups of the coarse fields
      const a = j0 * cw + i0;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      const side = field.sideS[a] * w00 + field.sideS[a + 1] * w10 + field.sideS[a + cw] * w01 + field.sideS[a + cw + 1] * w11;
      const floor = field.floorM[a] * w00 + field.floorM[a + 1] * w10 + field.floorM[a + cw] * w01 + field.floorM[a + cw + 1] * w11;
      const b = base[a] * w00 + base[a + 1] * w10 + base[a + cw] * w01 + base[a + cw + 1] * w11;
      const mx = col * minv;
      const mi = Math.floor(mx);
      const mfx = mx - mi;
      const ma = mj * mw + mi;
      const relief =
        (mountain[ma] * (1 - mfx) + mountain[ma + 1] * mfx) * (1 - mfy) + (mountain[ma + mw] * (1 - mfx) + mountain[ma + mw + 1] * mfx) * mfy;
      const rough = 22 * valueNoise(lon / 0.003, lat / 0.003, seed + 4) + 7 * valueNoise(lon / 0.0011, lat / 0.0011, seed + 5);
      let m = b + relief + rough;
      if (m > capStart) m = capStart + capRange * Math.tanh((m - capStart) / capRange);
      // carve the valleys: flat floor, sides rising to the mountain surface
      let h = floor + (m - floor) * side;
      if (side < 0.05) h += 2 * valueNoise(lon / 0.002, lat / 0.002, seed + 6); // paddy-terrace ripples
      // the summit massif: a raised dome carrying the local relief
      const dx = (lon - sLon) * kSummit;
      const dy = (lat - sLat) * 111195;
      const dS = Math.sqrt(dx * dx + dy * dy);
      if (dS < 12000) {
        const dome = sH - 250 - 1100 * Math.pow(dS / 6000, 1.4) + 0.25 * relief + rough;
        if (dome > h) h = dome;
        const pinnacle = sH - 0.45 * dS + 0.3 * rough; // the sharp karst summit itself
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
