/**
 * The planning panel in Chromium on the demo province: open it, ask for the stations that close
 * every gap at least cost, watch the progress, see the proposed stations on the map (numbered,
 * linked to their villages), the marginal-gain chart with its bound and the build-order table with
 * costs by payer; a row shows that station's coverage; save the plan as a scenario and see the app
 * switch to it with fewer villages without signal.
 * Screenshots: tests/e2e/screenshots/siting-*.png.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { COVERAGE_TIMEOUT_MS, SCREENSHOT_DIR, idle, kpiNoSignal, useCoverageApp } from './harness';

interface PlanDoc { id: string; state: string; stations?: { features: { properties: { id: string } }[] }; servedVillages?: number; gapVillages?: number }
type W = Window & { __covgap?: { map: MapLibreMap; ready: boolean; scenario: string | null; siting?: { plan(): PlanDoc | null; busy(): boolean } } };

const problems: string[] = [];

describe('the planning panel in Chromium', () => {
  const app = useCoverageApp(problems);

  it('runs a plan from the panel, shows the stations, the chart and the table, and saves it as a scenario', async () => {
    const { page, server } = app();
    const baseline = await kpiNoSignal(page);
    expect(baseline).toBeGreaterThan(0);
    await page.click('#siting-toggle');
    expect(await page.locator('#siting-toggle').getAttribute('aria-pressed')).toBe('true');
    // every village, least cost: the default limit; the cost settings are there to change
    expect(await page.locator('#siting-goal').inputValue()).toBe('coverAll');
    await page.locator('.siting-costs summary').click();
    await page.locator('#siting-newSite').fill('1600000000');
    await page.locator('#siting-newSite').dispatchEvent('change');
    await page.click('#siting-run');
    // the progress bar while it runs, then the answer
    await page.waitForSelector('#siting-progress', { timeout: 60_000 });
    await page.waitForFunction(() => (window as W).__covgap!.siting!.plan()?.state === 'done' && !(window as W).__covgap!.siting!.busy(), undefined, { timeout: 600_000, polling: 1000 });
    const plan = (await page.evaluate(() => (window as W).__covgap!.siting!.plan()))!;
    const n = plan.stations!.features.length;
    console.log(`siting panel: ${n} stations, ${plan.servedVillages}/${plan.gapVillages} villages`);
    expect(n).toBeGreaterThan(5);
    expect(plan.servedVillages).toBe(plan.gapVillages);
    await idle(page);
    // the stations on the map, numbered, with the links to the villages they serve
    const drawn = await page.evaluate(() => (window as W).__covgap!.map.queryRenderedFeatures({ layers: ['siting-stations'] }).length);
    expect(drawn).toBe(n);
    const links = await page.evaluate(() => (window as W).__covgap!.map.querySourceFeatures('siting-links').length);
    expect(links).toBeGreaterThanOrEqual(plan.servedVillages!);
    // the summary, the chart (plan and bound) and one table row per station with its payers
    expect(await page.locator('#siting-summary').textContent()).toMatch(new RegExp(`→ 100% with ${n} stations`));
    expect(await page.locator('#siting-chart path.plan').count()).toBe(1);
    expect(await page.locator('#siting-chart path.bound').count()).toBe(1);
    expect(await page.locator('#siting-table tbody tr').count()).toBe(n);
    expect(await page.locator('#siting-table tbody tr').first().locator('td').nth(5).textContent()).toMatch(/^[\d,]+ \/ [\d,]+ \/ [\d,]+$/);
    writeFileSync(join(SCREENSHOT_DIR, 'siting-plan.png'), await page.screenshot());
    // a row: the station's coverage on the map
    await page.locator('#siting-table tbody tr').first().click();
    await page.waitForFunction(() => (window as W).__covgap!.map.querySourceFeatures('siting-preview').length > 0, undefined, { timeout: 120_000, polling: 500 });
    await idle(page);
    writeFileSync(join(SCREENSHOT_DIR, 'siting-station.png'), await page.screenshot());

    // saved as a scenario, the app shows it: no village without signal is left
    // in place (no reload): the scenario on screen, its analysis in the KPI header
    await page.click('#siting-save');
    await page.waitForFunction(() => (window as W).__covgap!.scenario !== null, undefined, { timeout: 60_000, polling: 250 });
    const id = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('scenario');
    expect(id).toBeTruthy();
    expect(id).toBe(await page.evaluate(() => (window as W).__covgap!.scenario));
    await page.waitForFunction((sid) => document.getElementById('gap-kpi')?.dataset.scenario === sid, id, { timeout: 150_000, polling: 250 });
    const after = await kpiNoSignal(page);
    expect(after).toBe(0);
    const stats = await (await fetch(`${server.url}/api/stats?scenario=${id}`)).json();
    expect(stats.villagesWithoutSignal).toBe(0);
    writeFileSync(join(SCREENSHOT_DIR, 'siting-scenario.png'), await page.screenshot());
    expect(problems).toEqual([]);
  }, COVERAGE_TIMEOUT_MS + 900_000);
});
