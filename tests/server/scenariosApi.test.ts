/**
 * The scenario API over real HTTP: create, read, replace, merge-patch, append edits, delete; ETags
 * with If-Match (412 stale, 428 missing) and nothing changed by a refused write; 422 naming the
 * edit's index and field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/data/store/sqlite';
import { ScenarioService } from '../../server/services/scenarios';
import { fixtureDeps, fixtureSites, getJson, listen, type TestServer } from './fixture';

let srv: TestServer;
let n = 0;
beforeAll(async () => {
  const scenarios = new ScenarioService(openSqliteStore(':memory:'), { sites: fixtureSites(), gapOptions: {} }, {
    onGrid: (lon, lat) => lon >= 106 && lon <= 106.6 && lat >= 22.4 && lat <= 22.9,
    newId: () => `sc${++n}`,
  });
  srv = await listen(fixtureDeps({ scenarios }));
});
afterAll(async () => {
  await srv?.close();
});

const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${srv.url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', etag: res.headers.get('etag'), location: res.headers.get('location'), body: text ? JSON.parse(text) : null };
};
const station = (id: string, lon = 106.21, lat = 22.63) => ({
  type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { id, name: `Trạm ${id}`, operator: 'Viettel', antennaHeightM: 40, status: 'planned', power: 'solar', backhaul: 'microwave', cells: [{ tech: '4G', freqMHz: 1800, eirpDbm: 61 }] },
});

describe('scenarios: create and read', () => {
  it('POST → 201 with Location and ETag; GET returns it with the same ETag; the list has it', async () => {
    const created = await call('POST', '/api/scenarios', { name: 'Phương án A', description: 'một trạm mới', edits: [{ op: 'add', site: station('N-1') }, { op: 'remove', siteId: 'S001' }] });
    expect(created.status).toBe(201);
    expect(created.location).toBe(`${srv.url}/api/scenarios/sc1`);
    expect(created.etag).toBe('"sc1.1"');
    expect(created.body).toMatchObject({ id: 'sc1', name: 'Phương án A', base: 'baseline', version: 1, author: 'local' }); // the caller: this app's local administrator
    expect(created.body.edits).toHaveLength(2);
    expect(created.body.createdAt).toBe(created.body.updatedAt);
    const got = await call('GET', '/api/scenarios/sc1');
    expect(got.etag).toBe('"sc1.1"');
    expect(got.body).toEqual(created.body);
    const notModified = await fetch(`${srv.url}/api/scenarios/sc1`, { headers: { 'if-none-match': '"sc1.1"' } });
    expect(notModified.status).toBe(304);
    const list = await call('GET', '/api/scenarios');
    expect(list.body.scenarios.map((s: { id: string }) => s.id)).toEqual(['sc1']);
  });

  it('refuses bad bodies with 422 naming the edit index and field, and stores nothing', async () => {
    const before = (await call('GET', '/api/scenarios')).body.scenarios.length;
    const unknown = await call('POST', '/api/scenarios', { name: 'x', edits: [{ op: 'remove', siteId: 'S001' }, { op: 'modify', siteId: 'NOPE', set: { antennaHeightM: 50 } }] });
    expect(unknown.status).toBe(422);
    expect(unknown.type).toContain('application/problem+json');
    expect(unknown.body.detail).toBe('edits[1].siteId: no site "NOPE" in the network this edit applies to (removed by an earlier edit, or never there); see /collections/sites/items');
    expect(unknown.body.errors).toEqual([{ path: 'edits[1].siteId', detail: expect.stringContaining('no site "NOPE"') }]);
    const dup = await call('POST', '/api/scenarios', { name: 'x', edits: [{ op: 'add', site: station('S002') }] });
    expect(dup.status).toBe(422);
    expect(dup.body.errors[0].path).toBe('edits[0].site.properties.id');
    const badCell = await call('POST', '/api/scenarios', { name: 'x', edits: [{ op: 'add', site: { ...station('N-9'), properties: { ...station('N-9').properties, cells: [{ tech: '6G', freqMHz: 1800, eirpDbm: 61 }] } } }] });
    expect(badCell.status).toBe(422);
    expect(badCell.body.errors[0].path).toMatch(/^edits\[0\]\.site\.properties\.cells\[0\]\.tech/);
    const removedTwice = await call('POST', '/api/scenarios', { name: 'x', edits: [{ op: 'remove', siteId: 'S003' }, { op: 'remove', siteId: 'S003' }] });
    expect(removedTwice.body.errors.map((e: { path: string }) => e.path)).toEqual(['edits[1].siteId']);
    const badModify = await call('POST', '/api/scenarios', { name: 'x', edits: [{ op: 'modify', siteId: 'S004', set: { antennaHeightM: -3 } }, { op: 'modify', siteId: 'S004', set: { id: 'S999' } }] });
    expect(badModify.body.errors.map((e: { path: string }) => e.path)).toEqual(['edits[0].set.antennaHeightM', 'edits[1].set.id']);
    const offGrid = await call('POST', '/api/scenarios', { name: 'x', edits: [{ op: 'add', site: station('N-far', 108, 20) }] });
    expect(offGrid.body.errors[0]).toEqual({ path: 'edits[0].site.geometry.coordinates', detail: '[108, 20] is outside the terrain model, where no coverage can be computed' });
    const badOptions = await call('POST', '/api/scenarios', { name: 'x', edits: [{ op: 'options', set: { rule: 'everywhere' } }] });
    expect(badOptions.body.errors[0].path).toBe('edits[0].set');
    const noName = await call('POST', '/api/scenarios', { edits: [] });
    expect(noName.body.errors[0]).toEqual({ path: 'name', detail: 'required: a name of 1 to 200 characters' });
    const withId = await call('POST', '/api/scenarios', { id: 'mine', name: 'x' });
    expect(withId.body.errors[0].path).toBe('id');
    const badBase = await call('POST', '/api/scenarios', { name: 'x', base: 'nope' });
    expect(badBase.body.errors[0].path).toBe('base');
    const malformed = await call('POST', '/api/scenarios', '{"name": ');
    expect(malformed.status).toBe(400);
    const text = await call('POST', '/api/scenarios', 'name=x', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect((await call('GET', '/api/scenarios')).body.scenarios.length).toBe(before);
  });
});

describe('scenarios: writes need the current ETag', () => {
  it('PUT with a stale If-Match is 412 and changes nothing; without one 428; with the current one 200 and a new ETag', async () => {
    const s = (await call('POST', '/api/scenarios', { name: 'Plan B' })).body;
    const put = (ifMatch: string | null, body: unknown) => call('PUT', `/api/scenarios/${s.id}`, body, ifMatch === null ? {} : { 'if-match': ifMatch });
    const ok = await put(`"${s.id}.1"`, { name: 'Plan B2', edits: [{ op: 'remove', siteId: 'S010' }] });
    expect(ok.status).toBe(200);
    expect(ok.etag).toBe(`"${s.id}.2"`);
    expect(ok.body).toMatchObject({ name: 'Plan B2', version: 2, description: '' });
    const stale = await put(`"${s.id}.1"`, { name: 'lost update' });
    expect(stale.status).toBe(412);
    expect(stale.body.detail).toBe(`If-Match ${JSON.stringify(`"${s.id}.1"`)} does not name the current version of scenario "${s.id}" (ETag "${s.id}.2"): someone saved it meanwhile; read it again (GET /api/scenarios/${s.id}) and reapply the change`);
    const missing = await put(null, { name: 'no precondition' });
    expect(missing.status).toBe(428);
    expect(missing.body.detail).toContain('needs If-Match with its current ETag');
    const other = await put('"sc1.2"', { name: 'other' });
    expect(other.status).toBe(412);
    const now = await call('GET', `/api/scenarios/${s.id}`);
    expect(now.body).toMatchObject({ name: 'Plan B2', version: 2 });
    expect(now.etag).toBe(`"${s.id}.2"`);
    // If-Match: * (RFC 9110 §13.1.1): met by whatever version exists — the client asks to write over it
    const star = await put('*', { name: 'star' });
    expect(star.status).toBe(200);
    expect(star.etag).toBe(`"${s.id}.3"`);
  });

  it('PATCH merges (RFC 7396) as merge-patch+json or json; POST …/edits appends; DELETE needs the ETag too', async () => {
    const s = (await call('POST', '/api/scenarios', { name: 'Plan C', description: 'old', edits: [{ op: 'remove', siteId: 'S020' }] })).body;
    const patched = await call('PATCH', `/api/scenarios/${s.id}`, JSON.stringify({ description: null, name: 'Plan C′' }), { 'content-type': 'application/merge-patch+json', 'if-match': `"${s.id}.1"` });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Plan C′', description: '', version: 2, edits: [{ op: 'remove', siteId: 'S020' }] });
    const protoPatch = await call('PATCH', `/api/scenarios/${s.id}`, '{"__proto__": {"name": "x"}}', { 'if-match': `"${s.id}.2"` });
    expect(protoPatch.status).toBe(422);
    const versionPatch = await call('PATCH', `/api/scenarios/${s.id}`, { version: 9 }, { 'if-match': `"${s.id}.2"` });
    expect(versionPatch.status).toBe(422);
    const appended = await call('POST', `/api/scenarios/${s.id}/edits`, [{ op: 'add', site: station('N-C') }, { op: 'modify', siteId: 'N-C', set: { antennaHeightM: 45 } }], { 'if-match': `"${s.id}.2"` });
    expect(appended.status).toBe(200);
    expect(appended.body.edits.map((e: { op: string }) => e.op)).toEqual(['remove', 'add', 'modify']);
    expect(appended.etag).toBe(`"${s.id}.3"`);
    const appendBad = await call('POST', `/api/scenarios/${s.id}/edits`, { op: 'remove', siteId: 'S020' }, { 'if-match': `"${s.id}.3"` });
    expect(appendBad.status).toBe(422);
    expect(appendBad.body.errors[0].path).toBe('edits[3].siteId'); // S020 is removed by edit 0 already
    expect((await call('DELETE', `/api/scenarios/${s.id}`)).status).toBe(428);
    expect((await call('DELETE', `/api/scenarios/${s.id}`, undefined, { 'if-match': `"${s.id}.2"` })).status).toBe(412);
    expect((await call('GET', `/api/scenarios/${s.id}`)).status).toBe(200);
    expect((await call('DELETE', `/api/scenarios/${s.id}`, undefined, { 'if-match': `"${s.id}.3"` })).status).toBe(204);
    const gone = await call('GET', `/api/scenarios/${s.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.detail).toBe(`scenario "${s.id}" does not exist; GET /api/scenarios lists them`);
  });

  it('a scenario based on another applies on top of it; the base cannot be deleted while used, nor made a cycle', async () => {
    const a = (await call('POST', '/api/scenarios', { name: 'A', edits: [{ op: 'add', site: station('N-A') }] })).body;
    const bad = await call('POST', '/api/scenarios', { name: 'B', base: a.id, edits: [{ op: 'add', site: station('N-A') }] });
    expect(bad.body.errors[0].path).toBe('edits[0].site.properties.id'); // N-A is in the base already
    const b = (await call('POST', '/api/scenarios', { name: 'B', base: a.id, edits: [{ op: 'modify', siteId: 'N-A', set: { antennaHeightM: 60 } }] })).body;
    expect(b.base).toBe(a.id);
    const del = await call('DELETE', `/api/scenarios/${a.id}`, undefined, { 'if-match': `"${a.id}.1"` });
    expect(del.status).toBe(409);
    expect(del.body.detail).toBe(`scenario "${a.id}" is the base of "${b.id}"; delete or rebase those first`);
    const cycle = await call('PATCH', `/api/scenarios/${a.id}`, { base: b.id }, { 'if-match': `"${a.id}.1"` });
    expect(cycle.status).toBe(422);
    expect(cycle.body.errors[0].detail).toContain('is itself based on this scenario');
    const self = await call('PATCH', `/api/scenarios/${a.id}`, { base: a.id }, { 'if-match': `"${a.id}.1"` });
    expect(self.body.errors[0].detail).toBe('a scenario cannot be based on itself');
  });

  it('of 8 concurrent writers with the same ETag exactly one wins', async () => {
    const s = (await call('POST', '/api/scenarios', { name: 'race' })).body;
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => call('PUT', `/api/scenarios/${s.id}`, { name: `writer ${i}` }, { 'if-match': `"${s.id}.1"` })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(7);
    const now = (await getJson(`${srv.url}/api/scenarios/${s.id}`)).body;
    expect(now.version).toBe(2);
    expect(now.name).toBe(results.find((r) => r.status === 200)!.body.name);
  });
});

describe('scenarios: OpenAPI', () => {
  it('declares every scenario operation with its ETag precondition', async () => {
    const { body } = await getJson(`${srv.url}/openapi.json`);
    expect(Object.keys(body.paths['/api/scenarios']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(body.paths['/api/scenarios/{id}']).sort()).toEqual(['delete', 'get', 'patch', 'put']);
    for (const op of ['put', 'patch', 'delete']) {
      expect(body.paths['/api/scenarios/{id}'][op].parameters.map((p: { name: string }) => p.name)).toContain('If-Match');
      expect(Object.keys(body.paths['/api/scenarios/{id}'][op].responses)).toEqual(expect.arrayContaining(['412', '428']));
    }
    expect(body.components.schemas.Scenario).toBeDefined();
    const withScenario = Object.entries(body.paths).filter(([, item]) => (item as { get?: { parameters?: { name: string }[] } }).get?.parameters?.some((p) => p.name === 'scenario')).map(([path]) => path);
    expect(withScenario).toEqual(expect.arrayContaining(['/collections', '/collections/sites/items', '/collections/villages/items/{featureId}']));
  });
});
