import { booleanValid } from '@turf/turf';
import { valid as geojsonValid } from 'geojson-validation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNAL_COLORS, hexToRgb } from '../../core/color/signalRamp';
import { latToTileY, lonToTileX } from '../../core/geo/tiles';
import { decodePng } from '../../server/http/pngDecode';
import type { CoverageProvider } from '../../server/services/coverageProvider';
import { CoveragePipeline } from '../../server/coverage/pipeline';
import { setupCoverage } from '../../server/services/coverageSetup';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coverageDem, coverageSites, coverageVillages, RIDGE_EAST, RIDGE_WEST } from './coverageApi.helpers';
import { fixtureDeps, getJson, listen, type TestServer } from './fixture';

let srv: TestServer;
let provider: CoverageProvider;
let pipeline: CoveragePipeline;
const dem = coverageDem();
const sites = coverageSites();
const villages = coverageVillages();

beforeAll(async () => {
  pipeline = new CoveragePipeline(dem, { dataDir: null, workers: 0, settings: { coverage: { radiusM: 8000 } } });
  const coverage = setupCoverage({ sites, villages }, pipeline);
  provider = coverage.coverage.provider;
  srv = await listen(fixtureDeps({ dem, coverage }));
  // the single-thread provider computes 3 sites in the background
  for (let i = 0; i < 600 && provider.status().state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 50));
  expect(provider.status()).toEqual({ state: 'ready', done: 3, total: 3 });
}, 60_000);
afterAll(async () => {
  await srv?.close();
});

