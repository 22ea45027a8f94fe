/**
 * Scenarios evaluated over real HTTP (?scenario=ID on the gap list, /api/stats, the sites
 * collection, tiles, point, profile and downloads): a station added at a gap village closes that
 * gap, a removed site brings back the villages only it served, the baseline's answers never change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latToTileY, lonToTileX } from '../../core/geo/tiles';
import { COLLECTION_DEFS } from '../../server/data/collections';
import { createMemoryRepository } from '../../server/data/memoryRepository';
import { openSqliteStore } from '../../server/data/store/sqlite';
import { CoveragePipeline } from '../../server/coverage/pipeline';
import { setupCoverage } from '../../server/services/coverageSetup';
import { GapService } from '../../server/services/gaps';
import { ScenarioService } from '../../server/services/scenarios';
import { ReportRenderer } from '../../server/services/reportRenderer';
import { coverageDem, coverageSites } from './coverageApi.helpers';
import { fixtureDeps, getJson, listen, type TestServer } from './fixture';
import { gapCommunes, gapPowerLines, gapVillages } from './gapsApi.helpers';

let srv: TestServer;
const dem = coverageDem();
const sites = coverageSites();
const villages = gapVillages();

beforeAll(async () => {
  const pipeline = new CoveragePipeline(dem, { dataDir: null, workers: 0, settings: { coverage: { radiusM: 8000 } } });
  const coverage = setupCoverage({ sites, villages }, pipeline);
  const gaps = new GapService(coverage.coverage, { villages: villages.features, communes: gapCommunes(), powerLines: gapPowerLines() });
  const byId = { sites: sites.features, villages: villages.features, communes: gapCommunes(), 'power-lines': gapPowerLines() } as Record<string, GeoJSON.Feature[]>;
  const repository = createMemoryRepository(COLLECTION_DEFS.filter((def) => byId[def.id]).map((def) => ({ def, features: byId[def.id] })));
  const scenarios = new ScenarioService(openSqliteStore(':memory:'), { sites: sites.features, gapOptions: {} });
  // a server without Chromium: the PDF reports answer 501 and say what to install
  srv = await listen(fixtureDeps({ dem, coverage, gaps, repository, scenarios, reports: new ReportRenderer({ executablePath: '/nonexistent/chromium' }), log: () => {} }));
  for (let i = 0; i < 600 && coverage.coverage.provider.status().state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 50));
}, 60_000);
afterAll(async () => {
  await srv?.close();
});

const post = async (body: unknown) => {
  const res = await fetch(`${srv.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
};
/** GET until the scenario's evaluation is done (503 with progress meanwhile). */
const ready = async (path: string) => {
  for (let i = 0; i < 400; i++) {
    const r = await getJson(`${srv.url}${path}`);
    if (r.status !== 503) return r;
    expect(r.body.progress).toBeDefined();
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`${path} stayed 503`);
};
const station = (id: string, lon: number, lat: number) => ({
  type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { id, name: id, operator: 'MobiFone', antennaHeightM: 35, status: 'planned', power: 'solar', backhaul: 'microwave', cells: [{ tech: '4G', freqMHz: 1800, eirpDbm: 61 }] },
});

