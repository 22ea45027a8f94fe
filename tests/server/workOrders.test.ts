/**
 * GET /api/scenarios/{id}/work-orders over real HTTP, on the small ridge world: the stations of a
 * scenario per operator in build order with the villages each brings signal to; CSV, GeoJSON, KML
 * read by GDAL (one placemark per station), the XLSX printed by LibreOffice (landscape, the header
 * on every page, read back with pdftotext).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workOrdersXlsx, type WorkOrder } from '../../core/export/workOrders';
import { COLLECTION_DEFS } from '../../server/data/collections';
import { createMemoryRepository } from '../../server/data/memoryRepository';
import { openSqliteStore } from '../../server/data/store/sqlite';
import { CoveragePipeline } from '../../server/coverage/pipeline';
import { setupCoverage } from '../../server/services/coverageSetup';
import { GapService } from '../../server/services/gaps';
import { ScenarioService } from '../../server/services/scenarios';
import { coverageDem, coverageSites } from './coverageApi.helpers';
import { fixtureDeps, getJson, listen, type TestServer } from './fixture';
import { gapCommunes, gapPowerLines, gapVillages } from './gapsApi.helpers';

const run = promisify(execFile);
const has = (p: string) => existsSync(p);
let srv: TestServer;
let dir: string;
const sites = coverageSites();
const villages = gapVillages();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'covgap-orders-'));
  const pipeline = new CoveragePipeline(coverageDem(), { dataDir: null, workers: 0, settings: { coverage: { radiusM: 8000 } } });
  const coverage = setupCoverage({ sites, villages }, pipeline);
  const gaps = new GapService(coverage.coverage, { villages: villages.features, communes: gapCommunes(), powerLines: gapPowerLines() });
  const byId = { sites: sites.features, villages: villages.features, communes: gapCommunes(), 'power-lines': gapPowerLines() } as Record<string, GeoJSON.Feature[]>;
  const repository = createMemoryRepository(COLLECTION_DEFS.filter((def) => byId[def.id]).map((def) => ({ def, features: byId[def.id] })));
  const scenarios = new ScenarioService(openSqliteStore(':memory:'), { sites: sites.features, gapOptions: {} });
  srv = await listen(fixtureDeps({ dem: coverageDem(), coverage, gaps, repository, scenarios, log: () => {} }));
  for (let i = 0; i < 600 && coverage.coverage.provider.status().state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 50));
}, 60_000);
afterAll(async () => {
  await srv?.close();
  rmSync(dir, { recursive: true, force: true });
});

const station = (id: string, operator: string, lon: number, lat: number) => ({
  type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { id, name: `Trạm ${id}`, operator, antennaHeightM: 35, status: 'planned', power: 'solar', backhaul: 'microwave', cells: [{ tech: '4G', freqMHz: 1800, eirpDbm: 61 }] },
});
/** 40 stations east of the ridge, operators in turn, then C raised: 41 work orders. */
const edits = [
  ...Array.from({ length: 40 }, (_, k) => ({ op: 'add', site: station(`N-${String(k).padStart(2, '0')}`, ['MobiFone', 'Viettel'][k % 2], 106.12 + (k % 8) * 0.01, 22.52 + Math.floor(k / 8) * 0.035) })),
  { op: 'modify', siteId: 'C', set: { antennaHeightM: 45 } },
];
let id = '';
const ready = async (path: string) => {
  for (let i = 0; i < 400; i++) {
    const r = await fetch(`${srv.url}${path}`);
    if (r.status !== 503) return r;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`${path} stayed 503`);
};

