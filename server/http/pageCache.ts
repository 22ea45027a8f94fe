import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Request, RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import { ifNoneMatch } from './etag';

interface CachedPage {
  body: string;
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
 * list, also the coverage composite's): keyed by version, host and URL, answered from memory with
 * a weak ETag (the page's timeStamp is that of the first answer), and 304 on a matching
 * If-None-Match. Only 200 answers without a Content-Disposition (not downloads) are kept; while
 * `version` gives null (computing, a scenario, an operator-limited caller), nothing is cached and
 * the route answers as usual. A client that sends `Accept-Encoding: gzip` gets the page gzipped
 * (once, when it is cached), so a 150 KB page goes out as about 15 KB.
 *
 * Bounded by bytes, not pages (lru-cache's maxSize): the pages range from 1 KB to 3 MB.
 *
 * @example
 * app.get('/collections/:collectionId/items', versionedPageCache((req) => provider.version));
 */
export function versionedPageCache(version: (req: Request) => string | null, options: PageCacheOptions = {}): RequestHandler {
  const maxBytes = options.maxBytes ?? PAGE_CACHE_BYTES;
  const cache = new LRUCache<string, CachedPage>({
    maxSize: maxBytes,
    // UTF-16 length: the bytes of an ASCII body; Vietnamese letters make the UTF-8 body a little larger
    sizeCalculation: (p) => Math.max(1, p.body.length + p.gzip.length),
  });
  return (req, res, next) => {
    const v = req.method === 'GET' || req.method === 'HEAD' ? version(req) : null;
    if (v === null) {
      next();
      return;
    }
    const key = `${v}\n${req.protocol}://${req.headers.host ?? ''}\n${req.originalUrl}`;
    const hit = cache.get(key);
    if (hit) {
      res.set('ETag', hit.etag);
      res.set('Cache-Control', 'no-cache');
      res.vary('Accept-Encoding');
      if (ifNoneMatch(req.get('if-none-match'), hit.etag)) {
        res.status(304).end();
        return;
      }
      res.type(hit.type);
      if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
        res.set('Content-Encoding', 'gzip');
        res.send(hit.gzip);
      } else {
        res.send(hit.body);
      }
      return;
    }
    const etag = `W/"${createHash('sha1').update(key).digest('base64url').slice(0, 22)}"`;
    const send = res.send.bind(res);
    res.send = ((body: unknown) => {
      if (res.statusCode === 200 && typeof body === 'string' && !res.get('content-disposition') && body.length < maxBytes) {
        const page = { body, gzip: gzipSync(body), type: String(res.get('content-type') ?? 'application/json'), etag };
        if (page.body.length + page.gzip.length <= maxBytes) cache.set(key, page);
        res.set('ETag', etag);
        res.set('Cache-Control', 'no-cache');
        res.vary('Accept-Encoding');
      }
      return send(body);
    }) as typeof res.send;
    next();
  };
}
