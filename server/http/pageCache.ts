import { createHash } from 'node:crypto';
import { brotliCompress, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';
import vary from 'vary';
import { ifNoneMatch } from './etag';

export interface CachedPage {
  /** The body's UTF-8 bytes. */
  body: Buffer;
  /** The body gzipped once, for clients that accept it (browsers do): a tenth of the bytes. */
  gzip: Buffer;
  /**
   * The body in Brotli at its best quality (a third fewer bytes than gzip on these pages), made
   * off the event loop (zlib's thread pool) after the page is kept; null until then (gzip is sent).
   */
  br: Buffer | null;
  type: string;
  etag: string;
}

export interface PageCacheOptions {
  /**
   * The most bytes the kept pages may hold together (body, gzip, and Brotli counted as large as the gzip), 64 MiB by default: a page of
   * 10,000 villages is about 2.9 MB + 0.3 MB gzipped, the default gap page 150 KB + 15 KB. The
   * least recently used pages go first; a page larger than the whole budget is not kept.
   */
  maxBytes?: number;
}

/** Negotiator 1.x's encoding(available, { preferred }) (the server's order among equal q-values); @types/negotiator describes 0.6. */
interface PreferringNegotiator {
  encoding(available: string[], options: { preferred: string[] }): string | undefined;
}

/** Pages up to this size are compressed with Brotli's best quality (11), larger ones with 9. */
const BROTLI_BEST_BYTES = 512 * 1024;

/** 64 MiB: about twenty of the largest feature pages, or hundreds of ordinary ones. */
export const PAGE_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * A cache of JSON pages whose answer changes only with a version (the data version; for the gap
 * list, also the coverage composite's): keyed by version, scheme, host and URL, answered from
 * memory with a weak ETag (the page's timeStamp is that of the first answer), and 304 on a
 * matching If-None-Match. Only 200 answers without a Content-Disposition (not downloads) are kept;
 * while the version is null (computing, a scenario, an operator-limited caller), nothing is cached
 * and the route answers as usual. A client that sends `Accept-Encoding: gzip` gets the page gzipped
 * (once, when it is cached), so a 200 KB gap page goes out as 22 KB; one that accepts `br` gets
 * it in Brotli once that is made (14 KB).
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
  /** The pages being built, by key: resolved once the builder's answer is sent (kept or not). */
  private readonly _building = new Map<string, Promise<void>>();

  constructor(options: PageCacheOptions = {}) {
    this._maxBytes = options.maxBytes ?? PAGE_CACHE_BYTES;
    this._cache = new LRUCache<string, CachedPage>({
      maxSize: this._maxBytes,
      // the Brotli to come counted at once, as large as the gzip at most (it is kept only then)
      sizeCalculation: (p) => Math.max(1, p.body.length + 2 * p.gzip.length),
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

  /** Brotli of a kept page on zlib's thread pool, set on the kept page when it is there (its size was counted with the page). */
  private _brotli(key: string, page: CachedPage): void {
    // quality 11 (the smallest) costs ~2 ms a KB: for the largest pages 9, a tenth of that
    const quality = page.body.length <= BROTLI_BEST_BYTES ? 11 : 9;
    brotliCompress(page.body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: quality, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: page.body.length } }, (err, out) => {
      // failed, or larger than the gzip (then gzip it is); the page keeps its place in the LRU order
      if (err || out.length > page.gzip.length || this._cache.peek(key) !== page) return;
      page.br = out;
    });
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
      // one build per page: the requests that miss while it is being built wait for it (after a
      // data change, 100 clients asking the same page build it once, not 100 times)
      const building = this._building.get(key);
      if (building) {
        void building.then(() => {
          const built = this._cache.get(key);
          if (built) answerPage(req, res, built);
          else next(); // it was not kept (an error, too large): this request answers for itself
        });
        return;
      }
      let built!: () => void;
      const flight = new Promise<void>((resolveFlight) => (built = resolveFlight));
      this._building.set(key, flight);
      const land = (): void => {
        if (this._building.get(key) === flight) this._building.delete(key);
        built();
      };
      res.once('finish', land);
      res.once('close', land);
      const etag = `W/"${createHash('sha1').update(key).digest('base64url').slice(0, 22)}"`;
      const send = res.send.bind(res);
      res.send = ((body: unknown) => {
        if (res.statusCode === 200 && typeof body === 'string' && !res.get('content-disposition') && body.length < this._maxBytes) {
          const bytes = Buffer.from(body);
          // the type res.send gives a string: with its charset
          const type = String(res.get('content-type') ?? 'application/json');
          const page: CachedPage = { body: bytes, gzip: gzipSync(bytes), br: null, type: /;\s*charset=/i.test(type) ? type : `${type}; charset=utf-8`, etag };
          if (page.body.length + 2 * page.gzip.length <= this._maxBytes) {
            this._cache.set(key, page);
            this._brotli(key, page);
          }
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
 * no-cache`, `Vary: Accept-Encoding`; 304 when If-None-Match matches; else the body in Brotli to a
 * client that accepts br (once it is made), gzipped to one that accepts gzip, the text to others
 * (the server's preference among equal q-values: br, gzip, identity); no body to HEAD.
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
  // br when it is ready and the client takes it, else gzip, else the text (Negotiator, as Express negotiates)
  const offered = hit.br ? ['br', 'gzip', 'identity'] : ['gzip', 'identity'];
  const encoding = (new Negotiator(req) as unknown as PreferringNegotiator).encoding(offered, { preferred: offered }) ?? 'identity';
  const body = encoding === 'br' ? hit.br! : encoding === 'gzip' ? hit.gzip : hit.body;
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** `new PageCache(options).middleware(version)`: a cache of its own for one route. */
export function versionedPageCache(version: (req: Request) => string | null, options: PageCacheOptions = {}): RequestHandler {
  return new PageCache(options).middleware(version);
}
