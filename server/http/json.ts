import express, { type RequestHandler } from 'express';
import secureJson from 'secure-json-parse';
import { cloneJson } from '../../core/model/validateCheck';
import { ApiError, badRequest } from './errors';

/** Media types read as JSON request bodies. */
export const JSON_BODY_TYPES = ['application/json', 'application/geo+json', 'application/merge-patch+json'];

/** Requests whose body a jsonBody has read already (a later one, with another limit, passes). */
const parsed = new WeakSet<object>();

/**
 * Safe JSON request bodies: at most `limitBytes` (413 problem+json stating the limit), parsed by
 * secure-json-parse (a maintained parser that detects prototype-poisoning keys: a `__proto__` or
 * `constructor.prototype` key is refused, 422) and copied by core's cloneJson without recursion,
 * so a body nested past MAX_JSON_DEPTH (32) levels is a 400 naming the path (and any other
 * `constructor`/`prototype` key is dropped). `req.body` is left undefined for GET and HEAD and
 * when the request has no JSON body.
 *
 * @example
 * router.post('/api/coverage/preview', jsonBody(64 * 1024), handler);
 */
export function jsonBody(limitBytes: number): RequestHandler {
  const text = express.text({ type: JSON_BODY_TYPES, limit: limitBytes });
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || parsed.has(req)) {
      next(); // no body to read (the common case costs one comparison), or read already
      return;
    }
    parsed.add(req);
    text(req, res, (err?: unknown) => {
      if (err) {
        next(bodyError(err, limitBytes));
        return;
      }
      if (typeof req.body !== 'string') {
        req.body = undefined;
        next();
        return;
      }
      try {
        req.body = cloneJson(secureJson.parse(req.body, undefined, { protoAction: 'error', constructorAction: 'error' }), 'request body');
        next();
      } catch (e) {
        if (e instanceof SyntaxError && /forbidden prototype property/.test(e.message)) {
          next(new ApiError(422, 'Unprocessable Content', 'request body: a "__proto__" or "constructor": {"prototype": …} key is refused (it would change what the server reads); remove it'));
        } else if (e instanceof SyntaxError) {
          next(badRequest(`request body: not valid JSON: ${e.message}`));
        } else {
          next(e);
        }
      }
    });
  };
}

/** Marks the request's body as read elsewhere (an import reads it as bytes): jsonBody leaves it alone. */
export function markBodyRead(req: object): void {
  parsed.add(req);
}

/** body-parser's errors as precise problems: the 413 states the limit. */
function bodyError(err: unknown, limitBytes: number): unknown {
  const e = err as { type?: string; length?: number };
  if (e?.type === 'entity.too.large') {
    const got = typeof e.length === 'number' && Number.isFinite(e.length) ? `${e.length} bytes` : 'more bytes';
    return new ApiError(413, 'Content Too Large', `request body: ${got} is more than the limit of ${limitBytes} bytes (${formatKb(limitBytes)}, BODY_LIMIT_KB); send a smaller body`);
  }
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return badRequest(`request body: ${(err as Error).message}; send UTF-8 JSON`);
  return err;
}

const formatKb = (bytes: number): string => `${Math.round((bytes / 1024) * 10) / 10} KB`;
