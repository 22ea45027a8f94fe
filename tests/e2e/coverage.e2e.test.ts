/**
 * The coverage layer and the profile chart in a real browser, on the demo data: starts the real
 * server with the province coverage computing in the background, waits until it is ready (minutes
 * on a cold start), turns the coverage layer on and checks the signal colours are drawn, clicks
 * open ground for the predicted signal, and opens the terrain profile of a village without 4G.
 * Screenshots go to tests/e2e/screenshots/coverage-*.png.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { SIGNAL_COLORS, hexToRgb } from '../../core/color/signalRamp';
import type { RunningServer } from '../../server/main';
import { COVERAGE_TIMEOUT_MS, SCREENSHOT_DIR, forEachPixel, idle, openCoverageApp, type Region } from './harness';

/** What client/main.ts exposes for tests. */
type W = Window & { __covgap?: { map: MapLibreMap; ready: boolean; coverage?: { status(): { state: string; percent: number } | null } } };


let server: RunningServer;
let browser: Browser;
let page: Page;
let startedAt = 0;
const problems: string[] = [];

/** Pixels of a screenshot region within `tol` of one of `colors` (RGB). */
function countColors(png: Buffer, region: Region, colors: number[][], tol: number): number[] {
  const counts = colors.map(() => 0);
  forEachPixel(png, region, (r, g, b) => {
    for (let k = 0; k < colors.length; k++) {
      const c = colors[k];
      if (Math.abs(r - c[0]) <= tol && Math.abs(g - c[1]) <= tol && Math.abs(b - c[2]) <= tol) counts[k]++;
    }
  });
  return counts;
}

