import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGeodata, readManifest, repositoryFromGeodata } from '../../server/data/geodata';
import { featureCollection, TINY_MANIFEST, writeTinyGeodata } from '../helpers/tinyGeodata';

let dir: string;
const fc = featureCollection;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'covgap-geodata-'));
  writeTinyGeodata(dir);
  const manifest = TINY_MANIFEST;
  writeFileSync(join(dir, 'bad.json'), '{ "name": ');
  writeFileSync(join(dir, 'nodem.json'), JSON.stringify({ ...manifest, dem: '' }));
  writeFileSync(join(dir, 'missing-sites.json'), JSON.stringify({ ...manifest, sites: 'nowhere.geojson' }));
  const square = { type: 'Polygon', coordinates: [[[106, 22.5], [106.5, 22.5], [106.5, 22.85], [106, 22.85], [106, 22.5]]] };
  writeFileSync(join(dir, 'outline.geojson'), fc([{ type: 'Feature', properties: { id: '04', name: 'Tỉnh thử' }, geometry: square }]));
  writeFileSync(join(dir, 'with-outline.json'), JSON.stringify({ ...manifest, outline: 'outline.geojson' }));
  writeFileSync(join(dir, 'outline-line.geojson'), fc([{ type: 'Feature', properties: { id: '04', name: 'x' }, geometry: { type: 'LineString', coordinates: [[106, 22.5], [106.5, 22.5]] } }]));
  writeFileSync(join(dir, 'bad-outline.json'), JSON.stringify({ ...manifest, outline: 'outline-line.geojson' }));
  writeFileSync(join(dir, 'outline-empty.geojson'), fc([]));
  writeFileSync(join(dir, 'empty-outline.json'), JSON.stringify({ ...manifest, outline: 'outline-empty.geojson' }));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('server/data/geodata', () => {
  it('loads the manifest, the DEM and the four collections (paths relative to the manifest)', async () => {
    const g = await loadGeodata(join(dir, 'covgap.json'));
    expect(g.name).toBe('Temp');
    expect([g.dem.width, g.dem.height]).toEqual([1201, 1201]);
    const repo = repositoryFromGeodata(g);
    expect(repo.collections().map((c) => [c.id, c.count])).toEqual([['sites', 88], ['villages', 30], ['communes', 2], ['power-lines', 1]]);
    const hit = await repo.list('sites', { bbox: [106.2, 22.62, 106.3, 22.7], limit: 100, offset: 0 });
    expect(hit?.numberMatched).toBe(6);
  });

  it('serves the outline as collection "province" when the manifest names one', async () => {
    const g = await loadGeodata(join(dir, 'with-outline.json'));
    expect(g.outline?.features[0].properties.name).toBe('Tỉnh thử');
    const repo = repositoryFromGeodata(g);
    expect(repo.collections().map((c) => [c.id, c.count])).toEqual([['sites', 88], ['villages', 30], ['communes', 2], ['power-lines', 1], ['province', 1]]);
    expect((await loadGeodata(join(dir, 'covgap.json'))).outline).toBeNull();
  });

  it('rejects an outline that is not polygons, or has no feature, naming the file', async () => {
    const line = join(dir, 'outline-line.geojson');
    await expect(loadGeodata(join(dir, 'bad-outline.json'))).rejects.toThrow(line);
    await expect(loadGeodata(join(dir, 'bad-outline.json'))).rejects.toThrow(/Polygon/);
    await expect(loadGeodata(join(dir, 'empty-outline.json'))).rejects.toThrow(
      `${join(dir, 'outline-empty.geojson')}: the outline has no features; expected at least one Polygon or MultiPolygon feature`,
    );
  });

  it('manifest errors name the file and the fix', async () => {
    const m = join(dir, 'nope.json');
    await expect(readManifest(m)).rejects.toThrow(`geodata manifest ${m}: cannot be read (ENOENT); run \`npm run seed\` to build the demo geodata or set GEODATA to your manifest`);
    await expect(readManifest(join(dir, 'bad.json'))).rejects.toThrow(`geodata manifest ${join(dir, 'bad.json')}: not valid JSON`);
    await expect(readManifest(join(dir, 'nodem.json'))).rejects.toThrow(`geodata manifest ${join(dir, 'nodem.json')}: "dem" must be a file path relative to the manifest, got ""`);
  });

  it("a loader's InputError reaches the caller", async () => {
    await expect(loadGeodata(join(dir, 'missing-sites.json'))).rejects.toThrow(join(dir, 'nowhere.geojson'));
  });
});
