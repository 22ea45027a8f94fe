/**
 * Imports of villages, communes, power lines and the DEM over real HTTP (issue 11, item 1): a
 * zipped Shapefile (with .prj and .cpg) and a GeoPackage of village polygons written by GDAL's
 * ogr2ogr — in UTF-8, in Windows-1258, in a projected CRS — communes from a GeoPackage, power
 * lines from a Shapefile, and a DEM from a GeoTIFF and an SRTM .hgt. Skipped (reason printed)
 * only when ogr2ogr is missing and CI is unset; in CI a missing ogr2ogr fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGeoTiff } from '../../core/formats/geotiffWrite';
import { startServer, type RunningServer } from '../../server/main';
import { featureCollection, writeTinyGeodata } from '../helpers/tinyGeodata';
import { importType } from './fixture';

const OGR2OGR = ['/usr/bin/ogr2ogr', '/usr/local/bin/ogr2ogr'].find((p) => existsSync(p)) ?? null;
const skip = OGR2OGR === null && !process.env.CI ? 'ogr2ogr (gdal-bin) is not installed: apt-get install gdal-bin' : null;
if (skip) console.warn(`tests/server/importsGis.test.ts skipped: ${skip}`);

let dir: string;
let srv: RunningServer;

/** A hamlet boundary: a small square around a settlement (counterclockwise). */
const square = (lon: number, lat: number, r: number): [number, number][][] => [[[lon - r, lat - r], [lon + r, lat - r], [lon + r, lat + r], [lon - r, lat + r], [lon - r, lat - r]]];
const villagePolygons = () =>
  Array.from({ length: 12 }, (_, k) => ({
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: square(106.05 + (k % 4) * 0.1, 22.55 + Math.floor(k / 4) * 0.1, 0.01) },
    properties: { id: `P${k}`, name: `Bản Nà Đông ${k}`, communeId: k < 6 ? '01' : '02', population: 120 + k, households: 30 + k, electrified: k % 3 !== 0 },
  }));

/** Runs ogr2ogr to turn a GeoJSON FeatureCollection into `out` with extra options; returns the files written. */
function ogr(features: unknown[], name: string, args: string[]): string {
  const src = join(dir, `${name}.src.geojson`);
  writeFileSync(src, featureCollection(features));
  const out = join(dir, name);
  execFileSync(OGR2OGR as string, [...args, out, src], { stdio: 'pipe' });
  return out;
}

/** The Shapefile parts ogr2ogr wrote for `base` (in directory `d`), zipped. */
function zipShapefile(d: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const f of readdirSync(d)) files[f] = readFileSync(join(d, f));
  return zipSync(files);
}

