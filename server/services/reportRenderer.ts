/**
 * Prints the report page of the web client (client/report.html) to PDF with headless Chromium
 * (playwright-core driving the Debian `chromium`). One browser per server, launched on the first
 * report and closed with the server; one render at a time (the page draws a WebGL map, and the
 * machine is small). The page marks itself ready (`<body data-ready="true">`) once its map is idle
 * and its figures are in, or `data-ready="error"` with the reason in `data-error`.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Chromium is not there: the server cannot print (HTTP 501). */
export class BrowserMissingError extends Error {
  constructor(readonly executablePath: string) {
    super(`no Chromium at ${executablePath}: install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to its executable, then ask again`);
    this.name = 'BrowserMissingError';
  }
}

/** The page did not become ready in time (HTTP 503). */
export class RenderTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the report did not render within ${Math.round(timeoutMs / 1000)} s (the server is busy or the map could not draw); try again in a minute`);
    this.name = 'RenderTimeoutError';
  }
}

/** The page said it could not build the report (its reason: a failed read, a missing scenario). */
export class RenderFailedError extends Error {
  constructor(detail: string) {
    super(`the report page could not be built: ${detail}`);
    this.name = 'RenderFailedError';
  }
}

export interface ReportRendererOptions {
  /** The Chromium executable; default /usr/bin/chromium (Debian's package). */
  executablePath?: string;
  /** How long a render may take, page load to PDF; default 90 s (a cold browser on 2 busy cores needs ~10 s). */
  timeoutMs?: number;
  /** Device pixels per CSS pixel of the map image in the PDF; default 2 (sharp in print, ~4 MB less than 3). */
  deviceScaleFactor?: number;
}

const DEFAULTS: Required<ReportRendererOptions> = Object.freeze({
  executablePath: '/usr/bin/chromium',
  timeoutMs: 90_000,
  deviceScaleFactor: 2,
});

/** Chromium's switches: as the browser tests launch it (tests/e2e/harness.ts), WebGL through SwiftShader. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking', // no network of its own: the page reads only our loopback URL
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader', // the map is WebGL; there is no GPU
  '--enable-unsafe-swiftshader',
];

/** A4 at CSS 96 px per inch: 210 × 297 mm. */
const A4_VIEWPORT = { width: 794, height: 1123 };

/**
 * @example
 * const reports = new ReportRenderer();
 * const pdf = await reports.pdf('http://127.0.0.1:8080/report.html?scenario=s1&lang=vi');
 * await reports.close();
 */
export class ReportRenderer {
  readonly options: Required<ReportRendererOptions>;
  private _browser: Promise<Browser> | null = null;
  private _queue: Promise<unknown> = Promise.resolve();
  private _closed = false;

  constructor(options: ReportRendererOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** True when the browser can be started here (the executable exists). */
  available(): boolean {
    return existsSync(this.options.executablePath);
  }

  /**
   * The PDF (one A4 page per report) of the page at `url`; queued behind any render under way.
   * `headers` go with every request of the page (the credentials of the caller it prints for).
   */
  pdf(url: string, headers: Record<string, string> = {}): Promise<Buffer> {
    if (!this.available()) return Promise.reject(new BrowserMissingError(this.options.executablePath));
    const job = this._queue.then(() => this._render(url, headers));
    this._queue = job.catch(() => undefined);
    return job;
  }

  /** Closes the browser (if one was started); later renders fail. */
  async close(): Promise<void> {
    this._closed = true;
    const b = this._browser;
    this._browser = null;
    if (b) await b.then((x) => x.close(), () => undefined);
  }

  private _launch(): Promise<Browser> {
    if (this._closed) return Promise.reject(new Error('the report renderer is closed'));
    if (!this._browser) {
      // loaded on the first report: a server that prints none never pays for it
      this._browser = import('playwright-core').then(({ chromium }) => chromium.launch({ executablePath: this.options.executablePath, args: ARGS }));
      // a failed launch (or a browser that died) is tried again on the next report
      this._browser.then((b) => b.on('disconnected', () => { this._browser = null; }), () => { this._browser = null; });
    }
    return this._browser;
  }

  private async _render(url: string, headers: Record<string, string>): Promise<Buffer> {
    const { timeoutMs } = this.options;
    const deadline = Date.now() + timeoutMs;
    const browser = await this._launch();
    const context = await browser.newContext({ viewport: A4_VIEWPORT, deviceScaleFactor: this.options.deviceScaleFactor, extraHTTPHeaders: headers });
    try {
      const page = await context.newPage();
      // only our own server: anything else the page asks for is refused (no network at run time)
      const origin = new URL(url).origin;
      await page.route((u) => u.origin !== origin, (route) => route.abort());
      await page.emulateMedia({ media: 'print' });
      await page.goto(url, { timeout: timeoutMs, waitUntil: 'load' });
      try {
        await page.waitForFunction(() => document.body?.dataset.ready === 'true' || document.body?.dataset.ready === 'error', undefined, { timeout: Math.max(1000, deadline - Date.now()), polling: 200 });
      } catch {
        throw new RenderTimeoutError(timeoutMs);
      }
      const state = await page.evaluate(() => ({ ready: document.body.dataset.ready, error: document.body.dataset.error ?? '' }));
      if (state.ready === 'error') throw new RenderFailedError(state.error);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new RenderTimeoutError(timeoutMs)), Math.max(1000, deadline - Date.now())); });
      try {
        return await Promise.race([page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }), late]);
      } finally {
        clearTimeout(timer);
      }
    } finally {
      await context.close().catch(() => undefined);
    }
  }
}
