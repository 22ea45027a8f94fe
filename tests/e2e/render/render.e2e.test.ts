/**
 * MapLibre render tests of the main layers, MapLibre's way: a case is `cases/<name>/style.json`
 * (our layer builders over inline GeoJSON, tests/e2e/render/cases.ts) and `expected.png`; the style
 * is drawn in headless Chromium by the MapLibre the app bundles, and the image compared with
 * pixelmatch at a tolerance. `UPDATE=1` writes style.json and expected.png again; on a failure the
 * drawn image and the difference go to tests/e2e/screenshots/render-<name>-{actual,diff}.png.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import pixelmatch from 'pixelmatch';
import { encodePng } from '../../../server/http/png';
import { decodePng } from '../../../server/http/pngDecode';
import { SIGNAL_COLORS } from '../../../core/color/signalRamp';
import { REPO_ROOT } from '../../../scripts/build-client';
import { SCREENSHOT_DIR, launchChromium, watchProblems } from '../harness';
import { RENDER_CASES, SIZE_PX, TILE_ORIGIN } from './cases';

const CASES_DIR = join(REPO_ROOT, 'tests', 'e2e', 'render', 'cases');
const MAPLIBRE_DIST = join(REPO_ROOT, 'node_modules', 'maplibre-gl', 'dist');
const UPDATE = process.env.UPDATE === '1';
/** pixelmatch's per-pixel colour threshold (0–1), MapLibre's render tests use 0.1 too. */
const PIXEL_THRESHOLD = 0.1;
/** Share of pixels that may differ (antialiasing between GPUs and Chromium versions): 0.5 %. */
const ALLOWED_DIFF_SHARE = 0.005;

/** The page that draws a style: MapLibre's own ES module and worker, nothing else. */
const PAGE_HTML = `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0}#map{width:${SIZE_PX}px;height:${SIZE_PX}px}</style></head>
<body><div id="map"></div><script type="module">
import * as maplibregl from '/maplibre-gl.mjs';
maplibregl.setWorkerUrl('/maplibre-gl-worker.mjs');
let map = null;
window.draw = (style) => new Promise((resolve, reject) => {
  map?.remove();
  map = new maplibregl.Map({ container: 'map', style, interactive: false, attributionControl: false, fadeDuration: 0, pixelRatio: 1 });
  map.on('error', (e) => reject(new Error(String(e.error?.message ?? e.error))));
  // drawn: the style and every source loaded, then a frame with nothing left to do
  map.once('load', () => {
    map.once('idle', () => resolve(map.queryRenderedFeatures().length));
    map.triggerRepaint();
  });
});
window.ready = true;
</script></body></html>`;

/** A coverage tile: bands of the four signal classes from weak (top) to excellent, the bottom band without signal (transparent). */
function coverageTile(): Buffer {
  const pixels = new Uint8Array(256 * 256 * 4);
  const rgb = SIGNAL_COLORS.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
  for (let y = 0; y < 256; y++) {
    const c = rgb[Math.floor(y / 52)];
    if (!c) continue; // transparent
    for (let x = 0, i = y * 256 * 4; x < 256; x++, i += 4) pixels.set([c[0], c[1], c[2], 255], i);
  }
  return encodePng(pixels, 256, 256, 4);
}

/** A PNG's pixels as RGBA (what pixelmatch reads). */
function rgba(png: Buffer): { width: number; height: number; data: Uint8Array } {
  const { width, height, channels, pixels } = decodePng(png);
  if (channels === 4) return { width, height, data: pixels };
  const data = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    data.set(pixels.subarray(p * channels, p * channels + 3), p * 4);
    data[p * 4 + 3] = 255;
  }
  return { width, height, data };
}

let browser: Browser;
let page: Page;
const problems: string[] = [];

describe('map render tests (golden images)', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: SIZE_PX, height: SIZE_PX }, deviceScaleFactor: 1 });
    watchProblems(page, problems);
    const tile = coverageTile();
    await page.route(`${TILE_ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') return route.fulfill({ contentType: 'text/html', body: PAGE_HTML });
      if (path.startsWith('/coverage/')) return route.fulfill({ contentType: 'image/png', body: tile });
      const file = join(MAPLIBRE_DIST, path.slice(1));
      if (/^\/[\w.-]+\.mjs$/.test(path) && existsSync(file)) return route.fulfill({ contentType: 'text/javascript', body: readFileSync(file) });
      return route.fulfill({ status: 404, body: '' });
    });
    await page.goto(`${TILE_ORIGIN}/`);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, undefined, { timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  for (const [name, build] of Object.entries(RENDER_CASES)) {
    it(`draws ${name} as expected.png`, async () => {
      const dir = join(CASES_DIR, name);
      const built = build();
      if (UPDATE) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'style.json'), `${JSON.stringify(built, null, 2)}\n`);
      }
      // the case file is what our builders make today
      const style = JSON.parse(readFileSync(join(dir, 'style.json'), 'utf8'));
      expect(style).toEqual(JSON.parse(JSON.stringify(built)));

      const drawnFeatures = await page.evaluate((s) => (window as unknown as { draw(s: unknown): Promise<number> }).draw(s), style);
      // every case draws features (a raster has none to query)
      if (name !== 'coverage-raster') expect(drawnFeatures).toBeGreaterThan(0);
      const actual = await page.locator('#map canvas').screenshot();
      if (UPDATE) writeFileSync(join(dir, 'expected.png'), actual);

      const a = rgba(actual);
      const e = rgba(readFileSync(join(dir, 'expected.png')));
      expect([a.width, a.height]).toEqual([e.width, e.height]);
      const diff = new Uint8Array(a.width * a.height * 4);
      const differing = pixelmatch(a.data, e.data, diff, a.width, a.height, { threshold: PIXEL_THRESHOLD });
      if (differing > ALLOWED_DIFF_SHARE * a.width * a.height) {
        writeFileSync(join(SCREENSHOT_DIR, `render-${name}-actual.png`), actual);
        writeFileSync(join(SCREENSHOT_DIR, `render-${name}-diff.png`), encodePng(diff, a.width, a.height, 4));
      }
      expect(differing).toBeLessThanOrEqual(ALLOWED_DIFF_SHARE * a.width * a.height);
      expect(problems).toEqual([]);
    }, 60_000);
  }
});