const post = (path: string, body: string | Uint8Array) => fetch(`${srv.url}${path}`, { method: 'POST', headers: { 'content-type': importType(path) }, body: body as BodyInit });
const items = async (collection: string) => (await (await fetch(`${srv.url}/collections/${collection}/items?limit=10000`)).json()) as { numberMatched: number; features: { id: string; geometry: { type: string; coordinates: number[][][] }; properties: Record<string, unknown> }[] };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'covgap-imports-gis-'));
  const manifest = writeTinyGeodata(dir);
  srv = await startServer({ port: 0, log: false, geodataPath: manifest, dataDir: join(dir, 'data') });
});
afterAll(async () => {
  await srv?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skip !== null)('imports from GDAL-written files', () => {
  it('imports village polygons from a zipped Shapefile (UTF-8 .cpg), names and numbers intact, polygons counterclockwise', async () => {
    const out = ogr(villagePolygons(), 'shp-utf8', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', '-nln', 'villages']);
    expect(readdirSync(out).sort()).toEqual(['villages.cpg', 'villages.dbf', 'villages.prj', 'villages.shp', 'villages.shx']);
    const r = await post('/api/imports/villages?format=shapefile', zipShapefile(out));
    expect(r.status, await r.clone().text()).toBe(201);
    expect((await r.json()).counts).toMatchObject({ features: 12, before: 30, after: 12 });
    const v = await items('villages');
    expect(v.numberMatched).toBe(12);
    const p3 = v.features.find((f) => f.id === 'P3')!;
    expect(p3.properties).toMatchObject({ name: 'Bản Nà Đông 3', communeId: '01', population: 123, households: 33, electrified: false, fixedBroadband: null, hasBoundary: true });
    // the settlement is the polygon's representative point; the polygon is the village's boundary
    expect(p3.geometry).toEqual({ type: 'Point', coordinates: [expect.closeTo(106.35, 6), expect.closeTo(22.55, 6)] });
    const b = await items('village-boundaries');
    expect(b.numberMatched).toBe(12);
    const b3 = b.features.find((f) => f.id === 'P3')!;
    expect(b3.geometry.type).toBe('Polygon');
    expect(b3.properties).toMatchObject({ name: 'Bản Nà Đông 3', communeId: '01' });
    const ring = b3.geometry.coordinates[0];
    let area2 = 0;
    for (let i = 0; i + 1 < ring.length; i++) area2 += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    expect(area2).toBeGreaterThan(0); // RFC 7946: exterior counterclockwise
  });

  it('reads a Windows-1258 .dbf by its .cpg, and a Shapefile in a projected CRS (UTM 48N) back to longitude, latitude by its .prj', async () => {
    const cp = ogr(villagePolygons(), 'shp-1258', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=CP1258', '-nln', 'villages']);
    expect(readFileSync(join(cp, 'villages.cpg'), 'utf8').trim()).toMatch(/1258/);
    const r = await post('/api/imports/villages?format=shapefile&dryRun=true', zipShapefile(cp));
    expect(r.status, await r.clone().text()).toBe(200);
    const utm = ogr(villagePolygons(), 'shp-utm', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', '-t_srs', 'EPSG:32648', '-nln', 'villages']);
    const a = await post('/api/imports/villages?format=shapefile', zipShapefile(utm));
    expect(a.status, await a.clone().text()).toBe(201);
    const v = await items('villages');
    const p0 = (await items('village-boundaries')).features.find((f) => f.id === 'P0')!;
    const [lon, lat] = p0.geometry.coordinates[0][0];
    expect(lon).toBeCloseTo(106.04, 5);
    expect(lat).toBeCloseTo(22.54, 5);
    expect(p0.properties.name).toBe('Bản Nà Đông 0');
    expect(v.features.find((f) => f.id === 'P0')!.geometry.coordinates).toEqual([expect.closeTo(106.05, 6), expect.closeTo(22.55, 6)]);
    // and the Windows-1258 names came through the same: import it and compare
    await post('/api/imports/villages?format=shapefile', zipShapefile(cp));
    expect((await items('villages')).features.map((f) => f.properties.name)).toEqual(villagePolygons().map((f) => f.properties.name));
  });

  it('imports village polygons from a GeoPackage; refuses one in another CRS naming it', async () => {
    const gpkg = ogr(villagePolygons().slice(0, 7), 'villages.gpkg', ['-f', 'GPKG', '-nln', 'hamlets']);
    const r = await post('/api/imports/villages?format=gpkg', readFileSync(gpkg));
    expect(r.status, await r.clone().text()).toBe(201);
    const v = await items('villages');
    expect(v.numberMatched).toBe(7);
    expect(v.features.find((f) => f.id === 'P6')?.properties).toMatchObject({ name: 'Bản Nà Đông 6', electrified: false, population: 126 });
    const merc = ogr(villagePolygons(), 'merc.gpkg', ['-f', 'GPKG', '-t_srs', 'EPSG:3857', '-nln', 'hamlets']);
    const bad = await post('/api/imports/villages?format=gpkg', readFileSync(merc));
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors).toEqual([{ path: 'srs_id', field: 'srs_id', detail: 'the layer "hamlets" is in EPSG:3857; covgap imports WGS 84 longitude, latitude (EPSG:4326): reproject it with ogr2ogr -f GPKG -t_srs EPSG:4326 out.gpkg in.gpkg' }]);
    expect((await items('villages')).numberMatched).toBe(7);
  });

  it('imports communes from a GeoPackage and power lines from a Shapefile', async () => {
    const communes = [
      { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [square(106.15, 22.7, 0.15)] }, properties: { id: '01', name: 'Xã Một', kind: 'xã', population: 1000, households: 250, areaKm2: 100 } },
      { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [square(106.45, 22.7, 0.15)] }, properties: { id: '02', name: 'Phường Hai', kind: 'phường', population: 2000, households: 500, areaKm2: 90 } },
      { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [square(106.75, 22.7, 0.1)] }, properties: { id: '03', name: 'Xã Ba', kind: 'xã', population: 500, households: 120, areaKm2: 40 } },
    ];
    const c = await post('/api/imports/communes?format=gpkg', readFileSync(ogr(communes, 'communes.gpkg', ['-f', 'GPKG', '-nln', 'communes'])));
    expect(c.status, await c.clone().text()).toBe(201);
    expect((await items('communes')).features.map((f) => [f.id, f.properties.name])).toEqual([['01', 'Xã Một'], ['02', 'Phường Hai'], ['03', 'Xã Ba']]);
    const lines = [
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [[106.0, 22.5], [106.2, 22.8]] }, properties: { id: 'L1', voltageKv: 35, name: 'Đường dây 35 kV' } },
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [[106.3, 22.5], [106.5, 22.6], [106.6, 22.9]] }, properties: { id: 'L2', voltageKv: 22 } },
    ];
    const l = await post('/api/imports/power-lines?format=shapefile', zipShapefile(ogr(lines, 'lines-shp', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', '-nln', 'lines'])));
    expect(l.status, await l.clone().text()).toBe(201);
    const got = await items('power-lines');
    expect(got.features.map((f) => [f.id, f.properties.voltageKv, f.properties.name ?? null])).toEqual([['L1', 35, 'Đường dây 35 kV'], ['L2', 22, null]]);
  });
});