describe('coverage layer and profile chart in Chromium', () => {
  beforeAll(async () => {
    startedAt = Date.now();
    ({ server, browser, page } = await openCoverageApp(problems, (line) => console.log(`[${((Date.now() - startedAt) / 1000).toFixed(0)} s] ${line}`)));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the coverage section, computing with a percentage until ready', async () => {
    await page.locator('#coverage-panel h2').waitFor({ timeout: 60_000 });
    expect(await page.locator('#coverage-panel h2').textContent()).toBe('Coverage');
    const state = await page.evaluate(() => (window as W).__covgap!.coverage?.status()?.state ?? null);
    if (state === 'computing') {
      expect(await page.locator('#coverage-panel .coverage-status').textContent()).toMatch(/^Computing coverage… \d+ %$/);
      writeFileSync(join(SCREENSHOT_DIR, 'coverage-computing.png'), await page.screenshot());
    }
    await page.waitForFunction(() => (window as W).__covgap!.coverage?.status()?.state === 'ready', undefined, { timeout: COVERAGE_TIMEOUT_MS, polling: 2000 });
    console.log(`coverage ready ${((Date.now() - startedAt) / 1000).toFixed(0)} s after the server started (was ${state} when the page loaded)`);
    expect(await page.locator('#coverage-panel .coverage-legend h3').textContent()).toBe('4G RSRP');
  }, COVERAGE_TIMEOUT_MS + 60_000);

  it('draws the signal colours when the coverage layer is turned on', async () => {
    await page.locator('#coverage-show').setChecked(true);
    await page.waitForFunction(() => document.getElementById('coverage-panel')?.dataset.layer === 'visible');
    await idle(page);
    writeFileSync(join(SCREENSHOT_DIR, 'coverage-layer.png'), await page.screenshot());
    // opaque for the pixel check: the layer's colours then show exactly (nearest resampling)
    await page.evaluate(() => (window as W).__covgap!.map.setPaintProperty('coverage', 'raster-opacity', 1));
    await idle(page);
    const region = { x: 330, y: 40, width: 880, height: 700 }; // right of the side panel
    const counts = countColors(await page.screenshot(), region, SIGNAL_COLORS.map(hexToRgb), 3);
    const total = counts.reduce((a, b) => a + b, 0);
    console.log(`signal colour pixels (weak, fair, good, excellent): ${counts.join(', ')} of ${region.width * region.height}`);
    expect(total).toBeGreaterThan(0.05 * region.width * region.height);
    expect(counts.filter((c) => c > 100).length).toBeGreaterThanOrEqual(3);
    await page.evaluate(() => (window as W).__covgap!.map.setPaintProperty('coverage', 'raster-opacity', 0.62));
    await idle(page);
  });

  it('shows the predicted signal when open ground is clicked', async () => {
    const spot = await page.evaluate(() => {
      const map = (window as W).__covgap!.map;
      // a spot on the coverage away from sites and villages
      for (let y = 200; y < 700; y += 23) {
        for (let x = 600; x < 1100; x += 29) {
          const near = map.queryRenderedFeatures([[x - 8, y - 8], [x + 8, y + 8]], { layers: ['sites', 'villages'] });
          if (near.length === 0) return { x, y };
        }
      }
      return null;
    });
    expect(spot).not.toBeNull();
    await page.mouse.click(spot!.x, spot!.y);
    const popup = page.locator('.maplibregl-popup-content .popup');
    await popup.waitFor({ timeout: 30_000 });
    const text = (await popup.textContent()) ?? '';
    expect(text).toContain('Predicted signal');
    expect(text).toContain('4G RSRP');
    expect(text).toContain('2G RxLev');
    writeFileSync(join(SCREENSHOT_DIR, 'coverage-point.png'), await page.screenshot());
  });

  it("opens a village's profile chart from its popup: terrain, line of sight, Fresnel zone and losses", async () => {
    // a village without 4G, found through the API
    const villages = (await (await fetch(`${server.url}/collections/villages/items?limit=10000`)).json()) as GeoJSON.FeatureCollection<GeoJSON.Point>;
    let target: GeoJSON.Feature<GeoJSON.Point> | null = null;
    for (const v of villages.features.slice(0, 400)) {
      const [lon, lat] = v.geometry.coordinates;
      const point = await (await fetch(`${server.url}/api/coverage/point?lon=${lon}&lat=${lat}`)).json();
      if (point.techs?.find((t: { tech: string; covered: boolean }) => t.tech === '4G' && !t.covered)) {
        target = v;
        break;
      }
    }
    expect(target).not.toBeNull();
    const [lon, lat] = target!.geometry.coordinates;
    await page.evaluate(([x, y]) => (window as W).__covgap!.map.jumpTo({ center: [x, y], zoom: 13 }), [lon, lat]);
    await idle(page);
    const at = await page.evaluate(([x, y]) => (window as W).__covgap!.map.project([x, y]), [lon, lat]);
    await page.mouse.click(at.x, at.y);
    const button = page.locator('.maplibregl-popup-content .profile-open');
    await button.waitFor({ timeout: 30_000 });
    expect(await button.textContent()).toBe('Profile to the best/nearest site');
    await button.click();
    await page.locator('#profile-panel[data-ready="true"]').waitFor({ timeout: 60_000 });
    const chart = await page.evaluate(() => {
      const q = (s: string) => document.querySelector(`#profile-panel ${s}`);
      return {
        terrain: q('svg .profile-terrain')?.getAttribute('d')?.length ?? 0,
        los: q('svg .profile-los') !== null,
        fresnel: q('svg .profile-fresnel')?.getAttribute('d')?.length ?? 0,
        verdict: q('.profile-verdict')?.textContent ?? '',
        models: document.querySelectorAll('#profile-panel .profile-losses tbody tr').length,
        title: q('h2')?.textContent ?? '',
      };
    });
    expect(chart.terrain).toBeGreaterThan(200);
    expect(chart.los).toBe(true);
    expect(chart.fresnel).toBeGreaterThan(200);
    expect(chart.verdict).toMatch(/^(Line of sight clear|Blocked at)/);
    expect(chart.models).toBe(5);
    expect(chart.title).toContain(String(target!.properties!.name));
    console.log(`profile of ${target!.properties!.id}: ${chart.verdict}`);
    writeFileSync(join(SCREENSHOT_DIR, 'coverage-profile.png'), await page.screenshot());
  });

  it('logged no page errors', () => {
    expect(problems).toEqual([]);
  });
});
