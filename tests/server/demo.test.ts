/**
 * The API over the real demo geodata (geodata/covgap.json): the counts the design brief plans
 * against, bbox correctness around Cao Bằng city, and a terrain tile over the province.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latToTileY, lonToTileX } from '../../core/geo/tiles';
import { decodeTerrainRgb } from '../../core/terrain/terrainRgb';
import { decodePng } from '../../server/http/pngDecode';
import { startServer, type RunningServer } from '../../server/main';
import { getJson } from './fixture';
import { DEMO_MANIFEST, demoSkipReason } from './demo.helpers';

const skip = demoSkipReason();
if (skip) console.warn(`tests/server/demo.test.ts skipped: ${skip}`);

describe.skipIf(skip !== null)('API over the demo geodata', () => {
  let srv: RunningServer;
  beforeAll(async () => {
    srv = await startServer({ port: 0, host: '127.0.0.1', geodataPath: DEMO_MANIFEST, log: false, clientDir: 'tests/fixtures/no-such-client-dir' });
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('sites: 1217 in all, 33 with 5G', async () => {
    expect((await getJson(`${srv.url}/collections/sites/items?limit=1`)).body.numberMatched).toBe(1217);
    const fiveG = (await getJson(`${srv.url}/collections/sites/items?tech=5G&limit=10000`)).body;
    expect(fiveG.numberMatched).toBe(33);
    for (const f of fiveG.features) expect(f.properties.cells.some((c: any) => c.tech === '5G')).toBe(true);
  });

  it('communes: 56; villages 1800–2600 with exactly 29 not electrified', async () => {
    expect((await getJson(`${srv.url}/collections/communes/items?limit=1`)).body.numberMatched).toBe(56);
    const villages = (await getJson(`${srv.url}/collections/villages/items?limit=10000`)).body;
    expect(villages.numberMatched).toBeGreaterThanOrEqual(1800);
    expect(villages.numberMatched).toBeLessThanOrEqual(2600);
    expect(villages.numberReturned).toBe(villages.numberMatched);
    const dark = (await getJson(`${srv.url}/collections/villages/items?electrified=false&limit=10000`)).body;
    expect(dark.numberMatched).toBe(29);
    expect(villages.features.filter((f: any) => f.properties.electrified === false).length).toBe(29);
  });

  it('province: the real outline, one feature', async () => {
    const body = (await getJson(`${srv.url}/collections/province/items`)).body;
    expect(body.numberMatched).toBe(1);
    expect(body.features[0].properties).toMatchObject({ id: '04', name: 'Cao Bằng', synthetic: false });
    expect(['Polygon', 'MultiPolygon']).toContain(body.features[0].geometry.type);
  });

  it('a box around Cao Bằng city returns only features inside it, and all of them', async () => {
    const box = [106.2, 22.62, 106.3, 22.7];
    const inBox = (c: number[]): boolean => c[0] >= box[0] && c[0] <= box[2] && c[1] >= box[1] && c[1] <= box[3];
    for (const id of ['sites', 'villages']) {
      const page = (await getJson(`${srv.url}/collections/${id}/items?bbox=${box.join(',')}&limit=10000`)).body;
      expect(page.numberMatched).toBeGreaterThan(0);
      for (const f of page.features) if (f.geometry.type === 'Point') expect(inBox(f.geometry.coordinates)).toBe(true);
      // nothing inside the box is missing
      const all = (await getJson(`${srv.url}/collections/${id}/items?limit=10000`)).body;
      const expected = all.features.filter((f: any) => f.geometry.type === 'Point' && inBox(f.geometry.coordinates)).length;
      expect(page.features.filter((f: any) => f.geometry.type === 'Point').length).toBe(expected);
    }
  });

  it('health reports the counts and the DEM', async () => {
    const { body } = await getJson(`${srv.url}/api/health`);
    expect(body.status).toBe('ok');
    expect(body.collections.sites).toBe(1217);
    expect(body.collections.communes).toBe(56);
    expect(body.dem.width).toBeGreaterThan(100);
    expect(body.dem.maxM).toBeGreaterThan(body.dem.minM);
  });

  it('a terrain tile over the province decodes to elevations inside the DEM range', async () => {
    const { body: health } = await getJson(`${srv.url}/api/health`);
    const z = 11;
    const x = Math.floor(lonToTileX(106.0, z));
    const y = Math.floor(latToTileY(22.75, z));
    const res = await fetch(`${srv.url}/tiles/terrain/${z}/${x}/${y}.png`);
    expect(res.status).toBe(200);
    const { pixels } = decodePng(Buffer.from(await res.arrayBuffer()));
    let minM = Infinity;
    let maxM = -Infinity;
    for (let p = 0; p < pixels.length; p += 3) {
      const h = decodeTerrainRgb(pixels[p], pixels[p + 1], pixels[p + 2]);
      minM = Math.min(minM, h);
      maxM = Math.max(maxM, h);
    }
    expect(minM).toBeGreaterThanOrEqual(health.dem.minM - 0.1);
    expect(maxM).toBeLessThanOrEqual(health.dem.maxM + 0.1);
    expect(maxM - minM).toBeGreaterThan(50); // real relief, not a flat fill
  });
});
