/**
 * A partner limited to one operator never sees another operator's sites (issue 12, item 1): with
 * its token, every GET operation of the OpenAPI document — collections and their downloads (CSV,
 * XLSX, KML, GeoPackage, GeoJSON), tiles, statistics, point, profile, scenarios, comparisons,
 * work orders, reports — answers without any id, name or operator value of MobiFone's sites in
 * its body. Its network is Viettel's part of the baseline, evaluated like a scenario: its coverage
 * tiles are the baseline's Viettel layer, its gaps those of Viettel's network; scenarios are
 * refused (their edits name every operator's sites).
 */
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, FOREIGN, startAuthServer, type AuthServer } from './auth.helpers';

let srv: AuthServer;
let scenarioId: string;
type Param = { name: string; in: string; required?: boolean; $ref?: string; schema?: { enum?: string[] } };
let doc: { paths: Record<string, Record<string, { parameters?: Param[] }>>; components: { parameters: Record<string, Param> } };

beforeAll(async () => {
  srv = await startAuthServer();
  await srv.ready();
  // a planner's scenario that edits MobiFone's sites: the limited partner must not read it
  const s = await as(srv.tokens.planner, `${srv.url}/api/scenarios`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Mobi plan', edits: [{ op: 'remove', siteId: FOREIGN.ids[0] }, { op: 'modify', siteId: FOREIGN.ids[1], set: { antennaHeightM: 45 } }] }),
  });
  expect(s.status).toBe(201);
  scenarioId = ((await s.json()) as { id: string }).id;
  doc = await (await as(srv.tokens.limited, `${srv.url}/openapi.json`)).json();
}, 120_000);
afterAll(async () => {
  await srv?.close();
});

const FORBIDDEN = [FOREIGN.operator, ...FOREIGN.ids, ...FOREIGN.names];
const tileOf = (lon: number, lat: number, z: number): { z: number; x: number; y: number } => {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n) };
};

/** The text of an answer, whatever its format: XLSX unzipped, GeoPackage and PNG as bytes read as Latin-1/UTF-8. */
async function bodyText(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('spreadsheetml')) return Object.values(unzipSync(bytes)).map((b) => strFromU8(b)).join('\n');
  return Buffer.from(bytes).toString('utf8');
}