const post = async (path: string, body: unknown, type = 'application/json') => {
  const res = await fetch(`${srv.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() };
};

describe('coverage tiles', () => {
  it('paints the signal colours near the sites and leaves the far side of the ridge transparent', async () => {
    const z = 12;
    const x = Math.floor(lonToTileX(106.03, z));
    const y = Math.floor(latToTileY(22.6, z));
    const res = await fetch(`${srv.url}/tiles/coverage/${z}/${x}/${y}.png?tech=4G`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    const png = decodePng(Buffer.from(await res.arrayBuffer()));
    expect(png.channels).toBe(4);
    const palette = SIGNAL_COLORS.map(hexToRgb);
    let coloured = 0;
    let transparent = 0;
    let other = 0;
    for (let p = 0; p < png.pixels.length; p += 4) {
      const [r, g, b, a] = png.pixels.subarray(p, p + 4);
      if (a === 0) transparent++;
      else if (a === 255 && palette.some((c) => c[0] === r && c[1] === g && c[2] === b)) coloured++;
      else other++;
    }
    expect(coloured).toBeGreaterThan(1000);
    expect(transparent).toBeGreaterThan(1000);
    expect(other).toBe(0);
  });

  it('answers 304 to its ETag, a long cache for the current version, and 400 for a bad tech or operator', async () => {
    const url = `${srv.url}/tiles/coverage/12/${Math.floor(lonToTileX(106.03, 12))}/${Math.floor(latToTileY(22.6, 12))}.png`;
    const first = await fetch(`${url}?tech=2G&v=${provider.version}`);
    expect(first.headers.get('cache-control')).toBe('public, max-age=86400, immutable');
    const again = await fetch(`${url}?tech=2G`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    const bad = await getJson(`${url}?tech=6G`);
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toBe('tech: expected one of 2G, 3G, 4G, 5G, got "6G"');
    const op = await getJson(`${url}?tech=4G&operator=Foo`);
    expect(op.body.detail).toBe('operator: expected all or one of MobiFone, Viettel, got "Foo"');
  });

  it('paints one operator only: MobiFone (site B) differs from all operators', async () => {
    const url = `${srv.url}/tiles/coverage/12/${Math.floor(lonToTileX(106.03, 12))}/${Math.floor(latToTileY(22.6, 12))}.png?tech=4G`;
    const all = Buffer.from(await (await fetch(url)).arrayBuffer());
    const mobi = Buffer.from(await (await fetch(`${url}&operator=MobiFone`)).arrayBuffer());
    expect(mobi.equals(all)).toBe(false);
  });
});

describe('legend', () => {
  it('gives the quantity, unit, threshold and colour classes of a technology', async () => {
    const { status, body } = await getJson(`${srv.url}/api/coverage/legend?tech=4G`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ tech: '4G', quantity: 'RSRP', unit: 'dBm', thresholdDbm: -110, modelId: 'itm', version: provider.version });
    expect(body.classes).toEqual([
      { name: 'weak', minDbm: -110, maxDbm: -100, color: SIGNAL_COLORS[0] },
      { name: 'fair', minDbm: -100, maxDbm: -90, color: SIGNAL_COLORS[1] },
      { name: 'good', minDbm: -90, maxDbm: -80, color: SIGNAL_COLORS[2] },
      { name: 'excellent', minDbm: -80, maxDbm: null, color: SIGNAL_COLORS[3] },
    ]);
  });
});

describe('point', () => {
  it('gives the level per technology and the best servers next to site A', async () => {
    const { status, body } = await getJson(`${srv.url}/api/coverage/point?lon=106.035&lat=22.601`);
    expect(status).toBe(200);
    const lte = body.techs.find((t: { tech: string }) => t.tech === '4G');
    expect(lte.covered).toBe(true);
    expect(lte.best.siteId).toBe('A');
    expect(lte.levelDbm).toBe(lte.best.levelDbm);
    expect(lte.byOperator.map((s: { operator: string }) => s.operator).sort()).toEqual(['MobiFone', 'Viettel']);
    expect(lte.serverCount).toBeGreaterThanOrEqual(1);
    expect(body.techs.find((t: { tech: string }) => t.tech === '5G')).toMatchObject({ levelDbm: null, covered: false, best: null });
    expect(body.bestServer.siteId).toBe('A');
  });

  it('rejects a bad longitude and a point off the grid with exact details', async () => {
    const bad = await getJson(`${srv.url}/api/coverage/point?lon=abc&lat=22.6`);
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.detail).toBe('lon: expected decimal degrees from -180 to 180, got "abc"');
    const missing = await getJson(`${srv.url}/api/coverage/point?lon=106`);
    expect(missing.body.detail).toBe('lat: missing; give it in decimal degrees from -90 to 90');
    const off = await getJson(`${srv.url}/api/coverage/point?lon=100&lat=20`);
    expect(off.status).toBe(404);
    expect(off.body.detail).toBe('no coverage at lon 100, lat 20: the point is outside the computed grid [106, 22.5, 106.2, 22.7] (west, south, east, north)');
  });
});

describe('preview', () => {
  const candidate = {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [106.15, 22.6] },
    properties: { id: 'NEW-1', name: 'East of the ridge', operator: 'Viettel', antennaHeightM: 30, cells: [{ tech: '4G', freqMHz: 1800, eirpDbm: 61 }] },
  };

  it('answers valid GeoJSON polygons at the 4G threshold with an area and the villages it newly covers', async () => {
    const { status, type, body } = await post('/api/coverage/preview', candidate);
    expect(status).toBe(200);
    expect(type).toContain('application/geo+json');
    expect(body.features).toHaveLength(1);
    const f = body.features[0];
    expect(f.properties).toMatchObject({ tech: '4G', quantity: 'RSRP', thresholdDbm: -110 });
    expect(f.properties.areaKm2).toBeGreaterThan(10);
    expect(geojsonValid(body)).toBe(true);
    expect(booleanValid(f.geometry)).toBe(true);
    expect(f.geometry.coordinates.length).toBeGreaterThan(0);
    // east of the ridge: E1 and E2 had nothing before
    expect(body.summary.newlyCoveredVillages.map((v: { id: string }) => v.id).sort()).toEqual(['E1', 'E2']);
    expect(body.summary).toMatchObject({ siteId: 'NEW-1', modelId: 'itm', radiusM: 15000, villagesNewlyCovered: 2 });
    // the polygons stay east of the ridge's crest, give or take a cell or two of shadow edge
    const lons = f.geometry.coordinates.flat(2).map((p: number[]) => p[0]);
    expect(Math.min(...lons)).toBeGreaterThan(RIDGE_WEST - 0.01);
  });

  it('rejects a site without cells, a bad technology and a non-JSON body with exact details', async () => {
    const noCells = await post('/api/coverage/preview', { ...candidate, properties: { ...candidate.properties, cells: undefined } });
    expect(noCells.status).toBe(400);
    expect(noCells.type).toContain('application/problem+json');
    expect(noCells.body.detail).toBe('site: properties.cells: missing; expected an array of cells');
    const sixG = await post('/api/coverage/preview', { ...candidate, properties: { ...candidate.properties, cells: [{ tech: '6G', freqMHz: 1800, eirpDbm: 61 }] } });
    expect(sixG.body.detail).toBe('site: properties.cells[0].tech: unknown technology "6G"; expected one of 2G, 3G, 4G, 5G');
    const text = await post('/api/coverage/preview', 'hello', 'text/plain');
    expect(text.status).toBe(415);
    expect(text.body.detail).toBe('POST /api/coverage/preview takes a body of type application/json or application/geo+json (Content-Type); got "text/plain"');
    const off = await post('/api/coverage/preview', { ...candidate, geometry: { type: 'Point', coordinates: [100, 20] } });
    expect(off.status).toBe(400);
    expect(off.body.detail).toBe('site: geometry.coordinates: the point (100, 20) is outside the terrain model [106, 22.5, 106.2, 22.7] (west, south, east, north) or on a void in it; place the site on the province\'s terrain');
  });
});

describe('profile', () => {
  it('finds the ridge between site A and village E1: line of sight blocked, first obstruction at the ridge', async () => {
    const { status, body } = await getJson(`${srv.url}/api/profile?from=A&to=E1`);
    expect(status).toBe(200);
    expect(body.from).toMatchObject({ siteId: 'A', antennaHeightM: 30, groundM: 300 });
    expect(body.to).toMatchObject({ villageId: 'E1', rxHeightM: 1.5, groundM: 300 });
    expect(body.chosenBy).toBe('given');
    expect(body.distancesM).toHaveLength(body.groundM.length);
    expect(body.fresnel.radiusM).toHaveLength(body.groundM.length);
    expect(Math.max(...body.groundM)).toBe(1100);
    expect(body.lineOfSight.clear).toBe(false);
    // A at 106.03, the ridge from 106.10: ≈ 7.2 km along the parallel at 22.6° N (0.07° × 102.8 km/°)
    expect(body.lineOfSight.obstruction.distanceM).toBeGreaterThan(6700);
    expect(body.lineOfSight.obstruction.distanceM).toBeLessThan(7400);
    expect(body.losses.map((l: { freqMHz: number }) => l.freqMHz)).toEqual([900, 1800]);
    const models = body.losses[0].models.map((m: { modelId: string }) => m.modelId);
    expect(models).toEqual(['fspl', 'hata', 'cost231', 'p526', 'itm']);
    const loss = (id: string) => body.losses[0].models.find((m: { modelId: string }) => m.modelId === id).lossDb;
    // the diffraction models see the ridge, free space does not
    expect(loss('p526') - loss('fspl')).toBeGreaterThan(20);
    expect(loss('itm') - loss('fspl')).toBeGreaterThan(20);
  });

  it('has a clear line of sight to the village on the site side, and picks the best server without from', async () => {
    const clear = await getJson(`${srv.url}/api/profile?from=A&to=W1`);
    expect(clear.body.lineOfSight).toMatchObject({ clear: true, obstruction: null });
    const best = await getJson(`${srv.url}/api/profile?to=W1`);
    expect(best.body).toMatchObject({ chosenBy: 'best-server', from: { siteId: 'A' } });
  });

  it('answers 404 for an unknown site or village and 400 without a village', async () => {
    const site = await getJson(`${srv.url}/api/profile?from=ZZ&to=E1`);
    expect(site.status).toBe(404);
    expect(site.body.detail).toBe('from: no site with id "ZZ"; see /collections/sites/items for the ids');
    const village = await getJson(`${srv.url}/api/profile?from=A&to=NOPE`);
    expect(village.status).toBe(404);
    expect(village.body.detail).toBe('to: no village with id "NOPE"; see /collections/villages/items for the ids');
    const none = await getJson(`${srv.url}/api/profile?from=A`);
    expect(none.status).toBe(400);
    expect(none.body.detail).toBe('to: give the id of a village, e.g. /api/profile?to=V-0001 (and optionally from=<site id>)');
  });
});

describe('while computing', () => {
  it('answers 503 problem+json with the progress, and the status endpoint says how far', async () => {
    const computing: CoverageProvider = {
      sites: sites.features, version: 'v0', options: provider.options,
      status: () => ({ state: 'computing', done: 9, total: 20 }),
      composite: () => null,
    };
    const s2 = await listen(fixtureDeps({ dem, coverage: setupCoverage({ sites, villages }, pipeline, { provider: () => computing }) }));
    try {
      const tile = await getJson(`${s2.url}/tiles/coverage/12/${Math.floor(lonToTileX(106.03, 12))}/${Math.floor(latToTileY(22.6, 12))}.png?tech=4G`);
      expect(tile.status).toBe(503);
      expect(tile.type).toContain('application/problem+json');
      expect(tile.body).toMatchObject({ title: 'Service Unavailable', detail: 'coverage is being computed: 9 of 20 sites (45 %); retry in a few seconds', progress: { state: 'computing', done: 9, total: 20, percent: 45 } });
      const point = await getJson(`${s2.url}/api/coverage/point?lon=106.03&lat=22.6`);
      expect(point.status).toBe(503);
      const status = await getJson(`${s2.url}/api/coverage/status`);
      expect(status.body).toEqual({ state: 'computing', done: 9, total: 20, percent: 45, version: 'v0' });
      // the legend and the preview do not need the composite
      expect((await getJson(`${s2.url}/api/coverage/legend?tech=2G`)).body.quantity).toBe('RxLev');
    } finally {
      await s2.close();
    }
  });
});

describe('openapi', () => {
  it('lists the coverage and profile paths', async () => {
    const { body } = await getJson(`${srv.url}/openapi.json`);
    for (const p of ['/tiles/coverage/{z}/{x}/{y}.png', '/api/coverage/status', '/api/coverage/legend', '/api/coverage/point', '/api/coverage/preview', '/api/profile']) {
      expect(Object.keys(body.paths)).toContain(p);
    }
  });
});

describe('on the worker pool with the disk cache', () => {
  it('computes the same composite, answers previews from the pool, and starts warm from the cache', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'covgap-coverage-'));
    const lines: string[] = [];
    try {
      for (const run of ['cold', 'warm']) {
        const onPool = new CoveragePipeline(dem, { dataDir, workers: 1, settings: { coverage: { radiusM: 8000 } } });
        const coverage = setupCoverage({ sites, villages }, onPool, { log: (l) => lines.push(l) });
        const p = coverage.coverage.provider;
        const s2 = await listen(fixtureDeps({ dem, coverage }));
        try {
          for (let i = 0; i < 1200 && p.status().state === 'computing'; i++) await new Promise((r) => setTimeout(r, 50));
          expect(p.status()).toEqual({ state: 'ready', done: 3, total: 3 });
          expect(p.version).toBe(provider.version);
          // the same levels as the single-thread provider
          const a = await getJson(`${s2.url}/api/coverage/point?lon=106.035&lat=22.601`);
          const b = await getJson(`${srv.url}/api/coverage/point?lon=106.035&lat=22.601`);
          expect(a.body.techs.find((t: { tech: string }) => t.tech === '4G').best).toEqual(b.body.techs.find((t: { tech: string }) => t.tech === '4G').best);
          if (run === 'warm') {
            const cand = { type: 'Feature', geometry: { type: 'Point', coordinates: [106.15, 22.6] }, properties: { operator: 'Viettel', antennaHeightM: 30, cells: [{ tech: '4G', freqMHz: 1800, eirpDbm: 61 }] } };
            const res = await fetch(`${s2.url}/api/coverage/preview`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(cand) });
            const onPool = await res.json();
            const local = await post('/api/coverage/preview', cand);
            expect(onPool.features[0].properties).toEqual(local.body.features[0].properties);
            expect(onPool.features[0].geometry).toEqual(local.body.features[0].geometry);
          }
        } finally {
          p.close?.();
          await onPool.close();
          await s2.close();
        }
      }
      expect(lines.find((l) => l.startsWith('coverage: ready'))).toMatch(/\(3 computed, 0 from the cache, 0 skipped\)$/);
      expect(lines.filter((l) => l.startsWith('coverage: ready'))[1]).toMatch(/\(0 computed, 3 from the cache, 0 skipped\)$/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
