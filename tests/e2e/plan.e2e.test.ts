/**
 * The site editor in Chromium on the demo province: enter Plan mode, click to place a station next
 * to a gap village, see that village highlighted as newly covered, save, and — after the page
 * shows the scenario in place (no reload), and again after loading its URL — see it on screen with
 * the KPI header's count of villages without signal lower than the baseline's.
 * Screenshots: tests/e2e/screenshots/plan-*.png.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { RunningServer } from '../../server/main';
import { COVERAGE_TIMEOUT_MS, SCREENSHOT_DIR, idle, kpiNoSignal, openCoverageApp } from './harness';

type W = Window & { __covgap?: { map: MapLibreMap; ready: boolean; scenario: string | null; plan?: { highlighted(): string[]; scenarioId(): string | null; busy(): boolean; edits(): unknown[] } } };

let server: RunningServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

describe('plan mode in Chromium', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openCoverageApp(problems));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('places a station by a gap village, highlights it as newly covered, saves, and the scenario is restored from its URL with fewer villages without signal', async () => {
    const baseline = await kpiNoSignal(page);
    const stats = await (await fetch(`${server.url}/api/stats`)).json();
    expect(baseline).toBe(stats.villagesWithoutSignal);
    expect(await page.locator('#scenario-bar').getAttribute('data-scenario')).toBe('baseline');
    // the highest-priority gap village, in the middle of the map
    const gaps = await (await fetch(`${server.url}/collections/gaps/items?limit=1`)).json();
    const village = gaps.features[0];
    const [lon, lat] = village.geometry.coordinates as [number, number];
    await page.evaluate(([x, y]) => (window as W).__covgap!.map.jumpTo({ center: [x, y], zoom: 13 }), [lon, lat]);
    await idle(page);

    await page.click('#plan-toggle');
    expect(await page.locator('#plan-toggle').getAttribute('aria-pressed')).toBe('true');
    // 200 m east of the village
    const at = await page.evaluate(([x, y]) => {
      const p = (window as W).__covgap!.map.project([x + 0.002, y]);
      const r = (window as W).__covgap!.map.getCanvas().getBoundingClientRect();
      return { x: p.x + r.left, y: p.y + r.top };
    }, [lon, lat]);
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction((id) => (window as W).__covgap!.plan!.highlighted().includes(id), village.id, { timeout: 120_000, polling: 200 });
    await idle(page);
    // the village is drawn highlighted, the station's marker is on the map, the edit is listed
    const drawn = await page.evaluate((id) => (window as W).__covgap!.map.queryRenderedFeatures({ layers: ['plan-newly-covered'] }).map((f) => String(f.properties.id)).includes(id), village.id);
    expect(drawn).toBe(true);
    expect(await page.locator('.plan-marker').count()).toBe(1);
    expect(await page.locator('.plan-edits li').count()).toBe(1);
    // the preview's finding and the save's status are two lines: whichever answers last hides neither
    await page.waitForFunction(() => !(window as W).__covgap!.plan!.busy(), undefined, { timeout: 60_000 });
    expect(await page.locator('.plan-message').textContent()).toMatch(/villages newly with signal/);
    expect(await page.locator('.plan-save-status').textContent()).toMatch(/version 1/);
    writeFileSync(join(SCREENSHOT_DIR, 'plan-preview.png'), await page.screenshot());

    // undo takes the station away, redo brings it back; a drag moves it (one more edit) and previews again
    const edits = () => page.evaluate(() => (window as W).__covgap!.plan!.edits().length);
    await page.click('#plan-undo');
    expect(await edits()).toBe(0);
    expect(await page.locator('.plan-marker').count()).toBe(0);
    await page.click('#plan-redo');
    expect(await edits()).toBe(1);
    expect(await page.locator('.plan-marker').count()).toBe(1);
    const box = (await page.locator('.plan-marker').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 10, box.y + box.height / 2 + 4, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(() => (window as W).__covgap!.plan!.edits().length === 2 && !(window as W).__covgap!.plan!.busy(), undefined, { timeout: 60_000 });
    expect(await page.locator('.plan-edits li').nth(1).textContent()).toMatch(/^~ PLAN-.*: lon, lat$/);
    // a click on the station: its operator, height and technologies can be changed
    await page.locator('.plan-marker').click();
    await page.locator('.plan-popup .plan-height').fill('55');
    await page.locator('.plan-popup .plan-station-operator').selectOption('Viettel');
    await page.locator('.plan-popup button', { hasText: 'Apply' }).click();
    await page.waitForFunction(() => (window as W).__covgap!.plan!.edits().length === 3 && !(window as W).__covgap!.plan!.busy(), undefined, { timeout: 60_000 });
    expect(await page.locator('.plan-edits li').nth(2).textContent()).toMatch(/^~ PLAN-.*: antennaHeightM, operator$/);

    // the scenario was made on the first edit; "save and show" switches the app to it
    await page.waitForFunction(() => (window as W).__covgap!.plan!.scenarioId() !== null && !(window as W).__covgap!.plan!.busy(), undefined, { timeout: 60_000 });
    const id = await page.evaluate(() => (window as W).__covgap!.plan!.scenarioId());
    // in place: no navigation (the marker survives), the KPI header becomes the scenario's
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 7));
    await page.click('#plan-save');
    await page.waitForFunction((sid) => document.getElementById('gap-kpi')?.dataset.scenario === sid, id, { timeout: 150_000, polling: 250 });
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(7);
    expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('scenario')).toBe(id);
    expect(await page.evaluate(() => (window as W).__covgap!.scenario)).toBe(id);
    const after = await kpiNoSignal(page);
    expect(after).toBeLessThan(baseline);
    const scenStats = await (await fetch(`${server.url}/api/stats?scenario=${id}`)).json();
    expect(after).toBe(scenStats.villagesWithoutSignal);
    // plan mode edits the scenario now on screen: its edits are still there
    expect(await page.evaluate(() => (window as W).__covgap!.plan!.edits().length)).toBe(3);

    // a link restores it: load the URL again
    await page.goto(page.url(), { timeout: 120_000 });
    await page.reload({ timeout: 120_000 });
    await page.waitForFunction(() => (window as W).__covgap?.ready === true, undefined, { timeout: 150_000, polling: 250 });
    expect(await page.evaluate(() => (window as W).__covgap!.scenario)).toBe(id);
    expect(await kpiNoSignal(page)).toBe(after);
    expect(await page.locator('#scenario-bar').getAttribute('data-scenario')).toBe(id);
    expect(await page.locator('#scenario-bar .scenario-label').textContent()).toMatch(/^On screen: scenario /);
    // its outputs from the scenario bar (issue 23): the comparison, the one-page report, the work orders
    expect(await page.locator('#scenario-report').getAttribute('href')).toBe(`report.html?scenario=${id}&lang=en`);
    expect(await page.locator('#scenario-work-orders').getAttribute('href')).toBe(`/api/scenarios/${id}/work-orders?f=xlsx&lang=en`);
    // the stations placed in Plan mode carry the scenario's id or the draft's own token, never "new"
    const orders = (await (await fetch(`${server.url}/api/scenarios/${id}/work-orders?f=geojson`)).json()) as { features: { properties: { station_id: string } }[] };
    expect(orders.features.length).toBeGreaterThan(0);
    for (const f of orders.features) expect(f.properties.station_id).toMatch(/^PLAN-(?!new-)[0-9A-Za-z_-]{8}-\d{3}$/);
    // the gap table lists the scenario's gaps, without the village
    await page.waitForFunction(() => document.querySelectorAll('#gaps tbody tr').length > 0, undefined, { timeout: 60_000 });
    expect(await page.locator(`#gaps tbody tr[data-id="${village.id}"]`).count()).toBe(0);
    writeFileSync(join(SCREENSHOT_DIR, 'plan-scenario.png'), await page.screenshot());
    expect(problems).toEqual([]);
  }, COVERAGE_TIMEOUT_MS + 300_000);
});
