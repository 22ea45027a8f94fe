/**
 * Users and roles in Chromium (issue 12) on the demo province with its coverage, on a store of its
 * own (the shared coverage cache linked in): the map asks for a login (the API answers 401), a
 * wrong password says so, a viewer sees the map, who is logged in and no Plan mode; after logging
 * out and in as a planner, Plan mode is there, and a station placed is previewed and saved with
 * the cookie (the same-origin check lets the page's own writes through), the planner as the
 * scenario's author. The session cookie is HttpOnly (not in
 * document.cookie), and the page runs under the strict Content-Security-Policy without a
 * violation. Screenshot: tests/e2e/screenshots/login.png.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureClientBuilt } from '../../scripts/build-client';
import { openSqliteStore } from '../../server/data/store/sqlite';
import { startServer, type RunningServer } from '../../server/main';
import { AuthService } from '../../server/services/auth';
import { E2E_DATA_DIR, SCREENSHOT_DIR, idle, launchChromium, watchProblems } from './harness';

type W = Window & { __covgap?: { ready: boolean; map: { project(p: [number, number]): { x: number; y: number }; jumpTo(o: object): void; getCanvas(): HTMLCanvasElement }; coverage?: unknown; plan?: { scenarioId(): string | null; busy(): boolean }; me?: { name: string; role: string } } };

let server: RunningServer;
let browser: Browser;
let page: Page;
let dataDir: string;
const problems: string[] = [];

beforeAll(async () => {
  await ensureClientBuilt({ quiet: true });
  // the users go into a store of this test's own; the coverage comes from the browser tests' cache
  dataDir = mkdtempSync(join(tmpdir(), 'covgap-login-e2e-'));
  symlinkSync(join(E2E_DATA_DIR, 'coverage-cache'), join(dataDir, 'coverage-cache'));
  const store = openSqliteStore(join(dataDir, 'covgap.sqlite'));
  const auth = new AuthService(store.auth, { localAdmin: true });
  await auth.createUser({ name: 'minh', role: 'viewer', password: 'lãnh đạo xem bản đồ' });
  await auth.createUser({ name: 'hoa', role: 'planner', password: 'kỹ sư quy hoạch' });
  await store.close();
  server = await startServer({ port: 0, host: '127.0.0.1', log: false, dataDir }, { coverage: true, coverageLog: () => {} });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  watchProblems(page, problems);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const logIn = async (name: string, password: string): Promise<void> => {
  await page.fill('#login-name', name);
  await page.fill('#login-password', password);
  await page.click('#login button[type=submit]');
};
const mapReady = (p: Page) => p.waitForFunction(() => (window as W).__covgap?.ready === true && (window as W).__covgap?.coverage !== undefined, undefined, { timeout: 150_000, polling: 250 });

describe('login in Chromium', () => {
  it('asks for a login; a viewer sees the map and who is logged in, without Plan mode; a planner gets Plan mode and saves a station', async () => {
    await page.goto(`${server.url}/#lang=en`, { timeout: 120_000 });
    await page.waitForSelector('#login', { timeout: 60_000 });
    expect(await page.locator('#login-title').textContent()).toBe('Log in to covgap');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'login.png') });

    await logIn('minh', 'not the password');
    await page.waitForFunction(() => document.querySelector('#login-message')?.textContent !== '', undefined, { timeout: 30_000 });
    expect(await page.locator('#login-message').textContent()).toBe('Wrong user name or password.');
    expect(await page.locator('#login').isVisible()).toBe(true);

    await logIn('minh', 'lãnh đạo xem bản đồ');
    await mapReady(page);
    expect(await page.locator('#login-overlay').count()).toBe(0);
    expect(await page.locator('#user-bar .user-name').textContent()).toBe('minh (viewer)');
    expect(await page.locator('#plan-panel').count()).toBe(0); // a viewer does not plan
    expect(await page.evaluate(() => document.cookie)).not.toContain('covgap_session'); // HttpOnly
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'covgap_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // the gap table offers a viewer no CSV/XLSX/KML/GeoPackage (the server would refuse them)
    await page.waitForSelector('.gaps-downloads a', { timeout: 150_000 });
    expect(await page.locator('.gaps-downloads a').evaluateAll((as) => as.map((a) => a.getAttribute('data-format')))).toEqual(['geojson']);

    await page.click('#logout');
    await page.waitForSelector('#login', { timeout: 60_000 });
    expect(await page.evaluate(() => (window as W).__covgap?.ready ?? false)).toBe(false);

    await logIn('hoa', 'kỹ sư quy hoạch');
    await mapReady(page);
    expect(await page.locator('#user-bar .user-name').textContent()).toBe('hoa (planner)');
    await page.waitForSelector('#plan-panel #plan-toggle', { timeout: 60_000 });
    await page.waitForSelector('.gaps-downloads a[data-format=xlsx]', { timeout: 150_000 });

    // the planner places a station: the preview and the save go out with the cookie from the page (same-origin), and pass
    const gap = await page.evaluate(async () => (await (await fetch('/collections/gaps/items?limit=1')).json()).features[0].geometry.coordinates as [number, number]);
    await page.evaluate(([x, y]) => (window as W).__covgap!.map.jumpTo({ center: [x, y], zoom: 13 }), gap);
    await idle(page);
    await page.click('#plan-toggle');
    const at = await page.evaluate(([x, y]) => {
      const m = (window as W).__covgap!.map;
      const p = m.project([x + 0.002, y]);
      const r = m.getCanvas().getBoundingClientRect();
      return { x: p.x + r.left, y: p.y + r.top };
    }, gap);
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction(() => (window as W).__covgap!.plan!.scenarioId() !== null && !(window as W).__covgap!.plan!.busy(), undefined, { timeout: 120_000, polling: 250 });
    expect(await page.locator('.plan-save-status').textContent()).toMatch(/version 1/);
    const id = await page.evaluate(() => (window as W).__covgap!.plan!.scenarioId());
    const saved = await page.evaluate(async (sid) => (await fetch(`/api/scenarios/${sid}`)).json(), id);
    expect(saved).toMatchObject({ id, author: 'hoa' });

    // nothing but the expected 401s of the logged-out page (no CSP violation, no script error)
    expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
  }, 300_000);
});
