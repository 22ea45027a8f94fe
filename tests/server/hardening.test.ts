/**
 * HTTP hardening (issue 12): security headers on every answer, the Host check, CORS closed by
 * default, Node's own refusals as problem+json, 405 with Allow, consistent parameter checks,
 * structured logs without secrets, and no path traversal out of the tile and static routes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDeps, getJson, listen, rawRequest, type TestServer } from './fixture';

let srv: TestServer;
let clientRoot: string;
const logLines: string[] = [];

beforeAll(async () => {
  // a built client in dist/, with a secret beside it that must never be served
  clientRoot = mkdtempSync(join(tmpdir(), 'covgap-hardening-'));
  mkdirSync(join(clientRoot, 'dist'));
  writeFileSync(join(clientRoot, 'dist', 'index.html'), '<!doctype html><title>covgap</title>');
  writeFileSync(join(clientRoot, 'dist', 'app.js'), 'console.log(1)');
  writeFileSync(join(clientRoot, 'secret.txt'), 'TOP-SECRET');
  srv = await listen(fixtureDeps({ config: { clientDir: join(clientRoot, 'dist'), publicUrl: null, log: true }, log: (l) => logLines.push(l) }));
});
afterAll(async () => {
  await srv?.close();
  rmSync(clientRoot, { recursive: true, force: true });
});

/** A raw HTTP/1.1 GET with any Host header and path (fetch would normalise both). */
const rawGet = (url: string, path: string, headers: Record<string, string> = {}) => rawRequest(url, path, headers);

describe('security headers', () => {
  it('are on every answer: JSON, problem+json, tiles, the client and its assets', async () => {
    for (const path of ['/collections', '/collections/nope', '/tiles/terrain/0/0/0.png', '/', '/app.js', '/no/such/route', '/api/health']) {
      const res = await fetch(`${srv.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).toContain("img-src 'self' data: blob:");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
      await res.arrayBuffer();
    }
  });

  it('a 100 KB URL gets 431 with a problem+json body, and the server stays up', async () => {
    const r = await rawGet(srv.url, `/collections/sites/items?bbox=${'1'.repeat(100 * 1024)}`);
    expect(r.status).toBe(431);
    expect(r.headers['content-type']).toBe('application/problem+json');
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({ status: 431, title: 'Request Header Fields Too Large' });
    expect(body.detail).toBe("the URL and headers are larger than 16 KB (Node's maxHeaderSize); send a shorter URL, or put long input in a POST body");
    expect((await fetch(`${srv.url}/collections`)).status).toBe(200);
  });
});

describe('Host header (PUBLIC_URL unset)', () => {
  it('a foreign Host gets 400 and never reaches the links of items, /openapi.json or /tiles/terrain.json', async () => {
    for (const path of ['/collections/sites/items?limit=1', '/openapi.json', '/tiles/terrain.json', '/collections']) {
      const r = await rawGet(srv.url, path, { host: 'evil.example' });
      expect(r.status, path).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(r.body).detail).toBe('Host: "evil.example" is not a host name this server answers to; add it to ALLOWED_HOSTS, or set PUBLIC_URL');
      expect(r.body).not.toContain('http://evil.example');
    }
  });

  it('the loopback names are answered, with links built from them', async () => {
    const port = new URL(srv.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      const r = await rawGet(srv.url, '/tiles/terrain.json', { host });
      expect(r.status, host).toBe(200);
      expect(JSON.parse(r.body).tiles[0]).toBe(`http://${host}/tiles/terrain/{z}/{x}/{y}.png`);
    }
  });

  it('configured host names are answered; with PUBLIC_URL the Host is not used at all', async () => {
    const s2 = await listen(fixtureDeps({ config: { clientDir: 'none', publicUrl: null, log: false, allowedHosts: ['maps.example.org'] } }));
    const s3 = await listen(fixtureDeps({ config: { clientDir: 'none', publicUrl: 'https://maps.example.org/covgap', log: false } }));
    try {
      expect((await rawGet(s2.url, '/collections', { host: 'Maps.Example.org' })).status).toBe(200);
      expect((await rawGet(s2.url, '/collections', { host: '127.0.0.1' })).status).toBe(400);
      const r = await rawGet(s3.url, '/tiles/terrain.json', { host: 'evil.example' });
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body).tiles[0]).toBe('https://maps.example.org/covgap/tiles/terrain/{z}/{x}/{y}.png');
    } finally {
      await s2.close();
      await s3.close();
    }
  });
});

