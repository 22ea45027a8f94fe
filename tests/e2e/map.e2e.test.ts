/**
 * The map in a real browser: builds the client if stale, starts the real server (startServer) on a
 * free port, drives Debian's Chromium (WebGL through SwiftShader: slow, hence the long timeouts)
 * and checks what a planner sees: sites, villages, communes and hillshade drawn, popups, language
 * switch, the view in the URL, and that no request leaves 127.0.0.1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/main';
import { ensureClientBuilt } from '../../scripts/build-client';
import { SCREENSHOT_DIR, forEachPixel, idle, launchChromium, watchProblems, type Region } from './harness';
import { foldText } from '../../core/text/fold';
import type { Map as MapLibreMap } from 'maplibre-gl';

// what client/main.ts exposes for tests
declare global {
  interface Window {
    __covgap?: { map: MapLibreMap; ready: boolean };
  }
}

const READY_TIMEOUT_MS = 150_000;

let server: RunningServer;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const problems: string[] = [];

/** Waits until the app has loaded its data and the map went idle once. */
async function waitForMap(p: Page): Promise<void> {
  await p.waitForFunction(() => window.__covgap?.ready === true, undefined, { timeout: READY_TIMEOUT_MS, polling: 250 });
}

/** Standard deviation of luminance over a region of a PNG screenshot. */
function luminanceStd(png: Buffer, region: Region): number {
  let sum = 0;
  let sum2 = 0;
  let n = 0;
  forEachPixel(png, region, (r, g, b) => {
    const l = 0.299 * r + 0.587 * g + 0.114 * b;
    sum += l;
    sum2 += l * l;
    n++;
  });
  return Math.sqrt(Math.max(0, sum2 / n - (sum / n) ** 2));
}

async function openApp(hash = ''): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  p.on('request', (r) => requests.push(r.url()));
  p.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  watchProblems(p, problems);
  await p.goto(`${server.url}/${hash}`);
  await waitForMap(p);
  return p;
}

