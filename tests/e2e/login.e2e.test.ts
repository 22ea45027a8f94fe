/**
 * Users and roles in Chromium (issue 12) on the demo province with its coverage, on a store of its
 * own (the shared coverage cache linked in): the map asks for a login (the API answers 401), a
 * wrong password says so, a viewer sees the map, who is logged in and no Plan mode; after logging
 * out and in as a planner, Plan mode is there, and a station placed is previewed and saved with
 * the cookie (the same-origin check lets the page's own writes through), the planner as the
 * scenario's author. The session cookie is HttpOnly (not in
 * document.cookie), and the page runs under the strict Content-Security-Policy without a
 * violation. Screenshot: tests/e2e/screenshots/login.png.
 *
 * A session that ends while the app is open (POST /api/logout from another request with the same
 * cookie, as a logout in another tab or an expiry does) brings back the login form at the app's
 * next request, saying so, and after signing in the app carries on as it was (same URL, same
 * view, no reload); signing in as someone else reloads the same URL. The report page opened
 * without a login shows the form, then the report. Screenshot: tests/e2e/screenshots/login-ended.png.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
const logInOn = async (p: Page, name: string, password: string): Promise<void> => {
  await p.fill('#login-name', name);
  await p.fill('#login-password', password);
  await p.click('#login button[type=submit]');
};
/** A page of its own (no cookie yet), its errors in `problems`. */
const freshPage = async (): Promise<{ context: BrowserContext; p: Page }> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await context.newPage();
  watchProblems(p, problems);
  return { context, p };
};
/** Ends the page's session from outside it: POST /api/logout with the same cookie (another tab's logout, or the 12 hours gone). */
const endSession = async (context: BrowserContext): Promise<void> => {
  const session = (await context.cookies()).find((c) => c.name === 'covgap_session')!.value;
  const cookie = `covgap_session=${session}`;
  expect((await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { cookie, origin: server.url } })).status).toBe(204);
  expect((await fetch(`${server.url}/api/me`, { headers: { cookie } })).status).toBe(401);
};

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
  it('brings back the login form when the session ends while the app is open, and carries on as it was once signed in', async () => {
    const { context, p } = await freshPage();
    try {
      await p.goto(`${server.url}/#lang=en`, { timeout: 120_000 });
      await p.waitForSelector('#login', { timeout: 60_000 });
      expect(await p.locator('#login-ended').count()).toBe(0); // the first login says nothing of an ended session
      await logInOn(p, 'minh', 'lãnh đạo xem bản đồ');
      await mapReady(p);
      await p.waitForSelector('#coverage-tech', { timeout: 60_000 });
      await p.evaluate(() => (window as W).__covgap!.map.jumpTo({ center: [106.1, 22.75], zoom: 11 }));
      await idle(p);
      await p.waitForFunction(() => location.hash.startsWith('#map=11.00/22.75000/106.10000'), undefined, { timeout: 10_000 });
      const url = p.url();
      await p.evaluate(() => { (window as unknown as { sameDocument: boolean }).sameDocument = true; });

      // the coverage on the map: its tiles are MapLibre's requests, not the client's API calls
      await p.check('#coverage-show');
      await idle(p);
      const tiles2g: number[] = [];
      p.on('response', (r) => { if (/\/tiles\/coverage\/.*tech=2G/.test(r.url())) tiles2g.push(r.status()); });

      await endSession(context);
      // the next thing the user does asks the API (the legend of 2G, and its tiles): the form comes back, saying why
      await p.selectOption('#coverage-tech', '2G');
      await p.waitForSelector('#login #login-ended', { timeout: 60_000 });
      expect(await p.locator('#login-ended').textContent()).toBe('Your session has ended — log in again.');
      expect(await p.locator('#login-title').textContent()).toBe('Log in to covgap');
      expect(await p.locator('#login-overlay').count()).toBe(1); // one form, however many requests met the 401
      expect(await p.locator('.error, .coverage-status.error').count()).toBe(0); // no raw API error on the page
      await p.screenshot({ path: join(SCREENSHOT_DIR, 'login-ended.png') });

      await logInOn(p, 'minh', 'lãnh đạo xem bản đồ');
      await p.waitForSelector('#login-overlay', { state: 'detached', timeout: 30_000 });
      // the request that met the 401 was sent again: the 2G legend is there, on the same page at the same URL
      await p.waitForFunction(() => document.querySelector('.coverage-legend h3')?.textContent?.startsWith('2G') === true, undefined, { timeout: 60_000 });
      expect(await p.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      expect(p.url()).toBe(url);
      expect(await p.locator('#coverage-tech').inputValue()).toBe('2G');
      expect(await p.locator('#user-bar .user-name').textContent()).toBe('minh (viewer)');
      // the tiles refused meanwhile are asked for again, and served
      await p.waitForFunction(() => (window as unknown as { __covgap: { map: { isSourceLoaded(id: string): boolean } } }).__covgap.map.isSourceLoaded('coverage'), undefined, { timeout: 60_000, polling: 250 });
      expect(tiles2g).toContain(401);
      expect(tiles2g.slice(tiles2g.lastIndexOf(401) + 1)).toContain(200);

      // ended again, and someone else signs in: the page is loaded again at the same URL, for its new user
      await endSession(context);
      await p.selectOption('#coverage-tech', '4G');
      await p.waitForSelector('#login #login-ended', { timeout: 60_000 });
      await logInOn(p, 'hoa', 'kỹ sư quy hoạch');
      await p.waitForFunction(() => document.querySelector('#user-bar .user-name')?.textContent === 'hoa (planner)', undefined, { timeout: 120_000, polling: 250 });
      expect(await p.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBeUndefined();
      expect(p.url()).toBe(url);
      await mapReady(p);
      expect(problems.filter((x) => !/status of 401/.test(x))).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);

  it('shows the report page opened without a login the login form, then the report asked for', async () => {
    const { context, p } = await freshPage();
    try {
      const url = `${server.url}/report.html?a=baseline&b=baseline&lang=en`;
      await p.goto(url, { timeout: 120_000 });
      await p.waitForSelector('#login', { timeout: 60_000 });
      expect(await p.locator('#login-title').textContent()).toBe('Log in to covgap');
      expect(await p.locator('#report .error').count()).toBe(0); // no bare error
      // meanwhile the page tells the server's report browser (which waits for data-ready) not to wait
      expect(await p.evaluate(() => ({ ...document.body.dataset }))).toEqual({ ready: 'error', error: 'the report page asks for a login (HTTP 401)' });
      await logInOn(p, 'minh', 'lãnh đạo xem bản đồ');
      await p.waitForFunction(() => document.querySelector('#login') === null && (document.body.dataset.ready === 'true' || document.body.dataset.ready === 'error'), undefined, { timeout: 150_000, polling: 250 });
      expect(await p.evaluate(() => document.body.dataset.error ?? null)).toBeNull();
      expect(await p.evaluate(() => document.body.dataset.ready)).toBe('true');
      expect(p.url()).toBe(url);
      expect(await p.locator('#login-overlay').count()).toBe(0);
      expect(await p.locator('#report h1').textContent()).toBe('Scenario comparison: Current network and Current network');
      expect(problems.filter((x) => !/status of 401/.test(x))).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);
});
