/**
 * Every write takes only the body types its OpenAPI operation documents (the `content` of its
 * `requestBody`), else 415 naming them — checked from the document itself, so that what is
 * documented is what is accepted. A write whose operation has no request body (a restore, a
 * logout, a delete) needs no Content-Type; an optional body may be left out (no bytes). A body
 * whose types depend on a parameter (`x-content-types-by-format`: an import) is its route's to
 * check, with requireType.
 */
import type { Request, RequestHandler } from 'express';
import { ApiError } from './errors';
import { routedPath, templateRegExp } from './routePath';

const WRITES = ['post', 'put', 'patch', 'delete'];

interface Operation {
  requestBody?: { required?: boolean; content?: Record<string, unknown>; 'x-content-types-by-format'?: object };
}

interface BodyRule {
  re: RegExp;
  method: string;
  types: readonly string[];
  required: boolean;
}

/** The media type of a Content-Type value, lower case, without parameters ('' when absent). */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** True when the request carries body bytes (a Content-Length above 0, or a chunked body). */
export function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * 415 problem+json with the accepted types (and Accept-Post/Accept-Patch) unless the request's
 * Content-Type is one of `types`.
 *
 * @example
 * requireType(req, ['text/csv'], 'format=opencellid');
 */
export function requireType(req: Request, types: readonly string[], what: string): void {
  const got = mediaType(req.get('content-type'));
  if (types.includes(got)) return;
  const headers: Record<string, string> = req.method === 'PATCH' ? { 'Accept-Patch': types.join(', ') } : req.method === 'POST' ? { 'Accept-Post': types.join(', ') } : {};
  const list = types.length === 1 ? types[0] : `${types.slice(0, -1).join(', ')} or ${types[types.length - 1]}`;
  throw new ApiError(415, 'Unsupported Media Type', `${what} takes a body of type ${list} (Content-Type); got ${got === '' ? 'none' : JSON.stringify(got.slice(0, 100))}`, { headers });
}

/**
 * @example
 * app.use(documentedBodies(openApi('') as { paths: Record<string, Record<string, object>> }));
 */
export function documentedBodies(doc: { paths: Record<string, Record<string, unknown>> }): RequestHandler {
  const rules: BodyRule[] = [];
  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const method of WRITES) {
      const body = (ops[method] as Operation | undefined)?.requestBody;
      if (!body?.content || body['x-content-types-by-format']) continue;
      rules.push({ re: templateRegExp(template), method: method.toUpperCase(), types: Object.keys(body.content), required: body.required === true });
    }
  }
  return (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') {
      next();
      return;
    }
    const path = routedPath(req.path);
    const rule = rules.find((r) => r.method === req.method && r.re.test(path));
    try {
      if (rule && (rule.required || hasBody(req))) requireType(req, rule.types, `${req.method} ${req.path}`);
      next();
    } catch (err) {
      next(err);
    }
  };
}