describe('a scenario that adds a station at a gap village', () => {
  it('closes that gap: lower numberMatched, /api/stats agrees, the baseline unchanged', async () => {
    const base = (await getJson(`${srv.url}/collections/gaps/items?limit=1000`)).body;
    const baseStats = (await getJson(`${srv.url}/api/stats`)).body;
    expect(base.numberMatched).toBeGreaterThan(0);
    expect(baseStats.villagesWithoutSignal).toBe(base.numberMatched);
    const target = base.features.find((f: { geometry: { coordinates: number[] } }) => f.geometry.coordinates[0] > 106.12);
    expect(target).toBeDefined();
    const [lon, lat] = target.geometry.coordinates;
    const s = await post({ name: 'trạm mới', edits: [{ op: 'add', site: station('N-1', lon + 0.002, lat) }] });

    const gaps = (await ready(`/collections/gaps/items?limit=1000&scenario=${s.id}`)).body;
    expect(gaps.features.map((f: { id: string }) => f.id)).not.toContain(target.id);
    expect(gaps.numberMatched).toBeLessThan(base.numberMatched);
    const stats = (await ready(`/api/stats?scenario=${s.id}`)).body;
    expect(stats.villagesWithoutSignal).toBe(gaps.numberMatched);
    expect(stats.villagesWithoutSignal).toBeLessThan(baseStats.villagesWithoutSignal);
    // the scenario's network: its sites collection has the station, its point query finds it best
    const st = (await getJson(`${srv.url}/collections/sites/items/N-1?scenario=${s.id}`)).body;
    expect(st.properties.operator).toBe('MobiFone');
    // with the flat summary of its cells, as the loaded sites (for desktop GIS)
    expect(st.properties.techs).toBe([...new Set(st.properties.cells.map((c: { tech: string }) => c.tech))].sort().join(','));
    expect(st.properties.cellCount).toBe(st.properties.cells.length);
    expect((await getJson(`${srv.url}/collections/sites/items/N-1`)).status).toBe(404);
    const pt = (await ready(`/api/coverage/point?lon=${lon}&lat=${lat}&scenario=${s.id}`)).body;
    expect(pt.techs.find((t: { tech: string }) => t.tech === '4G').best.siteId).toBe('N-1');
    // the download is the scenario's list too
    const csv = await (await fetch(`${srv.url}/collections/gaps/items?f=csv&lang=en&scenario=${s.id}`)).text();
    expect(csv.trim().split('\n').length - 1).toBe(gaps.numberMatched);
    // the scenario's collection documents link within the scenario (a client following them stays in it)
    const colls = (await getJson(`${srv.url}/collections?scenario=${s.id}`)).body;
    const hrefs = [...colls.links, ...colls.collections.flatMap((c: { links: { href: string }[] }) => c.links)].map((l: { href: string }) => l.href);
    expect(hrefs.length).toBeGreaterThan(5);
    for (const h of hrefs) expect(new URL(h).searchParams.get('scenario'), h).toBe(s.id);
    const item = (await getJson(`${srv.url}/collections/sites/items/N-1?scenario=${s.id}`)).body;
    for (const l of item.links) expect(new URL(l.href).searchParams.get('scenario')).toBe(s.id);
    expect((await getJson(`${srv.url}/collections`)).body.links[0].href).not.toContain('scenario=');
    // the baseline's answers did not change
    expect((await getJson(`${srv.url}/collections/gaps/items?limit=1000`)).body.numberMatched).toBe(base.numberMatched);
    expect((await getJson(`${srv.url}/api/stats`)).body).toEqual(baseStats);
    expect((await getJson(`${srv.url}/api/stats?scenario=baseline`)).body).toEqual(baseStats);
  });

  it('a removed site brings back the villages only it served; the tile and the profile follow the scenario', async () => {
    const base = (await getJson(`${srv.url}/collections/gaps/items?limit=1000`)).body;
    // A's villages all have another server: taking it out leaves the same gaps
    const noA = await post({ name: 'tắt trạm A', edits: [{ op: 'remove', siteId: 'A' }] });
    expect((await ready(`/collections/gaps/items?limit=1000&scenario=${noA.id}`)).body.features.map((f: { id: string }) => f.id)).toEqual(base.features.map((f: { id: string }) => f.id));
    const s = await post({ name: 'tắt trạm B', edits: [{ op: 'remove', siteId: 'B' }] });
    const gaps = (await ready(`/collections/gaps/items?limit=1000&scenario=${s.id}`)).body;
    expect(gaps.numberMatched).toBeGreaterThan(base.numberMatched);
    const baseIds = new Set(base.features.map((f: { id: string }) => f.id));
    const back = gaps.features.filter((f: { id: string }) => !baseIds.has(f.id));
    expect(back.length).toBe(gaps.numberMatched - base.numberMatched); // nothing else changed
    // each village that came back had A as its only server in the baseline
    for (const v of back) {
      const [lon, lat] = v.geometry.coordinates;
      const p = (await getJson(`${srv.url}/api/coverage/point?lon=${lon}&lat=${lat}`)).body;
      const servers = new Set(p.techs.filter((t: { covered: boolean }) => t.covered).flatMap((t: { byOperator: { siteId: string; levelDbm: number }[]; thresholdDbm: number }) => t.byOperator.filter((b) => b.levelDbm >= t.thresholdDbm).map((b) => b.siteId)));
      expect([...servers]).toEqual(['B']);
    }
    expect((await getJson(`${srv.url}/collections/sites/items?scenario=${s.id}`)).body.numberMatched).toBe(sites.features.length - 1);
    // the tile over B: B's signal gone in the scenario's
    const tile = `/tiles/coverage/12/${Math.floor(lonToTileX(106.06, 12))}/${Math.floor(latToTileY(22.55, 12))}.png?tech=4G`;
    const tileBase = await fetch(`${srv.url}${tile}`);
    const tileScen = await fetch(`${srv.url}${tile}&scenario=${s.id}`);
    expect(tileScen.status).toBe(200);
    expect(tileScen.headers.get('etag')).not.toBe(tileBase.headers.get('etag'));
    expect(Buffer.from(await tileScen.arrayBuffer()).equals(Buffer.from(await tileBase.arrayBuffer()))).toBe(false);
    const prof = await getJson(`${srv.url}/api/profile?from=B&to=V00&scenario=${s.id}`);
    expect(prof.status).toBe(404); // B is not in this network
    expect(prof.body.detail).toContain('no site with id "B"');
    expect((await getJson(`${srv.url}/api/profile?from=B&to=V00`)).status).toBe(200);
  });

  it('an unknown scenario is 404 on every read that takes one', async () => {
    for (const path of ['/collections/gaps/items', '/api/stats', '/collections/sites/items', '/tiles/coverage/12/3302/1804.png', '/api/coverage/point?lon=106.05&lat=22.6', '/api/coverage/status']) {
      const r = await getJson(`${srv.url}${path}${path.includes('?') ? '&' : '?'}scenario=nope`);
      expect(r.status, path).toBe(404);
      expect(r.body.detail).toBe('scenario "nope" does not exist; GET /api/scenarios lists them');
    }
  });
});

