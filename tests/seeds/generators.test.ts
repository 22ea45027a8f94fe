import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import type { CommuneFeature } from '../../core/model/types';
import { apportion } from '../../seeds/lib/alloc';
import { mulberry32 } from '../../seeds/lib/prng';
import { hamletNamer } from '../../seeds/names';
import { buildNetwork } from '../../seeds/network';
import { buildDem } from '../../seeds/terrain';
import { buildVillages } from '../../seeds/villages';

// small pieces of the generators, run twice: same seed, same output
const dir = join(import.meta.dirname, '../../geodata');
const fc = <T>(name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')).features as T[];
const communes = fc<CommuneFeature>('communes.geojson');
const outline = fc<Feature<Polygon | MultiPolygon>>('province.geojson')[0].geometry;
const towns = fc<Feature<Point, { name: string }>>('towns.geojson').map((t) => ({ name: t.properties.name, lon: t.geometry.coordinates[0], lat: t.geometry.coordinates[1] }));

describe('seed generators', () => {
  it('mulberry32 repeats for a seed and differs between seeds', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const sa = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(sa);
    expect(c.next()).not.toBe(sa[0]);
    for (const x of sa) expect(x >= 0 && x < 1).toBe(true);
  });

  it('apportion gives integer parts with the exact total and the minimum', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    const parts = apportion(4808, [0.2, 5, 1.3, 0.01], 15);
    expect(parts.reduce((x, y) => x + y, 0)).toBe(4808);
    expect(Math.min(...parts)).toBeGreaterThanOrEqual(15);
    expect(() => apportion(10, [1, 1, 1], 4)).toThrow('apportion: cannot give 3 parts at least 4 each from 10');
  });

  it('names 300 hamlets of one commune without a repeat', () => {
    const next = hamletNamer(mulberry32(1));
    const names = Array.from({ length: 300 }, next);
    expect(new Set(names).size).toBe(300);
  });

  it('builds the same valley network, DEM piece and hamlets twice', () => {
    const run = () => {
      const valleys = buildNetwork(towns, communes, outline, { seed: 99 });
      const dem = buildDem(valleys, { seed: 99, bbox: [106.2, 22.62, 106.3, 22.7] });
      const wards = communes.filter((c) => ['Nùng Trí Cao', 'Tân Giang'].includes(c.properties.name));
      const villages = buildVillages(wards, dem, valleys, towns, { seed: 99, total: 40, unelectrified: 0 });
      return { valleys, dem, villages, wards };
    };
    const one = run();
    const two = run();
    expect(JSON.stringify(two.valleys)).toBe(JSON.stringify(one.valleys));
    expect(Buffer.from(two.dem.data.buffer).equals(Buffer.from(one.dem.data.buffer))).toBe(true);
    expect(JSON.stringify(two.villages)).toBe(JSON.stringify(one.villages));
    expect(one.villages).toHaveLength(40);
    for (const w of one.wards) {
      const mine = one.villages.filter((v) => v.properties.communeId === w.properties.id);
      expect(mine.reduce((a, v) => a + v.properties.population, 0)).toBe(w.properties.population);
    }
    // the city of Cao Bằng lies in a valley
    let min = Infinity;
    for (const v of one.dem.data) min = Math.min(min, v);
    expect(min).toBeLessThan(300);
  });
});
