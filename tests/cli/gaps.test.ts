import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGeoTiff } from '../../core/formats/geotiffWrite';
import { coverageDem, coverageSites } from '../server/coverageApi.helpers';
import { gapCommunes, gapPowerLines, gapVillages } from '../server/gapsApi.helpers';
import { openSqliteStore } from '../../server/data/store/sqlite';
import { covgap } from './run';

let dir: string;
const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'covgap-gaps-cli-'));
  const dem = coverageDem();
  writeFileSync(join(dir, 'dem.tif'), writeGeoTiff({ width: dem.width, height: dem.height, data: dem.data, transform: dem.transform, sampleFormat: 'float32' }));
  writeFileSync(join(dir, 'sites.geojson'), fc(coverageSites().features));
  writeFileSync(join(dir, 'villages.geojson'), fc(gapVillages().features));
  writeFileSync(join(dir, 'communes.geojson'), fc(gapCommunes()));
  writeFileSync(join(dir, 'power-lines.geojson'), fc(gapPowerLines()));
  writeFileSync(join(dir, 'covgap.json'), JSON.stringify({ name: 'Ridge', dem: 'dem.tif', communes: 'communes.geojson', villages: 'villages.geojson', sites: 'sites.geojson', powerLines: 'power-lines.geojson' }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const args = (...extra: string[]) => ['gaps', '--geodata', join(dir, 'covgap.json'), '--data-dir', join(dir, 'data'), ...extra];

describe('covgap gaps', () => {
  it('writes the gap list (CSV with BOM), reads the coverage back from the cache the second time', () => {
    const out = join(dir, 'gaps.csv');
    const r = covgap(...args('--format', 'csv', '--lang', 'en', '--out', out));
    expect(r.stderr).toMatch(/gaps: \d+ villages written to .*gaps\.csv \(csv, en\); gap analysis \d+ ms/);
    expect(r.status).toBe(0);
    const n = Number(/gaps: (\d+) villages/.exec(r.stderr)?.[1]);
    expect(n).toBeGreaterThan(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').trim().split('\r\n').length).toBe(n + 1);
    // second run: same cache, filtered to the commune behind the ridge, GeoJSON
    const out2 = join(dir, 'east.geojson');
    const r2 = covgap(...args('--format', 'geojson', '--commune', '02', '--out', out2));
    expect(r2.status).toBe(0);
    expect(r2.stderr).toMatch(/from the cache|cache/);
    const gj = JSON.parse(readFileSync(out2, 'utf8'));
    expect(gj.features.length).toBeGreaterThan(0);
    expect(gj.features.length).toBeLessThanOrEqual(n);
    expect(gj.features.every((f: { properties: Record<string, unknown> }) => Object.values(f.properties).includes('02'))).toBe(true);
  }, 120_000);

  it('--scenario ID: the gaps of a saved scenario (every site taken out: every village); an unknown one is exit 2', async () => {
    const store = openSqliteStore(join(dir, 'data', 'covgap.sqlite'));
    const edits = ['A', 'B', 'C'].map((siteId) => ({ op: 'remove' as const, siteId }));
    await store.create('no-b', { name: 'Không có trạm nào', description: '', base: 'baseline', edits, author: 'test' });
    await store.close();
    const count = (...extra: string[]) => {
      const r = covgap(...args('--format', 'csv', '--out', join(dir, 's.csv'), ...extra));
      expect(r.status, r.stderr).toBe(0);
      return Number(/gaps: (\d+) villages/.exec(r.stderr)?.[1]);
    };
    const baseline = count();
    expect(baseline).toBeLessThan(20);
    expect(count('--scenario', 'no-b')).toBe(20);
    const r = covgap(...args('--format', 'csv', '--out', join(dir, 's.csv'), '--scenario', 'nope'));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('covgap gaps: scenario "nope" does not exist; GET /api/scenarios lists them\n');
  }, 120_000);

  it('refuses bad filters with the flag named', () => {
    const out = join(dir, 'x.csv');
    expect(covgap(...args('--format', 'pdf', '--out', out)).stderr).toBe('covgap gaps: --format must be one of csv, xlsx, geojson, kml, gpkg, got "pdf"\n');
    const r = covgap(...args('--format', 'csv', '--tech', '6G', '--out', out));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('covgap gaps: --tech: expected one of 2G, 3G, 4G, 5G, got "6G"\n');
    expect(covgap(...args('--format', 'csv', '--commune', '99', '--out', out)).stderr).toBe('covgap gaps: --commune: no commune has code "99"; see communes.geojson for the codes\n');
  }, 120_000);
});
