/**
 * Conditional requests (RFC 9110 §13.1): one reading of If-Match and If-None-Match for every
 * route. Both take `*` or a comma-separated list of entity tags (`"x"`, weak `W/"x"`; a tag may
 * itself hold a comma). If-Match compares strongly — a weak tag matches nothing (§13.1.1) — and
 * If-None-Match weakly (§13.1.2).
 */
import type { Request } from 'express';
import { ApiError, badRequest } from './errors';

export interface EntityTag {
  weak: boolean;
  /** With its double quotes: `"abc"`. */
  opaque: string;
}

const OWS = new Set([' ', '\t']);
const OPAQUE = /^"[\x21\x23-\x7e\x80-\xff]*"$/;

/**
 * An If-Match or If-None-Match value: '*', its entity tags, or null when it is not a valid list.
 *
 * @example
 * parseEntityTags('W/"a", "b,c"') // [{ weak: true, opaque: '"a"' }, { weak: false, opaque: '"b,c"' }]
 */
export function parseEntityTags(header: string): '*' | EntityTag[] | null {
  const h = header.trim();
  if (h === '*') return '*';
  const tags: EntityTag[] = [];
  let i = 0;
  while (i < h.length) {
    // empty list elements and the spaces around them are allowed (RFC 9110 §5.6.1)
    while (i < h.length && (OWS.has(h[i]) || h[i] === ',')) i++;
    if (i >= h.length) break;
    const weak = h.startsWith('W/', i);
    if (weak) i += 2;
    const end = h[i] === '"' ? h.indexOf('"', i + 1) : -1;
    if (end < 0) return null;
    const opaque = h.slice(i, end + 1);
    if (!OPAQUE.test(opaque)) return null;
    tags.push({ weak, opaque });
    i = end + 1;
    while (i < h.length && OWS.has(h[i])) i++;
    if (i < h.length && h[i] !== ',') return null;
  }
  return tags.length > 0 ? tags : null;
}

/**
 * Whether an If-None-Match header matches `etag` (weak comparison): `*`, or any listed tag equal
 * to it once a `W/` prefix is set aside on either side. A malformed header matches nothing (the
 * full answer is sent).
 *
 * @example
 * ifNoneMatch('W/"abc", "def"', '"abc"') // true
 */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const tags = parseEntityTags(header);
  if (tags === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return tags !== null && tags.some((t) => t.opaque === bare);
}

/**
 * Whether an If-Match header is met by the current representation's strong ETag `current`
 * (null: none exists): `*` when one exists, else any listed tag that is strong and equal.
 *
 * @example
 * ifMatch('"a.1", "a.2"', '"a.2"') // true
 * ifMatch('W/"a.2"', '"a.2"')      // false: If-Match compares strongly
 */
export function ifMatch(header: string, current: string | null): boolean {
  const tags = parseEntityTags(header);
  if (current === null || tags === null) return false;
  return tags === '*' || tags.some((t) => !t.weak && t.opaque === current);
}

/**
 * The If-Match a write to an existing resource needs (RFC 9110 §13.1.1, RFC 6585 §3): absent,
 * 428; not a list of entity tags, 400; not met by `current` (the resource's strong ETag), 412 —
 * so that nothing is written over a change the client has not seen. `what` names the resource
 * and `url` where its current ETag is read.
 *
 * @example
 * requireIfMatch(req, scenarioEtag(s), `scenario "${s.id}"`, `/api/scenarios/${s.id}`);
 */
export function requireIfMatch(req: Request, current: string, what: string, url: string): void {
  const h = req.get('if-match');
  if (h === undefined || h.trim() === '') {
    throw new ApiError(428, 'Precondition Required', `a write to ${what} needs If-Match with its current ETag (from GET ${url}), so that it cannot overwrite someone else's change`);
  }
  const tags = parseEntityTags(h);
  if (tags === null) throw badRequest(`If-Match: expected * or a comma-separated list of entity tags ("…" or W/"…"), got ${JSON.stringify(h.slice(0, 100))}`);
  if (ifMatch(h, current)) return;
  const weakOnly = tags !== '*' && tags.some((t) => t.weak && t.opaque === current);
  throw new ApiError(412, 'Precondition Failed', weakOnly
    ? `If-Match ${JSON.stringify(h.slice(0, 100))}: a weak tag (W/) never matches If-Match, which compares strongly (RFC 9110 §13.1.1); send the ETag as GET ${url} gives it`
    : `If-Match ${JSON.stringify(h.slice(0, 100))} does not name the current version of ${what} (ETag ${current}): someone saved it meanwhile; read it again (GET ${url}) and reapply the change`);
}
