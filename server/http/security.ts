/**
 * HTTP hardening, each piece a maintained library where one exists: security headers (helmet),
 * CORS (cors), rate limits (express-rate-limit); plus 405 with Allow, and
 * problem+json for the requests Node refuses before Express sees them (431).
 */
import { maxHeaderSize, type Server } from 'node:http';
import type { Socket } from 'node:net';
import cors from 'cors';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { ApiError } from './errors';
import { routedPath, templateRegExp } from './routePath';

/**
 * Security headers on every answer (helmet): a Content-Security-Policy that allows only our own
 * scripts, styles, fonts and API (`'self'`), workers from `blob:` (MapLibre starts its workers from
 * a blob URL), images from `data:`/`blob:` (inlined icons, decoded tiles), no plugins, no framing
 * (`frame-ancestors 'none'`, X-Frame-Options DENY); nosniff, Referrer-Policy no-referrer. Neither
 * HSTS nor upgrade-insecure-requests: covgap is often served over plain http on a LAN, and TLS
 * belongs to the reverse proxy that terminates it.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'img-src': ["'self'", 'data:', 'blob:'],
        'worker-src': ["'self'", 'blob:'],
        'child-src': ["'self'", 'blob:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/**
 * CORS for the configured origins only (cors): a listed Origin gets Access-Control-Allow-Origin
 * with that origin (and Vary: Origin), any other gets no CORS header, so the browser keeps the
 * answer from the foreign page. Empty list: no CORS handling at all.
 */
export function corsFor(origins: readonly string[]): RequestHandler | null {
  if (origins.length === 0) return null;
  return cors({ origin: [...origins], methods: ['GET', 'HEAD', 'POST'], maxAge: 600 });
}

/**
 * Rate limit of an expensive endpoint per client address (express-rate-limit, in memory):
 * `perMinute` requests a minute, then 429 problem+json with Retry-After and the RateLimit headers
 * (`setting`: the variable that sets the limit, named in the detail).
 */
export function rateLimitPerMinute(perMinute: number, what: string, setting = 'PREVIEW_RATE_LIMIT'): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => {
      next(new ApiError(429, 'Too Many Requests', `${what}: at most ${perMinute} requests a minute from one address (${setting}); retry after the time in Retry-After`));
    },
  });
}

/** A path template of the OpenAPI document (`/tiles/terrain/{z}/{x}/{y}.png`) and its methods. */
export interface RouteMethods {
  template: string;
  methods: string[];
}

/**
 * 405 problem+json with an Allow header for a known path asked with another method (the paths and
 * methods of the OpenAPI document); unknown paths pass on (to the 404).
 */
export function methodNotAllowed(routes: readonly RouteMethods[]): RequestHandler {
  const compiled = routes.map((r) => ({
    re: templateRegExp(r.template),
    allow: [...new Set(r.methods.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])))],
  }));
  return (req, res, next) => {
    const path = routedPath(req.path);
    const hit = compiled.find((c) => c.re.test(path));
    if (!hit || hit.allow.includes(req.method)) {
      next();
      return;
    }
    res.set('Allow', hit.allow.join(', '));
    next(new ApiError(405, 'Method Not Allowed', `${req.method} is not allowed on ${req.path}; allowed: ${hit.allow.join(', ')}`));
  };
}

/**
 * Requests Node's HTTP parser refuses before Express sees them (headers or URL over
 * maxHeaderSize, 16 KB by default; malformed requests) answered as problem+json instead of a bare
 * status line; the connection is then closed.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const title = tooLarge ? 'Request Header Fields Too Large' : 'Bad Request';
    const problem = {
      type: 'about:blank', title, status,
      detail: tooLarge
        ? `the URL and headers are larger than ${maxHeaderSize / 1024} KB (Node's maxHeaderSize); send a shorter URL, or put long input in a POST body`
        : 'the request is not valid HTTP/1.1',
    };
    const body = JSON.stringify(problem);
    socket.end(`HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`);
  });
}
