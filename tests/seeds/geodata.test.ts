import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommuneFeature, PowerLineFeature, SiteFeature, VillageFeature } from '../../core/model/types';
import { pointInPolygon, pointLineDistanceM } from '../../seeds/lib/geo';

// reads the committed demo files: the seed is not re-run here
const dir = join(import.meta.dirname, '../../geodata');
const read = <T>(name: string): T[] => JSON.parse(readFileSync(join(dir, name), 'utf8')).features as T[];
const communes = read<CommuneFeature>('communes.geojson');
const villages = read<VillageFeature>('villages.geojson');
const sites = read<SiteFeature>('sites.geojson');
const power = read<PowerLineFeature>('power-lines.geojson');
const pt = (f: { geometry: unknown }) => (f.geometry as { coordinates: [number, number] }).coordinates;

describe('geodata: the demo province', () => {
  it('has the manifest the server reads', () => {
    const m = JSON.parse(readFileSync(join(dir, 'covgap.json'), 'utf8'));
    expect(m).toEqual({
      name: 'Cao Bằng (demo)', dem: 'dem/caobang-dem-1s.tif', outline: 'province.geojson', communes: 'communes.geojson',
      villages: 'villages.geojson', sites: 'sites.geojson', powerLines: 'power-lines.geojson', towns: 'towns.geojson',
    });
  });

  it('has the 56 real communes with official codes and Vietnamese names', () => {
    expect(communes).toHaveLength(56);
    expect(new Set(communes.map((c) => c.properties.id)).size).toBe(56);
    for (const c of communes) {
      expect(c.properties.id).toMatch(/^\d{5}$/);
      expect(c.id).toBe(c.properties.id);
      expect(c.properties.name.length).toBeGreaterThan(1);
      expect(['xã', 'phường']).toContain(c.properties.kind);
      expect(c.properties.synthetic).toBe(false);
    }
    expect(communes.reduce((a, c) => a + c.properties.population, 0)).toBe(573119);
    expect(communes.filter((c) => c.properties.kind === 'phường').map((c) => c.properties.name).sort()).toEqual(['Nùng Trí Cao', 'Thục Phán', 'Tân Giang']);
  });

  it('has the 16 GeoNames towns and the province outline, real and attributed', () => {
    const towns = read<{ properties: { name: string; licence: string; synthetic: boolean }; geometry: { type: string } }>('towns.geojson');
    expect(towns).toHaveLength(16);
    for (const t of towns) {
      expect(t.geometry.type).toBe('Point');
      expect(t.properties.licence).toBe('CC-BY-4.0');
      expect(t.properties.synthetic).toBe(false);
    }
    expect(towns.map((t) => t.properties.name)).toContain('Cao Bằng');
    const [outline] = read<{ id: string; geometry: { type: string } }>('province.geojson');
    expect(outline.id).toBe('04');
    expect(outline.geometry.type).toBe('MultiPolygon');
  });

  it('labels every feature of every file synthetic or real', () => {
    for (const name of ['province.geojson', 'communes.geojson', 'towns.geojson', 'villages.geojson', 'sites.geojson', 'power-lines.geojson']) {
      for (const f of read<{ properties: { synthetic?: unknown } }>(name)) expect(typeof f.properties.synthetic, name).toBe('boolean');
    }
    for (const f of [...villages, ...sites, ...power]) expect(f.properties.synthetic).toBe(true);
  });

  it('has 1,800–2,600 hamlets whose population and households add up to each commune', () => {
    expect(villages.length).toBeGreaterThanOrEqual(1800);
    expect(villages.length).toBeLessThanOrEqual(2600);
    for (const c of communes) {
      const mine = villages.filter((v) => v.properties.communeId === c.properties.id);
      expect(mine.length, c.properties.name).toBeGreaterThan(0);
      expect(mine.reduce((a, v) => a + v.properties.population, 0)).toBe(c.properties.population);
      expect(mine.reduce((a, v) => a + v.properties.households, 0)).toBe(c.properties.households);
      expect(new Set(mine.map((v) => v.properties.name)).size, `names unique in ${c.properties.name}`).toBe(mine.length);
      for (const v of mine) {
        expect(v.properties.id).toMatch(new RegExp(`^${c.properties.id}-\\d{3}$`));
        expect(pointInPolygon(pt(v)[0], pt(v)[1], c.geometry), v.properties.id).toBe(true);
      }
    }
  });

  it('has about 60–63 % of households with fixed broadband', () => {
    const all = villages.reduce((a, v) => a + v.properties.households, 0);
    const bb = villages.filter((v) => v.properties.fixedBroadband).reduce((a, v) => a + v.properties.households, 0);
    expect(bb / all).toBeGreaterThan(0.6);
    expect(bb / all).toBeLessThan(0.63);
  });

  it('has exactly 29 hamlets without power, ≥ 3 km from every line, and all others within 1 km of one', () => {
    const dark = villages.filter((v) => !v.properties.electrified);
    expect(dark).toHaveLength(29);
    const lines = power.map((l) => l.geometry.coordinates as [number, number][]);
    const nearestM = (v: VillageFeature) => Math.min(...lines.map((l) => pointLineDistanceM(pt(v)[0], pt(v)[1], l)));
    for (const v of dark) expect(nearestM(v), v.properties.id).toBeGreaterThanOrEqual(3000);
    for (const v of villages) if (v.properties.electrified) expect(nearestM(v), v.properties.id).toBeLessThanOrEqual(1000);
    expect(new Set(power.map((l) => l.properties.voltageKv))).toEqual(new Set([110, 35, 22]));
  });

  it('has 1,217 sites of three operators, 33 with 5G, plausibly equipped', () => {
    expect(sites).toHaveLength(1217);
    const by = (op: string) => sites.filter((s) => s.properties.operator === op).length;
    expect(by('Viettel') + by('VNPT/Vinaphone') + by('MobiFone')).toBe(1217);
    expect(by('Viettel') / 1217).toBeCloseTo(0.45, 2);
    expect(new Set(sites.map((s) => s.properties.id)).size).toBe(1217);
    const codes = new Set(communes.map((c) => c.properties.id));
    for (const s of sites) {
      const p = s.properties;
      expect(p.id).toMatch(/^(VTL|VNP|MBF)-\d{4}$/);
      expect(p.antennaHeightM).toBeGreaterThanOrEqual(20);
      expect(p.antennaHeightM).toBeLessThanOrEqual(45);
      expect(codes.has(p.communeId!)).toBe(true);
      expect(p.status).toBe('existing');
      expect(p.cells.filter((c) => c.tech === '2G' || c.tech === '4G')).toHaveLength(6);
      for (const c of p.cells) expect(c.beamwidthDeg).toBe(65);
    }
    const fiveG = sites.filter((s) => s.properties.cells.some((c) => c.tech === '5G'));
    expect(fiveG).toHaveLength(33);
    const wards = new Set(communes.filter((c) => c.properties.kind === 'phường').map((c) => c.properties.id));
    expect(fiveG.filter((s) => wards.has(s.properties.communeId!)).length).toBeGreaterThanOrEqual(25);
    expect(sites.filter((s) => s.properties.cells.some((c) => c.tech === '3G')).length).toBeLessThan(1217);
  });

  it('keeps every site consistent with where it stands (also the sites the calibration moved)', () => {
    const byId = new Map(communes.map((c) => [c.properties.id, c]));
    const lines = power.map((l) => l.geometry.coordinates as [number, number][]);
    const names = new Set<string>();
    for (const s of sites) {
      const p = s.properties;
      const [lon, lat] = pt(s);
      const commune = byId.get(p.communeId!)!;
      expect(pointInPolygon(lon, lat, commune.geometry), p.id).toBe(true);
      expect(p.name, p.id).toMatch(new RegExp(`^${p.operator} ${commune.properties.name} \\d+$`));
      names.add(p.name);
      const gridM = Math.min(...lines.map((l) => pointLineDistanceM(lon, lat, l)));
      expect(p.power, p.id).toBe(gridM <= 1000 ? 'grid' : 'solar');
      expect(new Set(p.cells.map((c) => c.downtiltDeg)).size, p.id).toBe(1);
    }
    expect(names.size).toBe(sites.length);
  });
});
