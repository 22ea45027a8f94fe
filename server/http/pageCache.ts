import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import accepts from 'accepts';
import type { Request, RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import vary from 'vary';
import { ifNoneMatch } from './etag';

export interface CachedPage {
  /** The body's UTF-8 bytes. */
  body: Buffer;
  /** The body gzipped once, for clients that accept it (browsers do): a tenth of the bytes. */
  gzip: Buffer;
  type: string;
  etag: string;
}

export interface PageCacheOptions {
  /**
   * The most bytes the kept pages may hold together (body + gzip), 64 MiB by default: a page of
   * 10,000 villages is about 2.9 MB + 0.3 MB gzipped, the default gap page 150 KB + 15 KB. The
   * least recently used pages go first; a page larger than the whole budget is not kept.
   */
  maxBytes?: number;
}

/** 64 MiB: about twenty of the largest feature pages, or hundreds of ordinary ones. */
export const PAGE_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * A cache of JSON pages whose answer changes only with a version (the data version; for the gap
 * list, also the coverage composite's): keyed by version, scheme, host and URL, answered from
 * memory with a weak ETag (the page's timeStamp is that of the first answer), and 304 on a
 * matching If-None-Match. Only 200 answers without a Content-Disposition (not downloads) are kept;
 * while the version is null (computing, a scenario, an operator-limited caller), nothing is cached
 * and the route answers as usual. A client that sends `Accept-Encoding: gzip` gets the page gzipped
 * (once, when it is cached), so a 150 KB page goes out as about 15 KB.
 *
 * Bounded by bytes, not pages (lru-cache's maxSize): the pages range from 1 KB to 3 MB. A kept
 * page is answered by `answerPage` — by the middleware, or before Express by the fast lane
 * (server/http/fastLane.ts), with the same headers either way.
 *
 * @example
 * const pages = new PageCache();
 * app.get('/collections/:collectionId/items', pages.middleware((req) => provider.version));
 */
export class PageCache {
  private readonly _maxBytes: number;
  private readonly _cache: LRUCache<string, CachedPage>;

  constructor(options: PageCacheOptions = {}) {
    this._maxBytes = options.maxBytes ?? PAGE_CACHE_BYTES;
    this._cache = new LRUCache<string, CachedPage>({
      maxSize: this._maxBytes,
      sizeCalculation: (p) => Math.max(1, p.body.length + p.gzip.length),
    });
  }

  /** The key of a page: its version, the scheme and Host it was asked with (links in it), its URL. */
  static key(version: string, protocol: string, host: string | undefined, url: string): string {
    return `${version}\n${protocol}://${host ?? ''}\n${url}`;
  }

  /** The kept page of `key`, or undefined. */
  get(key: string): CachedPage | undefined {
    return this._cache.get(key);
  }

  /** Express middleware: answers kept pages, keeps the route's 200 answers under `version(req)`. */
  middleware(version: (req: Request) => string | null): RequestHandler {
    return (req, res, next) => {
      const v = req.method === 'GET' || req.method === 'HEAD' ? version(req) : null;
      if (v === null) {
        next();
        return;
      }
      const key = PageCache.key(v, req.protocol, req.headers.host, req.originalUrl);
      const hit = this._cache.get(key);
      if (hit) {
        answerPage(req, res, hit);
        return;
      }
      const etag = `W/"${createHash('sha1').update(key).digest('base64url').slice(0, 22)}"`;
      const send = res.send.bind(res);
      res.send = ((body: unknown) => {
        if (res.statusCode === 200 && typeof body === 'string' && !res.get('content-disposition') && body.length < this._maxBytes) {
          const bytes = Buffer.from(body);
          // the type res.send gives a string: with its charset
          const type = String(res.get('content-type') ?? 'application/json');
          const page = { body: bytes, gzip: gzipSync(bytes), type: /;\s*charset=/i.test(type) ? type : `${type}; charset=utf-8`, etag };
          if (page.body.length + page.gzip.length <= this._maxBytes) this._cache.set(key, page);
          res.set('ETag', etag);
          res.set('Cache-Control', 'no-cache');
          vary(res, 'Accept-Encoding');
        }
        return send(body);
      }) as typeof res.send;
      next();
    };
  }
}

/**
 * Writes a kept page on a plain node:http response (Express's is one): ETag, `Cache-Control:
 * no-cache`, `Vary: Accept-Encoding`; 304 when If-None-Match matches; else the gzipped body to a
 * client that accepts gzip (accepts, as Express negotiates), the text to others; no body to HEAD.
 */
export function answerPage(req: IncomingMessage, res: ServerResponse, hit: CachedPage): void {
  res.setHeader('ETag', hit.etag);
  res.setHeader('Cache-Control', 'no-cache');
  vary(res, 'Accept-Encoding');
  if (ifNoneMatch(req.headers['if-none-match'], hit.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', hit.type);
  const gzip = accepts(req).encoding('gzip', 'identity') === 'gzip';
  const body = gzip ? hit.gzip : hit.body;
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** `new PageCache(options).middleware(version)`: a cache of its own for one route. */
export function versionedPageCache(version: (req: Request) => string | null, options: PageCacheOptions = {}): RequestHandler {
  return new PageCache(options).middleware(version);
}
