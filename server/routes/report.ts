/**
 * The one-page reports as PDF, printed by headless Chromium from the web client's report page
 * (client/report.html) on this server's own loopback address:
 *  - GET /api/scenarios/compare/report.pdf?a=ID&b=ID&lang=vi|en: two networks side by side;
 *  - GET /api/scenarios/{id}/report.pdf?lang=vi|en: a scenario against its base (or the baseline).
 * 501 when Chromium or the built client is missing (the detail says what to install or run), 503
 * while a side is evaluated or when the render times out, 404 for an unknown scenario.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Router, type Request, type Response } from 'express';
import { ApiError, badRequest } from '../http/errors';
import { onlyParams, queryString } from '../http/params';
import type { NetworkViews } from '../services/networkViews';
import { BrowserMissingError, RenderFailedError, RenderTimeoutError, type ReportRenderer } from '../services/reportRenderer';
import type { ScenarioService } from '../services/scenarios';

export interface ReportRouteDeps {
  views: NetworkViews;
  scenarios: ScenarioService;
  /** null: this server prints no PDF (501). */
  renderer: ReportRenderer | null;
  /** The built web client (it holds report.html). */
  clientDir: string;
  /**
   * Credentials for the printing browser's reads, as the caller (with users and roles: a
   * short-lived token of the caller's role, released after the render); absent: none needed.
   */
  credentials?: (req: Request) => { headers: Record<string, string>; release(): void };
}

const LANGS = ['vi', 'en'] as const;

function langOf(req: Request): (typeof LANGS)[number] {
  const lang = queryString(req, 'lang') ?? 'vi';
  if (!(LANGS as readonly string[]).includes(lang)) throw badRequest(`lang: expected vi or en, got ${JSON.stringify(lang)}`);
  return lang as (typeof LANGS)[number];
}

/** This server as the browser beside it reaches it: the address and port the request came in on. */
function loopbackOrigin(req: Request): string {
  const address = req.socket.localAddress ?? '127.0.0.1';
  const host = address === '::' || address === '0.0.0.0' ? '127.0.0.1' : address.replace(/^::ffff:/, '');
  return `http://${host.includes(':') ? `[${host}]` : host}:${req.socket.localPort}`;
}

/**
 * @example
 * app.use(reportRoutes({ views, scenarios, renderer: new ReportRenderer(), clientDir: 'dist/client' }));
 */
export function reportRoutes(deps: ReportRouteDeps): Router {
  const router = Router();
  const reportHtml = join(resolve(deps.clientDir), 'report.html');

  /** Both sides evaluated (503 with progress otherwise), then the page printed. */
  const send = async (req: Request, res: Response, a: string, b: string, query: Record<string, string>, filename: string) => {
    for (const id of [a, b]) {
      const v = await deps.views.view(id);
      if (!v.gaps) throw new ApiError(501, 'Not Implemented', 'this server computes no coverage, so there is no report to print');
      v.gaps.stats(); // throws NotReadyError (503 with progress) while the side is evaluated
    }
    const renderer = deps.renderer;
    if (!renderer) throw new ApiError(501, 'Not Implemented', 'this server was started without a PDF renderer (server/runtime.ts makes one); the report page is at /report.html');
    if (!renderer.available()) throw new ApiError(501, 'Not Implemented', new BrowserMissingError(renderer.options.executablePath).message);
    if (!existsSync(reportHtml)) throw new ApiError(501, 'Not Implemented', `the web client is not built (no ${reportHtml}), and the PDF is printed from its report page: run \`npm run build\`, then ask again`);
    const url = `${loopbackOrigin(req)}/report.html?${new URLSearchParams(query)}`;
    let pdf: Buffer;
    const credentials = deps.credentials?.(req);
    try {
      pdf = await renderer.pdf(url, credentials?.headers);
    } catch (err) {
      if (err instanceof BrowserMissingError) throw new ApiError(501, 'Not Implemented', err.message);
      if (err instanceof RenderTimeoutError) throw new ApiError(503, 'Service Unavailable', err.message, { headers: { 'Retry-After': '30', 'Cache-Control': 'no-store' } });
      if (err instanceof RenderFailedError) throw new ApiError(500, 'Internal Server Error', err.message);
      throw err;
    } finally {
      credentials?.release();
    }
    res.set({ 'Cache-Control': 'no-store', 'Content-Disposition': `inline; filename="${filename}.pdf"` }).type('application/pdf').send(pdf);
  };

  // before /api/scenarios/:id/report.pdf: 'compare' is not an id
  router.get('/api/scenarios/compare/report.pdf', async (req, res) => {
    onlyParams(req, ['a', 'b', 'lang']);
    const lang = langOf(req);
    const side = (name: 'a' | 'b') => {
      const id = queryString(req, name);
      if (id === undefined || id.trim() === '') throw badRequest(`${name}: give a scenario id or "baseline", e.g. /api/scenarios/compare/report.pdf?a=baseline&b=<scenario id>`);
      return id;
    };
    const [a, b] = [side('a'), side('b')];
    for (const id of [a, b]) if (id !== 'baseline') await deps.scenarios.get(id); // 404 for an unknown one
    await send(req, res, a, b, { a, b, lang }, `report-${a}-vs-${b}`.replace(/[^\w.-]+/g, '-'));
  });

  router.get('/api/scenarios/:id/report.pdf', async (req, res) => {
    onlyParams(req, ['lang']);
    const lang = langOf(req);
    const s = await deps.scenarios.get(req.params.id); // 404 for an unknown one
    await send(req, res, s.base, s.id, { scenario: s.id, lang }, `report-${s.id}`.replace(/[^\w.-]+/g, '-'));
  });
  return router;
}
