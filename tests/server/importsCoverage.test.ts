/**
 * Issue 11's first "done means": an OpenCelliD CSV of 10,000 sites with 3 bad rows is refused
 * whole, naming exactly those 3 lines; the same file fixed imports, and the new dataset version is
 * what coverage and gaps use; restoring the previous version brings the old answers back (read
 * from the per-site cache, nothing recomputed). Over real HTTP on the tiny geodata, with the
 * coverage computed for real (ITM, a 1 km radius so that 10,000 sites take seconds).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main';
import { writeTinyGeodata } from '../helpers/tinyGeodata';

let dir: string;
let srv: RunningServer;
const logs: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'covgap-imports-cov-'));
  const manifest = writeTinyGeodata(dir);
  srv = await startServer(
    { port: 0, log: false, geodataPath: manifest, dataDir: join(dir, 'data') },
    { coverage: true, coverageLog: (l) => logs.push(l), pipeline: { settings: { coverage: { radiusM: 1000 } }, workers: 2 } },
  );
  await ready();
}, 120_000);
afterAll(async () => {
  await srv?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Waits until the province coverage of the data in use is computed. */
async function ready(): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const r = await fetch(`${srv.url}/api/coverage/status`);
    if (r.status === 200 && (await r.json()).state === 'ready') return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('the coverage did not get ready');
}
const gapIds = async (): Promise<string[]> => ((await (await fetch(`${srv.url}/collections/gaps/items?limit=1000`)).json()) as { features: { id: string }[] }).features.map((f) => f.id).sort();
const stats = async () => (await (await fetch(`${srv.url}/api/stats`)).json()) as Record<string, unknown>;
const pointLevel = async (lon: number, lat: number) => (await (await fetch(`${srv.url}/api/coverage/point?lon=${lon}&lat=${lat}`)).json()) as { bestServer: { siteId: string } | null };

/** 10,000 LTE cells of distinct eNodeBs on a 0.0099° lattice (≈ 1 km) over the tile: 10,000 sites. */
function csvRows(): string[] {
  const rows = ['radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal'];
  for (let k = 0; k < 10_000; k++) {
    const lon = (106.005 + (k % 100) * 0.0099).toFixed(4);
    const lat = (22.005 + Math.floor(k / 100) * 0.0099).toFixed(4);
    rows.push(`LTE,452,${[1, 2, 4][k % 3]},${100 + (k % 7)},${(k + 1) * 256 + 1},,${lon},${lat},1000,4,1,1500000000,1700000000,0`);
  }
  return rows;
}