describe('covgap map in Chromium', () => {
  beforeAll(async () => {
    await ensureClientBuilt({ quiet: true });
    server = await startServer({ port: 0, host: '127.0.0.1', log: false });
    browser = await launchChromium(); // waits for apt to finish installing Chromium on a fresh machine
    page = await openApp();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws communes, villages and sites, with a Vietnamese UI by default', async () => {
    const counts = await page.evaluate(() => {
      const map = window.__covgap!.map;
      const n = (layer: string) => map.queryRenderedFeatures({ layers: [layer] }).length;
      return { communes: n('communes-fill'), labels: n('communes-label'), villages: n('villages'), sites: n('sites'), powerLines: n('power-lines') };
    });
    expect(counts.communes).toBeGreaterThan(0);
    expect(counts.labels).toBeGreaterThan(0);
    expect(counts.villages).toBeGreaterThan(0);
    expect(counts.sites).toBeGreaterThan(0);
    expect(await page.locator('#legend h2').textContent()).toBe('Chú giải');
    expect(await page.locator('#synthetic-note').textContent()).toContain('giả lập');
    // the demo label stays in view on the map, whatever the side panel's length (issue 23), at 1280 × 720 too
    await page.setViewportSize({ width: 1280, height: 720 });
    const badge = page.locator('#demo-badge');
    expect(await badge.textContent()).toBe('Dữ liệu minh hoạ (giả lập)');
    expect(await badge.getAttribute('title')).toContain('giả lập');
    const box = (await badge.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(720);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(await badge.isVisible()).toBe(true);
    // nothing drawn over it: the element at its centre is the badge
    expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.id, { x: box.x + box.width / 2, y: box.y + box.height / 2 })).toBe('demo-badge');
    await page.setViewportSize({ width: 1280, height: 800 });

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(join(SCREENSHOT_DIR, 'map.png'), await page.screenshot());
    console.log('rendered features:', JSON.stringify(counts));
  });

  it('shows relief from the terrain tiles (hillshade)', async () => {
    // only the hillshade on a plain background: its shading is the only source of contrast
    const region = { x: 400, y: 100, width: 800, height: 600 }; // right of the side panel
    const show = async (groups: Record<string, boolean>) => {
      for (const [group, on] of Object.entries(groups)) await page.locator(`input[data-group="${group}"]`).setChecked(on);
      await idle(page);
    };
    await show({ communes: false, villages: false, sites: false, powerLines: false, hillshade: false });
    const flatStd = luminanceStd(await page.screenshot(), region);
    await show({ hillshade: true });
    const shadedStd = luminanceStd(await page.screenshot(), region);
    console.log(`luminance std: hillshade off ${flatStd.toFixed(2)}, on ${shadedStd.toFixed(2)}`);
    expect(flatStd).toBeLessThan(1);
    expect(shadedStd).toBeGreaterThan(3);
    await show({ communes: true, villages: true, sites: true, powerLines: true });
    expect(await page.evaluate(() => location.hash)).not.toContain('hide=');
  });

  it('dims the map outside the province (its outline from /collections/province)', async () => {
    const outline = await (await fetch(`${server.url}/collections/province/items`)).json();
    const coords: number[][] = outline.features[0].geometry.coordinates.flat(outline.features[0].geometry.type === 'Polygon' ? 1 : 2);
    const w = Math.min(...coords.map((c) => c[0]));
    const n = Math.max(...coords.map((c) => c[1]));
    const village = (await (await fetch(`${server.url}/collections/villages/items?limit=1`)).json()).features[0].geometry.coordinates;
    const masked = await page.evaluate(([outside, inside]) => {
      const map = window.__covgap!.map;
      const at = (lngLat: [number, number]) => map.queryRenderedFeatures(map.project(lngLat), { layers: ['outside-mask'] }).length;
      return { outside: at(outside), inside: at(inside) };
    }, [[w - 0.01, n + 0.01], village] as [[number, number], [number, number]]);
    expect(masked).toEqual({ outside: 1, inside: 0 });
  });

  it('opens a popup with the operator and id when a site is clicked', async () => {
    // a site at least 12 px from any other, well clear of the side panel so the popup is too
    const target = await page.evaluate(() => {
      const map = window.__covgap!.map;
      const { width, height } = map.getCanvas().getBoundingClientRect();
      const pts = map.queryRenderedFeatures({ layers: ['sites'] }).map((f) => {
        const [lng, lat] = (f.geometry as GeoJSON.Point).coordinates;
        const p = map.project([lng, lat]);
        return { x: p.x, y: p.y, id: String(f.properties.id), operator: String(f.properties.operator) };
      });
      return (
        pts.find((a) => a.x > 560 && a.x < width - 200 && a.y > 260 && a.y < height - 80 && pts.every((b) => b === a || Math.hypot(a.x - b.x, a.y - b.y) > 12)) ?? null
      );
    });
    expect(target).not.toBeNull();
    await page.mouse.click(target!.x, target!.y);
    const popup = page.locator('.maplibregl-popup-content');
    await popup.waitFor({ timeout: 30_000 });
    const text = (await popup.textContent()) ?? '';
    expect(text).toContain(target!.operator);
    expect(text).toContain(target!.id);
    expect(text).toContain('Nhà mạng');
    writeFileSync(join(SCREENSHOT_DIR, 'popup.png'), await page.screenshot());
  });

  it('switches to English: panel and open popup change language, the URL records it', async () => {
    await page.locator('button[data-lang="en"]').click();
    expect(await page.locator('#legend h2').textContent()).toBe('Legend');
    expect(await page.locator('#synthetic-note').textContent()).toContain('Demo data: terrain, villages (and their boundaries), sites and power lines are synthetic');
    expect(await page.locator('#demo-badge').textContent()).toBe('Demo data (synthetic)');
    // the demo's hamlet boundaries are labelled synthetic in the legend
    expect(await page.locator('#legend').textContent()).toContain('Village boundary, synthetic (from zoom 11)');
    expect(await page.locator('.maplibregl-popup-content').textContent()).toContain('Operator');
    expect(await page.evaluate(() => location.hash)).toContain('lang=en');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('finds a commune without diacritics and flies there', async () => {
    const name = await page.evaluate(() => String(window.__covgap!.map.querySourceFeatures('communes')[0].properties.name));
    await page.locator('#search').fill(foldText(name).toUpperCase());
    const first = page.locator('#search-results button').first();
    expect(await first.locator('strong').textContent()).toBe(name);
    await page.evaluate(() => window.__covgap!.map.once('moveend', () => ((window as unknown as { moved: boolean }).moved = true)));
    await first.click();
    await page.waitForFunction(() => (window as unknown as { moved?: boolean }).moved === true, undefined, { timeout: 60_000 });
    const inside = await page.evaluate((n) => {
      const map = window.__covgap!.map;
      const c = map.project(map.getCenter());
      return map.queryRenderedFeatures([c.x, c.y], { layers: ['communes-fill'] }).some((f) => f.properties.name === n);
    }, name);
    expect(inside).toBe(true);
  });

  it('turns 3D terrain on and off', async () => {
    // at a low zoom: 3D through SwiftShader is slow, and this checks the switch, not the rendering
    await page.evaluate(() => window.__covgap!.map.jumpTo({ zoom: 8.5 }));
    await page.locator('#terrain-3d').setChecked(true);
    await page.waitForFunction(() => location.hash.includes('3d=1'), undefined, { timeout: 60_000 });
    expect(await page.evaluate(() => window.__covgap!.map.getTerrain())).toEqual({ source: 'dem-terrain', exaggeration: 1.5 });
    expect(await page.evaluate(() => window.__covgap!.map.getPitch())).toBeGreaterThan(30);
    await page.locator('#terrain-3d').setChecked(false);
    expect(await page.evaluate(() => window.__covgap!.map.getTerrain())).toBeNull();
    expect(await page.evaluate(() => location.hash)).not.toContain('3d=1');
  });

  it('keeps the view in the URL, and a shared link restores it', async () => {
    await page.evaluate(() => window.__covgap!.map.jumpTo({ center: [106.1, 22.7], zoom: 10.25, bearing: 15, pitch: 30 }));
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toMatch(/^#map=10\.25\/22\.70000\/106\.10000\/15\/30&lang=en/);
    const shared = await openApp(hash);
    const view = await shared.evaluate(() => {
      const map = window.__covgap!.map;
      return { zoom: map.getZoom(), center: map.getCenter().toArray(), bearing: map.getBearing(), pitch: map.getPitch(), legend: document.querySelector('#legend h2')?.textContent };
    });
    expect(view.zoom).toBeCloseTo(10.25, 5);
    expect(view.center[0]).toBeCloseTo(106.1, 5);
    expect(view.center[1]).toBeCloseTo(22.7, 5);
    expect(view.bearing).toBeCloseTo(15, 5);
    expect(view.pitch).toBeCloseTo(30, 5);
    expect(view.legend).toBe('Legend');
    await shared.close();
  });

  it('never requested anything outside 127.0.0.1, and logged no errors', () => {
    const origin = new URL(server.url).origin;
    const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(requests.length).toBeGreaterThan(5);
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
  });
});