describe('imports of the DEM', () => {
  it('replaces the DEM from a GeoTIFF (health shows its size), then from an SRTM .hgt, and restores it', async () => {
    const width = 240;
    const height = 180;
    const data = Float32Array.from({ length: width * height }, (_, i) => 300 + (i % width));
    const tif = writeGeoTiff({ width, height, data, transform: [106, 1 / 240, 0, 23, 0, -1 / 180], sampleFormat: 'int16' });
    const r = await post('/api/imports/dem?format=geotiff', tif);
    expect(r.status, await r.clone().text()).toBe(201);
    expect((await r.json()).counts).toEqual({ width, height, cellArcSec: 15 });
    const health = await (await fetch(`${srv.url}/api/health`)).json();
    expect(health.dem).toMatchObject({ width, height, minM: 300, maxM: 539 });
    // an .hgt needs its name (the tile's corner)
    const hgt = readFileSync(join(dir, 'N22E106.hgt'));
    const noName = await post('/api/imports/dem?format=hgt', hgt);
    expect(noName.status).toBe(422);
    expect((await noName.json()).errors[0].detail).toMatch(/^an SRTM \.hgt tile is located by its name: add filename=N22E106\.hgt/);
    const h = await post('/api/imports/dem?format=hgt&filename=N22E106.hgt', hgt);
    expect(h.status, await h.clone().text()).toBe(201);
    expect((await (await fetch(`${srv.url}/api/health`)).json()).dem).toMatchObject({ width: 1201, height: 1201 });
    const back = await post('/api/datasets/dem/2/restore', '');
    expect(back.status).toBe(200);
    expect((await (await fetch(`${srv.url}/api/health`)).json()).dem).toMatchObject({ width, height });
  });
});