describe('10,000 sites from an OpenCelliD CSV', () => {
  let before: { gaps: string[]; stats: Record<string, unknown> };

  it('refuses the file with 3 bad rows whole, naming exactly lines 1235, 5000 and 9999; nothing changes', async () => {
    before = { gaps: await gapIds(), stats: await stats() };
    expect(before.gaps.length).toBeGreaterThan(10); // the 88 sites with a 1 km radius leave most of the 30 villages without signal
    const rows = csvRows();
    rows[1234] = rows[1234].replace(/,22\.\d+,1000,/, ',22.6x,1000,'); // line 1235 (header = line 1)
    rows[4999] = rows[4999].replace(/^LTE/, 'WiMAX'); // line 5000
    rows[9998] = rows[9998].replace(/^LTE,452/, 'LTE,-452'); // line 9999
    const r = await fetch(`${srv.url}/api/imports/sites?format=opencellid`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: rows.join('\n') });
    expect(r.status).toBe(422);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const p = await r.json();
    expect(p.errors).toEqual([
      { path: 'line 1235: lat', line: 1235, field: 'lat', detail: 'lat must be a number in [-90, 90], got "22.6x"' },
      { path: 'line 5000: radio', line: 5000, field: 'radio', detail: 'unknown radio "WiMAX"; expected one of GSM, UMTS, LTE, NR, CDMA' },
      { path: 'line 9999: mcc', line: 9999, field: 'mcc', detail: 'mcc must be a non-negative integer, got "-452"' },
    ]);
    expect(p.detail).toBe('sites (format=opencellid): line 1235: lat: lat must be a number in [-90, 90], got "22.6x"; and 2 more problems (see errors)');
    expect((await (await fetch(`${srv.url}/collections/sites/items?limit=1`)).json()).numberMatched).toBe(88);
    expect(await gapIds()).toEqual(before.gaps);
  });

  it('imports the fixed file as version 2: coverage and gaps then come from the 10,000 sites', async () => {
    const r = await fetch(`${srv.url}/api/imports/sites?format=opencellid`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csvRows().join('\n') });
    expect(r.status).toBe(201);
    const report = await r.json();
    expect(report).toMatchObject({ applied: true, version: 2, counts: { cells: 10_000, features: 10_000, before: 88, after: 10_000 } });
    expect((await (await fetch(`${srv.url}/collections/sites/items?limit=1`)).json()).numberMatched).toBe(10_000);
    await ready();
    const after = await gapIds();
    expect(after.length).toBeLessThan(before.gaps.length);
    expect(await stats()).not.toEqual(before.stats);
    // a village the old network left without signal is served by one of the new sites
    const gained = before.gaps.find((id) => !after.includes(id))!;
    const v = await (await fetch(`${srv.url}/collections/villages/items/${gained}`)).json();
    const point = await pointLevel(v.geometry.coordinates[0], v.geometry.coordinates[1]);
    expect(point.bestServer?.siteId).toMatch(/^ocid-452-/);
    expect(logs.some((l) => /coverage: ready in .* \(10000 computed, 0 from the cache/.test(l))).toBe(true);
  }, 180_000);

  it('restoring version 1 brings the old answers back, from the per-site cache', async () => {
    const r = await fetch(`${srv.url}/api/datasets/sites/1/restore`, { method: 'POST' });
    expect(r.status).toBe(200);
    await ready();
    expect(await gapIds()).toEqual(before.gaps);
    expect(await stats()).toEqual(before.stats);
    expect(logs.at(-1)).toMatch(/coverage: ready in .* \(0 computed, 88 from the cache/);
  }, 60_000);

  it('village boundaries imported with the villages: served as their own collection, and rule=area judges them by the share of their cells', async () => {
    const square = (lon: number, lat: number, r: number) => ({ type: 'Polygon', coordinates: [[[lon - r, lat - r], [lon + r, lat - r], [lon + r, lat + r], [lon - r, lat + r], [lon - r, lat - r]]] });
    const village = (id: string, at: [number, number], boundary: object | null) => ({
      type: 'Feature', geometry: { type: 'Point', coordinates: at },
      properties: { id, name: `Bản ${id}`, communeId: '01', population: 100, households: 20, electrified: true, ...(boundary ? { boundary } : {}) },
    });
    // A: its settlement is at site S018 (106.1, 22.6), its area 10 km × 10 km, mostly beyond the sites' 1 km;
    // B: its settlement 3 km from any site, its area a 1 km box around S018; C: far from all, no boundary
    const villages = [village('A', [106.1, 22.6], square(106.1, 22.6, 0.05)), village('B', [106.13, 22.6], square(106.1, 22.6, 0.004)), village('C', [106.925, 22.925], null)];
    // the cached gap page of the old villages: its ETag must not match the new one's (same sites, same coverage version)
    const etag = (await fetch(`${srv.url}/collections/gaps/items`)).headers.get('etag')!;
    expect(etag).toMatch(/^W\//);
    const r = await fetch(`${srv.url}/api/imports/villages?format=geojson`, { method: 'POST', headers: { 'content-type': 'application/geo+json' }, body: JSON.stringify({ type: 'FeatureCollection', features: villages }) });
    expect(r.status, await r.clone().text()).toBe(201);
    await ready();
    const boundaries = await (await fetch(`${srv.url}/collections/village-boundaries/items`)).json();
    expect(boundaries.features.map((f: { id: string; geometry: { type: string } }) => [f.id, f.geometry.type])).toEqual([['A', 'Polygon'], ['B', 'Polygon']]);
    const points = await (await fetch(`${srv.url}/collections/villages/items`)).json();
    expect(points.features.map((f: { geometry: { type: string }; properties: { hasBoundary: boolean; boundary?: unknown } }) => [f.geometry.type, f.properties.hasBoundary, f.properties.boundary])).toEqual([['Point', true, undefined], ['Point', true, undefined], ['Point', false, undefined]]);
    const ids = async (q: string) => ((await (await fetch(`${srv.url}/collections/gaps/items?${q}`)).json()) as { features: { id: string; properties: { coveredShare?: number } }[] }).features.map((f) => f.id).sort();
    const again = await fetch(`${srv.url}/collections/gaps/items`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).not.toBe(etag);
    expect(await ids('')).toEqual(['B', 'C']);
    expect(await ids('rule=point')).toEqual(['B', 'C']);
    expect(await ids('rule=area')).toEqual(['A', 'C']);
    // the share is the threshold: with 1 % of A's cells enough, A has signal
    expect(await ids('rule=area&minAreaShare=0.01')).toEqual(['C']);
    const stats = async (q: string) => (await (await fetch(`${srv.url}/api/stats?${q}`)).json()) as { villagesWithoutSignal: number };
    expect((await stats('rule=area&minAreaShare=0.01')).villagesWithoutSignal).toBe(1);
    const bad = await fetch(`${srv.url}/collections/gaps/items?rule=area&minAreaShare=1.5`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toBe('minAreaShare: expected a share 0 < s ≤ 1 of the village\'s cells (e.g. 0.5), got "1.5"');
    await fetch(`${srv.url}/api/datasets/villages/1/restore`, { method: 'POST' });
  }, 60_000);
});
