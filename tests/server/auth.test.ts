/**
 * Users and roles over real HTTP (issue 12, item 1): every write of the OpenAPI document is 401
 * without credentials, 403 with a viewer's token (naming the role needed) and allowed with the
 * role it needs; downloads are a partner's; login sets a safe cookie, logout ends it, a cookie write
 * from another site is refused; a revoked token is refused at once; logins are rate-limited; with
 * nobody configured a loopback server is the one local administrator.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atLeast, type Role } from '../../server/auth/policy';
import type { ReportRenderer } from '../../server/services/reportRenderer';
import { as, startAuthServer, type AuthServer } from './auth.helpers';

type Op = { template: string; method: string; role: string };
let srv: AuthServer;
let ops: Op[];
const logLines: string[] = [];

beforeAll(async () => {
  srv = await startAuthServer({ config: { loginRateLimit: 5 }, log: (l) => logLines.push(l) });
  await srv.auth.createUser({ name: 'hoa', role: 'planner', password: 'mật khẩu của Hoa' });
  await srv.ready();
  const doc = (await (await as(null, `${srv.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { 'x-required-role': string }>> };
  ops = Object.entries(doc.paths).flatMap(([template, o]) => Object.entries(o).map(([method, op]) => ({ template, method: method.toUpperCase(), role: op['x-required-role'] })));
}, 120_000);
afterAll(async () => {
  await srv?.close();
});

const GOOD_PATH: Record<string, string> = { collectionId: 'sites', featureId: 'VTX-01', z: '1', x: '1', y: '0', id: 'nope', name: 'nobody' };
const fill = (t: string): string => t.replace(/\{(\w+)\}/g, (_m, n: string) => GOOD_PATH[n] ?? 'x');
const isWrite = (m: string) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m);
const SITE = JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [106.04, 22.6] }, properties: { operator: 'Viettel', antennaHeightM: 30, cells: [{ tech: '4G', freqMHz: 1800, eirpDbm: 61 }] } });
const send = (token: string | null, op: Op, headers: Record<string, string> = {}) =>
  as(token, `${srv.url}${fill(op.template)}`, { method: op.method, headers: { 'content-type': 'application/json', ...headers }, ...(isWrite(op.method) && op.method !== 'DELETE' ? { body: SITE } : {}) });

async function problem(res: Response): Promise<{ status: number; detail: string }> {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return res.json() as Promise<{ status: number; detail: string }>;
}

describe('the role each write needs', () => {
  it('declares a role on every operation; the writes need planner or admin, login and logout none', () => {
    expect(ops.length).toBeGreaterThan(25);
    for (const op of ops) expect(['public', 'viewer', 'partner', 'planner', 'admin'], `${op.method} ${op.template}`).toContain(op.role);
    const writes = ops.filter((o) => isWrite(o.method));
    expect(writes.length).toBeGreaterThanOrEqual(9);
    expect(writes.filter((o) => o.role === 'public').map((o) => o.template).sort()).toEqual(['/api/login', '/api/logout']);
    for (const w of writes.filter((o) => o.role !== 'public')) expect(['planner', 'admin'], `${w.method} ${w.template}`).toContain(w.role);
  });

  it('answers 401 problem+json with WWW-Authenticate to every write without credentials, and changes nothing', async () => {
    const before = await srv.auth.listUsers();
    for (const op of ops.filter((o) => isWrite(o.method) && o.role !== 'public')) {
      const res = await send(null, op);
      expect(res.status, `${op.method} ${op.template}`).toBe(401);
      expect(res.headers.get('www-authenticate'), `${op.method} ${op.template}`).toMatch(/^Bearer realm="covgap"/);
      expect((await problem(res)).detail).toContain(`needs the ${op.role} role`);
    }
    expect(await srv.auth.listUsers()).toEqual(before);
    expect(await (await as(srv.tokens.admin, `${srv.url}/api/scenarios`)).json()).toMatchObject({ numberReturned: 0 });
  });

  it('answers 403 naming the role needed to a viewer\'s token on every write', async () => {
    for (const op of ops.filter((o) => isWrite(o.method) && o.role !== 'public')) {
      const res = await send(srv.tokens.viewer, op);
      expect(res.status, `${op.method} ${op.template}`).toBe(403);
      const p = await problem(res);
      expect(p.detail, `${op.method} ${op.template}`).toMatch(new RegExp(`needs the ${op.role} role or above; token \\w+ is a viewer`));
      expect(p).toMatchObject({ requiredRole: op.role, role: 'viewer' });
    }
  });

  it('lets each role through exactly the writes its role includes (the answer is then the route\'s own, not 401/403)', async () => {
    for (const role of ['partner', 'planner', 'admin'] as Role[]) {
      for (const op of ops.filter((o) => isWrite(o.method) && o.role !== 'public' && o.template !== '/api/logout')) {
        const res = await send(srv.tokens[role], op);
        await res.arrayBuffer();
        if (atLeast(role, op.role as Role)) expect([401, 403], `${role}: ${op.method} ${op.template} → ${res.status}`).not.toContain(res.status);
        else expect(res.status, `${role}: ${op.method} ${op.template}`).toBe(403);
      }
    }
    // a planner makes a scenario; an admin a user
    const s = await as(srv.tokens.planner, `${srv.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Plan of the planner' }) });
    expect(s.status).toBe(201);
    const u = await as(srv.tokens.admin, `${srv.url}/api/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'minh', role: 'viewer', password: 'a long password' }) });
    expect(u.status).toBe(201);
    expect(await u.json()).toEqual({ name: 'minh', role: 'viewer', operator: null, createdAt: expect.any(String) });
    const listed = await (await as(srv.tokens.admin, `${srv.url}/api/users`)).text();
    expect(listed).toContain('"minh"');
    expect(listed).not.toMatch(/scrypt|password/i);
    expect((await as(srv.tokens.planner, `${srv.url}/api/users`)).status).toBe(403);
    expect((await as(srv.tokens.admin, `${srv.url}/api/users/minh`, { method: 'DELETE' })).status).toBe(204);
    expect((await as(srv.tokens.admin, `${srv.url}/api/users/minh`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('bad input to the new endpoints', () => {
  it('answers 4xx problem+json with a detail to malformed bodies and parameters of login and users, never a 500', async () => {
    // a server of its own: these would use up the login rate limit of the other tests
    const own = await startAuthServer({ config: { loginRateLimit: 0 } });
    try {
      const bodies = ['', '{', 'null', '[]', '"x"', '{"name":[]}', '{"name":"a","password":{}}', `{"name":"${'x'.repeat(5000)}","password":"p"}`, '{"__proto__":{"role":"admin"},"name":"evil","password":"0123456789"}', '{"name":"ok.name","role":"admin","password":"0123456789","constructor":{"prototype":{"x":1}}}'];
      for (const path of ['/api/login', '/api/users']) {
        for (const b of bodies) {
          const res = await fetch(`${own.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${own.tokens.admin}` }, body: b });
          expect(res.status, `${path} ${b.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
          expect(res.status, `${path} ${b.slice(0, 40)}`).toBeLessThan(500);
          const p = await problem(res);
          expect(typeof p.detail).toBe('string');
        }
        const wrongType = await fetch(`${own.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${own.tokens.admin}` }, body: 'name=a' });
        expect(wrongType.status).toBe(415);
        expect((await as(own.tokens.admin, `${own.url}${path}?zz=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(400);
      }
      expect((await as(own.tokens.admin, `${own.url}/api/users/${encodeURIComponent('../../etc')}`, { method: 'DELETE' })).status).toBe(404);
      expect((await as(own.tokens.admin, `${own.url}/api/me?x=1`)).status).toBe(400);
      expect((await own.auth.listUsers()).map((u) => u.name)).not.toContain('evil');
    } finally {
      await own.close();
    }
  });
});

describe('a partner limited to an operator the data does not have', () => {
  it('is refused with 422 naming the field and the data\'s operators (matched exactly, as the limit is); nothing is made', async () => {
    const post = (body: object) => as(srv.tokens.admin, `${srv.url}/api/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const before = await srv.auth.listUsers();
    for (const [operator, detail] of [
      ['Vietel', 'operator: unknown operator "Vietel": the data has MobiFone, Viettel'],
      ['viettel', 'operator: unknown operator "viettel" (names match exactly: did you mean "Viettel"?): the data has MobiFone, Viettel'],
      ['VNPT', 'operator: unknown operator "VNPT": the data has MobiFone, Viettel'],
    ]) {
      const res = await post({ name: 'lan', role: 'partner', password: 'a long password', operator });
      expect(res.status, operator).toBe(422);
      const p = (await problem(res)) as { detail: string; errors?: { path: string; detail: string }[] };
      expect(p.detail).toBe(detail);
      expect(p.errors).toEqual([{ path: 'operator', detail: detail.replace(/^operator: /, '') }]);
    }
    // with other bad fields, every one is named
    const both = await post({ name: 'lan', role: 'partner', password: 'short', operator: 'Vietel' });
    expect(((await both.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['operator', 'password']);
    expect(await srv.auth.listUsers()).toEqual(before);
    // the operator as the sites spell it is taken
    const ok = await post({ name: 'lan', role: 'partner', password: 'a long password', operator: 'MobiFone' });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ name: 'lan', role: 'partner', operator: 'MobiFone' });
    expect((await as(srv.tokens.admin, `${srv.url}/api/users/lan`, { method: 'DELETE' })).status).toBe(204);
  });
});

describe('the OpenAPI document with users', () => {
  it('declares both ways in (Bearer token, session cookie), 401/403 on every operation that needs a role, and passes the linter', async () => {
    const source = await (await as(null, `${srv.url}/openapi.json`)).text();
    const doc = JSON.parse(source);
    expect(doc.components.securitySchemes).toMatchObject({ bearerToken: { type: 'http', scheme: 'bearer' }, sessionCookie: { type: 'apiKey', in: 'cookie', name: 'covgap_session' } });
    expect(doc.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    for (const [path, o] of Object.entries(doc.paths as Record<string, Record<string, { responses: object; security?: object[]; 'x-required-role': string }>>)) {
      for (const [method, op] of Object.entries(o)) {
        if (op['x-required-role'] === 'public') expect(op.security, `${method} ${path}`).toContainEqual({});
        else expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['401', '403']));
      }
    }
    expect(doc.paths['/collections/gaps/items'].get.description).toContain('Downloads (f=csv, xlsx, kml, gpkg) need the partner role.');
    const { lintFromString, loadConfig } = await import('@redocly/openapi-core');
    const problems = await lintFromString({ source, absoluteRef: `${srv.url}/openapi.json`, config: await loadConfig({ configPath: 'redocly.yaml' }) });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });
});

describe('reads', () => {
  it('keeps the data from anonymous callers (401) and serves the public part: health, the API description, the landing page', async () => {
    for (const path of ['/collections', '/collections/sites/items', '/collections/gaps/items', '/api/stats', '/tiles/coverage/12/3300/1790.png', '/tiles/terrain/1/1/0.png', '/api/coverage/status', '/api/scenarios', '/api/nope']) {
      const res = await as(null, `${srv.url}${path}`);
      expect(res.status, path).toBe(401);
      expect((await problem(res)).detail).toContain('needs the viewer role');
    }
    for (const path of ['/api/health', '/openapi.json', '/conformance', '/?f=json']) expect((await as(null, `${srv.url}${path}`)).status, path).toBe(200);
    expect((await as(null, `${srv.url}/api/me`)).status).toBe(401);
  });

  it('tells the web client what to offer each role (/api/me may: plan mode, downloads, users)', async () => {
    const may = async (token: string) => ((await (await as(token, `${srv.url}/api/me`)).json()) as { may: object }).may;
    expect(await may(srv.tokens.viewer)).toEqual({ plan: false, download: false, administer: false, imports: false });
    expect(await may(srv.tokens.partner)).toEqual({ plan: false, download: true, administer: false, imports: false });
    expect(await may(srv.tokens.limited)).toEqual({ plan: false, download: true, administer: false, imports: false });
    expect(await may(srv.tokens.planner)).toEqual({ plan: true, download: true, administer: false, imports: false });
    expect(await may(srv.tokens.admin)).toEqual({ plan: true, download: true, administer: true, imports: true });
  });

  it('keeps what a caller with credentials reads out of shared caches (private, Vary: Authorization, Cookie)', async () => {
    const tile = await as(srv.tokens.partner, `${srv.url}/tiles/terrain/10/823/448.png`);
    await tile.arrayBuffer();
    expect(tile.headers.get('cache-control')).toMatch(/^private\b/);
    expect(tile.headers.get('vary')).toMatch(/Authorization, Cookie/);
    const open = await startAuthServer({ noTokens: true }); // the local administrator: nothing to vary by
    try {
      const t = await as(null, `${open.url}/tiles/terrain/10/823/448.png`);
      await t.arrayBuffer();
      expect(t.headers.get('cache-control')).toMatch(/^public\b/);
    } finally {
      await open.close();
    }
  });

  it('gives downloads to partners, not viewers', async () => {
    for (const f of ['csv', 'xlsx', 'kml', 'gpkg']) {
      const v = await as(srv.tokens.viewer, `${srv.url}/collections/gaps/items?f=${f}`);
      expect(v.status, f).toBe(403);
      expect((await problem(v)).detail).toContain('(a download) needs the partner role or above');
      const p = await as(srv.tokens.partner, `${srv.url}/collections/gaps/items?f=${f}`);
      expect(p.status, f).toBe(200);
      await p.arrayBuffer();
    }
    expect((await as(srv.tokens.viewer, `${srv.url}/collections/gaps/items?f=json`)).status).toBe(200);
  });

  it('judges a path however it is spelled: case, doubled or trailing slashes, percent-escapes', async () => {
    const raw = (method: string, path: string, token?: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const u = new URL(srv.url);
        const req = request({ host: u.hostname, port: u.port, path, method, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
    for (const path of ['/API/stats', '/Collections/sites/items', '/collections/SITES/items', '//collections/sites/items', '/collections//sites/items', '/collections/sites/items/', '/%61pi/stats', '/api/%73tats', '/Tiles/coverage/12/3300/1790.png', '/api/Scenarios']) {
      const status = await raw('GET', path);
      expect([401, 404], `GET ${path} → ${status}`).toContain(status);
    }
    for (const path of ['/API/Scenarios', '/api/scenarios/', '//api/scenarios']) {
      const status = await raw('POST', path, srv.tokens.viewer);
      expect([403, 404], `POST ${path} → ${status}`).toContain(status);
    }
    for (const path of ['/collections/gaps/items/?f=csv', '/Collections/gaps/items?f=csv', '/collections/gaps/items?f=CSV']) {
      const status = await raw('GET', path, srv.tokens.viewer);
      expect([400, 403, 404], `GET ${path} → ${status}`).toContain(status);
    }
    for (const path of ['/API/scenarios', '/api/Scenarios/', '/api/scenarios/x/work-orders/']) {
      const status = await raw('GET', path, srv.tokens.limited);
      expect([403, 404], `limited GET ${path} → ${status}`).toContain(status);
    }
  });

  it('refuses a malformed or unknown token with 401, whatever the route', async () => {
    for (const h of ['Bearer', 'Basic aGk6aGk=', 'Bearer covgap_not-a-token', 'Bearer a b']) {
      const res = await fetch(`${srv.url}/api/health`, { headers: { authorization: h } });
      expect(res.status, h).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });
});

describe('browser login', () => {
  const login = (body: object, headers: Record<string, string> = {}) =>
    fetch(`${srv.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: srv.url, ...headers }, body: JSON.stringify(body) });

  it('sets an HttpOnly, SameSite=Strict session cookie for the right password only; /api/me says who; logout ends it', async () => {
    const wrong = await login({ name: 'hoa', password: 'wrong password' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const res = await login({ name: 'hoa', password: 'mật khẩu của Hoa' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'hoa', role: 'planner', operator: null, via: 'session' });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^covgap_session=[\w-]{43}; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    expect(setCookie).not.toMatch(/Secure/); // http: a Secure cookie would never come back
    const cookie = setCookie.split(';')[0];
    const me = await fetch(`${srv.url}/api/me`, { headers: { cookie } });
    expect(await me.json()).toEqual({ name: 'hoa', role: 'planner', operator: null, via: 'session', may: { plan: true, download: true, administer: false, imports: false } });
    expect((await fetch(`${srv.url}/api/stats`, { headers: { cookie } })).status).toBe(200);
    // a write with the cookie: from our own page only
    const create = (headers: Record<string, string>) => fetch(`${srv.url}/api/scenarios`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: '{"name":"by cookie"}' });
    const made = await create({ 'sec-fetch-site': 'same-origin' });
    expect(made.status).toBe(201);
    expect((await made.json()).author).toBe('hoa'); // the logged-in user, when the body names no author
    expect((await create({ origin: srv.url })).status).toBe(201);
    for (const h of [{}, { origin: 'http://evil.example' } as Record<string, string>, { 'sec-fetch-site': 'cross-site', origin: srv.url }, { 'sec-fetch-site': 'same-site' }]) {
      const r = await create(h);
      expect(r.status, JSON.stringify(h)).toBe(403);
      expect((await problem(r)).detail).toContain("must come from this server's own pages");
    }
    const out = await fetch(`${srv.url}/api/logout`, { method: 'POST', headers: { cookie, origin: srv.url } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^covgap_session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/);
    expect((await fetch(`${srv.url}/api/me`, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(`${srv.url}/api/stats`, { headers: { cookie } })).status).toBe(401);
  });

  it('refuses a login posted from another site\'s page, and bad bodies with 4xx problem+json', async () => {
    expect((await login({ name: 'hoa', password: 'mật khẩu của Hoa' }, { origin: 'http://evil.example' })).status).toBe(403);
    const bad = await fetch(`${srv.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": 5}' });
    expect(bad.status).toBe(422);
    expect((await problem(bad)).detail).toContain('expected {"name": "<user name>", "password": "<password>"}');
  });

  it('rate-limits logins per address (429 with Retry-After past LOGIN_RATE_LIMIT)', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) last = await login({ name: 'hoa', password: `guess ${i}` });
    expect(last!.status).toBe(429);
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await problem(last!)).detail).toContain('at most 5 requests a minute from one address (LOGIN_RATE_LIMIT)');
  });

  it('writes who made each request into the request log, and no token, cookie or password', () => {
    const text = logLines.join('\n');
    expect(text).toContain('"path":"/api/login"');
    const lines = logLines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { method: string; path: string; status: number; user: string | null });
    expect(lines).toContainEqual(expect.objectContaining({ method: 'POST', path: '/api/scenarios', status: 201, user: 'hoa' }));
    expect(lines).toContainEqual(expect.objectContaining({ method: 'POST', path: '/api/scenarios', status: 401, user: null }));
    expect(lines.filter((l) => l.user?.startsWith('token ')).length).toBeGreaterThan(10);
    for (const secret of [srv.tokens.admin, srv.tokens.viewer, 'mật khẩu', 'covgap_session=']) expect(text).not.toContain(secret);
  });
});

describe('tokens and the local administrator', () => {
  it('a revoked token is refused at once', async () => {
    const { token, record } = await srv.auth.createToken({ role: 'viewer' });
    expect((await as(token, `${srv.url}/api/stats`)).status).toBe(200);
    await srv.auth.revokeToken(record.id);
    expect((await as(token, `${srv.url}/api/stats`)).status).toBe(401);
  });

  it('with no user or token, a loopback server takes every caller as the local administrator, until one exists', async () => {
    const open = await startAuthServer({ noTokens: true });
    try {
      expect(await (await as(null, `${open.url}/api/me`)).json()).toEqual({ name: 'local', role: 'admin', operator: null, via: 'local', may: { plan: true, download: true, administer: true, imports: true } });
      expect((await as(null, `${open.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"local"}' })).status).toBe(201);
      const { token } = await open.auth.createToken({ role: 'planner' });
      expect((await as(null, `${open.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"anon"}' })).status).toBe(401);
      expect((await as(null, `${open.url}/api/me`)).status).toBe(401);
      expect(await (await as(token, `${open.url}/api/me`)).json()).toMatchObject({ role: 'planner', via: 'token' });
    } finally {
      await open.close();
    }
  });

  it('prints a report as its caller: the report browser reads with a short-lived token of the caller\'s role, void after the render', async () => {
    const clientDir = mkdtempSync(join(tmpdir(), 'covgap-auth-client-'));
    writeFileSync(join(clientDir, 'report.html'), '<!doctype html><title>report</title>');
    const seen: { url: string; headers: Record<string, string> }[] = [];
    // a stand-in for headless Chromium: reads /api/me with the headers it was given, as the page's scripts would
    const renderer = {
      options: { executablePath: '/usr/bin/chromium' },
      available: () => true,
      pdf: async (url: string, headers: Record<string, string> = {}) => {
        seen.push({ url, headers });
        return Buffer.from(await (await fetch(new URL('/api/me', url), { headers })).text());
      },
    } as unknown as ReportRenderer;
    const rs = await startAuthServer({ reports: renderer, config: { clientDir } });
    try {
      await rs.ready();
      const res = await as(rs.tokens.viewer, `${rs.url}/api/scenarios/compare/report.pdf?a=baseline&b=baseline&lang=en`);
      expect(res.status).toBe(200);
      expect(JSON.parse(await res.text())).toMatchObject({ role: 'viewer', via: 'token' });
      expect(seen).toHaveLength(1);
      expect(seen[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/report\.html\?a=baseline&b=baseline&lang=en$/);
      expect(seen[0].headers.authorization).toMatch(/^Bearer covgap_[\w-]{43}$/);
      expect(seen[0].headers.authorization).not.toBe(`Bearer ${rs.tokens.viewer}`);
      // released with the answer
      expect((await fetch(`${rs.url}/api/me`, { headers: seen[0].headers })).status).toBe(401);
    } finally {
      await rs.close();
      rmSync(clientDir, { recursive: true, force: true });
    }
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const tls = await startAuthServer({ noTokens: true, config: { publicUrl: 'https://covgap.example.org' } });
    try {
      await tls.auth.createUser({ name: 'an', role: 'viewer', password: 'password of an' });
      const res = await fetch(`${tls.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://covgap.example.org' }, body: JSON.stringify({ name: 'an', password: 'password of an' }) });
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toMatch(/; HttpOnly; Secure; SameSite=Strict$/);
    } finally {
      await tls.close();
    }
  });
});
