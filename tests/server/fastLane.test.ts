/**
 * The fast lane (server/http/fastLane.ts): kept feature pages and /api/health answered before
 * Express. Each answer it takes must be the one Express gives — status, body, every header but
 * Date — and whatever it cannot be sure of (credentials, an Origin, parameters, another Host, a
 * scenario, a page not kept yet, a caller the policy refuses) must go on to Express.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latToTileY, lonToTileX } from '../../core/geo/tiles';
import { createApp, fastLaneOf } from '../../server/app';
import { appServices } from '../../server/appServices';
import { openSqliteStore } from '../../server/data/store/sqlite';
import { AuthService } from '../../server/services/auth';
import { fixtureDeps } from './fixture';
import { smallWorld } from './smallWorld.helpers';

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }

/** A raw GET (node:http: no headers of its own but Host), so both servers see the same request. */
function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(base + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

const comparable = (a: Answer) => {
  const { date: _d, connection: _c, 'keep-alive': _k, ...headers } = a.headers;
  return { status: a.status, headers, body: a.body.toString('base64') };
};

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const world = smallWorld();
let laneUrl = '';
let plainUrl = '';
const taken: boolean[] = [];
const servers: Server[] = [];

beforeAll(async () => {
  const app = createApp(appServices(fixtureDeps({ dem: world.dem, coverage: world.coverage, gaps: world.gaps, repository: world.repository, config: { clientDir: 'none', publicUrl: null, log: false } })));
  const lane = fastLaneOf(app)!;
  expect(lane).toBeDefined();
  // the lane, recording whether it took each request, then Express; and Express alone
  const a = await serve((req, res) => void lane(req, res).then((done) => (taken.push(done), done || app(req, res))));
  const b = await serve((req, res) => app(req, res));
  laneUrl = a.url;
  plainUrl = b.url;
  servers.push(a.server, b.server);
  for (let i = 0; i < 600 && world.coverage.coverage.provider.status().state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 50));
  expect(world.coverage.coverage.provider.status().state).toBe('ready');
});
afterAll(() => {
  for (const s of servers) s.close();
});

/** Asks both servers; returns whether the lane took it, after checking the two answers are the same. */
async function both(path: string, headers: Record<string, string> = {}): Promise<{ tookIt: boolean; answer: Answer }> {
  // the same Host for both (links in pages are built from it)
  const h = { host: 'localhost', ...headers };
  taken.length = 0;
  const fast = await get(laneUrl, path, h);
  const tookIt = taken[0]!;
  const slow = await get(plainUrl, path, h);
  expect(comparable(fast), `${path} ${JSON.stringify(headers)}`).toEqual(comparable(slow));
  return { tookIt, answer: fast };
}

