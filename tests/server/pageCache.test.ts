/**
 * versionedPageCache: the gap list page answered from memory until the data version changes,
 * with a weak ETag and 304 on If-None-Match; errors, downloads and version-less answers not kept.
 */
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versionedPageCache } from '../../server/http/pageCache';

let version: string | null = 'v1';
let built = 0;
let url = '';
let close = (): void => {};

beforeAll(async () => {
  const app = express();
  app.get('/page', versionedPageCache(() => version), (req, res) => {
    built++;
    if (req.query.bad) {
      res.status(400).send('{"detail":"bad"}');
      return;
    }
    if (req.query.f === 'csv') res.set('Content-Disposition', 'attachment; filename="x.csv"');
    res.type('application/geo+json').send(JSON.stringify({ version, built }));
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

/** A GET with the given Accept-Encoding, the bytes as sent (node:http decodes nothing). */
function rawGet(target: string, encoding: string): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(target, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('versionedPageCache', () => {
  it('builds a page once per version and URL, answers 304 to its ETag, and rebuilds for a new version', async () => {
    const a = await fetch(`${url}/page?limit=10`);
    const b = await fetch(`${url}/page?limit=10`);
    expect(await a.text()).toBe('{"version":"v1","built":1}');
    expect(await b.text()).toBe('{"version":"v1","built":1}');
    expect(b.headers.get('content-type')).toContain('application/geo+json');
    const etag = b.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[\w-]{22}"$/);
    expect(a.headers.get('etag')).toBe(etag);
    const revalidated = await fetch(`${url}/page?limit=10`, { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    // another URL is another page
    expect(await (await fetch(`${url}/page?limit=20`)).text()).toBe('{"version":"v1","built":2}');
    version = 'v2';
    const c = await fetch(`${url}/page?limit=10`, { headers: { 'if-none-match': etag } });
    expect(c.status).toBe(200);
    expect(await c.text()).toBe('{"version":"v2","built":3}');
    expect(c.headers.get('etag')).not.toBe(etag);
  });

  it('answers gzip to a client that accepts it, the same page', async () => {
    const raw = (encoding: string) => rawGet(`${url}/page?gz=1`, encoding);
    const first = await raw('gzip'); // builds and caches (identity)
    const zipped = await raw('gzip, deflate');
    const plain = await raw('identity');
    expect(first.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('Accept-Encoding');
    expect(gunzipSync(zipped.body).toString()).toBe(first.body.toString());
    expect(plain.body.toString()).toBe(first.body.toString());
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('answers Brotli once it is made (off the event loop) to a client that takes br, gzip to one that takes only gzip, the same page', async () => {
    const raw = (encoding: string) => rawGet(`${url}/page?br=1`, encoding);
    const first = await raw('identity');
    let br = await raw('gzip, deflate, br');
    for (let i = 0; i < 100 && br.headers['content-encoding'] !== 'br'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      br = await raw('gzip, deflate, br');
    }
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(first.body.toString());
    const gz = await raw('gzip, deflate');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(first.body.toString());
    // the client's q-values come first: br refused, gzip it is
    expect((await raw('br;q=0, gzip')).headers['content-encoding']).toBe('gzip');
    expect((await raw('br;q=0.5, gzip;q=1')).headers['content-encoding']).toBe('gzip');
  });

  it('keeps neither errors, downloads, nor answers without a version', async () => {
    const before = built;
    await fetch(`${url}/page?bad=1`);
    await fetch(`${url}/page?bad=1`);
    await fetch(`${url}/page?f=csv`);
    await fetch(`${url}/page?f=csv`);
    version = null;
    await fetch(`${url}/page?x=1`);
    await fetch(`${url}/page?x=1`);
    expect(built - before).toBe(6);
  });
});

describe('versionedPageCache bounded by bytes', () => {
  it('keeps pages up to maxBytes together (least recently used go first) and never one larger than the budget', async () => {
    let builds = 0;
    const app = express();
    // each page about 1,000 characters + its gzip; a budget of 2,500 bytes holds two
    app.get('/p', versionedPageCache(() => 'v', { maxBytes: 2500 }), (req, res) => {
      builds++;
      const n = Number(req.query.n);
      res.type('application/json').send(JSON.stringify({ n, pad: n === 9 ? 'y'.repeat(5000) : 'x'.repeat(1000) }));
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const get = async (n: number) => JSON.parse(await (await fetch(`${base}/p?n=${n}`)).text()).n as number;
      await get(1);
      await get(2);
      await get(1);
      expect(builds).toBe(2); // both kept
      await get(3); // evicts 2, the least recently used
      await get(1);
      expect(builds).toBe(3);
      await get(2);
      expect(builds).toBe(4);
      await get(9); // larger than the whole budget: answered, not kept
      await get(9);
      expect(builds).toBe(6);
    } finally {
      server.close();
    }
  });
});

describe('versionedPageCache: one build per page', () => {
  it('builds a page once for 20 requests that arrive together; an answer not kept lets each build its own', async () => {
    let builds = 0;
    const app = express();
    app.get('/slow', versionedPageCache(() => 'v'), async (req, res) => {
      builds++;
      await new Promise((r) => setTimeout(r, 50));
      if (req.query.bad) {
        res.status(400).type('application/problem+json').send('{"detail":"bad"}');
        return;
      }
      res.type('application/json').send(JSON.stringify({ n: req.query.n, builds }));
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const bodies = await Promise.all(Array.from({ length: 20 }, async () => (await fetch(`${base}/slow?n=1`)).text()));
      expect(builds).toBe(1);
      expect(new Set(bodies)).toEqual(new Set(['{"n":"1","builds":1}']));
      const bad = await Promise.all(Array.from({ length: 5 }, async () => (await fetch(`${base}/slow?bad=1`)).status));
      expect(bad).toEqual([400, 400, 400, 400, 400]);
      expect(builds).toBe(6);
    } finally {
      server.close();
    }
  });
});
