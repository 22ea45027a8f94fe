/** Small hand-made features for the client tests (Vietnamese names with diacritics on purpose). */
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { CommuneProperties, SiteProperties, VillageProperties } from '../../core/model/types';

export const communes: FeatureCollection<Polygon | MultiPolygon, CommuneProperties> = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[[106.0, 22.5], [106.2, 22.5], [106.2, 22.7], [106.0, 22.7], [106.0, 22.5]]] },
      properties: { id: '01708', name: 'Bạch Đằng', kind: 'xã', population: 4808, households: 1202, areaKm2: 91.3 },
    },
    {
      type: 'Feature',
      // an L-shaped commune whose ring centroid lies outside it
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [[[106.3, 22.5], [106.7, 22.5], [106.7, 22.6], [106.4, 22.6], [106.4, 22.9], [106.3, 22.9], [106.3, 22.5]]],
          [[[106.8, 22.5], [106.81, 22.5], [106.81, 22.51], [106.8, 22.5]]],
        ],
      },
      properties: { id: '01720', name: 'Thục Phán', kind: 'phường', population: 30000, households: 7500, areaKm2: 40 },
    },
  ],
};

export const villages: FeatureCollection<Point, VillageProperties> = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [106.1, 22.6] },
      properties: { id: 'V1', name: 'Bản Nà Mạ', communeId: '01708', population: 240, households: 60, electrified: false, fixedBroadband: null, synthetic: true },
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [106.35, 22.8] },
      properties: { id: 'V2', name: 'Xóm Bạch', communeId: '01720', population: 1200, households: 300, electrified: true, fixedBroadband: true, synthetic: true },
    },
  ],
};

export const sites: FeatureCollection<Point, SiteProperties> = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [106.1, 22.55] },
      properties: {
        id: 'S-001',
        name: 'BTS Bạch Đằng 1',
        operator: 'Viettel',
        antennaHeightM: 30,
        status: 'existing',
        power: 'grid',
        backhaul: 'fiber',
        cells: [
          { tech: '4G', freqMHz: 1800, eirpDbm: 60, azimuthDeg: 0, beamwidthDeg: 65 },
          { tech: '2G', freqMHz: 900, eirpDbm: 55 },
          { tech: '5G', freqMHz: 3500, eirpDbm: 65 },
          { tech: '4G', freqMHz: 2100, eirpDbm: 60, azimuthDeg: 120, beamwidthDeg: 65 },
        ],
        synthetic: true,
      },
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [106.5, 22.55] },
      properties: { id: 'S-002', name: 'BTS 2', operator: 'Vietnamobile', antennaHeightM: 20, status: 'planned', power: 'solar', backhaul: 'microwave', cells: [] },
    },
  ],
};
