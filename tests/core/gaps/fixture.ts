/**
 * A small synthetic world for the gap analysis and export tests: a 20 × 20 composite of 0.01° cells
 * (lon 106.00–106.20, lat 22.80–23.00), 3 sites, 6 villages, 2 power lines.
 *
 *  - site 0 "S-A" Viettel 4G + 2G at cell (2, 2); 4G level −82 − 6·d, 2G −70 − 5·d dBm (d in cells,
 *    up to 8), shadowed (−130 / −120) at cell (4, 2), where village V1 "Bản Nà Mạ" lies;
 *  - site 1 "S-B" MobiFone 4G at cell (10, 9), −82 − 6·d up to 6 cells;
 *  - site 2 "S-C" Viettel 2G, weak (30 dBm, 10 m) at cell (2, 18), −95 − 8·d up to 3 cells;
 *  - V2 at (3, 3) covered by S-A; V3 at (11, 10) covered by S-B; V4 at (19, 19) far from all;
 *    V5 at (6, 18) 4 km from the weak S-C only; V6 a 3 × 3-cell polygon (cols 6–8, rows 1–3).
 */
import { createComposite, mergeSiteCoverage, type Composite, type SiteCoverage } from '../../../core/coverage';
import { DEFAULT_COVERAGE_OPTIONS } from '../../../core/coverage/options';
import type { Communes, PowerLines, Sites, Tech, Villages } from '../../../core/model/types';

export const T: [number, number, number, number, number, number] = [106, 0.01, 0, 23, 0, -0.01];
export const W = 20;
export const H = 20;
const centre = (col: number, row: number): [number, number] => [+(106 + (col + 0.5) * 0.01).toFixed(6), +(23 - (row + 0.5) * 0.01).toFixed(6)];

const site = (id: string, name: string, operator: string, col: number, row: number, heightM: number, cells: { tech: Tech; freqMHz: number; eirpDbm: number }[]) => ({
  type: 'Feature' as const,
  properties: { id, name, operator, antennaHeightM: heightM, status: 'existing' as const, power: 'grid' as const, backhaul: 'fiber' as const, cells },
  geometry: { type: 'Point' as const, coordinates: centre(col, row) },
});

export function makeSites(): Sites {
  return {
    type: 'FeatureCollection',
    features: [
      site('S-A', 'Trạm A', 'Viettel', 2, 2, 30, [{ tech: '4G', freqMHz: 1800, eirpDbm: 61 }, { tech: '2G', freqMHz: 900, eirpDbm: 56 }]),
      site('S-B', 'Trạm B', 'MobiFone', 10, 9, 30, [{ tech: '4G', freqMHz: 1800, eirpDbm: 61 }]),
      site('S-C', 'Trạm C', 'Viettel', 2, 18, 10, [{ tech: '2G', freqMHz: 900, eirpDbm: 30 }]),
    ],
  };
}

const village = (id: string, name: string, communeId: string, col: number, row: number, population: number, households: number, electrified: boolean) => ({
  type: 'Feature' as const,
  properties: { id, name, communeId, population, households, electrified, fixedBroadband: null },
  geometry: { type: 'Point' as const, coordinates: centre(col, row) } as GeoJSON.Point | GeoJSON.Polygon,
});

export function makeVillages(): Villages {
  const v6 = village('V6', 'Thôn Đông', '00002', 7, 2, 150, 40, true);
  v6.geometry = { type: 'Polygon', coordinates: [[[106.06, 22.96], [106.09, 22.96], [106.09, 22.99], [106.06, 22.99], [106.06, 22.96]]] };
  return {
    type: 'FeatureCollection',
    features: [
      village('V1', 'Bản Nà Mạ', '00001', 4, 2, 320, 80, false),
      village('V2', 'Nà Luông', '00001', 3, 3, 200, 50, true),
      village('V3', 'Pác Bó', '00002', 11, 10, 400, 100, true),
      village('V4', 'Khuổi Khon', '00002', 19, 19, 90, 20, false),
      village('V5', 'Lũng Hoài', '00003', 6, 18, 600, 150, true),
      v6,
    ],
  };
}

export function makePowerLines(): PowerLines {
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { id: 'L1', voltageKv: 35 }, geometry: { type: 'LineString', coordinates: [[106.0, 22.95], [106.2, 22.95]] } },
      { type: 'Feature', properties: { id: 'L2', voltageKv: 22 }, geometry: { type: 'MultiLineString', coordinates: [[[106.1, 22.8], [106.1, 22.85], [106.12, 22.88]]] } },
    ],
  };
}

export function makeCommunes(): Communes {
  const c = (id: string, name: string) => ({
    type: 'Feature' as const,
    properties: { id, name, kind: 'xã', population: 1000, households: 250, areaKm2: 50 },
    geometry: { type: 'Polygon' as const, coordinates: [[[106, 22.8], [106.2, 22.8], [106.2, 23], [106, 23], [106, 22.8]]] },
  });
  return { type: 'FeatureCollection', features: [c('00001', 'Xã Trường Hà'), c('00002', 'Xã Quảng Uyên'), c('00003', 'Phường Thục Phán')] };
}

/** A full-grid raster of one site: level(d) for d ≤ radius cells, NaN beyond. */
function raster(col: number, row: number, radius: number, level: (d: number) => number, shadow: [number, number, number][] = []): Float32Array {
  const a = new Float32Array(W * H).fill(NaN);
  for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) {
    const d = Math.hypot(c - col, r - row);
    if (d <= radius) a[r * W + c] = level(d);
  }
  for (const [c, r, v] of shadow) a[r * W + c] = v;
  return a;
}

export function makeComposite(): Composite {
  const comp = createComposite({ width: W, height: H, transform: T }, DEFAULT_COVERAGE_OPTIONS.thresholdsDbm);
  const cov = (siteId: string, operator: string, levelDbm: SiteCoverage['levelDbm']): SiteCoverage => ({ siteId, operator, width: W, height: H, col0: 0, row0: 0, transform: [...T], levelDbm });
  mergeSiteCoverage(comp, cov('S-A', 'Viettel', { '4G': raster(2, 2, 8, (d) => -82 - 6 * d, [[4, 2, -130]]), '2G': raster(2, 2, 8, (d) => -70 - 5 * d, [[4, 2, -120]]) }));
  mergeSiteCoverage(comp, cov('S-B', 'MobiFone', { '4G': raster(10, 9, 6, (d) => -82 - 6 * d) }));
  mergeSiteCoverage(comp, cov('S-C', 'Viettel', { '2G': raster(2, 18, 3, (d) => -95 - 8 * d) }));
  return comp;
}

export const makeInput = () => ({ villages: makeVillages(), sites: makeSites(), powerLines: makePowerLines(), communes: makeCommunes(), composite: makeComposite() });