describe('work orders', () => {
  beforeAll(async () => {
    const res = await fetch(`${srv.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Chương trình 2026', edits }) });
    id = (await res.json()).id;
  });

  it('GeoJSON: every added and changed station in build order, per operator, with the villages it brings signal to', async () => {
    const all = await (await ready(`/api/scenarios/${id}/work-orders`)).json();
    expect(all.features).toHaveLength(41);
    expect(all.features.map((f: { properties: { priority: number } }) => f.properties.priority)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    expect(all.features[0].properties).toMatchObject({ station_id: 'N-00', kind: 'xây mới', operator: 'MobiFone', power: 'điện mặt trời + ắc quy', deadline: null });
    expect(all.features[40].properties).toMatchObject({ station_id: 'C', kind: 'nâng cấp', changes: 'antennaHeightM', antenna_height_m: 45 });
    // each with its cost and who pays: a new solar site with its backhaul, the raise alone for the upgrade
    for (const f of all.features as { properties: { cost: number; cost_operator: number; cost_fund: number; cost_power_utility: number; currency: string } }[]) {
      const p = f.properties;
      expect(p.currency).toBe('VND');
      expect(Math.abs(p.cost_operator + p.cost_fund + p.cost_power_utility - p.cost)).toBeLessThanOrEqual(2); // whole đồng, each rounded
    }
    expect(all.features[0].properties.cost).toBeGreaterThanOrEqual(1_500_000_000 + 600_000_000);
    expect(all.features[0].properties.cost_power_utility).toBe(0); // solar: nothing for the power utility
    expect(all.features[40].properties.cost).toBe(250_000_000);
    // the villages it serves had no signal in the baseline, and each one now has it
    const baseGaps = new Set((await getJson(`${srv.url}/collections/gaps/items?limit=1000`)).body.features.map((f: { properties: { name: string } }) => f.properties.name));
    const served = all.features.flatMap((f: { properties: { village_names: string | null } }) => (f.properties.village_names ?? '').split(', ').filter(Boolean));
    expect(served.length).toBeGreaterThan(0);
    for (const name of served) expect(baseGaps.has(name)).toBe(true);
    const left = new Set((await getJson(`${srv.url}/collections/gaps/items?limit=1000&scenario=${id}`)).body.features.map((f: { properties: { name: string } }) => f.properties.name));
    for (const name of served) expect(left.has(name)).toBe(false);
    const mobi = await (await ready(`/api/scenarios/${id}/work-orders?operator=mobifone&lang=en`)).json();
    expect(mobi.features).toHaveLength(20);
    expect(mobi.features.every((f: { properties: { operator: string; kind: string } }) => f.properties.operator === 'MobiFone' && f.properties.kind === 'new site')).toBe(true);
    expect(mobi.features.map((f: { properties: { priority: number } }) => f.properties.priority)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('CSV with its BOM and header in both languages; bad parameters are 400, an unknown scenario 404', async () => {
    const vi = Buffer.from(await (await ready(`/api/scenarios/${id}/work-orders?f=csv`)).arrayBuffer());
    expect([...vi.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(vi.toString('utf8').split('\r\n')[0]).toMatch(/^\uFEFFThứ tự xây dựng,Nhà mạng,Mã trạm,/);
    const en = await (await ready(`/api/scenarios/${id}/work-orders?f=csv&lang=en`)).text();
    expect(en.trim().split('\r\n')).toHaveLength(42);
    expect(en.split('\r\n')[0]).toMatch(/,Deadline$/);
    expect((await getJson(`${srv.url}/api/scenarios/${id}/work-orders?f=pdf`)).body.detail).toBe('f: expected one of geojson, csv, xlsx, kml, got "pdf"');
    expect((await getJson(`${srv.url}/api/scenarios/${id}/work-orders?operator=Nope`)).status).toBe(400);
    expect((await getJson(`${srv.url}/api/scenarios/nope/work-orders`)).status).toBe(404);
  });

  it.skipIf(!has('/usr/bin/ogrinfo'))('KML: GDAL reads one placemark per station', async () => {
    const kml = join(dir, 'orders.kml');
    writeFileSync(kml, Buffer.from(await (await ready(`/api/scenarios/${id}/work-orders?f=kml&operator=Viettel`)).arrayBuffer()));
    const { stdout } = await run('ogrinfo', ['-ro', '-al', '-so', kml]);
    expect(stdout).toMatch(/Feature Count: 21\b/);
  });

  it.skipIf(!has('/usr/bin/soffice') || !has('/usr/bin/pdftotext'))('XLSX: LibreOffice prints landscape pages, each with the header row', async () => {
    const xlsx = join(dir, 'orders.xlsx');
    writeFileSync(xlsx, Buffer.from(await (await ready(`/api/scenarios/${id}/work-orders?f=xlsx&lang=en`)).arrayBuffer()));
    await run('/usr/bin/soffice', [`-env:UserInstallation=file://${join(dir, 'soffice-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], { timeout: 180_000 });
    const pdf = join(dir, 'orders.pdf');
    const info = (await run('pdfinfo', [pdf])).stdout;
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    const [w, h] = (/Page size:\s+([\d.]+) x ([\d.]+)/.exec(info) ?? []).slice(1).map(Number);
    expect(w).toBeGreaterThan(h); // landscape
    // 41 rows of 23 columns fitted to the width: one page or more, the header on each
    expect(pages).toBeGreaterThanOrEqual(1);
    for (let p = 1; p <= pages; p++) {
      const text = (await run('pdftotext', ['-f', String(p), '-l', String(p), '-layout', pdf, '-'])).stdout;
      // the header row (its long labels wrap onto two lines)
      expect(text, `page ${p}`).toMatch(/Build\s+Operator\s+Station id/);
      expect(text, `page ${p}`).toMatch(/Deadline/);
    }
  }, 240_000);

  it.skipIf(!has('/usr/bin/soffice') || !has('/usr/bin/pdftotext'))('a long programme (150 stations): LibreOffice prints several landscape pages, the header on each', async () => {
    const orders = (await (await ready(`/api/scenarios/${id}/work-orders?lang=en`)).json()) as { features: unknown[] };
    expect(orders.features.length).toBeGreaterThan(0);
    // the same columns and print setup as the endpoint's, for 150 stations
    const one: WorkOrder = {
      priority: 1, kind: 'new', lon: 106.2, lat: 22.6, communeId: '01273', communeName: 'Thông Nông', changes: [],
      site: { id: 'N-1', name: 'Trạm mới Thông Nông', operator: 'Viettel', antennaHeightM: 40, status: 'planned', power: 'solar', backhaul: 'microwave', cells: [{ tech: '2G', freqMHz: 900, eirpDbm: 56 }, { tech: '4G', freqMHz: 1800, eirpDbm: 61 }] },
      villages: [{ id: 'v1', name: 'Bản Phiắc', population: 513 }, { id: 'v2', name: 'Nặm Nưa', population: 256 }],
      cost: { currency: 'VND', total: 2_350_000_000, operator: 1_762_664_450, fund: 587_335_550, powerUtility: 0 },
    };
    const many = Array.from({ length: 150 }, (_, i) => ({ ...one, priority: i + 1, site: { ...one.site, id: `N-${i + 1}` } }));
    const xlsx = join(dir, 'long.xlsx');
    writeFileSync(xlsx, workOrdersXlsx(many, 'en'));
    await run('/usr/bin/soffice', [`-env:UserInstallation=file://${join(dir, 'soffice-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], { timeout: 180_000 });
    const pdf = join(dir, 'long.pdf');
    const info = (await run('pdfinfo', [pdf])).stdout;
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    const [w, h] = (/Page size:\s+([\d.]+) x ([\d.]+)/.exec(info) ?? []).slice(1).map(Number);
    expect(w).toBeGreaterThan(h);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let p = 1; p <= pages; p++) {
      const text = (await run('pdftotext', ['-f', String(p), '-l', String(p), '-layout', pdf, '-'])).stdout;
      expect(text, `page ${p}`).toMatch(/Build\s+Operator\s+Station id/);
      expect(text, `page ${p}`).toMatch(/Deadline/);
    }
    // the whole programme is there, every station once, diacritics right
    const all = (await run('pdftotext', ['-layout', pdf, '-'])).stdout;
    expect(all.match(/Trạm mới Thông Nông/g)?.length).toBe(150);
    expect(all).toContain('Bản Phiắc');
  }, 240_000);
});