describe('GET /api/scenarios/compare', () => {
  const stats = async (id: string) => (await ready(`/api/stats?scenario=${id}`)).body;
  it('a scenario against the baseline and two scenarios: the numbers add up against both sides\' /api/stats', async () => {
    const add = await post({ name: 'một trạm', edits: [{ op: 'add', site: station('N-C1', 106.17, 22.6) }] });
    const rem = await post({ name: 'bỏ B, thêm trạm', edits: [{ op: 'remove', siteId: 'B' }, { op: 'add', site: station('N-C2', 106.16, 22.62) }, { op: 'modify', siteId: 'C', set: { antennaHeightM: 45 } }] });
    for (const [a, b] of [['baseline', add.id], [add.id, rem.id], [rem.id, 'baseline']]) {
      const c = (await ready(`/api/scenarios/compare?a=${a}&b=${b}`)).body;
      const sa = await stats(a), sb = await stats(b);
      expect(c.a.villagesWithSignal).toBe(sa.villagesWithSignal);
      expect(c.b.villagesWithSignal).toBe(sb.villagesWithSignal);
      expect(c.totals.net).toBe(sb.villagesWithSignal - sa.villagesWithSignal);
      expect(c.totals.villagesGained - c.totals.villagesLost).toBe(c.totals.net);
      expect(c.totals.populationGained - c.totals.populationLost).toBe(sb.populationCovered - sa.populationCovered);
      expect(c.totals.householdsGained - c.totals.householdsLost).toBe(sb.householdsCovered - sa.householdsCovered);
      expect(c.totals.withoutPowerLost - c.totals.withoutPowerGained).toBe(sb.villagesWithoutSignalWithoutPower - sa.villagesWithoutSignalWithoutPower);
      // per commune, the same sums
      for (const row of c.byCommune) {
        const ca = sa.communes.find((x: { id: string }) => x.id === row.id), cb = sb.communes.find((x: { id: string }) => x.id === row.id);
        expect(row.gained - row.lost).toBe(cb.villagesWithSignal - ca.villagesWithSignal);
      }
      expect(c.byCommune.reduce((n: number, r: { gained: number }) => n + r.gained, 0)).toBe(c.totals.villagesGained);
      for (const row of c.byOperator) expect(row.b.villagesWithSignal).toBe(sb.byOperator[row.operator]?.villagesWithSignal ?? 0);
    }
    const c = (await ready(`/api/scenarios/compare?a=baseline&b=${rem.id}`)).body;
    expect(c.stations.added.map((s: { id: string }) => s.id)).toEqual(['N-C2']);
    expect(c.stations.removed.map((s: { id: string }) => s.id)).toEqual(['B']);
    expect(c.stations.changed).toEqual([expect.objectContaining({ id: 'C', fields: ['antennaHeightM'] })]);
    expect(c.villagesLost.length).toBeGreaterThan(0);
    expect(c.villagesLost[0]).toEqual(expect.objectContaining({ communeName: expect.any(String), population: expect.any(Number) }));
    // cost by payer: each station costed (build, power, backhaul), the payers add up per station, per operator and in total
    const cost = c.cost as { currency: string; total: number; operator: number; fund: number; powerUtility: number; stations: { id: string; kind: string; operator: string; cost: { total: number; items: { build: number; power: number; backhaul: number } }; byPayer: { operator: number; fund: number; powerUtility: number } }[]; byOperator: Record<string, { total: number }> };
    expect(cost.currency).toBe('VND');
    expect(cost.stations.map((s) => [s.id, s.kind])).toEqual([['N-C2', 'new'], ['C', 'upgrade']]);
    const [added, raised] = cost.stations;
    expect(added.cost.items.build).toBe(1_500_000_000); // a new site (DEFAULT_COST_OPTIONS.newSite)
    expect(raised.cost.items).toEqual({ build: 250_000_000, power: 0, backhaul: 0 }); // a raise only: its power and backhaul stay
    for (const s of cost.stations) expect(s.byPayer.operator + s.byPayer.fund + s.byPayer.powerUtility).toBeCloseTo(s.cost.total, 6);
    expect(cost.total).toBe(added.cost.total + raised.cost.total);
    expect(cost.operator + cost.fund + cost.powerUtility).toBeCloseTo(cost.total, 6);
    const opSum = Object.values(cost.byOperator).reduce((n, o) => n + o.total, 0);
    expect(opSum).toBe(cost.total);
    for (const row of c.byOperator) expect(row.cost.total).toBe(cost.byOperator[row.operator]?.total ?? 0);
    const same = (await ready(`/api/scenarios/compare?a=${add.id}&b=${add.id}`)).body;
    expect(same.totals).toMatchObject({ villagesGained: 0, villagesLost: 0, net: 0 });
    expect(same.cost).toMatchObject({ total: 0, operator: 0, fund: 0, powerUtility: 0, stations: [] });
  });

  it('refuses a missing side, an unknown parameter and an unknown scenario', async () => {
    expect((await getJson(`${srv.url}/api/scenarios/compare?a=baseline`)).body.detail).toBe('b: give a scenario id or "baseline", e.g. /api/scenarios/compare?a=baseline&b=<scenario id>');
    expect((await getJson(`${srv.url}/api/scenarios/compare?a=baseline&b=baseline&c=1`)).status).toBe(400);
    const unknown = await getJson(`${srv.url}/api/scenarios/compare?a=baseline&b=nope`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('scenario "nope" does not exist; GET /api/scenarios lists them');
  });
});

describe('the PDF reports where Chromium is not installed', () => {
  it('answer 501 problem+json naming what to install; bad parameters are 400 and an unknown scenario 404 first', async () => {
    const { id } = await post({ name: 'Report', edits: [{ op: 'add', site: station('R1', 106.15, 22.6) }] });
    await ready(`/api/stats?scenario=${id}`);
    for (const path of [`/api/scenarios/${id}/report.pdf`, `/api/scenarios/compare/report.pdf?a=baseline&b=${id}&lang=en`]) {
      const r = await getJson(`${srv.url}${path}`);
      expect(r.status, path).toBe(501);
      expect(r.type).toMatch(/^application\/problem\+json/);
      expect(r.body.detail).toBe('no Chromium at /nonexistent/chromium: install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to its executable, then ask again');
    }
    expect((await getJson(`${srv.url}/api/scenarios/${id}/report.pdf?lang=fr`)).body.detail).toBe('lang: expected vi or en, got "fr"');
    expect((await getJson(`${srv.url}/api/scenarios/compare/report.pdf?a=baseline`)).body.detail).toBe('b: give a scenario id or "baseline", e.g. /api/scenarios/compare/report.pdf?a=baseline&b=<scenario id>');
    expect((await getJson(`${srv.url}/api/scenarios/${id}/report.pdf?f=pdf`)).status).toBe(400);
    const unknown = await getJson(`${srv.url}/api/scenarios/nope/report.pdf`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('scenario "nope" does not exist; GET /api/scenarios lists them');
    expect((await getJson(`${srv.url}/api/scenarios/compare/report.pdf?a=nope&b=baseline`)).status).toBe(404);
  });
});

describe('OpenAPI of a server with scenarios and coverage', () => {
  it('declares the comparison and passes the linter with zero problems', async () => {
    const { lintFromString, loadConfig } = await import('@redocly/openapi-core');
    const source = await (await fetch(`${srv.url}/openapi.json`)).text();
    expect(Object.keys(JSON.parse(source).paths)).toEqual(expect.arrayContaining(['/api/scenarios/compare', '/api/scenarios/compare/report.pdf', '/api/scenarios/{id}/report.pdf']));
    const problems = await lintFromString({ source, absoluteRef: `${srv.url}/openapi.json`, config: await loadConfig({ configPath: 'redocly.yaml' }) });
    expect(problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });
});