describe('CORS', () => {
  it('is closed by default: a foreign Origin gets no Access-Control-Allow-Origin, a preflight no permission', async () => {
    const res = await fetch(`${srv.url}/collections`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await fetch(`${srv.url}/api/coverage/preview`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('with CORS_ORIGINS, only the listed origins are allowed', async () => {
    const s2 = await listen(fixtureDeps({ config: { clientDir: 'none', publicUrl: null, log: false, corsOrigins: ['https://app.example.org'] } }));
    try {
      const ok = await fetch(`${s2.url}/collections`, { headers: { origin: 'https://app.example.org' } });
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
      expect(ok.headers.get('vary')).toContain('Origin');
      const foreign = await fetch(`${s2.url}/collections`, { headers: { origin: 'https://evil.example' } });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await s2.close();
    }
  });
});

describe('consistent edges', () => {
  it('operator and communeId are checked against the data, as on the gaps collection', async () => {
    const op = await getJson(`${srv.url}/collections/sites/items?operator=Evil`);
    expect(op.status).toBe(400);
    expect(op.body.detail).toBe('operator: expected one of MobiFone, VNPT/Vinaphone, Viettel, got "Evil"');
    expect((await getJson(`${srv.url}/collections/sites/items?operator=viettel&limit=1`)).body.numberMatched).toBe(30);
    const commune = await getJson(`${srv.url}/collections/villages/items?communeId=99`);
    expect(commune.status).toBe(400);
    expect(commune.body.detail).toBe('communeId: expected one of 01, 02, got "99"');
    expect((await getJson(`${srv.url}/collections/villages/items?communeId=01`)).body.numberMatched).toBe(15);
  });

  it('bbox takes decimal numbers only', async () => {
    for (const [bbox, bad] of [['0x69,22,107,23', 'west'], ['106,22,107,1e1', 'north'], ['106,22,Infinity,23', 'east'], ['106,0b1,107,23', 'south']]) {
      const r = await getJson(`${srv.url}/collections/sites/items?bbox=${bbox}`);
      expect(r.status).toBe(400);
      expect(r.body.detail).toBe(`bbox: ${bad} must be a decimal number of degrees, got "${bbox.split(',')[['west', 'south', 'east', 'north'].indexOf(bad)]}"`);
    }
  });

  it('unknown query parameters are refused on every endpoint, not only on items', async () => {
    const cases: [string, string][] = [
      ['/api/health?verbose=1', 'unknown query parameter "verbose" for GET /api/health; it takes no query parameters'],
      ['/collections?foo=1', 'unknown query parameter "foo" for GET /collections; accepted: f, scenario'],
      ['/collections/sites?x=1', 'unknown query parameter "x" for GET /collections/sites; accepted: f, scenario'],
      ['/conformance?x=1', 'unknown query parameter "x" for GET /conformance; accepted: f'],
      ['/collections/sites/items/S000?x=1', 'unknown query parameter "x" for GET /collections/sites/items/S000; accepted: f, scenario'],
      ['/tiles/terrain/0/0/0.png?x=1', 'unknown query parameter "x" for GET /tiles/terrain/0/0/0.png; it takes no query parameters'],
      ['/tiles/terrain.json?x=1', 'unknown query parameter "x" for GET /tiles/terrain.json; it takes no query parameters'],
      ['/openapi.json?x=1', 'unknown query parameter "x" for GET /openapi.json; accepted: f'],
    ];
    for (const [path, detail] of cases) {
      const r = await getJson(`${srv.url}${path}`);
      expect(r.status, path).toBe(400);
      expect(r.type).toContain('application/problem+json');
      expect(r.body.detail).toBe(detail);
    }
  });

  it('a known path asked with another method is 405 problem+json with Allow', async () => {
    for (const [method, path, allow] of [['PUT', '/collections/sites/items', 'GET, HEAD'], ['DELETE', '/collections/sites/items/S000', 'GET, HEAD'], ['POST', '/api/health', 'GET, HEAD'], ['PATCH', '/tiles/terrain/1/0/0.png', 'GET, HEAD']]) {
      const res = await fetch(`${srv.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).detail).toBe(`${method} is not allowed on ${path}; allowed: ${allow}`);
    }
    // an unknown path stays 404
    expect((await fetch(`${srv.url}/nothing/here`, { method: 'PUT' })).status).toBe(404);
  });
});

describe('path traversal', () => {
  it('neither the tile routes nor the static client serve anything outside dist/', async () => {
    const paths = [
      '/../secret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/..%2fsecret.txt', '/dist/../secret.txt', '/..%5csecret.txt',
      '/tiles/terrain/../../secret.txt', '/tiles/terrain/%2e%2e/%2e%2e/secret.txt', '/tiles/terrain/1/..%2f..%2fsecret.txt/0.png',
      '/tiles/terrain/0/0/..%2f..%2f..%2fsecret.txt.png', '/%00/secret.txt', '/app.js%00.png',
    ];
    for (const p of paths) {
      const r = await rawGet(srv.url, p);
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.status, p).toBeLessThan(500);
      expect(r.body, p).not.toContain('TOP-SECRET');
      expect(String(r.headers['content-type']), p).toContain('application/problem+json');
    }
    // what is inside is served
    expect((await rawGet(srv.url, '/app.js')).body).toBe('console.log(1)');
  });
});

describe('request logs', () => {
  it('are JSON lines of method, path, status and ms, without query strings or headers', async () => {
    logLines.length = 0;
    await fetch(`${srv.url}/collections/sites/items?limit=1&bbox=106,22,107,23.5`, { headers: { authorization: 'Bearer s3cr3t-bearer', cookie: 'sid=s3cr3t-cookie' } });
    await fetch(`${srv.url}/collections/nope?token=s3cr3t-token`);
    for (let i = 0; i < 50 && logLines.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(logLines).toHaveLength(2);
    const [a, b] = logLines.map((l) => JSON.parse(l));
    expect(Object.keys(a).sort()).toEqual(['bytes', 'method', 'ms', 'path', 'status', 'time', 'user']);
    expect(a).toMatchObject({ method: 'GET', path: '/collections/sites/items', status: 200, user: 'local' });
    expect(b).toMatchObject({ method: 'GET', path: '/collections/nope', status: 400 }); // unknown parameter "token"
    expect(logLines.join('\n')).not.toContain('23.5');
    expect(typeof a.ms).toBe('number');
    expect(logLines.join('\n')).not.toMatch(/s3cr3t/);
  });
});
