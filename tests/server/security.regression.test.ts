/**
 * Issue 17, findings 4–8 (a probe's forged requests), each through real HTTP against the state it
 * must not change: writes from another site's page in every mode, and bodies of types no operation
 * documents (415); a Host that is not host[:port]; paths the router routes another way than the
 * checks read them; If-Match per RFC 9110; user names that read the same, hidden characters in
 * names, and a scenario's author.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/data/store/sqlite';
import { openPostgresStore } from '../../server/data/store/postgres';
import type { ScenarioRepository } from '../../server/data/store/repository';
import { AuthService } from '../../server/services/auth';
import { as, authSites, startAuthServer, type AuthServer } from './auth.helpers';
import { fixtureDeps, listen, rawRequest, type TestServer } from './fixture';
import { describePostgis } from '../helpers/postgis';

const EVIL = 'https://evil.example';
const problem = async (r: Response): Promise<{ status: number; detail: string }> => {
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await r.json()) as { status: number; detail: string };
};
const raw = rawRequest;

const newSite = (id: string) => ({ ...authSites().features[0], properties: { ...authSites().features[0].properties, id, name: `Trạm ${id}` } });
const sitesFile = (id: string) => JSON.stringify({ type: 'FeatureCollection', features: [newSite(id)] });

describe('finding 4: a write from another site\'s page is refused in every mode; bodies only of their documented types', () => {
  let open: AuthServer; // no user or token yet: the loopback local administrator
  const datasets = async () => ((await (await fetch(`${open.url}/api/datasets`)).json()) as { layers: { layer: string; active: number; versions: unknown[] }[] }).layers.find((l) => l.layer === 'sites')!;
  beforeAll(async () => {
    open = await startAuthServer({ noTokens: true });
  }, 120_000);
  afterAll(async () => open?.close());

  it('the local administrator: an import or a restore from another site is 403 and makes no version; its own pages and scripts may', async () => {
    const before = await datasets();
    const importAs = (headers: Record<string, string>, body = sitesFile('X-1')) => fetch(`${open.url}/api/imports/sites?format=geojson&mode=merge`, { method: 'POST', headers, body });
    for (const headers of [
      { origin: EVIL, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }, // the probe's request
      { origin: EVIL, 'content-type': 'application/geo+json' }, // an older browser: Origin only
      { 'sec-fetch-site': 'same-site', 'content-type': 'application/geo+json' },
      { 'sec-fetch-site': 'cross-site', origin: open.url, 'content-type': 'application/geo+json' },
    ] as Record<string, string>[]) {
      const r = await importAs(headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect((await problem(r)).detail).toMatch(/^a write from another site's page is refused \(.+\): only this server's own pages may write from a browser/);
    }
    const restore = await fetch(`${open.url}/api/datasets/sites/1/restore`, { method: 'POST', headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' } });
    expect(restore.status).toBe(403);
    expect(await datasets()).toEqual(before);
    // from its own page, and from a script (no Origin): as before
    expect((await importAs({ origin: open.url, 'sec-fetch-site': 'same-origin', 'content-type': 'application/geo+json' })).status).toBe(201);
    expect((await importAs({ 'content-type': 'application/json' }, sitesFile('X-2'))).status).toBe(201);
    expect((await datasets()).versions.length).toBe(before.versions.length + 2);
    // a write without a body needs no Content-Type
    expect((await fetch(`${open.url}/api/datasets/sites/1/restore`, { method: 'POST', headers: { origin: open.url } })).status).toBe(200);
  });

  it('an import whose Content-Type is not its format\'s is 415 naming the types, and changes nothing', async () => {
    const before = await datasets();
    for (const [format, type, expected] of [
      ['geojson', 'text/plain', 'application/geo+json or application/json'],
      ['geojson', 'application/x-www-form-urlencoded', 'application/geo+json or application/json'], // curl --data-binary without -H
      ['geojson', '', 'application/geo+json or application/json'],
      ['opencellid', 'application/geo+json', 'text/csv'],
      ['kml', 'application/zip', 'application/vnd.google-earth.kml+xml, application/xml or text/xml'],
    ]) {
      const r = await fetch(`${open.url}/api/imports/sites?format=${format}`, { method: 'POST', headers: type ? { 'content-type': type } : {}, body: new TextEncoder().encode(sitesFile('X-3')) });
      expect(r.status, `${format} as ${type}`).toBe(415);
      const p = await problem(r);
      expect(p.detail).toBe(`an import of format=${format} takes a body of type ${expected} (Content-Type); got ${type ? JSON.stringify(type) : 'none'}`);
    }
    expect(await datasets()).toEqual(before);
  });

  it('every write the OpenAPI document lists with a body refuses any other type with 415 and Accept-Post/-Patch', async () => {
    const doc = (await (await fetch(`${open.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> }; responses: Record<string, unknown> }>> };
    let checked = 0;
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!op.requestBody || template === '/api/imports/{layer}') continue; // imports: per format, above
        const types = Object.keys(op.requestBody.content);
        const path = template.replace(/\{[^}]+\}/g, 'x');
        const r = await fetch(`${open.url}${path}`, { method: method.toUpperCase(), headers: { 'content-type': 'text/plain' }, body: '{"name":"x"}' });
        expect(r.status, `${method} ${template}`).toBe(415);
        expect((await problem(r)).detail).toContain(`takes a body of type ${types.length === 1 ? types[0] : `${types.slice(0, -1).join(', ')} or ${types[types.length - 1]}`}`);
        if (method === 'post') expect(r.headers.get('accept-post')).toBe(types.join(', '));
        if (method === 'patch') expect(r.headers.get('accept-patch')).toBe(types.join(', '));
        expect(op.responses['415'], `${method} ${template} declares 415`).toBeDefined();
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(7); // login, users, preview, scenarios ×4, plans ×2
    expect(((await (await fetch(`${open.url}/api/scenarios`)).json()) as { scenarios: unknown[] }).scenarios).toEqual([]);
  });

  it('an app built without authentication refuses another site\'s writes too', async () => {
    const bare: TestServer = await listen(fixtureDeps());
    try {
      const r = await fetch(`${bare.url}/api/coverage/preview`, { method: 'POST', headers: { origin: EVIL, 'content-type': 'text/plain' }, body: '{}' });
      expect(r.status).toBe(403);
      expect((await problem(r)).detail).toContain('Origin: "https://evil.example"');
    } finally {
      await bare.close();
    }
  });
});

describe('finding 5: the Host header is parsed as host[:port] before the allow-list; links come from the parsed value', () => {
  let srv: TestServer;
  let port: string;
  beforeAll(async () => {
    srv = await listen(fixtureDeps());
    port = new URL(srv.url).port;
    await fetch(`${srv.url}/collections/sites/items?limit=2`); // kept for the fast lane
  });
  afterAll(async () => srv?.close());

  it('refuses what is not an authority with 400, through Express and the fast lane alike', async () => {
    for (const host of [`127.0.0.1:${port}@evil.example`, 'localhost:@evil.example', '[::1]evil.example', `127.0.0.1:${port}#@evil.example`, 'localhost:', `localhost:${port}/x`, 'localhost:99999', 'local host', '[::1', 'evil.example\\@localhost']) {
      for (const path of ['/openapi.json', '/api/health', '/collections/sites/items?limit=2', '/tiles/terrain.json']) {
        const r = await raw(srv.url, path, { host });
        expect(r.status, `${host} ${path}`).toBe(400);
        expect(JSON.parse(r.body).detail).toBe(`Host: ${JSON.stringify(host)} is not a host name or address with an optional port (RFC 9110 §7.2); send the server's name, e.g. Host: localhost:8080`);
      }
    }
  });

  it('writes links from the parsed, lower-case authority', async () => {
    for (const [host, shown] of [[`LOCALHOST:${port}`, `localhost:${port}`], [`[::1]:${port}`, `[::1]:${port}`], ['127.0.0.1', '127.0.0.1']]) {
      const doc = JSON.parse((await raw(srv.url, '/openapi.json', { host })).body);
      expect(doc.servers[0].url).toBe(`http://${shown}`);
      const page = JSON.parse((await raw(srv.url, '/collections/sites/items?limit=2', { host })).body);
      expect(page.links.every((l: { href: string }) => l.href.startsWith(`http://${shown}/`))).toBe(true);
    }
  });

  it('with PUBLIC_URL a malformed Host is 400 too (any well-formed one is answered)', async () => {
    const pub = await listen(fixtureDeps({ config: { clientDir: 'none', publicUrl: 'https://maps.example.org', log: false } }));
    try {
      expect((await raw(pub.url, '/api/health', { host: 'maps.example.org@evil.example' })).status).toBe(400);
      expect((await raw(pub.url, '/api/health', { host: 'anything.example:8080' })).status).toBe(200);
    } finally {
      await pub.close();
    }
  });
});

describe('findings 6–8 on a server with users', () => {
  let srv: AuthServer;
  let sessionCookie: string;
  beforeAll(async () => {
    srv = await startAuthServer({ config: { loginRateLimit: 0 } });
    await srv.auth.createUser({ name: 'root', role: 'planner', password: 'the root password' });
    const login = await fetch(`${srv.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: srv.url }, body: '{"name":"root","password":"the root password"}' });
    sessionCookie = login.headers.get('set-cookie')!.split(';')[0];
  }, 120_000);
  afterAll(async () => srv?.close());
  const call = (token: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    as(token, `${srv.url}${path}`, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });

  it('6: the login\'s cross-site check and the roles see the path the router routes (case, trailing slash)', async () => {
    for (const path of ['/api/login', '/API/login', '/api/login/', '/Api/Login/', '/api//login']) {
      const r = await fetch(`${srv.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: EVIL }, body: '{"name":"root","password":"the root password"}' });
      expect(r.status, path).toBe(403);
      expect(r.headers.get('set-cookie'), path).toBeNull();
    }
    // the router does route them: from our own page they log in
    for (const path of ['/API/login', '/api/login/']) {
      const r = await fetch(`${srv.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: srv.url }, body: '{"name":"root","password":"the root password"}' });
      expect(r.status, path).toBe(200);
    }
    for (const [method, path, token] of [['POST', '/API/IMPORTS/sites/?format=geojson', srv.tokens.planner], ['DELETE', '/API/Users/root/', srv.tokens.planner], ['POST', '/api/Scenarios/', srv.tokens.viewer]] as const) {
      const r = await call(token, method, path, method === 'POST' ? {} : undefined);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect((await problem(r)).detail).toMatch(/needs the (admin|planner) role or above/);
    }
  });

  it('7: If-Match compares strongly, takes a list and *; the refused writes change nothing', async () => {
    const made = await call(srv.tokens.planner, 'POST', '/api/scenarios', { name: 'Plan If-Match' });
    const s = (await made.json()) as { id: string; version: number };
    const url = `/api/scenarios/${s.id}`;
    const weak = await call(srv.tokens.planner, 'PUT', url, { name: 'weak' }, { 'if-match': `W/"${s.id}.1"` });
    expect(weak.status).toBe(412);
    expect((await problem(weak)).detail).toContain('a weak tag (W/) never matches If-Match, which compares strongly (RFC 9110 §13.1.1)');
    const bad = await call(srv.tokens.planner, 'PUT', url, { name: 'bad' }, { 'if-match': `${s.id}.1` });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).detail).toMatch(/^If-Match: expected \* or a comma-separated list of entity tags/);
    expect(((await (await call(srv.tokens.viewer, 'GET', url)).json()) as { name: string; version: number })).toMatchObject({ name: 'Plan If-Match', version: 1 });
    const list = await call(srv.tokens.planner, 'PUT', url, { name: 'from a list' }, { 'if-match': `"${s.id}.0", W/"${s.id}.1", "${s.id}.1"` });
    expect(list.status).toBe(200);
    expect(list.headers.get('etag')).toBe(`"${s.id}.2"`);
    const stale = await call(srv.tokens.planner, 'PATCH', url, { name: 'stale' }, { 'if-match': `"${s.id}.1", "other.2"` });
    expect(stale.status).toBe(412);
    const star = await call(srv.tokens.planner, 'PATCH', url, { name: 'star' }, { 'if-match': '*' });
    expect(star.status).toBe(200);
    expect(star.headers.get('etag')).toBe(`"${s.id}.3"`);
    expect((await call(srv.tokens.planner, 'DELETE', url, undefined, { 'if-match': `"${s.id}.2"` })).status).toBe(412);
    expect((await call(srv.tokens.planner, 'DELETE', url, undefined, { 'if-match': `"x", "${s.id}.3"` })).status).toBe(204); // no Content-Type needed
    expect((await call(srv.tokens.planner, 'DELETE', url, undefined, { 'if-match': '*' })).status).toBe(404); // nothing to match
  });

  it('8: user names that read the same are one name (409 naming the user); login finds the user by any of them', async () => {
    const users = async () => ((await (await call(srv.tokens.admin, 'GET', '/api/users')).json()) as { users: { name: string }[] }).users.map((u) => u.name);
    const before = await users();
    for (const name of ['root', 'ROOT', 'rооt', 'ｒｏｏｔ', 'Rοot', 'r00t']) {
      const r = await call(srv.tokens.admin, 'POST', '/api/users', { name, role: 'admin', password: 'an impostor password' });
      expect(r.status, name).toBe(409);
      expect((await problem(r)).detail).toBe(name.normalize('NFKC') === 'root' // (ｒｏｏｔ is stored NFKC: root)
        ? 'user "root" exists already; delete it first (covgap user delete root) or choose another name'
        : `user name ${JSON.stringify(name.normalize('NFKC'))} is taken: it reads as the existing user "root" (user names are compared without case, width or look-alike letters); choose another name`);
    }
    expect(await users()).toEqual(before);
    const login = await fetch(`${srv.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ROOT', password: 'the root password' }) });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { name: string }).name).toBe('root');
    expect((await fetch(`${srv.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'rооt', password: 'an impostor password' }) })).status).toBe(401);
  });

  it('8: no control, format or invisible character in a user name, a scenario name or a description', async () => {
    for (const [name, code] of [['root\u0000', 'U+0000'], ['a\r\nb', 'U+000D'], ['ad\u202Emin', 'U+202E'], ['ro\u200Bot', 'U+200B'], ['lan\u2060', 'U+2060']]) {
      const r = await call(srv.tokens.admin, 'POST', '/api/users', { name, role: 'viewer', password: 'long enough password' });
      expect(r.status, JSON.stringify(name)).toBe(422);
      expect(((await r.json()) as { errors: { path: string; detail: string }[] }).errors).toContainEqual({ path: 'name', detail: `holds ${code} (a control, format or invisible character), which hides or reorders what a reader sees; remove it` });
      const sc = await call(srv.tokens.planner, 'POST', '/api/scenarios', { name: `Plan ${name}`, description: `x${name}` });
      expect(sc.status).toBe(422);
      expect(((await sc.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(code === 'U+000D' ? ['name'] : ['name', 'description']);
    }
    const multi = await call(srv.tokens.planner, 'POST', '/api/scenarios', { name: 'Phương án đa dòng', description: 'dòng một\r\n\tdòng hai' });
    expect(multi.status).toBe(201);
  });

  it('8: a scenario\'s author is its caller, set by the server; another author in the body is 422', async () => {
    const forged = await call(srv.tokens.planner, 'POST', '/api/scenarios', { name: 'forged', author: 'root' });
    expect(forged.status).toBe(422);
    expect(((await forged.json()) as { errors: { path: string; detail: string }[] }).errors).toEqual([{ path: 'author', detail: expect.stringMatching(/^set by the server: who made the scenario \("token [\w-]+"\); leave it out$/) }]);
    const byToken = (await (await call(srv.tokens.planner, 'POST', '/api/scenarios', { name: 'by token' })).json()) as { id: string; author: string };
    expect(byToken.author).toMatch(/^token [\w-]+$/);
    const byCookie = await fetch(`${srv.url}/api/scenarios`, { method: 'POST', headers: { cookie: sessionCookie, origin: srv.url, 'content-type': 'application/json' }, body: '{"name":"by root"}' });
    expect(((await byCookie.json()) as { author: string }).author).toBe('root');
    // a PUT may carry the author back as read; another one is refused and changes nothing
    const url = `/api/scenarios/${byToken.id}`;
    expect((await call(srv.tokens.admin, 'PUT', url, { name: 'renamed', author: byToken.author }, { 'if-match': `"${byToken.id}.1"` })).status).toBe(200);
    expect((await call(srv.tokens.admin, 'PUT', url, { name: 'stolen', author: 'root' }, { 'if-match': `"${byToken.id}.2"` })).status).toBe(422);
    expect((await call(srv.tokens.admin, 'PATCH', url, { author: 'root' }, { 'if-match': `"${byToken.id}.2"` })).status).toBe(422);
    expect(await (await call(srv.tokens.viewer, 'GET', url)).json()).toMatchObject({ name: 'renamed', author: byToken.author, version: 2 });
  });
});

/** A store whose users were made before migration 4 (no skeletons): `downgrade` takes the column away. */
async function legacyClash(label: string, open: () => Promise<ScenarioRepository>, downgrade: (store: ScenarioRepository) => Promise<void>): Promise<void> {
  let store = await open();
  const auth = new AuthService(store.auth, { localAdmin: false });
  await auth.createUser({ name: 'root', role: 'admin', password: 'the root password' });
  await downgrade(store); // then adds ROOT and rооt (Cyrillic о) as an old covgap could
  store = await open();
  try {
    const again = new AuthService(store.auth, { localAdmin: false });
    for (const name of ['root', 'ROOT', 'rооt']) expect((await store.auth.getUser(name, ''))?.name, `${label} ${name}`).toBe(name);
    expect((await again.login('Root', 'the root password'))?.principal.name).toBe('root'); // the oldest holds the skeleton
    await expect(again.createUser({ name: 'RoOt', role: 'viewer', password: 'a new password' })).rejects.toThrow('it reads as the existing user "root"');
    await again.deleteUser('ROOT'); // its exact name
    expect((await again.listUsers()).map((u) => u.name).sort()).toEqual(['root', 'rооt']);
  } finally {
    await store.close();
  }
}

