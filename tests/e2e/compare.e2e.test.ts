/**
 * The comparison view in Chromium on the demo province: two scenarios' maps side by side, each
 * labelled, KPI cards A vs B, the per-commune chart and the villages gained; moving one map moves
 * the other; the swipe mode; the URL restores the comparison.
 * Screenshots: tests/e2e/screenshots/compare-*.png.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { RunningServer } from '../../server/main';
import { COVERAGE_TIMEOUT_MS, SCREENSHOT_DIR, openCoverageApp } from './harness';

type W = Window & { __compare?: { ready: boolean; maps: [MapLibreMap, MapLibreMap] } };

let server: RunningServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const station = (id: string, lon: number, lat: number) => ({
  type: 'Feature', geometry: { type: 'Point', coordinates: [lon + 0.002, lat] },
  properties: { id, name: `Trạm ${id}`, operator: 'Viettel', antennaHeightM: 40, status: 'planned', power: 'solar', backhaul: 'microwave', cells: [{ tech: '2G', freqMHz: 900, eirpDbm: 56 }, { tech: '4G', freqMHz: 1800, eirpDbm: 61 }] },
});

describe('comparison of two scenarios in Chromium', () => {
  let a = '';
  let b = '';
  beforeAll(async () => {
    ({ server, browser, page } = await openCoverageApp(problems));
    const gaps = (await (await fetch(`${server.url}/collections/gaps/items?limit=6`)).json()).features as { geometry: { coordinates: [number, number] } }[];
    const make = async (name: string, n: number) => {
      const edits = gaps.slice(0, n).map((g, i) => ({ op: 'add', site: station(`CMP-${name}-${i}`, ...g.geometry.coordinates) }));
      const res = await fetch(`${server.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `Phương án ${name}`, edits }) });
      return (await res.json()).id as string;
    };
    a = await make('A', 2);
    b = await make('B', 6);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows both maps, labelled, the KPI cards A → B, the chart and the villages gained; one map moves the other', async () => {
    await page.goto(`${server.url}/compare.html#a=${a}&b=${b}&lang=en`, { timeout: 120_000 });
    await page.waitForFunction(() => (window as W).__compare?.ready === true, undefined, { timeout: COVERAGE_TIMEOUT_MS, polling: 500 });
    expect(await page.locator('#map-a canvas').count()).toBe(1);
    expect(await page.locator('#map-b canvas').count()).toBe(1);
    expect(await page.locator('.map-label-a').textContent()).toBe('A: Phương án A');
    expect(await page.locator('.map-label-b').textContent()).toBe('B: Phương án B');
    const c = await (await fetch(`${server.url}/api/scenarios/compare?a=${a}&b=${b}`)).json();
    const num = async (sel: string) => Number((await page.locator(sel).textContent())!.replace(/\D/g, ''));
    expect(await num('[data-kpi="compare.withSignal"] .kpi-a')).toBe(c.a.villagesWithSignal);
    expect(await num('[data-kpi="compare.withSignal"] .kpi-b')).toBe(c.b.villagesWithSignal);
    expect(c.b.villagesWithSignal).toBeGreaterThan(c.a.villagesWithSignal);
    expect(await page.locator('[data-kpi="compare.withSignal"] .kpi-diff').textContent()).toBe(`+${c.b.villagesWithSignal - c.a.villagesWithSignal}`);
    // B's cost by payer, in millions, as the comparison answers it
    expect(await num('[data-kpi="compare.cost"] .kpi-ab b')).toBe(Math.round(c.cost.total / 1e6));
    expect(await page.locator('[data-kpi="compare.cost"] .kpi-diff').textContent()).toMatch(/^operators [\d,]+ · fund [\d,]+ · power [\d,]+$/);
    expect(await page.locator('#compare-chart svg rect.bar-b').count()).toBeGreaterThanOrEqual(2);
    // the station changes there are, none shown as "−0" (issue 23)
    const changes = [[c.stations.added.length, 'new'], [c.stations.removed.length, 'off'], [c.stations.changed.length, 'changed']].filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}`).join(', ');
    expect(await page.locator('[data-kpi="compare.stations"] .kpi-ab').textContent()).toBe(changes);
    expect(changes).toBe('6 new, 2 off');
    expect(await page.locator('.village-list.gained li').count()).toBe(Math.min(200, c.villagesGained.length));
    // the report (page and PDF) and B's work orders are a click away (issue 23), and the PDF link answers a PDF
    const href = (o: string) => page.locator(`#compare-outputs a[data-output="${o}"]`).getAttribute('href');
    expect(await href('report')).toBe(`report.html?a=${a}&b=${b}&lang=en`);
    expect(await href('pdf')).toBe(`/api/scenarios/compare/report.pdf?a=${a}&b=${b}&lang=en`);
    expect(await href('work-orders')).toBe(`/api/scenarios/${b}/work-orders?f=xlsx&lang=en`);
    const orders = await fetch(`${server.url}${await href('work-orders')}`);
    expect(orders.status).toBe(200);
    expect(orders.headers.get('content-type')).toMatch(/spreadsheetml/);
    // moving A moves B
    await page.evaluate(() => (window as W).__compare!.maps[0].jumpTo({ center: [106.1, 22.8], zoom: 11 }));
    const centers = await page.evaluate(() => (window as W).__compare!.maps.map((m) => [m.getCenter().lng, m.getCenter().lat, m.getZoom()]));
    expect(centers[1][0]).toBeCloseTo(centers[0][0], 6);
    expect(centers[1][1]).toBeCloseTo(centers[0][1], 6);
    expect(centers[1][2]).toBeCloseTo(11, 6);
    // a click in the list of gained villages flies both maps there
    await page.locator('.village-list.gained button').first().click();
    await page.waitForFunction(() => !(window as W).__compare!.maps[0].isMoving(), undefined, { timeout: 30_000 });
    writeFileSync(join(SCREENSHOT_DIR, 'compare-side.png'), await page.screenshot());
  }, COVERAGE_TIMEOUT_MS + 120_000);

  it('switches to one map with a swipe divider; the URL restores the comparison and the view', async () => {
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.click('#compare-mode')]);
    await page.waitForFunction(() => (window as W).__compare?.ready === true, undefined, { timeout: 120_000, polling: 500 });
    const hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
    expect(hash.get('mode')).toBe('swipe');
    expect(hash.get('a')).toBe(a);
    expect(hash.get('map')).toMatch(/^\d+\.\d\d\/[\d.]+\/[\d.]+$/);
    expect(await page.locator('#swipe').isVisible()).toBe(true);
    const clip = await page.evaluate(() => document.getElementById('map-b')!.style.clipPath);
    expect(clip).toMatch(/^inset\(0(px)? 0(px)? 0(px)? \d+(\.\d+)?px\)$/);
    writeFileSync(join(SCREENSHOT_DIR, 'compare-swipe.png'), await page.screenshot());
    expect(problems).toEqual([]);
  }, 240_000);

  it('the report page opened without a scenario offers the scenarios and a comparison, in Vietnamese', async () => {
    // a page of its own: the comparison page stays as the other tests left it
    const page = await browser.newPage();
    await page.goto(`${server.url}/report.html`, { timeout: 120_000 });
    await page.waitForFunction(() => document.body.dataset.ready === 'chooser' || document.body.dataset.ready === 'error', undefined, { timeout: 60_000 });
    expect(await page.evaluate(() => document.body.dataset.ready)).toBe('chooser');
    expect(await page.locator('h1').textContent()).toBe('Báo cáo một trang');
    const links = await page.locator('#choose-scenarios a').evaluateAll((as) => as.map((x) => [x.textContent, x.getAttribute('href')]));
    expect(links).toContainEqual(['Phương án B', `report.html?scenario=${b}&lang=vi`]);
    await page.selectOption('#choose-b', b);
    expect(await page.locator('#choose-open').getAttribute('href')).toBe(`report.html?a=baseline&b=${b}&lang=vi`);
    // no developer's message in English
    expect(await page.locator('body').textContent()).not.toMatch(/give \?scenario=ID/);
    await page.close();
  }, 120_000);
});