describe('the fast lane', () => {
  it('answers /api/health and kept pages exactly as Express does (status, body, every header but Date)', async () => {
    const health = await both('/api/health');
    expect(health.tookIt).toBe(true);
    expect(health.answer.status).toBe(200);
    expect(JSON.parse(health.answer.body.toString()).status).toBe('ok');
    expect(health.answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(health.answer.headers['x-content-type-options']).toBe('nosniff');
    expect((await both('/api/health', { accept: 'application/json' })).tookIt).toBe(true);

    for (const path of ['/collections/villages/items?limit=5', '/collections/gaps/items', '/collections/sites/items?bbox=106.0,22.5,106.1,22.7']) {
      const first = await both(path); // not kept yet: Express builds and keeps it
      expect(first.tookIt, path).toBe(false);
      expect(first.answer.status).toBe(200);
      const again = await both(path);
      expect(again.tookIt, path).toBe(true);
      expect(again.answer.body.toString()).toBe(first.answer.body.toString());
      const zipped = await both(path, { 'accept-encoding': 'gzip, deflate' });
      expect(zipped.tookIt).toBe(true);
      expect(zipped.answer.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(zipped.answer.body).toString()).toBe(first.answer.body.toString());
      // as browsers ask: Brotli once it is made off the event loop (gzip until then: wait for it, so both ways meet the same page)
      for (let i = 0; i < 200 && (await get(plainUrl, path, { host: 'localhost', 'accept-encoding': 'br' })).headers['content-encoding'] !== 'br'; i++) await new Promise((r) => setTimeout(r, 10));
      const browser = await both(path, { 'accept-encoding': 'gzip, deflate, br' });
      expect([browser.tookIt, browser.answer.headers['content-encoding']]).toEqual([true, 'br']);
      expect(brotliDecompressSync(browser.answer.body).toString()).toBe(first.answer.body.toString());
      const etag = String(again.answer.headers.etag);
      const revalidated = await both(path, { 'if-none-match': etag });
      expect([revalidated.tookIt, revalidated.answer.status]).toEqual([true, 304]);
    }
    const id = JSON.parse((await both('/collections/villages/items?limit=1')).answer.body.toString()).features[0].id as string;
    await both(`/collections/villages/items/${encodeURIComponent(id)}`);
    expect((await both(`/collections/villages/items/${encodeURIComponent(id)}`)).tookIt).toBe(true);
  });

  it('answers kept coverage and terrain tiles as their routes do (PNG bytes, Cache-Control, ETag, 304)', async () => {
    const { width, height, transform: t } = world.dem;
    const [lon, lat] = [t[0] + (width / 2) * t[1], t[3] + (height / 2) * t[5]];
    const z = 11;
    const [x, y] = [Math.floor(lonToTileX(lon, z)), Math.floor(latToTileY(lat, z))];
    const version = world.coverage.coverage.provider.version;
    for (const path of [`/tiles/coverage/${z}/${x}/${y}.png?tech=4G&v=${version}`, `/tiles/coverage/${z}/${x}/${y}.png?tech=2G`, `/tiles/terrain/${z}/${x}/${y}.png`]) {
      const first = await both(path);
      expect([first.tookIt, first.answer.status, first.answer.headers['content-type']], path).toEqual([false, 200, 'image/png']);
      const again = await both(path);
      expect(again.tookIt, path).toBe(true);
      expect(again.answer.body.equals(first.answer.body)).toBe(true);
      const revalidated = await both(path, { 'if-none-match': String(again.answer.headers.etag) });
      expect([revalidated.tookIt, revalidated.answer.status], path).toEqual([true, 304]);
    }
    // a scenario's tiles and a parameter the route refuses are Express's
    for (const [path, status] of [[`/tiles/coverage/${z}/${x}/${y}.png?tech=4G&scenario=nope`, 404], [`/tiles/coverage/${z}/${x}/${y}.png?tech=6G`, 400], [`/tiles/coverage/${z}/${x}/${y}.png?tech=6G`, 400]] as const) {
      const r = await both(path);
      expect([r.tookIt, r.answer.status], path).toEqual([false, status]);
    }
  });

  it('leaves to Express what it cannot be sure of, and the answer is Express\'s', async () => {
    const path = '/collections/villages/items?limit=2';
    await both(path);
    expect((await both(path)).tookIt).toBe(true);
    const cases: [string, Record<string, string>, number][] = [
      [path, { cookie: 'covgap_session=abc' }, 200],
      [path, { authorization: 'Bearer nope' }, 200], // no auth in this app: the local admin either way
      [path, { origin: 'http://evil.example' }, 200],
      [path, { host: 'evil.example' }, 400],
      ['/api/health?x=1', {}, 400],
      ['/api/health', { accept: 'text/csv' }, 406],
      ['/collections/villages/items?limit=2&scenario=nope', {}, 404],
      ['/collections/villages/items?limit=7', {}, 200], // not kept yet
      ['/collections/gaps/items?f=csv', {}, 200], // a download: never kept
      ['/collections/gaps/items?f=csv', {}, 200],
      ['/collections/%E0%A4%A/items', {}, 400],
    ];
    for (const [p, headers, status] of cases) {
      const r = await both(p, headers);
      expect([r.tookIt, r.answer.status], `${p} ${JSON.stringify(headers)}`).toEqual([false, status]);
    }
  });

  it('with users, an anonymous caller gets its 401 from Express; /api/health (public) stays in the lane', async () => {
    const store = openSqliteStore(':memory:');
    const auth = new AuthService(store.auth, { localAdmin: true });
    const app = createApp(appServices(fixtureDeps({ dem: world.dem, coverage: world.coverage, gaps: world.gaps, repository: world.repository, auth, config: { clientDir: 'none', publicUrl: null, log: false } })));
    const lane = fastLaneOf(app)!;
    const seen: boolean[] = [];
    const { url, server } = await serve((req, res) => void lane(req, res).then((done) => (seen.push(done), done || app(req, res))));
    try {
      const page = '/collections/villages/items?limit=3';
      expect((await get(url, page)).status).toBe(200); // no user yet: the local administrator
      expect((await get(url, page)).status).toBe(200);
      expect(seen).toEqual([false, true]);
      await auth.createUser({ name: 'hoa', password: 'correct horse battery', role: 'viewer' });
      seen.length = 0;
      const refused = await get(url, page);
      expect(refused.status).toBe(401);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await get(url, '/api/health')).status).toBe(200);
      expect(seen).toEqual([false, true]);
    } finally {
      server.close();
      await store.close();
    }
  });
});