describe('8: a store with clashing users from before the rule stays sound (migration 4)', () => {
  it('SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'covgap-names-'));
    const path = join(dir, 'covgap.sqlite');
    try {
      await legacyClash('sqlite', async () => openSqliteStore(path), async (store) => {
        await store.close();
        const db = new Database(path);
        db.exec("DROP INDEX users_name_skeleton; ALTER TABLE users DROP COLUMN name_skeleton; DELETE FROM schema_migrations WHERE version = 4");
        const add = db.prepare("INSERT INTO users (name, role, operator, password_hash, created_at) SELECT ?, role, operator, password_hash, ? FROM users WHERE name = 'root'");
        add.run('ROOT', '2099-01-01T00:00:00.000Z');
        add.run('rооt', '2099-01-02T00:00:00.000Z');
        db.close();
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describePostgis((db) => {
  it('PostgreSQL + PostGIS', async () => {
    const { url } = await db();
    await legacyClash('postgis', () => openPostgresStore(url), async (store) => {
      await store.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query('DROP INDEX users_name_skeleton; ALTER TABLE users DROP COLUMN name_skeleton; DELETE FROM schema_migrations WHERE version = 4');
      for (const [name, at] of [['ROOT', '2099-01-01T00:00:00Z'], ['rооt', '2099-01-02T00:00:00Z']]) {
        await c.query("INSERT INTO users (name, role, operator, password_hash, created_at) SELECT $1, role, operator, password_hash, $2 FROM users WHERE name = 'root'", [name, at]);
      }
      await c.end();
    });
  }, 120_000);
});
