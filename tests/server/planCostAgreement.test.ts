/**
 * One plan, one price (issue 23): a siting plan's cost split equals that of its saved scenario in
 * the comparison (GET /api/scenarios/compare, whose `cost` is the report's totals) and in the work
 * orders (GET /api/scenarios/{id}/work-orders, the report's rows) — per station and per payer —
 * and every station is credited with the villages the plan says it newly serves. Over real HTTP
 * on the small ridge world, for the point rule and the area rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/data/store/sqlite';
import { GapService } from '../../server/services/gaps';
import { ScenarioService } from '../../server/services/scenarios';
import { fixtureDeps, listen, type TestServer } from './fixture';
import { smallWorld } from './smallWorld.helpers';

interface Split { operator: number; fund: number; powerUtility: number }
interface PlanStation { id: string; kind: string; baseSiteId: string | null; cost: number; costByPayer: Split; addedVillageIds: string[]; villageIds: string[] }
interface Plan { state: string; error: string | null; cost: number; costByPayer: Split; stations: { features: { properties: PlanStation }[] } }

/** A server over the small world whose gap rule is `gapOptions`, with plans (greedy, no HiGHS). */
async function serve(gapOptions: Record<string, unknown>): Promise<TestServer> {
  const w = smallWorld();
  if (gapOptions.rule === 'area') {
    // each village a 2 km × 2.2 km boundary around its settlement point: judged on the share of its cells
    for (const v of w.villages.features) {
      const [x, y] = v.geometry.coordinates as number[];
      v.properties.boundary = { type: 'Polygon', coordinates: [[[x - 0.01, y - 0.01], [x + 0.01, y - 0.01], [x + 0.01, y + 0.01], [x - 0.01, y + 0.01], [x - 0.01, y - 0.01]]] };
    }
  }
  const scenarios = new ScenarioService(openSqliteStore(':memory:'), { sites: w.sites.features, gapOptions });
  const gaps = new GapService(w.coverage.coverage, w.gaps.data, gapOptions);
  const srv = await listen(fixtureDeps({
    dem: w.dem, coverage: w.coverage, gaps, repository: w.repository, scenarios, plans: { outline: null, dir: null, solver: null }, log: () => {},
  }));
  for (let i = 0; i < 600 && w.coverage.coverage.provider.status().state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 50));
  return srv;
}

/** GET until it is not 503 (a side being evaluated). */
async function ready<T>(url: string): Promise<T> {
  for (let i = 0; i < 1200; i++) {
    const r = await fetch(url);
    if (r.status !== 503) {
      expect(r.status, url).toBe(200);
      return (await r.json()) as T;
    }
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`${url} stayed 503`);
}

async function planAndSave(srv: TestServer, body: unknown): Promise<{ plan: Plan; scenario: string }> {
  const post = (path: string, b: unknown) => fetch(`${srv.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
  const started = await post('/api/plans', body);
  expect(started.status).toBe(202);
  const { id } = (await started.json()) as { id: string };
  let plan: Plan;
  for (;;) {
    plan = (await (await fetch(`${srv.url}/api/plans/${id}`)).json()) as Plan;
    if (plan.state === 'done' || plan.state === 'failed') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(plan.error).toBeNull();
  const saved = await post(`/api/plans/${id}/scenario`, {});
  expect(saved.status).toBe(201);
  return { plan, scenario: ((await saved.json()) as { id: string }).id };
}

type Costed = { id: string; cost: { total: number }; byPayer: Split; villagesServed: number };
type Comparison = { cost: Split & { total: number; stations: Costed[] } };
type Orders = { features: { properties: { station_id: string; cost: number; cost_operator: number; cost_fund: number; cost_power_utility: number; villages_served: number } }[] };

async function expectOnePrice(srv: TestServer, body: unknown): Promise<Plan> {
  const { plan, scenario } = await planAndSave(srv, body);
  const st = plan.stations.features.map((f) => f.properties);
  expect(st.length).toBeGreaterThan(1);
  // the station's id in the scenario: an upgrade is a change of its site
  const idOf = (p: PlanStation) => (p.kind === 'upgrade' ? p.baseSiteId! : p.id);
  const split = (s: Split) => ({ operator: s.operator, fund: s.fund, powerUtility: s.powerUtility });

  const comparison = await ready<Comparison>(`${srv.url}/api/scenarios/compare?a=baseline&b=${scenario}`);
  expect(comparison.cost.stations.map((s) => s.id)).toEqual(st.map(idOf)); // the plan's build order
  st.forEach((p, k) => {
    const c = comparison.cost.stations[k];
    expect(c.cost.total, p.id).toBe(p.cost);
    expect(split(c.byPayer), p.id).toEqual(p.costByPayer);
    expect(c.villagesServed, p.id).toBe(p.addedVillageIds.length);
  });
  expect(split(comparison.cost)).toEqual(plan.costByPayer);
  expect(comparison.cost.total).toBe(plan.cost);

  const orders = await ready<Orders>(`${srv.url}/api/scenarios/${scenario}/work-orders?lang=en`);
  expect(orders.features.map((f) => f.properties.station_id)).toEqual(st.map(idOf));
  st.forEach((p, k) => {
    const o = orders.features[k].properties;
    expect(o.cost, p.id).toBe(p.cost);
    expect({ operator: o.cost_operator, fund: o.cost_fund, powerUtility: o.cost_power_utility }, p.id).toEqual(p.costByPayer);
    expect(o.villages_served, p.id).toBe(p.addedVillageIds.length);
  });
  return plan;
}

describe('a plan costs the same in the siting panel, the comparison, the report and the work orders', () => {
  let point: TestServer;
  let area: TestServer;
  beforeAll(async () => {
    [point, area] = await Promise.all([serve({}), serve({ rule: 'area', minAreaShare: 0.5 })]);
  }, 120_000);
  afterAll(async () => {
    await point?.close();
    await area?.close();
  });

  it('point rule: per station and per payer, with the villages each newly serves', async () => {
    const plan = await expectOnePrice(point, { k: 4 });
    // a later station also reaches villages an earlier one took: it is credited only with its own
    const st = plan.stations.features.map((f) => f.properties);
    expect(st.some((p) => p.villageIds.length > p.addedVillageIds.length)).toBe(true);
  }, 240_000);

  it('area rule: the same agreement', async () => {
    await expectOnePrice(area, { k: 3 });
  }, 240_000);
});
