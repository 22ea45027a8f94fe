import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gapCommunes, gapPowerLines, gapVillages } from './gapsApi.helpers';
import { GapService } from '../../server/services/gaps';
import { setupCoverage } from '../../server/services/coverageSetup';
import { CoveragePipeline } from '../../server/coverage/pipeline';
import { coverageDem, coverageSites } from './coverageApi.helpers';
import { fixtureDeps, getJson, listen, type TestServer } from './fixture';
import { createMemoryRepository } from '../../server/data/memoryRepository';
import { COLLECTION_DEFS } from '../../server/data/collections';

let srv: TestServer;
const dem = coverageDem();
const sites = coverageSites();
const villages = gapVillages();
const communes = gapCommunes();
const powerLines = gapPowerLines();

beforeAll(async () => {
  const coverage = setupCoverage({ sites, villages }, new CoveragePipeline(dem, { dataDir: null, workers: 0, settings: { coverage: { radiusM: 8000 } } }));
  const provider = coverage.coverage.provider;
  const gaps = new GapService(coverage.coverage, { villages: villages.features, communes, powerLines });
  const byId = { sites: sites.features, villages: villages.features, communes, 'power-lines': powerLines } as Record<string, GeoJSON.Feature[]>;
  const repository = createMemoryRepository(COLLECTION_DEFS.filter((def) => byId[def.id]).map((def) => ({ def, features: byId[def.id] })));
  srv = await listen(fixtureDeps({ dem, coverage, gaps, repository }));
  // while computing: 503 with progress
  const early = await fetch(`${srv.url}/api/stats`);
  if (provider.status().state !== 'ready') {
    expect(early.status).toBe(503);
    expect(early.headers.get('content-type')).toContain('application/problem+json');
    expect((await early.json()).progress.total).toBe(3);
  }
  for (let i = 0; i < 600 && provider.status().state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 50));
  expect(provider.status().state).toBe('ready');
}, 60_000);
afterAll(async () => {
  await srv?.close();
});

const problem = async (path: string) => {
  const res = await fetch(`${srv.url}${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() };
};

describe('/api/stats and /collections/gaps', () => {
  it('counts consistent with /collections/villages and /collections/gaps', async () => {
    const stats = (await getJson(srv.url + '/api/stats')).body;
    const villagesPage = (await getJson(srv.url + '/collections/villages/items?limit=1')).body;
    const gapsPage = (await getJson(srv.url + '/collections/gaps/items?limit=1000')).body;
    expect(stats.villages).toBe(villagesPage.numberMatched);
    expect(stats.villages).toBe(20);
    expect(stats.villagesWithSignal + stats.villagesWithoutSignal).toBe(20);
    expect(gapsPage.numberMatched).toBe(stats.villagesWithoutSignal);
    // the small world has both: villages near the sites and villages behind the ridge
    expect(stats.villagesWithSignal).toBeGreaterThan(0);
    expect(stats.villagesWithoutSignal).toBeGreaterThan(0);
    expect(stats.villagesWithoutPower).toBe(5);
    const noPower = (await getJson(srv.url + '/collections/gaps/items?electrified=false')).body;
    expect(noPower.numberMatched).toBe(stats.villagesWithoutSignalWithoutPower);
    const pop = villages.features.reduce((s, v) => s + v.properties.population, 0);
    const uncoveredPop = gapsPage.features.reduce((s: number, f: GeoJSON.Feature) => s + (f.properties?.population as number), 0);
    expect(stats.populationCovered).toBe(pop - uncoveredPop);
    // per commune sums to the province; per technology: no 3G/5G cells at all
    expect(stats.communes.map((c: { id: string }) => c.id)).toEqual(['01', '02']);
    expect(stats.communes.reduce((s: number, c: { villagesWithoutSignal: number }) => s + c.villagesWithoutSignal, 0)).toBe(stats.villagesWithoutSignal);
    expect(stats.byTech['3G'].villagesWithSignal).toBe(0);
    expect(stats.byTech['5G'].villagesWithSignal).toBe(0);
    const no4G = (await getJson(srv.url + '/collections/gaps/items?tech=4G&limit=1')).body;
    expect(no4G.numberMatched).toBe(stats.byTech['4G'].villagesWithoutSignal);
    const noMobi = (await getJson(srv.url + '/collections/gaps/items?operator=mobifone&limit=1')).body;
    expect(noMobi.numberMatched).toBe(stats.byOperator.MobiFone.villagesWithoutSignal);
    const east = (await getJson(srv.url + '/collections/gaps/items?communeId=02')).body;
    expect(east.numberMatched).toBe(stats.communes[1].villagesWithoutSignal);
    expect(east.features.every((f: GeoJSON.Feature) => f.properties?.communeId === '02')).toBe(true);
  });

  it('lists gaps sorted by score with reason, nearest sites and score parts; pages with links', async () => {
    const all = (await getJson(srv.url + '/collections/gaps/items')).body;
    const scores = all.features.map((f: GeoJSON.Feature) => f.properties?.score as number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const f of all.features) {
      const p = f.properties;
      expect(['terrain-blocked', 'out-of-range', 'no-site-within']).toContain(p.reason);
      expect(p.reasonText.vi.length).toBeGreaterThan(0);
      expect(p.nearestSites.length).toBe(3);
      const parts = p.scoreParts;
      expect(parts.population + parts.households + parts.noPower + parts.remoteness).toBeCloseTo(p.score, 6);
    }
    expect(all.features.map((f: GeoJSON.Feature) => f.properties?.rank)).toEqual(all.features.map((_: unknown, i: number) => i + 1));
    const page = (await getJson(srv.url + '/collections/gaps/items?limit=2&offset=1')).body;
    expect(page.features.map((f: GeoJSON.Feature) => f.id)).toEqual(all.features.slice(1, 3).map((f: GeoJSON.Feature) => f.id));
    expect(page.links.some((l: { rel: string }) => l.rel === 'prev')).toBe(true);
    const one = (await getJson(srv.url + `/collections/gaps/items/${all.features[0].id}`)).body;
    expect(one.properties.score).toBe(all.features[0].properties.score);
    expect(one.properties.rank).toBe(1);
  });

  it('is listed in /collections and /openapi.json', async () => {
    const colls = (await getJson(srv.url + '/collections')).body;
    const g = colls.collections.find((c: { id: string }) => c.id === 'gaps');
    expect(g.title).toBe('Villages without signal (gaps)');
    const meta = (await getJson(srv.url + '/collections/gaps')).body;
    expect(meta.id).toBe('gaps');
    const api = (await getJson(srv.url + '/openapi.json')).body;
    expect(api.paths['/api/stats'].get.operationId).toBe('getStats');
    const params = api.paths['/collections/gaps/items'].get.parameters.map((p: { name?: string }) => p.name).filter(Boolean);
    expect(params).toEqual(expect.arrayContaining(['communeId', 'tech', 'operator', 'electrified', 'minPopulation', 'f', 'lang']));
  });

  it('answers 400 with exact details', async () => {
    const cases: [string, string][] = [
      ['tech=6G', 'tech: expected one of 2G, 3G, 4G, 5G, got "6G"'],
      ['operator=Vodafone', 'operator: expected one of MobiFone, Viettel, got "Vodafone"'],
      ['electrified=yes', 'electrified: expected true or false, got "yes"'],
      ['minPopulation=-5', 'minPopulation: expected a whole number of people ≥ 0, got "-5"'],
      ['communeId=99', 'communeId: no commune has code "99"; see /collections/communes/items for the codes'],
      ['f=pdf', 'f: expected json (a page of features) or a download: csv, xlsx, geojson, kml, gpkg; got "pdf"'],
      ['f=csv&lang=fr', 'lang: expected vi or en, got "fr"'],
      ['colour=red', 'unknown query parameter "colour" for collection "gaps"; accepted: bbox, limit, offset, f, lang, scenario, communeId, tech, operator, electrified, minPopulation'],
    ];
    for (const [q, detail] of cases) {
      const r = await problem(`/collections/gaps/items?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.type).toContain('application/problem+json');
      expect(r.body.detail, q).toBe(detail);
    }
    const missing = await problem('/collections/gaps/items/NOPE');
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe('feature "NOPE" does not exist in collection "gaps" (no village has this id)');
  });
});

