/**
 * The one reading of a request's path that the roles policy (server/auth/policy.ts), the login's
 * cross-site check (server/http/auth.ts), the content-type check (server/http/contentTypes.ts) and
 * the 405 (server/http/security.ts) share, so that none of them can judge a path the router
 * routes otherwise. Express 5's router matches paths without regard to case and with an optional
 * trailing slash (the app sets neither `case sensitive routing` nor `strict routing`), so
 * `/API/login/` is routed to the handler of `/api/login`: judged as `/api/login` here too.
 * Beyond what the router does, percent-escapes are decoded and runs of slashes taken as one —
 * paths the router routes nowhere (404), judged as the path they resemble, which errs on the
 * side of the stricter rule.
 */

/**
 * The path as the router may see it: percent-decoded, runs of slashes as one, without a trailing
 * slash; compare it with templateRegExp's patterns (which ignore case).
 *
 * @example
 * routedPath('/API//Scenarios/') // '/API/Scenarios'
 */
export function routedPath(path: string): string {
  let p = path;
  try {
    p = decodeURIComponent(path);
  } catch {
    // malformed escapes: judged as written (the router refuses them with 400)
  }
  p = p.replace(/\/{2,}/g, '/');
  return p.length > 1 ? p.replace(/\/$/, '') : p;
}

/**
 * A path template as a case-insensitive pattern for routedPath's result: `{name}` is one
 * segment, a trailing `/*` any rest (or none).
 *
 * @example
 * templateRegExp('/api/scenarios/{id}').test(routedPath('/API/scenarios/a1/')) // true
 */
export function templateRegExp(template: string): RegExp {
  const rest = template.endsWith('/*');
  const body = (rest ? template.slice(0, -2) : template).split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+');
  return new RegExp(`^${body}${rest ? '(/.*)?' : ''}$`, 'i');
}
