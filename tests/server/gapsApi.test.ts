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
      ['colour=red', 'unknown query parameter "colour" for collection "gaps"; accepted: bbox, bbox-crs, crs, datetime, limit, offset, f, lang, codes, scenario, communeId, tech, operator, electrified, minPopulation, rule, minAreaShare'],
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

describe('for desktop GIS and spreadsheets (issue 13)', () => {
  it('the gaps collection\'s extent is the gap villages\' own box, not the villages\'', async () => {
    const gaps = (await getJson(srv.url + '/collections/gaps/items?limit=1000')).body.features as GeoJSON.Feature<GeoJSON.Point>[];
    const lons = gaps.map((f) => f.geometry.coordinates[0]);
    const lats = gaps.map((f) => f.geometry.coordinates[1]);
    const own = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
    const meta = (await getJson(srv.url + '/collections/gaps')).body;
    expect(meta.extent.spatial.bbox[0]).toEqual(own);
    const villagesMeta = (await getJson(srv.url + '/collections/villages')).body;
    expect(meta.extent.spatial.bbox[0]).not.toEqual(villagesMeta.extent.spatial.bbox[0]);
  });

  it('gaps carry flat, typed copies of the download columns beside the nested lists', async () => {
    const { features } = (await getJson(srv.url + '/collections/gaps/items?limit=1000')).body;
    for (const f of features) {
      const p = f.properties;
      p.nearestSites.forEach((s: { id: string; operator: string; distanceM: number; bearingDeg: number; tech: string | null; levelDbm: number | null }, i: number) => {
        const n = i + 1;
        expect([p[`site${n}Id`], p[`site${n}Operator`], p[`site${n}DistanceM`], p[`site${n}BearingDeg`], p[`site${n}Tech`], p[`site${n}LevelDbm`]]).toEqual([s.id, s.operator, s.distanceM, s.bearingDeg, s.tech, s.levelDbm]);
      });
      expect(typeof p.site1DistanceM).toBe('number');
      expect([p.scorePopulation, p.scoreHouseholds, p.scoreNoPower, p.scoreRemoteness]).toEqual([p.scoreParts.population, p.scoreParts.households, p.scoreParts.noPower, p.scoreParts.remoteness]);
      expect([p.reasonTextVi, p.reasonTextEn]).toEqual([p.reasonText.vi, p.reasonText.en]);
      expect([p.villageId, p.villageName, p.lon, p.lat]).toEqual([f.id, p.name, ...f.geometry.coordinates]);
      // nothing nested among the flat ones
      for (const [k, v] of Object.entries(p)) if (!['nearestSites', 'scoreParts', 'reasonText'].includes(k)) expect(v === null || typeof v !== 'object', k).toBe(true);
    }
  });

  it('every enclosure link says the media type its download is served with', async () => {
    const page = (await getJson(srv.url + '/collections/gaps/items?limit=2&lang=en')).body;
    const enclosures = page.links.filter((l: { rel: string }) => l.rel === 'enclosure');
    expect(enclosures.map((l: { type: string }) => l.type.split(';')[0])).toEqual([
      'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/geo+json', 'application/vnd.google-earth.kml+xml', 'application/geopackage+sqlite3',
    ]);
    for (const l of enclosures) {
      const res = await fetch(l.href);
      expect(res.status, l.href).toBe(200);
      expect(res.headers.get('content-type'), l.href).toBe(l.type);
      await res.arrayBuffer();
    }
  });

  it('CSV codes=text writes digit-only codes as ="01", so spreadsheets keep the leading zero; plain stays as it is', async () => {
    const col = (text: string, key: string) => {
      const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
      return lines.slice(1).map((l) => l.split(',')[lines[0].split(',').indexOf(key)]);
    };
    const keys = '&lang=en';
    const plain = await (await fetch(`${srv.url}/collections/gaps/items?f=csv${keys}`)).text();
    const header = plain.replace(/^\uFEFF/, '').split('\r\n')[0];
    expect(header.split(',')).toContain('Commune code');
    const text = await (await fetch(`${srv.url}/collections/gaps/items?f=csv&codes=text${keys}`)).text();
    const codesPlain = col(plain, 'Commune code');
    expect(codesPlain.length).toBeGreaterThan(0);
    expect(codesPlain.every((c) => c === '01' || c === '02')).toBe(true);
    expect(col(text, 'Commune code')).toEqual(codesPlain.map((c) => `"=""${c}"""`));
    // village ids (V00 …) are not only digits: unchanged
    expect(col(text, 'Village id')).toEqual(col(plain, 'Village id'));
    for (const [q, detail] of [
      ['f=csv&codes=number', 'codes must be plain or text, got "number"'],
      ['f=xlsx&codes=text', 'codes=text only applies to the CSV download (f=csv); the xlsx download keeps codes as text already'],
      ['codes=text', 'codes: only applies to the CSV download (f=csv), not to a page of features'],
    ]) {
      const r = await problem(`/collections/gaps/items?${q}`);
      expect([r.status, r.body.detail], q).toEqual([400, detail]);
    }
  });

  it('datetime is accepted (no time dimension: every gap) and checked; other CRSs are refused', async () => {
    const all = (await getJson(srv.url + '/collections/gaps/items?limit=1')).body.numberMatched;
    const dated = await getJson(srv.url + '/collections/gaps/items?limit=1&datetime=2025-01-01T00:00:00Z/..');
    expect([dated.status, dated.body.numberMatched]).toEqual([200, all]);
    const bad = await problem('/collections/gaps/items?datetime=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/^datetime: expected an RFC 3339 instant/);
    const crs = await problem('/collections/gaps/items?bbox-crs=http://www.opengis.net/def/crs/EPSG/0/3405');
    expect([crs.status, crs.body.detail]).toEqual([400, 'bbox-crs: only http://www.opengis.net/def/crs/OGC/1.3/CRS84 (WGS 84 longitude, latitude) is supported, got "http://www.opengis.net/def/crs/EPSG/0/3405"']);
  });
});

describe('OpenAPI document', () => {
  it('passes the OpenAPI linter (@redocly/openapi-core, rules in redocly.yaml) with zero problems', async () => {
    const { lintFromString, loadConfig } = await import('@redocly/openapi-core');
    const config = await loadConfig({ configPath: 'redocly.yaml' });
    const source = await (await fetch(srv.url + '/openapi.json')).text();
    const problems = await lintFromString({ source, absoluteRef: `${srv.url}/openapi.json`, config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
    // the linter does see a missing 4xx answer: drop the 4xx of one operation and lint again
    const doc = JSON.parse(source);
    for (const code of Object.keys(doc.paths['/conformance'].get.responses)) if (code.startsWith('4')) delete doc.paths['/conformance'].get.responses[code];
    const broken = await lintFromString({ source: JSON.stringify(doc), absoluteRef: `${srv.url}/openapi.json`, config });
    expect(broken.map((p) => p.ruleId)).toContain('operation-4xx-response');
  });

  it('every operation declares a 4xx answer; the 8 negotiated ones answer 406 and 400 as declared', async () => {
    const doc = (await getJson(srv.url + '/openapi.json')).body;
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)) {
      for (const [method, op] of Object.entries(ops)) expect(Object.keys(op.responses).some((c) => /^4\d\d$/.test(c)), `${method} ${path}`).toBe(true);
    }
    const negotiated = ['/', '/conformance', '/collections', '/tiles/terrain.json', '/api/health', '/openapi.json', '/api/coverage/status', '/api/stats'];
    for (const path of negotiated) {
      expect(Object.keys(doc.paths[path].get.responses), path).toEqual(expect.arrayContaining(['400', '406']));
      const csv = await fetch(srv.url + path, { headers: { accept: 'text/csv' } });
      expect([csv.status, csv.headers.get('content-type')], path).toEqual([406, 'application/problem+json; charset=utf-8']);
      expect((await csv.json()).detail, path).toMatch(/^Accept: this resource is available as .*application\/json.*; the request accepts only "text\/csv"$/);
      const f = await fetch(srv.url + path + '?f=xml');
      expect(f.status, path).toBe(400);
      await f.arrayBuffer();
    }
    const sites = doc.paths['/collections/sites/items'].get.parameters.map((p: { $ref?: string; name?: string }) => p.name ?? p.$ref?.split('/').pop());
    expect(sites).toEqual(expect.arrayContaining(['bbox', 'bbox-crs', 'crs', 'datetime', 'limit', 'offset', 'f', 'tech', 'operator']));
    expect(doc.components.parameters.f.schema.enum).toEqual(['json', 'geojson']);
    const gapsF = doc.paths['/collections/gaps/items'].get.parameters.filter((p: { name?: string; $ref?: string }) => p.name === 'f' || p.$ref === '#/components/parameters/f');
    expect(gapsF.map((p: { schema: { enum: string[] } }) => p.schema.enum)).toEqual([['json', 'csv', 'xlsx', 'geojson', 'kml', 'gpkg']]);
  });
});
