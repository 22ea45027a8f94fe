/**
 * GDAL reads the downloads: `ogrinfo` opens the GeoPackage (and the KML and GeoJSON) written from the
 * synthetic gap list and counts one feature per gap. Skipped (with the reason printed) only when
 * ogrinfo is not installed and CI is not set; in CI a missing ogrinfo fails.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { GAP_COLUMNS, toCsv, toGeoJson, toKml, toXlsx } from '../../core/export';
import { findGaps } from '../../core/gaps';
import { gpkgPoint, toGpkg } from '../../server/export/gpkg';
import { makeInput } from '../core/gaps/fixture';

const run = promisify(execFile);
const OGRINFO = ['/usr/bin/ogrinfo', '/usr/local/bin/ogrinfo'].find((p) => existsSync(p)) ?? 'ogrinfo';
const ogrMissing = OGRINFO === 'ogrinfo' && !process.env.CI;
if (ogrMissing) console.warn('tests/server/export.gdal.test.ts: ogrinfo checks skipped: ogrinfo (gdal-bin) is not installed: apt-get install gdal-bin');

const gaps = findGaps(makeInput(), { tech: '4G' }); // 4 gaps: V5, V1 "Bản Nà Mạ", V4, V6
const dir = mkdtempSync(join(tmpdir(), 'covgap-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('GeoPackage', () => {
  it('is an SQLite GeoPackage: application_id GPKG, user_version 10300, metadata tables, GP header + WKB points', () => {
    const file = join(dir, 'meta.gpkg');
    writeFileSync(file, toGpkg(gaps, 'vi', { now: new Date('2025-07-01T00:00:00Z') }));
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('application_id', { simple: true })).toBe(0x47504b47);
      expect(db.pragma('user_version', { simple: true })).toBe(10300);
      expect(db.prepare('SELECT srs_id FROM gpkg_spatial_ref_sys ORDER BY srs_id').pluck().all()).toEqual([-1, 0, 4326]);
      expect(db.prepare('SELECT table_name, data_type, srs_id, last_change FROM gpkg_contents').get()).toEqual({ table_name: 'gaps', data_type: 'features', srs_id: 4326, last_change: '2025-07-01T00:00:00.000Z' });
      expect(db.prepare('SELECT * FROM gpkg_geometry_columns').get()).toEqual({ table_name: 'gaps', column_name: 'geom', geometry_type_name: 'POINT', srs_id: 4326, z: 0, m: 0 });
      const rows = db.prepare('SELECT geom, village_name, rank, electrified FROM gaps ORDER BY fid').all() as { geom: Buffer; village_name: string; rank: number; electrified: number }[];
      expect(rows.length).toBe(gaps.length);
      expect(rows[1]).toMatchObject({ village_name: 'Bản Nà Mạ', rank: 2, electrified: 0 });
      const g = rows[1].geom;
      expect(g.subarray(0, 2).toString('ascii')).toBe('GP');
      expect([g[2], g[3], g.readInt32LE(4), g[8], g.readUInt32LE(9)]).toEqual([0, 1, 4326, 1, 1]);
      expect([g.readDoubleLE(13), g.readDoubleLE(21)]).toEqual([106.045, 22.975]);
    } finally {
      db.close();
    }
    expect(gpkgPoint(1, 2, 4326).length).toBe(29);
  });

  it.skipIf(ogrMissing)('ogrinfo opens it and counts one feature per gap', async () => {
    const file = join(dir, 'gaps.gpkg');
    writeFileSync(file, toGpkg(gaps, 'vi'));
    const { stdout } = await run(OGRINFO, ['-so', file, 'gaps'], { timeout: 60_000 });
    expect(stdout).toContain('using driver `GPKG\' successful');
    expect(stdout).toContain(`Feature Count: ${gaps.length}`);
    expect(stdout).toContain('Geometry: Point');
    expect(stdout).toMatch(/Extent: \(106\.045000, 22\.805000\) - \(106\.195000, 22\.975000\)/);
    expect(stdout).toContain('village_name: String');
    expect(stdout).toContain('electrified: Integer(Boolean)');
    expect(stdout).toMatch(/GEOGCRS\["WGS 84"|GEOGCS\["WGS 84"/);
    // every value read back by GDAL, diacritics included
    const { stdout: all } = await run(OGRINFO, ['-q', file, 'gaps', '-where', "village_id = 'V1'"], { timeout: 60_000 });
    expect(all).toContain('village_name (String) = Bản Nà Mạ');
    expect(all).toContain('POINT (106.045 22.975)');
    expect(all.match(/ \(\w+(\(\w+\))?\) = /g)?.length).toBe(GAP_COLUMNS.length);
    expect(all.match(/ = \(null\)/g)?.length ?? 0).toBe(GAP_COLUMNS.filter((c) => c.value(gaps[1], 'vi', 2) === null).length);
  });

  const validator = ['/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py', '/usr/share/doc/python3-gdal/examples/validate_gpkg.py'].find((p) => existsSync(p));
  it.skipIf(!validator)('passes GDAL\'s GeoPackage validator (validate_gpkg.py)', async () => {
    const file = join(dir, 'valid.gpkg');
    writeFileSync(file, toGpkg(gaps, 'en'));
    const { stdout, stderr } = await run('python3', [validator as string, file], { timeout: 60_000 });
    expect(stdout + stderr).toBe('');
  });

  it.skipIf(ogrMissing)('an empty list is still a valid GeoPackage with the layer', async () => {
    const file = join(dir, 'empty.gpkg');
    writeFileSync(file, toGpkg([], 'en'));
    const { stdout } = await run(OGRINFO, ['-so', file, 'gaps'], { timeout: 60_000 });
    expect(stdout).toContain('Feature Count: 0');
  });
});

describe.skipIf(ogrMissing)('GDAL reads the KML and the GeoJSON', () => {
  it('KML: one placemark per gap, names with diacritics', async () => {
    const file = join(dir, 'gaps.kml');
    writeFileSync(file, toKml(gaps, 'vi'));
    const { stdout } = await run(OGRINFO, ['-ro', '-al', '-q', file], { timeout: 60_000 });
    expect(stdout.match(/^OGRFeature/gm)?.length).toBe(gaps.length);
    expect(stdout).toContain('Name (String) = Bản Nà Mạ');
  });
  it('GeoJSON: one feature per gap', async () => {
    const file = join(dir, 'gaps.geojson');
    writeFileSync(file, JSON.stringify(toGeoJson(gaps, 'en')));
    const { stdout } = await run(OGRINFO, ['-so', '-al', file], { timeout: 60_000 });
    expect(stdout).toContain(`Feature Count: ${gaps.length}`);
  });
  it('XLSX and CSV: GDAL reads N rows, the header as field names, the BOM not in the first name', async () => {
    const xlsx = join(dir, 'gaps.xlsx');
    writeFileSync(xlsx, toXlsx(gaps, 'vi'));
    const { stdout } = await run(OGRINFO, ['-ro', '-so', xlsx, 'Thôn bản chưa có sóng'], { timeout: 60_000, env: { ...process.env, OGR_XLSX_HEADERS: 'FORCE' } });
    expect(stdout).toContain(`Feature Count: ${gaps.length}`);
    expect(stdout).toContain('Tên thôn/bản: String');
    const csv = join(dir, 'gaps.csv');
    writeFileSync(csv, toCsv(gaps, 'vi'));
    const { stdout: c } = await run(OGRINFO, ['-ro', '-so', csv, 'gaps'], { timeout: 60_000 });
    expect(c).toContain(`Feature Count: ${gaps.length}`);
    expect(c).toMatch(/\nThứ tự ưu tiên: /);
  });
});
