/**
 * The query parameters every items endpoint of OGC API – Features takes besides its own filters:
 * `bbox`, `bbox-crs`, `crs`, `datetime` (Part 1: Core and Part 2: CRS by reference), parsed once
 * for the feature routes and the gap routes.
 *
 * No collection has a time dimension, so a valid `datetime` selects everything (Core, /req/core/
 * fc-time-response: "if the collection has no temporal information, the parameter is ignored");
 * its syntax is still checked. Only CRS84 is served: `bbox-crs` and `crs` accept it and refuse any
 * other CRS with a 400 naming the one supported.
 */
import type { Request } from 'express';
import { parseBBox } from '../../core/spatial/bbox';
import type { BBox } from '../../core/model/types';
import { badRequest } from './errors';
import { CRS84 } from './mediaTypes';
import { queryString } from './params';

/** Parameters of every items endpoint (then `limit`, `offset`, `f` and the collection's filters). */
export const OGC_ITEM_PARAMS = ['bbox', 'bbox-crs', 'crs', 'datetime', 'limit', 'offset', 'f'] as const;

/** The CRS identifiers accepted for CRS84: its URI, and the same in the safe-CURIE form of OGC API Part 2. */
const CRS84_NAMES = [CRS84, '[OGC:CRS84]'];

/** A `datetime` value: an instant (start = end) or an interval; null = open end. Milliseconds since 1970, UTC. */
export interface DatetimeRange {
  startMs: number | null;
  endMs: number | null;
}

// RFC 3339: full-date, or date-time with a time zone (Z or ±hh:mm); T, Z case-insensitive
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 instant as epoch milliseconds, or null when it is not one (or not a real calendar date). */
function instantMs(text: string): number | null {
  const d = DATE.exec(text);
  const t = d ? null : DATE_TIME.exec(text);
  const m = d ?? t;
  if (!m) return null;
  const [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, s] = t ? [Number(t[4]), Number(t[5]), Number(t[6])] : [0, 0, 0];
  // 23:59:60 is a leap second (RFC 3339 §5.7); Date folds it into the next minute
  if (mo < 1 || mo > 12 || da < 1 || h > 23 || mi > 59 || s > 60) return null;
  const ms = Date.UTC(y, mo - 1, da, h, mi, s, t?.[7] ? Math.round(Number(t[7]) * 1000) : 0);
  if (new Date(Date.UTC(y, mo - 1, da)).getUTCDate() !== da) return null; // 2025-02-30
  if (!t || /^[Zz]$/.test(t[8])) return ms;
  const [oh, om] = t[8].slice(1).split(':').map(Number);
  if (oh > 23 || om > 59) return null;
  return ms - (t[8][0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
}

/**
 * Parse a `datetime` value (OGC API – Features Core §7.15.4): an RFC 3339 instant
 * (`2025-01-01T00:00:00Z`, `2025-01-01`), or an interval `start/end` where an open end is `..`
 * or empty (`2025-01-01T00:00:00Z/..`, `../2025-12-31`). 400 with the reason otherwise.
 *
 * @example
 * parseDatetime('2025-01-01T00:00:00Z/..') // { startMs: 1735689600000, endMs: null }
 */
export function parseDatetime(text: string): DatetimeRange {
  const expected = 'expected an RFC 3339 instant (2025-01-01T00:00:00Z or 2025-01-01) or an interval start/end with ".." for an open end (2025-01-01T00:00:00Z/..)';
  const parts = text.split('/');
  if (parts.length > 2) throw badRequest(`datetime: ${expected}; got ${JSON.stringify(text)} (more than one "/")`);
  if (parts.length === 1) {
    const ms = instantMs(text);
    if (ms === null) throw badRequest(`datetime: ${expected}; got ${JSON.stringify(text)}`);
    return { startMs: ms, endMs: ms };
  }
  const end = (p: string, which: string): number | null => {
    if (p === '..' || p === '') return null;
    const ms = instantMs(p);
    if (ms === null) throw badRequest(`datetime: the interval's ${which} ${JSON.stringify(p)} is not an RFC 3339 instant or ".."; ${expected}`);
    return ms;
  };
  const startMs = end(parts[0], 'start');
  const endMs = end(parts[1], 'end');
  if (startMs === null && endMs === null) throw badRequest(`datetime: both ends of ${JSON.stringify(text)} are open; give at least one instant, or leave datetime out`);
  if (startMs !== null && endMs !== null && startMs > endMs) throw badRequest(`datetime: the interval ${JSON.stringify(text)} ends before it starts`);
  return { startMs, endMs };
}

/** `bbox-crs` or `crs`: absent or CRS84, else 400 naming the supported CRS. */
function parseCrs(req: Request, name: 'bbox-crs' | 'crs'): void {
  const v = queryString(req, name);
  if (v !== undefined && !CRS84_NAMES.includes(v)) {
    throw badRequest(`${name}: only ${CRS84} (WGS 84 longitude, latitude) is supported, got ${JSON.stringify(v)}`);
  }
}

/** The parsed common parameters of an items request. */
export interface OgcItemParams {
  bbox?: BBox;
  /** Validated and, as no collection has a time dimension, not used to select. */
  datetime?: DatetimeRange;
}

/**
 * `bbox`, `bbox-crs`, `crs` and `datetime` of an items request, validated (400 with a precise detail).
 *
 * @example
 * const { bbox } = parseOgcItemParams(req);
 */
export function parseOgcItemParams(req: Request): OgcItemParams {
  parseCrs(req, 'bbox-crs');
  parseCrs(req, 'crs');
  const bboxText = queryString(req, 'bbox');
  const datetimeText = queryString(req, 'datetime');
  return {
    ...(bboxText === undefined ? {} : { bbox: parseBBox(bboxText) }),
    ...(datetimeText === undefined ? {} : { datetime: parseDatetime(datetimeText) }),
  };
}
