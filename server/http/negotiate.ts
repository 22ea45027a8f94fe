/**
 * Content negotiation of the JSON resources. OGC API clients (OWSLib sends `Accept: *\/*` (any type), GDAL and
 * QGIS `application/json`, scripts often nothing) must get JSON; only a request that prefers
 * `text/html` (a browser) gets the web client, and only at `/`. `?f=` overrides the Accept header.
 */
import type { Request, RequestHandler } from 'express';
import { ApiError, badRequest } from './errors';
import { queryString } from './params';

import { HTML_TYPE, JSON_TYPE, OPENAPI_TYPE } from './mediaTypes';

/**
 * The JSON-only resources besides the landing page, by OpenAPI path, with the media type each
 * answers: each accepts `f=json` (400 for another `f`) and answers 406 when the Accept header
 * excludes its type. The OpenAPI document declares those two responses for exactly these paths.
 */
export const JSON_RESOURCES: Readonly<Record<string, string>> = Object.freeze({
  '/conformance': JSON_TYPE,
  '/collections': JSON_TYPE,
  '/collections/{collectionId}': JSON_TYPE,
  '/tiles/terrain.json': JSON_TYPE,
  '/api/health': JSON_TYPE,
  '/openapi.json': OPENAPI_TYPE,
  '/api/coverage/status': JSON_TYPE,
  '/api/stats': JSON_TYPE,
  '/api/scenarios': JSON_TYPE,
});

/** 406 naming what the resource offers and what the request accepts. */
function notAcceptable(req: Request, offered: readonly string[]): ApiError {
  return new ApiError(406, 'Not Acceptable', `Accept: this resource is available as ${offered.join(' or ')}; the request accepts only ${JSON.stringify(req.get('accept') ?? '')}`);
}

/** The media type without parameters, lower case: "application/vnd.oai.openapi+json". */
const essence = (type: string): string => type.split(';')[0].trim().toLowerCase();

/**
 * What the landing page answers: 'json' for `f=json`, for a request without Accept, with
 * `Accept: *\/*` or one that ranks application/json at least as high as text/html; 'html' for
 * `f=html` or a request that prefers text/html (a browser). 400 for another `f`, 406 when the
 * Accept header allows neither.
 *
 * @example
 * landingFormat(req) // 'json' for OWSLib (Accept: *\/*), 'html' for Chromium
 */
export function landingFormat(req: Request): 'json' | 'html' {
  const f = queryString(req, 'f');
  if (f === 'json' || f === 'html') return f;
  if (f !== undefined) throw badRequest(`f: expected json or html, got ${JSON.stringify(f)}`);
  // Express picks the first of the list among equal preferences, so */* and no header give JSON
  const best = req.accepts([JSON_TYPE, HTML_TYPE]);
  if (best === JSON_TYPE) return 'json';
  if (best === HTML_TYPE) return 'html';
  throw notAcceptable(req, [JSON_TYPE, HTML_TYPE]);
}

/**
 * Middleware for a JSON-only resource answering `type`: `f` absent or json, and an Accept header
 * (when given) that allows `type` or application/json.
 *
 * @example
 * app.get('/conformance', jsonOnly(JSON_TYPE));
 */
export function jsonOnly(type: string): RequestHandler {
  const offered = [...new Set([type, essence(type), JSON_TYPE])];
  return (req, _res, next) => {
    const f = queryString(req, 'f');
    if (f !== undefined && f !== 'json') throw badRequest(`f: this resource is only available as json, got ${JSON.stringify(f)}`);
    if (!req.accepts(offered)) throw notAcceptable(req, offered);
    next();
  };
}
