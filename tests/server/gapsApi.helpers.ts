/**
 * The small ridge world of coverageApi.helpers.ts with 20 villages (5 without power), two communes
 * split at the ridge and one power line, for the gap API and `covgap gaps` tests.
 */
import type { CommuneFeature, PowerLineFeature, VillageFeature, Villages } from '../../core/model/types';

/** 20 villages on a 5 × 4 lattice over the small world (both sides of the ridge), two communes. */
export function gapVillages(): Villages {
  const features: VillageFeature[] = [];
  for (let k = 0; k < 20; k++) {
    const lon = 106.02 + (k % 5) * 0.04;
    const lat = 22.53 + Math.floor(k / 5) * 0.045;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { id: `V${String(k).padStart(2, '0')}`, name: `Bản Đôn ${k}`, communeId: lon < 106.1 ? '01' : '02', population: 50 + 37 * k, households: 10 + 8 * k, electrified: k % 4 !== 3, fixedBroadband: null },
    });
  }
  return { type: 'FeatureCollection', features };
}
const square = (w: number, s: number, e: number, n: number): [number, number][][] => [[[w, s], [e, s], [e, n], [w, n], [w, s]]];
export const gapCommunes = (): CommuneFeature[] => [
  { type: 'Feature', geometry: { type: 'Polygon', coordinates: square(106, 22.5, 106.1, 22.7) }, properties: { id: '01', name: 'Xã Tây', kind: 'xã', population: 5000, households: 1000, areaKm2: 200 } },
  { type: 'Feature', geometry: { type: 'Polygon', coordinates: square(106.1, 22.5, 106.2, 22.7) }, properties: { id: '02', name: 'Xã Đông', kind: 'xã', population: 5000, households: 1000, areaKm2: 200 } },
];
export const gapPowerLines = (): PowerLineFeature[] => [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[106.0, 22.5], [106.05, 22.7]] }, properties: { id: 'L1', voltageKv: 35 } }];

