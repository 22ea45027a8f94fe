/**
 * What the browser tests share: where Chromium is and how it is started (headless, no network of
 * its own, WebGL through SwiftShader), where screenshots and the coverage cache go, and the waits.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { REPO_ROOT } from '../../scripts/build-client';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(REPO_ROOT, 'tests', 'e2e', 'screenshots');
/**
 * The coverage cache outlives the checkout (a fresh CI clone on the same machine starts warm):
 * COVGAP_E2E_DATA_DIR, or covgap-e2e under the system's temporary directory.
 */
export const E2E_DATA_DIR = process.env.COVGAP_E2E_DATA_DIR ?? join(tmpdir(), 'covgap-e2e');
/** A cold province run takes minutes (376–468 s measured on 2 cores; warm: seconds). */
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
