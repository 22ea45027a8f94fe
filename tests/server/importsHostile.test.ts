/**
 * Issue 17, findings 1, 2, 3 and 9 (regression suite, item 8): hostile import files, made here,
 * answered 4xx with a detail naming what is wrong (413 naming the limit and its variable), nothing
 * changed, the server answering — `/api/health` asked every 20 ms while each import runs, its
 * latency's p99 under 100 ms over all of them (the import's work is in its own process). The
 * large files are a few MB, scaled to the test's limit of 5,000 features: receiving a body of
 * tens of MB itself holds this process's event loop for 0.2–0.4 s on a loaded machine, with or
 * without an import behind it (a 400 answer), which is not what is measured here.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { startServer, type RunningServer } from '../../server/main';
import { bigCellsCsv, bigVillagesGeojson, dbfBombZip, hamletsGpkg, hugeDeclaredTiff, recursiveViewGpkg, triggerGpkg, virtualTableGpkg } from '../helpers/hostileFiles';
import { featureCollection, writeTinyGeodata } from '../helpers/tinyGeodata';
import { importType } from './fixture';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess';

let dir: string;
let manifest: string;
let srv: RunningServer;
const LIMITS = { maxBytes: 64 * 2 ** 20, maxFeatures: 5000, maxInflatedBytes: 8 * 2 ** 20, maxDemCells: 100_000_000, timeoutMs: 60_000, maxWorkerMb: 1024 };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'covgap-imports-hostile-'));
  manifest = writeTinyGeodata(dir);
  srv = await startServer({ port: 0, log: false, geodataPath: manifest, dataDir: join(dir, 'data'), importLimits: LIMITS });
});
afterAll(async () => {
  await srv?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const versions = async (server: RunningServer): Promise<unknown> => ((await (await fetch(`${server.url}/api/datasets`)).json()) as { layers: { layer: string; active: number; versions: unknown[] }[] }).layers.map((l) => [l.layer, l.active, l.versions.length]);

/**
 * Posts `body`; returns the problem after checking its status, its detail, that nothing changed and
 * that the server still answers. (How fast /api/health answers meanwhile is measured below, with the
 * server and the uploads in processes of their own.)
 */
async function hostile(path: string, body: string | Uint8Array, status: number, detail: RegExp, server = srv): Promise<{ detail: string; errors: { detail: string; feature?: number; field: string }[]; problemCount: number }> {
  const before = await versions(server);
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const r = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': importType(path) }, body: bytes as BodyInit });
  const text = await r.text();
  expect(r.status, text).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const p = JSON.parse(text);
  expect(p.detail).toMatch(detail);
  expect(text).not.toMatch(/\n\s+at |\/work\/|node_modules|\.ts:\d+/);
  expect(await versions(server)).toEqual(before);
  expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  return p;
}

const village = (id: string, lon: number, lat: number, over: Record<string, unknown> = {}) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { id, name: `Bản ${id}`, communeId: '01', population: 100, households: 20, electrified: true, ...over } });

