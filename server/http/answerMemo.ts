import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import { ifNoneMatch } from './etag';

/** The headers a memoised route sets on its answer (the security headers come from the app's middleware). */
const KEPT_HEADERS = ['content-type', 'cache-control', 'etag', 'vary'] as const;

export interface KeptAnswer {
  headers: [string, string][];
  body: Buffer;
  etag: string | null;
}

/** 32 MiB: about 30,000 coverage tiles of 1 KB (most are small: transparent where there is no signal). */
export const ANSWER_MEMO_BYTES = 32 * 1024 * 1024;

/**
 * The binary answers of routes that depend only on their URL and a version (the coverage tiles:
 * the composite's version; the terrain tiles: the data version), kept as the route wrote them —
 * its Content-Type, Cache-Control, ETag and Vary, and the bytes — for the fast lane
 * (server/http/fastLane.ts) to answer again before Express. The route itself still answers every
 * request that reaches it (its own caches make that cheap); the memo only lets a repeat skip
 * Express. Bounded by bytes (lru-cache's maxSize).
 *
 * @example
 * const memo = new AnswerMemo();
 * app.get('/tiles/coverage/:z/:x/:y.png', memo.middleware((req) => provider.version));
 */
export class AnswerMemo {
  private readonly _cache: LRUCache<string, KeptAnswer>;

  constructor(maxBytes = ANSWER_MEMO_BYTES) {
    this._cache = new LRUCache<string, KeptAnswer>({ maxSize: maxBytes, sizeCalculation: (a) => Math.max(1, a.body.length + 200) });
  }

  /** The key of an answer: its version and URL (these answers hold no links: the Host does not matter). */
  static key(version: string, url: string): string {
    return `${version}\n${url}`;
  }

  get(key: string): KeptAnswer | undefined {
    return this._cache.get(key);
  }

  /** Keeps the route's 200 answers (Buffers) under `version(req)` and the URL; null: not kept. */
  middleware(version: (req: Request) => string | null): RequestHandler {
    return (req, res, next) => {
      const v = req.method === 'GET' ? version(req) : null;
      if (v === null) {
        next();
        return;
      }
      const key = AnswerMemo.key(v, req.originalUrl);
      const send = res.send.bind(res);
      res.send = ((body: unknown) => {
        if (res.statusCode === 200 && Buffer.isBuffer(body) && !res.get('content-disposition')) {
          const headers: [string, string][] = [];
          for (const name of KEPT_HEADERS) {
            const value = res.getHeader(name);
            if (value !== undefined) headers.push([name, String(value)]);
          }
          const etag = res.getHeader('etag');
          this._cache.set(key, { headers, body: Buffer.from(body), etag: etag === undefined ? null : String(etag) });
        }
        return send(body);
      }) as typeof res.send;
      next();
    };
  }
}

/**
 * Writes a kept answer on a plain node:http response as its route did: its headers; 304 without
 * a body when If-None-Match matches its ETag (after the same headers, as the routes do).
 */
export function answerKept(req: IncomingMessage, res: ServerResponse, kept: KeptAnswer): void {
  for (const [name, value] of kept.headers) res.setHeader(name, value);
  if (kept.etag !== null && ifNoneMatch(req.headers['if-none-match'], kept.etag)) {
    res.removeHeader('content-type'); // res.status(304).end() leaves the type unset
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Length', kept.body.length);
  res.end(kept.body);
}
