/**
 * The upload form in the browser (issue 11): a bad file's report lists its problems with their
 * lines or features; a good file is imported and the map shows the new data without a reload or a
 * restart; the village boundaries are drawn as outlines from zoom 11 on; the gap rule selector
 * switches the gap table between the settlement point and the area rule. On the tiny test province
 * (its own DATA_DIR) with the coverage computed for real (ITM, 1 km radius).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { ensureClientBuilt } from '../../scripts/build-client';
import { startServer, type RunningServer } from '../../server/main';
import { writeTinyGeodata } from '../helpers/tinyGeodata';
import { idle, launchChromium, watchProblems } from './harness';

let dir: string;
let server: RunningServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

type Win = Window & { __covgap?: { map: MapLibreMap; ready: boolean } };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'covgap-e2e-imports-'));
  const manifest = writeTinyGeodata(dir);
  await ensureClientBuilt({ quiet: true });
  server = await startServer(
    { port: 0, host: '127.0.0.1', log: false, geodataPath: manifest, dataDir: join(dir, 'data') },
    { coverage: true, coverageLog: () => {}, pipeline: { settings: { coverage: { radiusM: 1000 } }, workers: 2 } },
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  watchProblems(page, problems);
  await page.goto(`${server.url}/#lang=en`, { timeout: 120_000 });
  await page.waitForFunction(() => (window as Win).__covgap?.ready === true, undefined, { timeout: 150_000, polling: 250 });
  await page.waitForSelector('#import-form', { timeout: 30_000 });
  await page.waitForSelector('#gaps tbody tr', { timeout: 120_000 });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const square = (lon: number, lat: number, r: number) => ({ type: 'Polygon', coordinates: [[[lon - r, lat - r], [lon + r, lat - r], [lon + r, lat + r], [lon - r, lat + r], [lon - r, lat - r]]] });
const village = (id: string, at: [number, number], boundary: object | null, over: Record<string, unknown> = {}) => ({
  type: 'Feature', geometry: { type: 'Point', coordinates: at },
  properties: { id, name: `Bản ${id}`, communeId: '01', population: 100, households: 20, electrified: true, ...(boundary ? { boundary } : {}), ...over },
});

async function upload(layer: string, name: string, content: string): Promise<void> {
  await page.selectOption('#import-form select[name=layer]', layer);
  await page.setInputFiles('#import-form input[name=file]', { name, mimeType: 'application/octet-stream', buffer: Buffer.from(content) });
  await page.click('#import-form button[type=submit]');
  await page.waitForSelector('#import-report[data-state]', { timeout: 60_000 });
}
const sourceCount = (id: string) => page.evaluate((src) => {
  const s = (window as Win).__covgap!.map.getSource(src) as unknown as { serialize(): { data: { features: unknown[] } } };
  return s.serialize().data.features.length;
}, id);
const tableIds = () => page.$$eval('#gaps tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset.id).sort());

describe('the upload form', () => {
  it('shows every problem of a refused file with its line or feature, and nothing changes', async () => {
    const csv = 'radio,mcc,net,area,cell,unit,lon,lat\nLTE,452,4,100,25601,,106.2,22.6\nLTE,452,4,100,25857,,106.3,north\n';
    await upload('sites', 'cells.csv', csv);
    expect(await page.$eval('#import-form select[name=format]', (s) => (s as HTMLSelectElement).value)).toBe('opencellid');
    expect(await page.getAttribute('#import-report', 'data-state')).toBe('refused');
    const items = await page.$$eval('#import-report li', (li) => li.map((x) => x.textContent));
    expect(items).toEqual(['line 3, lat lat must be a number in [-90, 90], got "north"']);
    expect(await sourceCount('sites')).toBe(88);

    const bad = { type: 'FeatureCollection', features: [village('A', [106.1, 22.6], null), village('A', [106.2, 22.6], null), village('C', [106.3, 22.6], null, { population: -5 })] };
    await upload('villages', 'bad.geojson', JSON.stringify(bad));
    expect(await page.$$eval('#import-report li', (li) => li.map((x) => x.textContent))).toEqual([
      'feature 1, properties.id duplicate id "A" (first used by features[0])',
      'feature 2, properties.population must be a non-negative integer, got -5',
    ]);
    expect(await sourceCount('villages')).toBe(30);
  });

  it('imports a good file: the map shows it at once, boundaries as outlines from zoom 11, and the gap rule switches the table', async () => {
    const good = { type: 'FeatureCollection', features: [village('A', [106.1, 22.6], square(106.1, 22.6, 0.05)), village('B', [106.13, 22.6], square(106.1, 22.6, 0.004)), village('C', [106.925, 22.925], null)] };
    await upload('villages', 'hamlets.geojson', JSON.stringify(good));
    expect(await page.getAttribute('#import-report', 'data-state')).toBe('applied');
    expect(await page.textContent('#import-report')).toMatch(/^Imported as version 2: 3 features/);
    expect(await sourceCount('villages')).toBe(3);
    expect(await sourceCount('village-boundaries')).toBe(2);
    expect(await page.textContent('#legend')).toContain('Village boundary (from zoom 11)');

    // outlines from zoom 11 on, none below
    const rendered = async (zoom: number) => {
      await page.evaluate((z) => (window as Win).__covgap!.map.jumpTo({ center: [106.1, 22.6], zoom: z }), zoom);
      await idle(page);
      return page.evaluate(() => (window as Win).__covgap!.map.queryRenderedFeatures({ layers: ['village-boundaries'] }).length);
    };
    expect(await rendered(12)).toBeGreaterThan(0);
    expect(await rendered(9)).toBe(0);

    // the gap table follows the new villages (the server recomputed them), then the rule
    await page.waitForFunction(() => document.querySelectorAll('#gaps tbody tr').length === 2, undefined, { timeout: 60_000 });
    expect(await tableIds()).toEqual(['B', 'C']);
    await page.selectOption('#gaps select[data-filter=rule]', 'area');
    await page.waitForFunction(() => [...document.querySelectorAll('#gaps tbody tr')].map((r) => (r as HTMLElement).dataset.id).sort().join() === 'A,C', undefined, { timeout: 30_000 });
    expect(await tableIds()).toEqual(['A', 'C']);
    expect(await page.getAttribute('#gaps a[data-format=csv]', 'href')).toMatch(/rule=area/);
    // the browser logs the refused uploads (422) and the tiny province's missing outline (404)
    expect(problems.filter((p) => !/status of (404|422)/.test(p))).toEqual([]);
  });
});