describe('downloads', () => {
  let ids: string[] = [];
  beforeAll(async () => {
    ids = (await getJson(srv.url + '/collections/gaps/items?minPopulation=300')).body.features.map((f: GeoJSON.Feature) => f.id);
    expect(ids.length).toBeGreaterThan(1);
  });
  const download = async (f: string, extra = '') => {
    const res = await fetch(`${srv.url}/collections/gaps/items?minPopulation=300&f=${f}${extra}`);
    expect(res.status).toBe(200);
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  it('CSV: BOM, one row per gap in score order, attachment', async () => {
    const { res, bytes } = await download('csv', '&lang=en');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="gaps.csv"');
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split('\r\n');
    expect(lines.length - 1).toBe(ids.length);
    expect(text).toContain('Bản Đôn');
    ids.forEach((id, i) => expect(lines[i + 1]).toContain(id));
  });

  it('GeoJSON, KML, XLSX and GeoPackage: as many rows as the list', async () => {
    const gj = JSON.parse(new TextDecoder().decode((await download('geojson')).bytes));
    expect(gj.features.map((f: GeoJSON.Feature) => f.id)).toEqual(ids);
    const kml = new TextDecoder().decode((await download('kml')).bytes);
    expect(kml.match(/<Placemark/g)?.length).toBe(ids.length);
    const x = await download('xlsx', '&tech=4G');
    expect(x.res.headers.get('content-disposition')).toBe('attachment; filename="gaps-4G.xlsx"');
    const sheet = strFromU8(unzipSync(x.bytes)['xl/worksheets/sheet1.xml']);
    const no4G = (await getJson(srv.url + '/collections/gaps/items?minPopulation=300&tech=4G')).body.numberMatched;
    expect(sheet.match(/<row /g)?.length).toBe(no4G + 1);
    const g = await download('gpkg');
    expect(new TextDecoder().decode(g.bytes.slice(0, 15))).toBe('SQLite format 3');
    expect(g.res.headers.get('content-type')).toBe('application/geopackage+sqlite3');
  });
});
