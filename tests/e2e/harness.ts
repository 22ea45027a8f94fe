/**
 * What the browser tests share: where Chromium is and how it is started (headless, no network of
 * its own, WebGL through SwiftShader), where screenshots and the coverage cache go, and the waits.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { REPO_ROOT, ensureClientBuilt } from '../../scripts/build-client';
import { decodePng } from '../../server/http/pngDecode';
import { startServer, type RunningServer } from '../../server/main';
import { DEMO_COVERAGE_DATA_DIR, demoDataDir } from '../server/demo.helpers';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(REPO_ROOT, 'tests', 'e2e', 'screenshots');
/** The coverage cache, shared with the partners' clients test (tests/server/demo.helpers.ts). */
export const E2E_DATA_DIR = DEMO_COVERAGE_DATA_DIR;
/** A cold province run takes minutes (223–269 s measured quiet on 2 cores, ~250 s beside the browser tests; warm: seconds). */
export const COVERAGE_TIMEOUT_MS = 75 * 60_000;

/** Starts Debian's Chromium headless (waiting up to 2 minutes for apt to finish installing it). */
export async function launchChromium(): Promise<Browser> {
  for (let waited = 0; !existsSync(CHROMIUM) && waited < 120; waited++) await new Promise((r) => setTimeout(r, 1000));
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking', // this machine's closed network refuses Chromium's own connections
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

/** Collects the page's uncaught errors and console errors into `problems`. */
export function watchProblems(page: Page, problems: string[]): void {
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
}

/** Waits for the next `idle` of the map (after a change of view or style). */
export async function idle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (window as Window & { __covgap?: { map: MapLibreMap } }).__covgap!.map;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

export interface CoverageApp {
  server: RunningServer;
  browser: Browser;
  page: Page;
}

/**
 * The app with the province coverage on (cache in E2E_DATA_DIR): builds the client if needed,
 * starts the server and Chromium, opens the English UI and waits until the map is ready. The
 * page's errors go to `problems`; `log` gets the server's coverage progress lines; `beforeOpen`
 * runs once the server is up and before the page opens (to store scenarios the page should list).
 *
 * @example
 * const { server, browser, page } = await openCoverageApp(problems);
 */
export async function openCoverageApp(problems: string[], log: (line: string) => void = (line) => console.log(line), beforeOpen: (server: RunningServer) => Promise<void> = async () => {}): Promise<CoverageApp> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await ensureClientBuilt({ quiet: true });
  // the province rasters from the shared cache; the store and plans of this run only
  const server = await startServer({ port: 0, host: '127.0.0.1', log: false, dataDir: demoDataDir() }, { coverage: true, coverageLog: log });
  await beforeOpen(server);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  watchProblems(page, problems);
  await page.goto(`${server.url}/#lang=en`, { timeout: 120_000 });
  await page.waitForFunction(() => (window as Window & { __covgap?: { ready: boolean } }).__covgap?.ready === true, undefined, { timeout: 150_000, polling: 250 });
  return { server, browser, page };
}

/**
 * openCoverageApp for a describe block: started before its tests (and closed after), read through
 * the returned getter; the page's errors in `problems`.
 *
 * @example
 * const app = useCoverageApp(problems);
 * it('…', async () => { const { page, server } = app(); … });
 */
export function useCoverageApp(problems: string[]): () => CoverageApp {
  let app: CoverageApp | null = null;
  beforeAll(async () => {
    app = await openCoverageApp(problems);
  }, 300_000);
  afterAll(async () => {
    await app?.browser.close();
    await app?.server.close();
  });
  return () => {
    if (!app) throw new Error('the coverage app is not open (beforeAll failed)');
    return app;
  };
}

/** The count of villages without signal in the KPI header, once it shows. */
export async function kpiNoSignal(p: Page): Promise<number> {
  await p.waitForFunction(() => document.querySelector('#gap-kpi [data-kpi="kpi.noSignal"] b') !== null, undefined, { timeout: COVERAGE_TIMEOUT_MS, polling: 500 });
  return Number((await p.locator('#gap-kpi [data-kpi="kpi.noSignal"] b').textContent())!.replace(/\D/g, ''));
}

/** A rectangle of a screenshot, CSS pixels (the tests' viewport has device scale 1). */
export interface Region { x: number; y: number; width: number; height: number }

/**
 * Calls `fn(r, g, b)` for every pixel of `region` of a PNG screenshot (decoded here, in Node).
 *
 * @example
 * let red = 0; forEachPixel(await page.screenshot(), { x: 0, y: 0, width: 10, height: 10 }, (r) => { if (r > 200) red++; });
 */
export function forEachPixel(png: Buffer, region: Region, fn: (r: number, g: number, b: number) => void): void {
  const { width, height, channels, pixels } = decodePng(png);
  const x1 = Math.min(width, region.x + region.width);
  const y1 = Math.min(height, region.y + region.height);
  for (let y = region.y; y < y1; y++) {
    for (let x = region.x, i = (y * width + x) * channels; x < x1; x++, i += channels) fn(pixels[i], pixels[i + 1], pixels[i + 2]);
  }
}
