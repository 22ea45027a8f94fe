import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDeps, getJson, listen, type TestServer } from './fixture';
import type { FeatureRepository } from '../../server/data/repository';

let srv: TestServer;
beforeAll(async () => {
  srv = await listen(fixtureDeps());
});
afterAll(async () => {
  await srv?.close();
});

async function problem(path: string): Promise<{ status: number; body: any }> {
  const { status, type, body } = await getJson(srv.url + path);
  expect(type).toMatch(/^application\/problem\+json/);
  expect(body.status).toBe(status);
  expect(body.type).toBe('about:blank');
  return { status, body };
}

describe('errors are RFC 9457 problem+json with exact details', () => {
  const cases: [string, number, string][] = [
    ['/collections/roads', 404, 'collection "roads" does not exist; known collections: sites, villages, communes, power-lines'],
    ['/collections/roads/items', 404, 'collection "roads" does not exist; known collections: sites, villages, communes, power-lines'],
    ['/collections/sites/items/NOPE', 404, 'feature "NOPE" does not exist in collection "sites"'],
    ['/collections/sites/items?bbox=1,2,3', 400, 'bbox: expected 4 comma-separated numbers west,south,east,north, got 3 values'],
    ['/collections/sites/items?bbox=106,22,abc,23', 400, 'bbox: east must be a decimal number of degrees, got "abc"'],
    ['/collections/sites/items?bbox=106,22,,23', 400, 'bbox: east must be a decimal number of degrees, got ""'],
    ['/collections/sites/items?bbox=106,23,107,22', 400, 'bbox: south (23) must not be greater than north (22)'],
    ['/collections/sites/items?bbox=-181,22,107,23', 400, 'bbox: west must be a longitude in [-180, 180], got -181'],
    ['/collections/sites/items?bbox=106,22,107,91', 400, 'bbox: north must be a latitude in [-90, 90], got 91'],
    ['/collections/sites/items?bbox=1,2,3,4&bbox=1,2,3,4', 400, 'bbox: give this parameter once, as a single value'],
    ['/collections/sites/items?limit=0', 400, 'limit: expected an integer ≥ 1, got 0'],
    ['/collections/sites/items?limit=ten', 400, 'limit: expected an integer ≥ 1, got "ten"'],
    ['/collections/sites/items?limit=1.5', 400, 'limit: expected an integer ≥ 1, got "1.5"'],
    ['/collections/sites/items?offset=-1', 400, `offset: expected an integer 0–${Number.MAX_SAFE_INTEGER}, got -1`],
    ['/collections/sites/items?tech=6G', 400, 'tech: expected one of 2G, 3G, 4G, 5G, got "6G"'],
    ['/collections/villages/items?electrified=yes', 400, 'electrified: expected true or false, got "yes"'],
    ['/collections/villages/items?tech=5G', 400, 'unknown query parameter "tech" for collection "villages"; accepted: bbox, bbox-crs, crs, datetime, limit, offset, f, scenario, communeId, electrified'],
    ['/collections/sites/items?f=xml', 400, 'f: expected "json" or "geojson", got "xml"'],
    ['/collections/%ZZ', 400, "malformed percent-encoding in the URL: Failed to decode param '%ZZ'"],
    ['/no/such/route', 404, 'no resource at GET /no/such/route; see /openapi.json for the API'],
    ['/tiles/terrain/15/0/0.png', 400, 'z: expected a zoom level 0–14, got 15'],
    ['/tiles/terrain/2/4/0.png', 400, 'x: expected 0–3 at zoom 2, got 4'],
    ['/tiles/terrain/2/0/9.png', 400, 'y: expected 0–3 at zoom 2, got 9'],
    ['/tiles/terrain/1.5/0/0.png', 400, 'z: expected a non-negative integer, got "1.5"'],
    ['/tiles/terrain/3/-1/0.png', 400, 'x: expected a non-negative integer, got "-1"'],
  ];
  for (const [path, status, detail] of cases) {
    it(`${path} → ${status}`, async () => {
      const p = await problem(path);
      expect(p.status).toBe(status);
      expect(p.body.detail).toBe(detail);
      expect(p.body.instance).toBe(path);
    });
  }

  it('an internal error answers 500 with a generic detail, is logged, and the server stays up', async () => {
    const lines: string[] = [];
    const deps = fixtureDeps({ log: (l) => lines.push(l) });
    const broken: FeatureRepository = { ...deps.repository, list: async () => { throw new Error('disk on fire'); } };
    const s = await listen({ ...deps, repository: broken });
    try {
      const { status, type, body } = await getJson(s.url + '/collections/sites/items');
      expect(status).toBe(500);
      expect(type).toMatch(/^application\/problem\+json/);
      expect(body.detail).not.toContain('disk on fire');
      expect(lines.some((l) => l.includes('disk on fire'))).toBe(true);
      expect((await getJson(s.url + '/collections/sites')).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