describe('a partner limited to Viettel', () => {
  it('sees no MobiFone site, name or operator in the answer of any GET operation of the OpenAPI document', async () => {
    const gapIds = ((await (await as(srv.tokens.limited, `${srv.url}/collections/gaps/items?limit=1`)).json()) as { features: { id: string }[] }).features.map((f) => f.id);
    expect(gapIds.length).toBe(1);
    const featureOf: Record<string, string> = { sites: 'VTX-01', villages: 'V00', communes: '01', 'power-lines': 'L1', gaps: gapIds[0] };
    const tile = tileOf(106.15, 22.6, 12);
    // required query parameters: a point and a village where only MobiFone reaches; the scenario beside the baseline
    const required: Record<string, string> = { lon: '106.16', lat: '22.62', to: 'V09', a: 'baseline', b: scenarioId };
    const variants: Record<string, string[]> = {
      f: ['json', 'geojson', 'csv', 'xlsx', 'kml', 'gpkg', 'html'],
      tech: ['2G', '4G'],
      lang: ['en', 'vi'],
      operator: ['Viettel'],
    };
    let checked = 0;
    const statuses: Record<string, number[]> = {};
    for (const [template, ops] of Object.entries(doc.paths)) {
      if (!ops.get) continue;
      const params = (ops.get.parameters ?? []).map((p) => (p.$ref ? doc.components.parameters[p.$ref.split('/').pop()!] : p));
      const collection = /^\/collections\/([^/{]+)/.exec(template)?.[1];
      const path = template
        .replace('{collectionId}', 'sites')
        .replace('{featureId}', encodeURIComponent(featureOf[collection ?? ''] ?? 'x'))
        .replace('{z}', String(tile.z)).replace('{x}', String(tile.x)).replace('{y}', String(tile.y))
        .replace('{id}', scenarioId);
      const base = params.filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=${encodeURIComponent(required[p.name])}`);
      const urls = [base];
      for (const p of params.filter((q) => q.in === 'query' && !q.required && variants[q.name])) {
        for (const v of variants[p.name].filter((x) => !p.schema?.enum || p.schema.enum.includes(x))) urls.push([...base, `${p.name}=${v}`]);
      }
      for (const q of urls) {
        const url = `${path}${q.length ? `?${q.join('&')}` : ''}`;
        const res = await as(srv.tokens.limited, `${srv.url}${url}`);
        const text = await bodyText(res);
        (statuses[template] ??= []).push(res.status);
        expect(res.status, url).toBeLessThan(500);
        for (const word of FORBIDDEN) expect(text.includes(word), `${url} (${res.status}) shows "${word}"`).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
    // what it may read answered 200; the scenarios were refused with 403
    for (const t of ['/collections', '/collections/{collectionId}', '/collections/sites/items', '/collections/gaps/items', '/collections/gaps/items/{featureId}', '/api/stats', '/tiles/coverage/{z}/{x}/{y}.png', '/api/coverage/point', '/api/profile', '/openapi.json']) {
      expect(statuses[t], t).toContain(200);
    }
    for (const t of ['/api/scenarios', '/api/scenarios/{id}', '/api/scenarios/compare', '/api/scenarios/{id}/work-orders', '/api/scenarios/{id}/report.pdf', '/api/scenarios/compare/report.pdf', '/api/plans', '/api/plans/{id}']) {
      expect(statuses[t], t).toEqual(statuses[t].map(() => 403));
    }
  }, 180_000);

  it('reads Viettel\'s network: its sites only, its gaps (MobiFone\'s coverage east of the ridge does not count), its coverage tiles = the baseline\'s Viettel layer', async () => {
    const sites = await (await as(srv.tokens.limited, `${srv.url}/collections/sites/items`)).json();
    expect(sites.features.map((f: { id: string }) => f.id)).toEqual(['VTX-01', 'VTX-02']);
    // the unlimited partner's answer for comparison
    const allGaps = await (await as(srv.tokens.partner, `${srv.url}/collections/gaps/items?limit=100`)).json();
    const viettelGaps = await (await as(srv.tokens.partner, `${srv.url}/collections/gaps/items?limit=100&operator=Viettel`)).json();
    const limitedGaps = await (await as(srv.tokens.limited, `${srv.url}/collections/gaps/items?limit=100`)).json();
    expect(limitedGaps.numberMatched).toBeGreaterThan(allGaps.numberMatched);
    expect(limitedGaps.features.map((f: { id: string }) => f.id).sort()).toEqual(viettelGaps.features.map((f: { id: string }) => f.id).sort());
    for (const t of [tileOf(106.15, 22.6, 12), tileOf(106.05, 22.6, 12)]) {
      const limited = Buffer.from(await (await as(srv.tokens.limited, `${srv.url}/tiles/coverage/${t.z}/${t.x}/${t.y}.png?tech=2G`)).arrayBuffer());
      const layer = Buffer.from(await (await as(srv.tokens.partner, `${srv.url}/tiles/coverage/${t.z}/${t.x}/${t.y}.png?tech=2G&operator=Viettel`)).arrayBuffer());
      const all = Buffer.from(await (await as(srv.tokens.partner, `${srv.url}/tiles/coverage/${t.z}/${t.x}/${t.y}.png?tech=2G`)).arrayBuffer());
      expect(limited.equals(layer), `tile ${t.x}/${t.y}`).toBe(true);
      if (t.x === tileOf(106.15, 22.6, 12).x) expect(limited.equals(all)).toBe(false); // MobiFone's coverage is in the baseline's
    }
    // MobiFone's site by its id: not there for this partner
    expect((await as(srv.tokens.limited, `${srv.url}/collections/sites/items/${FOREIGN.ids[0]}`)).status).toBe(404);
    const mobi = await as(srv.tokens.limited, `${srv.url}/collections/sites/items?operator=MobiFone`);
    expect(mobi.status).toBe(400);
    expect(await mobi.text()).toContain('expected one of Viettel');
  }, 60_000);
});
