import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCommunesFile, loadOutlineFile, loadPowerLinesFile, loadSitesFile, loadVillagesFile } from '../../server/data/files';
import { rejectedInputErrorMessage } from '../helpers/inputError';
import { ringSignedArea2, windingProblems } from '../helpers/winding';

const dir = mkdtempSync(join(tmpdir(), 'covgap-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const message = rejectedInputErrorMessage;

const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features });
const site = {
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [106.25, 22.66] },
  properties: { id: 'S1', name: 'Trạm 1', operator: 'Viettel', antennaHeightM: 30, status: 'existing', power: 'grid', backhaul: 'fiber', cells: [{ tech: '4G', freqMHz: 1800, eirpDbm: 60 }] },
};

describe('loaders', () => {
  it('load GeoJSON (with a BOM) and OpenCelliD CSV sites', async () => {
    const sites = await loadSitesFile(write('sites.geojson', `\uFEFF${JSON.stringify(fc([site]))}`));
    expect(sites.features[0].id).toBe('S1');
    expect(sites.features[0].properties.name).toBe('Trạm 1');
    const csv = await loadSitesFile(write('cells.CSV', 'radio,mcc,net,area,cell,unit,lon,lat\nGSM,452,4,1,2,0,106.1,22.5\n'), { antennaHeightM: 40 });
    expect(csv.features[0].properties).toMatchObject({ operator: 'Viettel', antennaHeightM: 40, source: join(dir, 'cells.CSV') });
  });

  it('load villages, communes and power lines', async () => {
    const square = [[[106, 22], [106.1, 22], [106.1, 22.1], [106, 22.1], [106, 22]]];
    const villages = await loadVillagesFile(
      write('villages.json', fc([{ type: 'Feature', geometry: { type: 'Point', coordinates: [106, 22] }, properties: { id: 'V1', name: 'Bản Giốc', communeId: 'C1', population: 100, households: 25, electrified: false, fixedBroadband: null } }])),
    );
    expect(villages.features[0].properties.electrified).toBe(false);
    const communes = await loadCommunesFile(
      write('communes.geojson', fc([{ type: 'Feature', geometry: { type: 'Polygon', coordinates: square }, properties: { id: 'C1', name: 'Đàm Thủy', kind: 'xã', population: 100, households: 25, areaKm2: 120 } }])),
    );
    expect(communes.features[0].id).toBe('C1');
    const lines = await loadPowerLinesFile(
      write('lines.geojson', fc([{ type: 'Feature', geometry: { type: 'MultiLineString', coordinates: [[[106, 22], [106.1, 22.1]]] }, properties: { id: 'L1', voltageKv: 22 } }])),
    );
    expect(lines.features[0].properties.voltageKv).toBe(22);
  });

  it('rewind polygons on load to RFC 7946 (exterior counterclockwise, holes clockwise), whatever the file has', async () => {
    // a clockwise exterior with a counterclockwise hole: both the wrong way round
    const cwSquare = [[106, 22], [106, 22.1], [106.1, 22.1], [106.1, 22], [106, 22]];
    const ccwHole = [[106.02, 22.02], [106.08, 22.02], [106.08, 22.08], [106.02, 22.08], [106.02, 22.02]];
    const wrong = { type: 'Polygon', coordinates: [cwSquare, ccwHole] };
    expect(windingProblems(wrong as GeoJSON.Polygon)).toEqual(['polygon 0 ring 0: exterior clockwise', 'polygon 0 ring 1: hole counterclockwise']);
    const props = { id: 'C1', name: 'Đàm Thủy', kind: 'xã', population: 100, households: 25, areaKm2: 120 };
    const communes = await loadCommunesFile(write('cw-communes.geojson', fc([{ type: 'Feature', geometry: wrong, properties: props }, { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[cwSquare]] }, properties: { ...props, id: 'C2' } }])));
    const outline = await loadOutlineFile(write('cw-province.geojson', fc([{ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[cwSquare, ccwHole]] }, properties: { id: '04', name: 'Cao Bằng' } }])));
    const villages = await loadVillagesFile(write('cw-villages.geojson', fc([{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [cwSquare] }, properties: { id: 'V1', name: 'Bản Giốc', communeId: 'C1', population: 100, households: 25, electrified: true, fixedBroadband: null } }])));
    for (const f of [...communes.features, ...outline.features, ...villages.features]) expect(windingProblems(f.geometry), String(f.properties.id)).toEqual([]);
    // the same rings, only reversed: the area is kept
    const ring0 = (communes.features[0].geometry as GeoJSON.Polygon).coordinates[0];
    expect(ringSignedArea2(ring0)).toBeCloseTo(-ringSignedArea2(cwSquare), 12);
    expect([...ring0].reverse()).toEqual(cwSquare);
  });

  it('name the file in every error', async () => {
    const bad = write('bad.geojson', '{"type": "FeatureCollection", "features": [}');
    expect(await message(loadSitesFile(bad))).toMatch(new RegExp(`^${escape(bad)}: not valid JSON: .+`));
    const invalid = write('invalid.geojson', fc([{ ...site, properties: { ...site.properties, status: 'live' } }]));
    expect(await message(loadSitesFile(invalid))).toBe(
      `${invalid}: features[0].properties.status: unknown status "live"; expected one of existing, planned, candidate`,
    );
    const missing = join(dir, 'nope.geojson');
    expect(await message(loadVillagesFile(missing))).toBe(`${missing}: file not found`);
    const shp = join(dir, 'communes.shp');
    expect(await message(loadCommunesFile(shp))).toBe(`${shp}: unknown communes file type ".shp"; expected GeoJSON (.geojson, .json)`);
    const kml = join(dir, 'sites.kml');
    expect(await message(loadSitesFile(kml))).toBe(`${kml}: unknown sites file type ".kml"; expected GeoJSON (.geojson, .json) or OpenCelliD CSV (.csv)`);
    const csv = write('bad.csv', 'GSM,452,4,1,2,0,106.1,95\n');
    expect(await message(loadSitesFile(csv))).toBe(`${csv}: line 1: lat must be a number in [-90, 90], got "95"`);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
