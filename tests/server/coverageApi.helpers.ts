/**
 * A small synthetic world for the coverage API tests: a 0.001° DEM (≈ 110 m) 106.00–106.20 E,
 * 22.50–22.70 N, flat at 300 m with a north–south ridge 800 m high at 106.10–106.11 E; three
 * sites west of the ridge (two operators), villages on both sides.
 */
import type { DemGrid, SiteFeature, Sites, VillageFeature, Villages } from '../../core/model/types';

export const CELL_DEG = 0.001;
export const RIDGE_WEST = 106.1;
export const RIDGE_EAST = 106.11;

export function coverageDem(): DemGrid {
  const width = 200;
  const height = 200;
  const data = new Float32Array(width * height);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const lon = 106 + (col + 0.5) * CELL_DEG;
      data[row * width + col] = lon > RIDGE_WEST && lon < RIDGE_EAST ? 1100 : 300;
    }
  }
  return { width, height, data, transform: [106, CELL_DEG, 0, 22.7, 0, -CELL_DEG] };
}

const site = (id: string, operator: string, lon: number, lat: number): SiteFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: {
    id, name: `Site ${id}`, operator, antennaHeightM: 30, status: 'existing', power: 'grid', backhaul: 'fiber',
    cells: [
      { tech: '2G', freqMHz: 900, eirpDbm: 56 },
      { tech: '4G', freqMHz: 1800, eirpDbm: 61 },
    ],
  },
});

export function coverageSites(): Sites {
  return {
    type: 'FeatureCollection',
    features: [site('A', 'Viettel', 106.03, 22.6), site('B', 'MobiFone', 106.06, 22.55), site('C', 'Viettel', 106.05, 22.66)],
  };
}

const village = (id: string, lon: number, lat: number): VillageFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { id, name: `Bản ${id}`, communeId: '01', population: 200, households: 40, electrified: true, fixedBroadband: null },
});

/** W1 near site A on its side of the ridge; E1 behind the ridge, east of A; E2 far east. */
export function coverageVillages(): Villages {
  return { type: 'FeatureCollection', features: [village('W1', 106.04, 22.6), village('E1', 106.15, 22.6), village('E2', 106.19, 22.62)] };
}
