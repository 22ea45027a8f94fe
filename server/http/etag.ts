/**
 * Whether an If-None-Match header matches `etag` (RFC 9110 §13.1.2, weak comparison): `*`, or
 * any listed tag equal to it once a `W/` prefix is set aside on either side.
 *
 * @example
 * ifNoneMatch('W/"abc", "def"', '"abc"') // true
 */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const s = t.trim();
    return s === '*' || s.replace(/^W\//, '') === bare;
  });
}
