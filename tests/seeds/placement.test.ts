import { describe, expect, it } from 'vitest';
import type { CommuneFeature, PowerLineFeature, SiteFeature } from '../../core/model/types';
import { createPlacer, renameSites } from '../../seeds/calib/placement';
import { distanceM, pointInPolygon } from '../../seeds/lib/geo';
import type { Valley } from '../../seeds/network';

// two square communes side by side (0.2° each), a town in each, a corridor between the towns and
// a power line along the corridor
const square = (lon0: number): CommuneFeature['geometry'] => ({
  type: 'Polygon', coordinates: [[[lon0, 22], [lon0 + 0.2, 22], [lon0 + 0.2, 22.2], [lon0, 22.2], [lon0, 22]]],
});
const communes = [
  { type: 'Feature', properties: { id: '00001', name: 'Tây', population: 20000 }, geometry: square(106) },
  { type: 'Feature', properties: { id: '00002', name: 'Đông', population: 5000 }, geometry: square(106.2) },
] as unknown as CommuneFeature[];
const towns = [{ name: 'A', lon: 106.1, lat: 22.1 }, { name: 'B', lon: 106.3, lat: 22.1 }];
const corridor: Valley = { kind: 'corridor', line: [[106.1, 22.1], [106.2, 22.12], [106.3, 22.1]], floorsM: [200, 210, 220], floorHalfWidthM: 300, sideWidthM: 1000 };
const power = [{ type: 'Feature', properties: { voltageKv: 35 }, geometry: { type: 'LineString', coordinates: corridor.line } }] as unknown as PowerLineFeature[];
const cells = [0, 120, 240].map((az) => ({ tech: '4G' as const, freqMHz: 1800, eirpDbm: 61, azimuthDeg: az, beamwidthDeg: 65, downtiltDeg: 2 }));
const site = (id: string, operator: string, lon: number, lat: number): SiteFeature => ({
  type: 'Feature', id,
  properties: { id, name: '', operator, antennaHeightM: 40, status: 'existing', power: 'solar', backhaul: 'microwave', cells, communeId: '00001', synthetic: true, source: 'covgap seed' },
  geometry: { type: 'Point', coordinates: [lon, lat] },
});

function sites(): SiteFeature[] {
  return [
    site('VTL-0001', 'Viettel', 106.1, 22.1), // in town A
    site('VTL-0002', 'Viettel', 106.05, 22.02), // on a hill: the one that moves
    site('MBF-0001', 'MobiFone', 106.3, 22.1), // in town B
  ];
}

describe('createPlacer (where the calibration moves a site)', () => {
  it('proposes town, town, corridor spots inside a commune that respect the spacing rules', () => {
    const list = sites();
    const placer = createPlacer(list, communes, towns, [corridor], power, { seed: 7 });
    const kinds: string[] = [];
    for (let k = 0; k < 12; k++) {
      const p = placer.propose(1, k, new Map());
      expect(p, `attempt ${k}`).not.toBeNull();
      if (!p) continue;
      kinds.push(p.kind);
      expect(pointInPolygon(p.lon, p.lat, communes[p.commune].geometry)).toBe(true);
      for (const other of [list[0], list[2]]) {
        const d = distanceM(p.lon, p.lat, other.geometry.coordinates[0], other.geometry.coordinates[1]);
        expect(d).toBeGreaterThanOrEqual(other.properties.operator === 'Viettel' ? (p.kind === 'town' ? 350 : 1800) : 120);
      }
      const [hMin, hMax] = p.kind === 'town' ? [20, 32] : [25, 40];
      expect(p.antennaHeightM).toBeGreaterThanOrEqual(hMin);
      expect(p.antennaHeightM).toBeLessThanOrEqual(hMax);
    }
    expect(kinds.slice(0, 6)).toEqual(['town', 'town', 'corridor', 'town', 'town', 'corridor']);
  });

  it('is deterministic and counts the places chosen earlier in the same step', () => {
    const a = createPlacer(sites(), communes, towns, [corridor], power, { seed: 7 });
    const b = createPlacer(sites(), communes, towns, [corridor], power, { seed: 7 });
    expect(a.propose(1, 3, new Map())).toEqual(b.propose(1, 3, new Map()));
    // a pending Viettel site right where proposal 0 of site 1 would go pushes it elsewhere
    const first = a.propose(1, 0, new Map())!;
    const pending = new Map([[0, { ...first }]]);
    const moved = a.propose(1, 0, pending)!;
    expect(distanceM(moved.lon, moved.lat, first.lon, first.lat)).toBeGreaterThanOrEqual(350);
  });

  it('re-equips a moved site for its new place and keeps id, operator and technologies', () => {
    const list = sites();
    const placer = createPlacer(list, communes, towns, [corridor], power, { seed: 7 });
    const f = placer.feature(1, { lon: 106.25, lat: 22.11, kind: 'corridor', commune: 1, antennaHeightM: 30, downtiltDeg: 4 });
    expect(f.id).toBe('VTL-0002');
    expect(f.properties).toMatchObject({ id: 'VTL-0002', operator: 'Viettel', communeId: '00002', antennaHeightM: 30, power: 'grid', backhaul: 'fiber' });
    expect(f.properties.cells.map((c) => [c.tech, c.azimuthDeg, c.downtiltDeg])).toEqual([['4G', 0, 4], ['4G', 120, 4], ['4G', 240, 4]]);
    expect(f.geometry.coordinates).toEqual([106.25, 22.11]);
    expect(list[1].geometry.coordinates).toEqual([106.05, 22.02]); // the input is not modified
  });

  it('renames sites per operator and commune in file order', () => {
    const list = sites();
    list[2].properties.communeId = '00002';
    renameSites(list, communes);
    expect(list.map((s) => s.properties.name)).toEqual(['Viettel Tây 1', 'Viettel Tây 2', 'MobiFone Đông 1']);
  });
});
