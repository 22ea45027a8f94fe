/**
 * Imports of sites over real HTTP (issue 11, item 1): GeoJSON, OpenCelliD CSV and KML; a dry run
 * changes nothing; a good file becomes the next dataset version, kept across a restart; every
 * version can be restored; replace one operator's sites, or merge by id; a bad file is 422 with
 * every problem and nothing applied.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteFeature } from '../../core/model/types';
import { startServer, type RunningServer } from '../../server/main';
import { featureCollection, writeTinyGeodata } from '../helpers/tinyGeodata';
import { fixtureSites, importType } from './fixture';

let dir: string;
let manifest: string;
let srv: RunningServer;
const start = () => startServer({ port: 0, log: false, geodataPath: manifest, dataDir: join(dir, 'data') });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'covgap-imports-'));
  manifest = writeTinyGeodata(dir);
  srv = await start();
});
afterAll(async () => {
  await srv?.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (path: string, body: string | Uint8Array) => fetch(`${srv.url}${path}`, { method: 'POST', headers: { 'content-type': importType(path) }, body: body as BodyInit });
const siteIds = async (): Promise<string[]> => ((await (await fetch(`${srv.url}/collections/sites/items?limit=10000`)).json()) as { features: { id: string }[] }).features.map((f) => f.id);
const active = async (layer: string): Promise<number> => ((await (await fetch(`${srv.url}/api/datasets`)).json()) as { layers: { layer: string; active: number }[] }).layers.find((l) => l.layer === layer)!.active;

const newSite = (id: string, lon: number, lat: number, operator = 'Viettel'): SiteFeature => ({
  type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { id, name: `Trạm ${id}`, operator, antennaHeightM: 35, status: 'existing', power: 'grid', backhaul: 'fiber', cells: [{ tech: '4G', freqMHz: 1800, eirpDbm: 60 }] },
});

describe('imports of sites', () => {
  it('lists version 1 of every layer (the manifest\'s files) as active', async () => {
    const r = await fetch(`${srv.url}/api/datasets`);
    expect(r.status).toBe(200);
    const { layers } = (await r.json()) as { layers: { layer: string; active: number; versions: { version: number; source: string; fileName: string; counts: Record<string, number> }[] }[] };
    expect(layers.map((l) => [l.layer, l.active, l.versions.length])).toEqual([['sites', 1, 1], ['villages', 1, 1], ['communes', 1, 1], ['power-lines', 1, 1], ['dem', 1, 1]]);
    expect(layers[0].versions[0]).toMatchObject({ source: 'manifest', fileName: 'sites.geojson', counts: { features: 88 } });
  });

  it('a dry run answers the report and changes nothing', async () => {
    const before = await siteIds();
    const sites = [...fixtureSites().slice(0, 5), newSite('N-1', 106.41, 22.61)];
    const r = await post('/api/imports/sites?format=geojson&dryRun=true', featureCollection(sites));
    expect(r.status).toBe(200);
    const report = await r.json();
    expect(report).toMatchObject({ layer: 'sites', format: 'geojson', mode: 'replace', dryRun: true, applied: false, version: null, errors: [] });
    expect(report.counts).toEqual({ features: 6, before: 88, after: 6, added: 1, updated: 0, unchanged: 5, removed: 83 });
    expect(await siteIds()).toEqual(before);
    expect(await active('sites')).toBe(1);
  });

  it('applies a GeoJSON file as version 2 (201, Location), serves it at once, and restores version 1', async () => {
    const sites = [newSite('G-1', 106.2, 22.6), newSite('G-2', 106.3, 22.7, 'MobiFone')];
    const r = await post('/api/imports/sites?format=geojson', featureCollection(sites));
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe(`${srv.url}/api/datasets/sites/2`);
    expect(await r.json()).toMatchObject({ applied: true, version: 2, counts: { features: 2, after: 2, removed: 88 } });
    expect(await siteIds()).toEqual(['G-1', 'G-2']);
    const one = await (await fetch(`${srv.url}/collections/sites/items/G-1`)).json();
    expect(one.properties).toMatchObject({ name: 'Trạm G-1', operator: 'Viettel', techs: '4G' });
    expect((await fetch(`${srv.url}/api/datasets/sites/2`).then((x) => x.json())).active).toBe(true);
    const back = await post('/api/datasets/sites/1/restore', '');
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ layer: 'sites', version: 1, active: true });
    expect(await siteIds()).toHaveLength(88);
    const again = await post('/api/datasets/sites/2/restore', '');
    expect(again.status).toBe(200);
    expect(await siteIds()).toEqual(['G-1', 'G-2']);
  });

  it('keeps the active version across a restart', async () => {
    await srv.close();
    srv = await start();
    expect(await siteIds()).toEqual(['G-1', 'G-2']);
    expect(await active('sites')).toBe(2);
    await post('/api/datasets/sites/1/restore', '');
  });

  it('imports an OpenCelliD CSV (quoted fields, CRLF) into sites grouped as the loader groups them', async () => {
    const csv = [
      'radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal',
      'LTE,452,4,100,25601,,106.2001,22.6001,1000,5,1,0,0,0',
      'LTE,452,4,100,25602,,106.2002,22.6002,1000,5,1,0,0,0',
      '"GSM",452,1,7,9001,,106.35,22.75,800,3,1,0,0,0',
    ].join('\r\n');
    const dry = await post('/api/imports/sites?format=opencellid&dryRun=true', csv);
    expect(dry.status).toBe(200);
    expect((await dry.json()).counts).toMatchObject({ cells: 3, features: 2, after: 2 });
    const r = await post('/api/imports/sites?format=opencellid', csv);
    expect(r.status).toBe(201);
    const ids = await siteIds();
    expect(ids).toHaveLength(2);
    const operators = (await (await fetch(`${srv.url}/collections/sites/items`)).json()).features.map((f: { properties: { operator: string } }) => f.properties.operator);
    expect(operators.sort()).toEqual(['MobiFone', 'Viettel']); // 452-01, 452-04
  });

  it('imports sites from KML placemarks with ExtendedData', async () => {
    const placemark = (id: string, lon: number, lat: number) => `<Placemark><name>Trạm ${id}</name><ExtendedData>
      <Data name="id"><value>${id}</value></Data><Data name="operator"><value>Viettel</value></Data>
      <Data name="antennaHeightM"><value>40</value></Data><Data name="status"><value>existing</value></Data>
      <Data name="power"><value>solar</value></Data><Data name="backhaul"><value>microwave</value></Data>
      <Data name="cells"><value>[{"tech":"2G","freqMHz":900,"eirpDbm":55},{"tech":"4G","freqMHz":1800,"eirpDbm":60}]</value></Data>
      </ExtendedData><Point><coordinates>${lon},${lat},0</coordinates></Point></Placemark>`;
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${placemark('K-1', 106.25, 22.65)}${placemark('K-2', 106.45, 22.8)}</Document></kml>`;
    const r = await post('/api/imports/sites?format=kml', kml);
    expect(r.status).toBe(201);
    expect(await siteIds()).toEqual(['K-1', 'K-2']);
    const f = await (await fetch(`${srv.url}/collections/sites/items/K-2`)).json();
    expect(f.geometry.coordinates).toEqual([106.45, 22.8]);
    expect(f.properties).toMatchObject({ name: 'Trạm K-2', antennaHeightM: 40, power: 'solar', techs: '2G,4G' });
  });

  it('reads a KML in TCVN3 (encoding=tcvn3): the names come out in Unicode', async () => {
    const ascii = (t: string) => [...t].map((c) => c.charCodeAt(0));
    // "Trạm Bản Nà" in TCVN3: ạ 0xB9, ả 0xB6, à 0xB5
    const name = [...ascii('Tr'), 0xb9, ...ascii('m B'), 0xb6, ...ascii('n N'), 0xb5];
    const head = ascii('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>');
    const tail = ascii('</name><ExtendedData><Data name="id"><value>T-1</value></Data><Data name="operator"><value>Viettel</value></Data><Data name="antennaHeightM"><value>30</value></Data><Data name="status"><value>existing</value></Data><Data name="power"><value>grid</value></Data><Data name="backhaul"><value>fiber</value></Data><Data name="cells"><value>[{"tech":"4G","freqMHz":1800,"eirpDbm":60}]</value></Data></ExtendedData><Point><coordinates>106.2,22.6</coordinates></Point></Placemark></Document></kml>');
    const bytes = Uint8Array.from([...head, ...name, ...tail]);
    const r = await post('/api/imports/sites?format=kml&encoding=tcvn3', bytes);
    expect(r.status, await r.clone().text()).toBe(201);
    expect((await (await fetch(`${srv.url}/collections/sites/items/T-1`)).json()).properties.name).toBe('Trạm Bản Nà');
    // the same bytes as UTF-8: refused, naming the line
    const utf8 = await post('/api/imports/sites?format=kml', bytes);
    expect(utf8.status).toBe(422);
    expect((await utf8.json()).errors[0]).toMatchObject({ line: 1, detail: expect.stringMatching(/^the file is not UTF-8: byte 0xB9/) });
  });

  it('replaces one operator\'s sites only (operator=), and merges by id (mode=merge)', async () => {
    await post('/api/datasets/sites/1/restore', '');
    const viettelBefore = (await (await fetch(`${srv.url}/collections/sites/items?operator=Viettel&limit=1000`)).json()).numberMatched;
    const others = 88 - viettelBefore;
    const r = await post('/api/imports/sites?format=geojson&operator=Viettel', featureCollection([newSite('V-NEW', 106.3, 22.6)]));
    expect(r.status).toBe(201);
    expect((await r.json()).counts).toMatchObject({ features: 1, before: 88, after: others + 1, removed: viettelBefore });
    expect((await (await fetch(`${srv.url}/collections/sites/items?operator=Viettel`)).json()).features.map((f: { id: string }) => f.id)).toEqual(['V-NEW']);
    // a MobiFone site in Viettel's file: refused, nothing changes
    const wrong = await post('/api/imports/sites?format=geojson&operator=Viettel', featureCollection([newSite('V-2', 106.3, 22.6, 'MobiFone')]));
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).errors).toEqual([{ path: 'features[0].properties.operator', feature: 0, field: 'properties.operator', detail: '"MobiFone", but operator=Viettel replaces only that operator\'s sites; remove the site or import without operator=' }]);
    const merged = await post('/api/imports/sites?format=geojson&mode=merge', featureCollection([{ ...newSite('V-NEW', 106.31, 22.61) }, newSite('M-1', 106.2, 22.8)]));
    expect(merged.status).toBe(201);
    expect((await merged.json()).counts).toMatchObject({ features: 2, before: others + 1, after: others + 2, added: 1, updated: 1, removed: 0 });
    expect((await (await fetch(`${srv.url}/collections/sites/items/V-NEW`)).json()).geometry.coordinates).toEqual([106.31, 22.61]);
  });

  it('scenarios are checked against the version in use', async () => {
    await post('/api/imports/sites?format=geojson', featureCollection([newSite('SC-1', 106.2, 22.6)]));
    const create = (siteId: string) => fetch(`${srv.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', edits: [{ op: 'remove', siteId }] }) });
    expect((await create('SC-1')).status).toBe(201);
    const old = await create('S000');
    expect(old.status).toBe(422);
    expect((await old.json()).detail).toMatch(/S000/);
    await post('/api/datasets/sites/1/restore', '');
    expect((await create('S000')).status).toBe(201);
  });

  it('refuses a bad file whole with every problem, and applies nothing', async () => {
    const before = await siteIds();
    const versions = (await (await fetch(`${srv.url}/api/datasets/sites/1`)).json()).version;
    const bad = [newSite('B-1', 106.2, 22.6), { ...newSite('B-2', 106.3, 22.6), properties: { ...newSite('B-2', 0, 0).properties, antennaHeightM: 'tall' } }, newSite('B-1', 106.4, 22.6), newSite('B-4', 22.6, 106.3)];
    const r = await post('/api/imports/sites?format=geojson', featureCollection(bad));
    expect(r.status).toBe(422);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const p = await r.json();
    expect(p.errors.map((e: { feature: number; field: string }) => [e.feature, e.field])).toEqual([[1, 'properties.antennaHeightM'], [2, 'properties.id'], [3, 'geometry.coordinates']]);
    expect(p.errors[1].detail).toBe('duplicate id "B-1" (first used by features[0])');
    expect(p.errors[2].detail).toMatch(/looks like \[latitude, longitude\]/);
    expect(p.detail).toMatch(/^sites \(format=geojson\): features\[1\]\.properties\.antennaHeightM: must be a number from 0\.5 to 1000 metres above ground, got "tall"; and 2 more problems \(see errors\)$/);
    expect(await siteIds()).toEqual(before);
    expect(versions).toBe(1);
  });

  it('refuses bad parameters with 400 and an unknown layer with 404', async () => {
    const cases: [string, number, RegExp][] = [
      ['/api/imports/sites', 400, /^format: required; one of geojson, opencellid, kml$/],
      ['/api/imports/sites?format=shapefile', 400, /^format: expected one of geojson, opencellid, kml, got "shapefile"$/],
      ['/api/imports/sites?format=geojson&dryRun=yes', 400, /^dryRun: expected one of true, false/],
      ['/api/imports/villages?format=geojson&operator=Viettel', 400, /^operator: only for layer sites/],
      ['/api/imports/dem?format=geotiff&mode=merge', 400, /^mode: a DEM is replaced whole/],
      ['/api/imports/roads?format=geojson', 404, /^no layer "roads" to import/],
      ['/api/datasets/sites/x/restore', 400, /^version: expected a dataset version number/],
      ['/api/datasets/sites/77/restore', 404, /^layer "sites" has no version 77/],
    ];
    for (const [path, status, detail] of cases) {
      const r = await post(path, '{"type":"FeatureCollection","features":[]}');
      expect(r.status, path).toBe(status);
      expect((await r.json()).detail, path).toMatch(detail);
    }
  });
});

describe('the OpenAPI document of a server with imports', () => {
  it('declares the import and dataset operations and passes the linter (redocly.yaml) with zero problems', async () => {
    const source = await (await fetch(`${srv.url}/openapi.json`)).text();
    const doc = JSON.parse(source);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/imports/{layer}', '/api/datasets', '/api/datasets/{layer}/{version}', '/api/datasets/{layer}/{version}/restore']));
    const { lintFromString, loadConfig } = await import('@redocly/openapi-core');
    const config = await loadConfig({ configPath: 'redocly.yaml' });
    const problems = await lintFromString({ source, absoluteRef: `${srv.url}/openapi.json`, config });
    expect(problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });
});
