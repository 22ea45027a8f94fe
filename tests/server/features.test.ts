import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDeps, getJson, listen, type TestServer } from './fixture';

let srv: TestServer;
beforeAll(async () => {
  srv = await listen(fixtureDeps());
});
afterAll(async () => {
  await srv?.close();
});

describe('OGC API – Features over HTTP', () => {
  it('landing page answers JSON to API clients with absolute links', async () => {
    for (const [path, headers] of [['/?f=json', {}], ['/', { accept: 'application/json' }]] as const) {
      const { status, type, body } = await getJson(srv.url + path, headers);
      expect(status).toBe(200);
      expect(type).toMatch(/^application\/json/);
      const rels = Object.fromEntries(body.links.map((l: any) => [l.rel, l.href]));
      expect(rels.conformance).toBe(`${srv.url}/conformance`);
      expect(rels.data).toBe(`${srv.url}/collections`);
      expect(rels['service-desc']).toBe(`${srv.url}/openapi.json`);
    }
  });

  it('landing page: JSON for any API client (OWSLib sends */*, scripts nothing); HTML only for a browser; f wins', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['/', { accept: '*/*' }, 'application/json'], // OWSLib, curl
      ['/', {}, 'application/json'], // no Accept header (Node fetch sends */*; this sends none below too)
      ['/', { accept: 'application/json, text/html' }, 'application/json'],
      ['/', { accept: 'application/geo+json, application/json;q=0.9, */*;q=0.1' }, 'application/json'],
      ['/', { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }, 'text/html'], // Chromium, Firefox
      ['/?f=json', { accept: 'text/html' }, 'application/json'],
      ['/?f=html', { accept: 'application/json' }, 'text/html'],
    ];
    for (const [path, headers, type] of cases) {
      const res = await fetch(srv.url + path, { headers });
      expect([res.status, res.headers.get('content-type')?.split(';')[0]], `${path} ${JSON.stringify(headers)}`).toEqual([200, type]);
      expect(res.headers.get('vary')).toContain('Accept');
      const body = await res.text();
      if (type === 'application/json') expect(JSON.parse(body).links.length).toBeGreaterThan(3);
    }
    // a request with no Accept header at all (node:http sends none unless told)
    const { request } = await import('node:http');
    const bare = await new Promise<{ type: string; body: string }>((resolve, reject) => {
      request(srv.url + '/', (res) => {
        let body = '';
        res.on('data', (c) => (body += c)).on('end', () => resolve({ type: String(res.headers['content-type']), body }));
      }).on('error', reject).end();
    });
    expect(bare.type).toMatch(/^application\/json/);
    expect(JSON.parse(bare.body).title).toBe('covgap: Fixture');
    const bad = await getJson(srv.url + '/?f=xml');
    expect([bad.status, bad.body.detail]).toEqual([400, 'f: expected json or html, got "xml"']);
    const none = await getJson(srv.url + '/', { accept: 'image/png' });
    expect([none.status, none.type, none.body.detail]).toEqual([406, 'application/problem+json; charset=utf-8', 'Accept: this resource is available as application/json or text/html; the request accepts only "image/png"']);
  });

  it('conformance and collections answer JSON to */*, a browser and application/json alike', async () => {
    for (const path of ['/conformance', '/collections', '/collections/sites']) {
      for (const accept of ['*/*', 'text/html,application/xhtml+xml,*/*;q=0.8', 'application/json']) {
        const res = await fetch(srv.url + path, { headers: { accept } });
        expect([res.status, res.headers.get('content-type')], `${path} ${accept}`).toEqual([200, 'application/json; charset=utf-8']);
        await res.json();
      }
    }
  });

  it('items accept datetime (no time dimension: everything matches) and refuse a malformed one', async () => {
    const all = (await getJson(srv.url + '/collections/sites/items?limit=1')).body.numberMatched;
    for (const dt of ['2025-01-01T00:00:00Z/..', '2025-01-01T00:00:00Z', '2025-01-01', '../2025-12-31T23:59:59.5+07:00', '2024-02-29/2025-01-01', '/2025-01-01', '2025-01-01T00:00:00z/']) {
      const r = await getJson(`${srv.url}/collections/sites/items?limit=1&datetime=${encodeURIComponent(dt)}`);
      expect([r.status, r.body.numberMatched], dt).toEqual([200, all]);
    }
    const expected = 'expected an RFC 3339 instant (2025-01-01T00:00:00Z or 2025-01-01) or an interval start/end with ".." for an open end (2025-01-01T00:00:00Z/..)';
    const cases: [string, string][] = [
      ['yesterday', `datetime: ${expected}; got "yesterday"`],
      ['2025-02-30', `datetime: ${expected}; got "2025-02-30"`],
      ['2025-01-01T00:00:00', `datetime: ${expected}; got "2025-01-01T00:00:00"`], // no time zone
      ['2025-01-01T24:00:00Z', `datetime: ${expected}; got "2025-01-01T24:00:00Z"`],
      ['2025-01-01/2025-13-01', `datetime: the interval's end "2025-13-01" is not an RFC 3339 instant or ".."; ${expected}`],
      ['../..', 'datetime: both ends of "../.." are open; give at least one instant, or leave datetime out'],
      ['2025-06-01/2025-01-01', 'datetime: the interval "2025-06-01/2025-01-01" ends before it starts'],
      ['2025-01-01/2025-02-01/2025-03-01', `datetime: ${expected}; got "2025-01-01/2025-02-01/2025-03-01" (more than one "/")`],
    ];
    for (const [dt, detail] of cases) {
      const r = await getJson(`${srv.url}/collections/villages/items?datetime=${encodeURIComponent(dt)}`);
      expect([r.status, r.type, r.body.detail], dt).toEqual([400, 'application/problem+json; charset=utf-8', detail]);
    }
  });

  it('sites carry their cells summarised in flat properties beside the nested cells', async () => {
    const { features } = (await getJson(`${srv.url}/collections/sites/items?limit=1000`)).body;
    expect(features.length).toBe(88);
    for (const f of features) {
      const cells = f.properties.cells as { tech: string; freqMHz: number; eirpDbm: number }[];
      const techs = ['2G', '3G', '4G', '5G'].filter((t) => cells.some((c) => c.tech === t));
      expect(f.properties).toMatchObject({ techs: techs.join(','), has5G: techs.includes('5G'), cellCount: cells.length, maxEirpDbm: Math.max(...cells.map((c) => c.eirpDbm)) });
    }
    expect(features[0].properties).toMatchObject({ techs: '4G,5G', freqsMHz: '1800,3500' });
    const one = (await getJson(`${srv.url}/collections/sites/items/S001`)).body;
    expect(one.properties.techs).toBe(features[1].properties.techs);
  });

  it('CRS84 is the one CRS: declared in the collections, accepted as bbox-crs and crs, any other refused by name', async () => {
    const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
    const meta = (await getJson(srv.url + '/collections/sites')).body;
    expect([meta.crs, meta.storageCrs]).toEqual([[CRS84], CRS84]);
    const ok = await getJson(`${srv.url}/collections/sites/items?bbox=106,22.5,106.1,22.6&bbox-crs=${encodeURIComponent(CRS84)}&crs=${encodeURIComponent(CRS84)}`);
    const plain = await getJson(`${srv.url}/collections/sites/items?bbox=106,22.5,106.1,22.6`);
    expect([ok.status, ok.body.numberMatched]).toEqual([200, plain.body.numberMatched]);
    for (const [param, value] of [['crs', 'http://www.opengis.net/def/crs/EPSG/0/4326'], ['bbox-crs', 'EPSG:3857']]) {
      const r = await getJson(`${srv.url}/collections/sites/items?${param}=${encodeURIComponent(value)}`);
      expect([r.status, r.body.detail]).toEqual([400, `${param}: only ${CRS84} (WGS 84 longitude, latitude) is supported, got "${value}"`]);
    }
  });

  it('landing page for a browser says to build the client when it is missing', async () => {
    const res = await fetch(srv.url + '/', { headers: { accept: 'text/html,application/xhtml+xml,*/*' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('npm run build');
  });

  it('conformance lists core, geojson and oas30', async () => {
    const { body } = await getJson(srv.url + '/conformance');
    expect(body.conformsTo).toEqual([
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
    ]);
  });

  it('collections list the four collections with extents from the data', async () => {
    const { body } = await getJson(srv.url + '/collections');
    expect(body.collections.map((c: any) => c.id)).toEqual(['sites', 'villages', 'communes', 'power-lines']);
    const sites = body.collections[0];
    expect(sites.itemType).toBe('feature');
    expect(sites.crs).toEqual(['http://www.opengis.net/def/crs/OGC/1.3/CRS84']);
    expect(sites.extent.spatial.bbox[0]).toEqual([106, 22.5, 106.5, 22.85].map((v) => expect.closeTo(v, 9)));
    expect(sites.links.find((l: any) => l.rel === 'items').href).toBe(`${srv.url}/collections/sites/items`);
  });

  it('one collection', async () => {
    const { status, body } = await getJson(srv.url + '/collections/communes');
    expect(status).toBe(200);
    expect(body.id).toBe('communes');
    expect(body.extent.spatial.bbox[0]).toEqual([106, 22.5, 106.6, 22.9]);
  });

  it('items: geo+json, default limit 100, counts and timeStamp', async () => {
    const res = await fetch(srv.url + '/collections/villages/items');
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const body = await res.json();
    expect(body.type).toBe('FeatureCollection');
    expect(body.numberMatched).toBe(30);
    expect(body.numberReturned).toBe(30);
    expect(body.features[0].id).toBe('V0');
    expect(Number.isNaN(Date.parse(body.timeStamp))).toBe(false);
    expect(body.links.map((l: any) => l.rel)).toEqual(['self', 'collection']);
  });

  it('paging: next and prev links walk the whole collection without overlap', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${srv.url}/collections/sites/items?limit=25`;
    let pages = 0;
    while (url) {
      const { body } = await getJson(url);
      expect(body.numberMatched).toBe(88);
      seen.push(...body.features.map((f: any) => f.id));
      const next = body.links.find((l: any) => l.rel === 'next');
      if (pages > 0) expect(body.links.find((l: any) => l.rel === 'prev').href).toBe(`${srv.url}/collections/sites/items?limit=25&offset=${(pages - 1) * 25}`);
      url = next?.href;
      pages++;
    }
    expect(pages).toBe(4);
    expect(seen.length).toBe(88);
    expect(new Set(seen).size).toBe(88);
  });

  it('limit above 10000 is served as 10000 (OGC: no error)', async () => {
    const { status, body } = await getJson(srv.url + '/collections/sites/items?limit=50000');
    expect(status).toBe(200);
    expect(body.numberReturned).toBe(88);
  });

  it('bbox returns exactly the points inside the box', async () => {
    const box = [106.2, 22.62, 106.3, 22.7];
    const { body } = await getJson(`${srv.url}/collections/sites/items?bbox=${box.join(',')}`);
    // lattice lon 106.20, 106.25, 106.30 × lat 22.65, 22.70 → 6 sites (edges included)
    expect(body.numberMatched).toBe(6);
    for (const f of body.features) {
      const [lon, lat] = f.geometry.coordinates;
      expect(lon).toBeGreaterThanOrEqual(box[0]);
      expect(lon).toBeLessThanOrEqual(box[2]);
      expect(lat).toBeGreaterThanOrEqual(box[1]);
      expect(lat).toBeLessThanOrEqual(box[3]);
    }
    expect(body.links.find((l: any) => l.rel === 'self').href).toBe(`${srv.url}/collections/sites/items?bbox=106.2,22.62,106.3,22.7`);
  });

  it('bbox on polygons uses bounding-box intersection', async () => {
    const { body } = await getJson(`${srv.url}/collections/communes/items?bbox=106.3,22.6,106.4,22.7`);
    expect(body.features.map((f: any) => f.id)).toEqual(['02']);
  });

  it('bbox crossing the antimeridian is accepted', async () => {
    const { status, body } = await getJson(`${srv.url}/collections/sites/items?bbox=170,-10,-170,10`);
    expect(status).toBe(200);
    expect(body.numberMatched).toBe(0);
  });

  it('filters: tech and operator on sites, communeId and electrified on villages', async () => {
    expect((await getJson(`${srv.url}/collections/sites/items?tech=5G`)).body.numberMatched).toBe(9);
    expect((await getJson(`${srv.url}/collections/sites/items?operator=viettel`)).body.numberMatched).toBe(30);
    expect((await getJson(`${srv.url}/collections/villages/items?electrified=false`)).body.features.map((f: any) => f.id)).toEqual(['V0', 'V5', 'V10', 'V15', 'V20', 'V25']);
    expect((await getJson(`${srv.url}/collections/villages/items?communeId=01&electrified=true`)).body.numberMatched).toBe(12);
    const next = (await getJson(`${srv.url}/collections/sites/items?tech=5G&limit=5`)).body.links.find((l: any) => l.rel === 'next');
    expect(next.href).toBe(`${srv.url}/collections/sites/items?tech=5G&limit=5&offset=5`);
  });

  it('one feature, with links', async () => {
    const { status, type, body } = await getJson(`${srv.url}/collections/sites/items/S007`);
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/geo\+json/);
    expect(body.id).toBe('S007');
    expect(body.properties.name).toBe('Site 7');
    expect(body.links[0]).toEqual({ href: `${srv.url}/collections/sites/items/S007`, rel: 'self', type: 'application/geo+json', title: 'This feature' });
  });

  it('PUBLIC_URL overrides the request host in links', async () => {
    const other = await listen(fixtureDeps({ config: { clientDir: 'nowhere', publicUrl: 'https://maps.example.org/covgap', log: false } }));
    try {
      const { body } = await getJson(`${other.url}/collections/sites/items?limit=10`);
      expect(body.links.find((l: any) => l.rel === 'next').href).toBe('https://maps.example.org/covgap/collections/sites/items?limit=10&offset=10');
    } finally {
      await other.close();
    }
  });

  it('health: status, counts, DEM size', async () => {
    const { body } = await getJson(srv.url + '/api/health');
    expect(body.status).toBe('ok');
    expect(body.collections).toEqual({ sites: 88, villages: 30, communes: 2, 'power-lines': 1 });
    expect(body.dem.width).toBe(60);
    expect(body.dem.height).toBe(50);
  });

  it('openapi.json describes every collection items path with its filters', async () => {
    const res = await fetch(srv.url + '/openapi.json');
    expect(res.headers.get('content-type')).toMatch(/^application\/vnd\.oai\.openapi\+json/);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.0.3');
    for (const id of ['sites', 'villages', 'communes', 'power-lines']) {
      expect(doc.paths[`/collections/${id}/items`]).toBeDefined();
      expect(doc.paths[`/collections/${id}/items/{featureId}`]).toBeDefined();
    }
    const villageParams = doc.paths['/collections/villages/items'].get.parameters.map((p: any) => p.name ?? p.$ref);
    expect(villageParams).toContain('electrified');
    expect(doc.paths['/tiles/terrain/{z}/{x}/{y}.png']).toBeDefined();
    expect(doc.paths['/api/health']).toBeDefined();
  });
});

describe('feature pages from memory (they change only with the data version)', () => {
  it('a villages page is built once: the same text and weak ETag twice, 304 to If-None-Match, another query another page', async () => {
    const url = `${srv.url}/collections/villages/items?limit=3`;
    const a = await fetch(url);
    await new Promise((r) => setTimeout(r, 5)); // a rebuilt page would carry a later timeStamp
    const b = await fetch(url);
    const [ta, tb] = [await a.text(), await b.text()];
    expect(tb).toBe(ta);
    const etag = b.headers.get('etag');
    expect(etag).toMatch(/^W\/"[\w-]{22}"$/);
    expect(a.headers.get('etag')).toBe(etag);
    expect((await fetch(url, { headers: { 'if-none-match': etag! } })).status).toBe(304);
    const other = await fetch(`${srv.url}/collections/villages/items?limit=4`);
    expect(other.headers.get('etag')).not.toBe(etag);
    expect(JSON.parse(await other.text()).features).toHaveLength(4);
    // one feature too
    const id = JSON.parse(ta).features[0].id;
    const one = await fetch(`${srv.url}/collections/villages/items/${encodeURIComponent(id)}`);
    expect((await fetch(`${srv.url}/collections/villages/items/${encodeURIComponent(id)}`, { headers: { 'if-none-match': one.headers.get('etag')! } })).status).toBe(304);
  });

  it('errors are not kept: an unknown parameter is a 400 every time, a missing feature a 404', async () => {
    for (let i = 0; i < 2; i++) {
      const bad = await fetch(`${srv.url}/collections/villages/items?limt=3`);
      expect(bad.status).toBe(400);
      expect(bad.headers.get('etag')).toBeNull();
      expect((await fetch(`${srv.url}/collections/villages/items/no-such-village`)).status).toBe(404);
    }
  });
});
