import type { Request } from 'express';
import { badRequest } from './errors';
import { requestHost } from './host';

/**
 * One query parameter as a string, undefined when absent; 400 when it is repeated.
 *
 * @example
 * const bboxText = queryString(req, 'bbox');
 */
export function queryString(req: Request, name: string): string | undefined {
  const v = (req.query as Record<string, unknown>)[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badRequest(`${name}: give this parameter once, as a single value`);
  return v;
}

/**
 * An integer query parameter within [min, max]; `def` when absent. Values above `max` are
 * clamped to `max` when `clamp` is set (OGC API – Features asks this of `limit`), else 400.
 *
 * @example
 * const limit = queryInteger(req, 'limit', { def: 100, min: 1, max: 10000, clamp: true });
 */
export function queryInteger(req: Request, name: string, o: { def: number; min: number; max: number; clamp?: boolean }): number {
  const text = queryString(req, name);
  if (text === undefined) return o.def;
  const n = /^[+-]?\d+$/.test(text.trim()) ? Number(text) : NaN;
  const range = o.clamp ? `≥ ${o.min}` : `${o.min}–${o.max}`;
  if (!Number.isSafeInteger(n)) throw badRequest(`${name}: expected an integer ${range}, got "${text}"`);
  if (n < o.min || (!o.clamp && n > o.max)) throw badRequest(`${name}: expected an integer ${range}, got ${n}`);
  return Math.min(n, o.max);
}

/**
 * The absolute base URL for links: PUBLIC_URL when configured, else the request's protocol and
 * its Host as parsed (server/http/host.ts: an authority, lower case; never the header's raw
 * text). No trailing slash.
 *
 * @example
 * baseUrl(req, null) // "http://127.0.0.1:8080"
 */
export function baseUrl(req: Request, publicUrl: string | null): string {
  if (publicUrl) return publicUrl;
  return `${req.protocol}://${requestHost(req)}`;
}

/**
 * Refuse query parameters a route does not read (most likely a typo, or a value the caller
 * believes is used): 400 naming the parameter and the accepted ones.
 *
 * @example
 * onlyParams(req, ['tech', 'operator', 'v']);
 */
export function onlyParams(req: Request, accepted: readonly string[]): void {
  for (const name of Object.keys(req.query as object)) {
    if (!accepted.includes(name)) {
      const list = accepted.length > 0 ? `accepted: ${accepted.join(', ')}` : 'it takes no query parameters';
      throw badRequest(`unknown query parameter ${JSON.stringify(name.slice(0, 100))} for ${req.method} ${req.baseUrl}${req.path}; ${list}`);
    }
  }
}
