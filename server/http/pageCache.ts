import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Request, RequestHandler } from 'express';
import { LruCache } from '../services/lru';
import { ifNoneMatch } from './etag';

interface CachedPage {
  body: string;
  /** The body gzipped once, for clients that accept it (browsers do): a tenth of the bytes. */
  gzip: Buffer;
  type: string;
  etag: string;
}

/**
 * A cache of JSON pages whose answer changes only with the data version (the coverage composite's
 * version): keyed by version, host and URL, answered from memory with a weak ETag (the page's
 * timeStamp is that of the first answer), and 304 on a matching If-None-Match. Only 200 answers
 * without a Content-Disposition (not downloads) are kept; while there is no version (computing),
 * nothing is cached. A client that sends `Accept-Encoding: gzip` gets the page gzipped (once, when
 * it is cached), so a 150 KB page goes out as about 15 KB.
 *
 * @example
 * app.get('/collections/gaps/items', versionedPageCache((req) => provider.version));
 */
export function versionedPageCache(version: (req: Request) => string | null, capacity = 256): RequestHandler {
  const cache = new LruCache<string, CachedPage>(capacity);
  return (req, res, next) => {
    const v = version(req);
    if (v === null || (req.method !== 'GET' && req.method !== 'HEAD')) {
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
      if (res.statusCode === 200 && typeof body === 'string' && !res.get('content-disposition')) {
        cache.set(key, { body, gzip: gzipSync(body), type: String(res.get('content-type') ?? 'application/json'), etag });
        res.set('ETag', etag);
        res.set('Cache-Control', 'no-cache');
        res.vary('Accept-Encoding');
      }
      return send(body);
    }) as typeof res.send;
    next();
  };
}

