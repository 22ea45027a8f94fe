/**
 * The fast lane: the answers that need no route — a kept feature page (server/http/pageCache.ts),
 * a kept coverage or terrain tile (server/http/answerMemo.ts) and /api/health — written straight
 * on node:http, before Express. Express's own set-up of a request (its request and response
 * objects, the router walking every middleware) costs more than these answers: on this
 * machine's 2 cores a bare Express app answers a 58-byte gzip body at about 2,600 requests/s at
 * 100 connections, node:http at about 6,400 (bench/README.md, "Load").
 *
 * Only what is sure to be answered the same is taken; anything else goes on to Express, which
 * answers it as before (and keeps the page for next time):
 * - GET only (/api/health without parameters, and accepting JSON), with no `Origin`,
 *   `Authorization` or `Cookie` header (an anonymous caller: the local
 *   administrator of a server without users, or nobody), and no CORS configured (it adds Vary);
 * - a Host the app answers to (hostAllowed of server/http/host.ts: parsed as an authority, then the
 *   allow-list; the same parser as Express's hostGuard), and a caller the policy lets read the path
 *   (server/auth/policy.ts; a refusal is Express's to write);
 * - the same security headers (the app's helmet middleware, called here), the same log line.
 *
 * @example
 * const lane = fastLane({ security, allowedHost, anonymous, log, pages, pageVersion, health });
 * createServer((req, res) => void lane(req, res).then((done) => done || app(req, res)));
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import accepts from 'accepts';
import type { Request, RequestHandler, Response } from 'express';
import { setPrincipal, type Principal } from '../auth/principal';
import { atLeast, requiredRole } from '../auth/policy';
import { answerKept, AnswerMemo } from './answerMemo';
import { answerPage, PageCache } from './pageCache';
import { logWhenFinished } from './requestLog';

export interface FastLaneDeps {
  /** The app's security-header middleware (helmet): synchronous, it only sets headers. */
  security: RequestHandler;
  /** hostAllowed (server/http/host.ts) as the app's hostGuard applies it; null: no check. */
  allowedHost: ((host: string | undefined) => boolean) | null;
  /** Who an anonymous caller is (AuthService.anonymous; the local administrator without authentication). */
  anonymous: () => Principal | null | Promise<Principal | null>;
  /** Where log lines go; null when request logs are off. */
  log: ((line: string) => void) | null;
  pages: PageCache;
  /**
   * The version of a page of the baseline (`scenario`: the query's value; `operator`: the
   * caller's limit), as the app's page cache keys it; null: not kept, Express answers.
   */
  pageVersion: (collectionId: string, scenario: string | undefined, operator: string | null) => string | null;
  /** Kept tiles (server/http/answerMemo.ts), and their version as the app keys them (null: not kept). */
  answers: AnswerMemo;
  answerVersion: (path: string, scenario: string | undefined, operator: string | null) => string | null;
  /** The body of GET /api/health (JSON text). */
  health: () => string;
}

const ITEMS = /^\/collections\/([^/]+)\/items(?:\/[^/]+)?$/;

/**
 * Resolves true when it answered the request, false when Express is to (nothing written then).
 */
export function fastLane(deps: FastLaneDeps): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const no = Promise.resolve(false);
  return (req, res) => {
    if (req.method !== 'GET') return no;
    const h = req.headers;
    if (h.origin !== undefined || h.authorization !== undefined || h.cookie !== undefined) return no;
    if (deps.allowedHost && !deps.allowedHost(h.host)) return no;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (path === '/api/health') {
      if (q >= 0) return no; // a parameter is a 400 (onlyParams): Express's
      if (h.accept !== undefined && !accepts(req).type(['application/json'])) return no; // 406 (jsonOnly): Express's
      return answerAs(deps, req, res, path, {}, () => {
        const body = Buffer.from(deps.health());
        res.statusCode = 200;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Content-Length', body.length);
        res.end(body);
      });
    }
    const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
    if (path.startsWith('/tiles/')) {
      const version = deps.answerVersion(path, query.get('scenario') ?? undefined, null);
      const kept = version === null ? undefined : deps.answers.get(AnswerMemo.key(version, url));
      if (!kept) return no;
      return answerAs(deps, req, res, path, Object.fromEntries(query), () => answerKept(req, res, kept));
    }
    const m = ITEMS.exec(path);
    if (!m) return no;
    let collectionId: string;
    try {
      collectionId = decodeURIComponent(m[1]);
    } catch {
      return no; // malformed: Express's 400
    }
    const version = deps.pageVersion(collectionId, query.get('scenario') ?? undefined, null);
    if (version === null) return no;
    const protocol = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
    const hit = deps.pages.get(PageCache.key(version, protocol, h.host, url));
    if (!hit) return no;
    return answerAs(deps, req, res, path, Object.fromEntries(query), () => answerPage(req, res, hit));
  };
}

/** As the anonymous caller, if the policy lets it read `path`: the headers, then `write`; false (nothing written) otherwise. */
async function answerAs(deps: FastLaneDeps, req: IncomingMessage, res: ServerResponse, path: string, query: Record<string, string>, write: () => void): Promise<boolean> {
  const who = await deps.anonymous();
  if (!mayRead(who, path, query)) return false;
  start(deps, req, res, who);
  write();
  return true;
}

/** Whether the policy lets `who` read `path` with nothing more to check (an operator limit is Express's). */
function mayRead(who: Principal | null, path: string, query: Record<string, string>): boolean {
  const needed = requiredRole('GET', path, query);
  if (needed === 'public') return true;
  return who !== null && atLeast(who.role, needed) && who.operator === null;
}

/** What every answer of the lane gets first, as Express's middleware would give it: the log line, the caller, the headers. */
function start(deps: FastLaneDeps, req: IncomingMessage, res: ServerResponse, who: Principal | null): void {
  if (who) setPrincipal(req as Request, who);
  if (deps.log) logWhenFinished(deps.log, req, res);
  let sync = false;
  deps.security(req as Request, res as Response, () => (sync = true));
  if (!sync) throw new Error('fastLane: the security-header middleware must call next synchronously');
}