describe('hostile imports (issue 17): refused before the expensive work, off the event loop', () => {
  it('finding 1: a ~400-byte zipped Shapefile whose .dbf claims 2,000,000,000 records is refused from its header', async () => {
    const zip = dbfBombZip();
    expect(zip.length).toBeLessThan(1000);
    const p = await hostile('/api/imports/villages?format=shapefile', zip, 422, /villages\.dbf: the header declares 2,000,000,000 records of 11 bytes after a 65-byte header \(22,000,000,065 bytes\), but the file has 77 bytes: truncated, or a forged header/);
    expect(p.errors).toEqual([expect.objectContaining({ field: '.dbf' })]);
    // a consistent .dbf with more records than the limit: 413 naming it, before shpjs reads a record
    await hostile('/api/imports/villages?format=shapefile', dbfBombZip(6000, 6000), 413, /villages\.dbf: 6,000 records is more than the limit of 5,000 features \(IMPORT_MAX_FEATURES\)/);
  });

  it('finding 2: a GeoPackage whose layer is a recursive view (3,000,000 rows), or with a trigger or a virtual table, is refused before anything is read', async () => {
    await hostile('/api/imports/villages?format=gpkg', recursiveViewGpkg(), 422, /the GeoPackage holds a view \(hamlets\): a view runs its SQL when read, so covgap refuses it/);
    await hostile('/api/imports/villages?format=gpkg', triggerGpkg(), 422, /the GeoPackage holds triggers \(evil\) that are not GDAL's spatial index/);
    await hostile('/api/imports/villages?format=gpkg', virtualTableGpkg(), 422, /the GeoPackage holds virtual tables \(notes\) other than an R-tree spatial index/);
    // a plain table past the limit: stopped at the row past it, 413
    await hostile('/api/imports/villages?format=gpkg', hamletsGpkg(6000), 413, /the layer "hamlets" has more than 5000 rows, the limit of features \(IMPORT_MAX_FEATURES\)/);
  });

  it('finding 3: a 4 KB TIFF declaring 12,000 × 12,000 cells is refused from its header; a CSV past the rows stops at the limit; a zip bomb', async () => {
    const tif = hugeDeclaredTiff();
    expect(tif.length).toBeLessThan(300_000);
    await hostile('/api/imports/dem?format=geotiff&dryRun=true', tif, 413, /the DEM declares 12000 × 12000 cells \(144,000,000\), more than the limit of 100,000,000 \(IMPORT_MAX_DEM_CELLS\)/);
    // 20 times the row limit (the finding's 51 MB file was 3.5 times the default's): parsed only to row 5,002
    const csv = bigCellsCsv(100_000);
    expect(csv.length).toBeGreaterThan(7_000_000);
    await hostile('/api/imports/sites?format=opencellid', csv, 413, /^sites \(format=opencellid\): line 5002: more than 5000 rows, the limit of IMPORT_MAX_FEATURES/);
    const bomb = zipSync({ 'villages.shp': new Uint8Array(64 * 2 ** 20), 'villages.dbf': new Uint8Array(10) }, { level: 9 });
    await hostile('/api/imports/villages?format=shapefile', bomb, 422, /the zip archive inflates to more than 8388608 bytes \(IMPORT_MAX_UNZIPPED_MB\)/);
    // a 6 MB GeoJSON parsed whole (in the worker) before its 5,001 features are refused
    await hostile('/api/imports/villages?format=geojson', bigVillagesGeojson(5001, 1000), 422, /5001 features is more than the limit of 5000 \(IMPORT_MAX_FEATURES\)/);
  });

  it('finding 9: every problem of every feature is listed (up to 1,000, with the total count)', async () => {
    const p = await hostile('/api/imports/villages?format=geojson', featureCollection([village('A', 106.1, 22.6, { name: 7, population: -1, electrified: 'yes' }), village('B', 106.2, 22.6, { households: 1.5 })]), 422, /features\[0\]\.properties\.name: expected a non-empty string, got 7; and 3 more problems/);
    expect(p.errors.map((e) => [e.feature, e.field])).toEqual([[0, 'properties.name'], [0, 'properties.population'], [0, 'properties.electrified'], [1, 'properties.households']]);
    expect(p.problemCount).toBe(4);
    const many = Array.from({ length: 600 }, (_, i) => village(`M${i}`, 106.1, 22.6, { name: '', households: -1 }));
    const q = await hostile('/api/imports/villages?format=geojson', featureCollection(many), 422, /and 1199 more problems/);
    expect(q.errors).toHaveLength(1000);
    expect(q.problemCount).toBe(1200);
  });

  it('finding 9: a DEM covering none of the sites is an error, in a dry run too', async () => {
    // the tile one degree west of the sites (1201 × 1201, 3″)
    const hgt = new Uint8Array(1201 * 1201 * 2).fill(1);
    await hostile('/api/imports/dem?format=hgt&filename=N22E104.hgt&dryRun=true', hgt, 422, /the DEM \(103\.9996–105\.0004 E, 21\.9996–23\.0004 N\) covers none of the 88 sites: no coverage could be computed/);
  });
});

/**
 * POSTs `file` from a process of its own (as a partner's script would), so that the upload's work
 * is not in the event loop of the process that measures; answers the status.
 */
function upload(url: string, file: string, type: string): Promise<{ status: number; body: string }> {
  const script = `const b = require('node:fs').readFileSync(process.argv[1]);
fetch(process.argv[2], { method: 'POST', headers: { 'content-type': process.argv[3] }, body: b }).then(async (r) => { process.stdout.write(JSON.stringify({ status: r.status, body: await r.text() })); }, (e) => { process.stderr.write(String(e)); process.exit(1); });`;
  return new Promise((resolveUpload, reject) => {
    execFile(process.execPath, ['-e', script, file, url, type], { maxBuffer: 16 * 2 ** 20 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}: ${stderr}`)) : resolveUpload(JSON.parse(stdout))));
  });
}

describe('the server keeps answering while every hostile file is imported (server and uploads in processes of their own)', () => {
  let proc: ServerProcess;
  let procDir: string;
  afterAll(async () => {
    await proc?.kill9();
    if (procDir) rmSync(procDir, { recursive: true, force: true });
  });

  it('/api/health p99 < 100 ms, with the findings\' own files: the 51 MB CSV read to row 200,001 of the default limit among them', async () => {
    procDir = mkdtempSync(join(tmpdir(), 'covgap-imports-latency-'));
    // the default limits but the unzipped one (the zip bomb below inflates to 64 MB)
    proc = await startServerProcess({ GEODATA: writeTinyGeodata(procDir), DATA_DIR: join(procDir, 'data'), IMPORT_MAX_UNZIPPED_MB: '8' });
    const files: [string, string, Uint8Array | string, number][] = [
      ['/api/imports/villages?format=shapefile', 'application/zip', dbfBombZip(), 422],
      ['/api/imports/villages?format=gpkg', 'application/geopackage+sqlite3', recursiveViewGpkg(), 422],
      ['/api/imports/dem?format=geotiff&dryRun=true', 'image/tiff', hugeDeclaredTiff(), 413],
      ['/api/imports/sites?format=opencellid', 'text/csv', bigCellsCsv(700_000), 413],
      ['/api/imports/villages?format=shapefile', 'application/zip', zipSync({ 'villages.shp': new Uint8Array(64 * 2 ** 20), 'villages.dbf': new Uint8Array(10) }, { level: 9 }), 422],
    ];
    const ms: number[] = [];
    for (const [i, [path, type, content, status]] of files.entries()) {
      const file = join(procDir, `hostile-${i}`);
      writeFileSync(file, content);
      let done = false;
      // /api/health asked every 20 ms, one at a time, for as long as the import takes
      const probe = (async () => {
        while (!done) {
          const t = performance.now();
          const r = await fetch(`${proc.url}/api/health`);
          await r.arrayBuffer();
          ms.push(performance.now() - t);
          expect(r.status).toBe(200);
          await sleep(20);
        }
      })();
      const answer = await upload(`${proc.url}${path}`, file, type);
      done = true;
      await probe;
      expect(answer.status, `${path}: ${answer.body.slice(0, 300)}`).toBe(status);
    }
    expect(statSync(join(procDir, 'hostile-3')).size).toBeGreaterThan(50_000_000);
    const sorted = [...ms].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
    const text = `n ${sorted.length}, p50 ${at(0.5).toFixed(1)}, p90 ${at(0.9).toFixed(1)}, p99 ${at(0.99).toFixed(1)}, max ${sorted.at(-1)!.toFixed(1)} ms`;
    console.log(`/api/health during the hostile imports: ${text}`);
    expect(sorted.length).toBeGreaterThanOrEqual(100);
    expect(at(0.99), text).toBeLessThan(100);
  }, 300_000);
});

describe('the import worker\'s own limits: past either, it is ended and the answer names the limit', () => {
  let tight: RunningServer;
  let tightDir: string;
  afterAll(async () => {
    await tight?.close();
    if (tightDir) rmSync(tightDir, { recursive: true, force: true });
  });

  it('the wall clock (IMPORT_TIMEOUT_S) and the memory (IMPORT_MAX_WORKER_MB): 413, nothing changed, the server up', async () => {
    tightDir = mkdtempSync(join(tmpdir(), 'covgap-imports-tight-'));
    const m = writeTinyGeodata(tightDir);
    tight = await startServer({ port: 0, log: false, geodataPath: m, dataDir: join(tightDir, 'data'), importLimits: { ...LIMITS, maxFeatures: 100_000, timeoutMs: 100 } });
    await hostile('/api/imports/villages?format=geojson', bigVillagesGeojson(5000, 2000), 413, /reading and checking the file took longer than 0\.1 s, the limit of IMPORT_TIMEOUT_S; the reading was stopped/, tight);
    await tight.close();
    tight = await startServer({ port: 0, log: false, geodataPath: m, dataDir: join(tightDir, 'data'), importLimits: { ...LIMITS, maxFeatures: 100_000, maxWorkerMb: 32 } });
    await hostile('/api/imports/villages?format=geojson', bigVillagesGeojson(5000, 8000), 413, /reading and checking the file needed more than 32 MB of memory, the limit of IMPORT_MAX_WORKER_MB; the reading was stopped/, tight);
    // a good file still imports (the worker is a fresh process each time)
    const ok = await fetch(`${tight.url}/api/imports/villages?format=geojson&dryRun=true`, { method: 'POST', headers: { 'content-type': 'application/geo+json' }, body: featureCollection([village('OK', 106.1, 22.6)]) });
    expect(ok.status, await ok.clone().text()).toBe(200);
  });
});
