/**
 * Authentication and authorisation of every request (issue 12), before any route or body parser:
 * 1. who: `Authorization: Bearer TOKEN` (an API token), else the session cookie of a browser
 *    login, else nobody — who is the local administrator while no user or token exists on a server
 *    bound to loopback (server/services/auth.ts);
 * 2. may they: the least role of server/auth/policy.ts; nobody → 401 with WWW-Authenticate,
 *    too low a role → 403 naming the role needed, a partner limited to an operator → 403 on
 *    scenarios and plans;
 * 3. CSRF: a write authenticated by the cookie must come from our own pages — `Sec-Fetch-Site:
 *    same-origin`, or (older browsers) an `Origin` equal to the server's — else 403. (The cookie is
 *    SameSite=Strict as well; a token in a header cannot be sent by another site's page at all.)
 *    Any other write without a token — the local administrator's, a login — that says it comes
 *    from another site's page (`Sec-Fetch-Site` other than same-origin, or a foreign `Origin`) is
 *    403 too; scripts, which send neither header, may (crossSiteWrites, also for an app built
 *    without authentication);
 * 4. what a caller with credentials reads is theirs: private to caches, varying by credentials.
 */
import { parse as parseCookies } from 'cookie';
import type { Request, RequestHandler, Response } from 'express';
import { setPrincipal, type Principal } from '../auth/principal';
import { atLeast, operatorLimitRefusal, requiredRole } from '../auth/policy';
import type { AuthService } from '../services/auth';
import { ApiError } from './errors';
import { requestHost } from './host';

/** The session cookie's name. */
export const SESSION_COOKIE = 'covgap_session';
/** What a 401 tells the client to send. */
export const WWW_AUTHENTICATE = 'Bearer realm="covgap", charset="UTF-8"';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** 401 problem+json with WWW-Authenticate. */
export const unauthorized = (detail: string): ApiError => new ApiError(401, 'Unauthorized', detail, { headers: { 'WWW-Authenticate': WWW_AUTHENTICATE } });

/** The session id of the request's cookie, if any. */
export function sessionCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const v = parseCookies(header)[SESSION_COOKIE];
  return v === undefined || v === '' ? undefined : v;
}

/** The Bearer token of the Authorization header; undefined when none; 401 when malformed. */
function bearer(req: Request): string | undefined {
  const h = req.headers.authorization;
  if (h === undefined) return undefined;
  const m = /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(h);
  if (!m) throw unauthorized('Authorization: expected "Bearer <token>" with the token `covgap token create` printed');
  return m[1];
}

/**
 * True when the request comes from a page of this server: Sec-Fetch-Site same-origin, or else an
 * Origin equal to PUBLIC_URL's (or this request's scheme and Host, which hostGuard has checked).
 */
export function fromOwnPage(req: Request, publicUrl: string | null): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  const origin = req.get('origin');
  if (origin === undefined) return false;
  const own = publicUrl ? new URL(publicUrl).origin : `${req.protocol}://${requestHost(req, '')}`;
  return origin === own;
}

/** True when the request says it comes from another site's page: a Sec-Fetch-Site or an Origin header, not our own. */
function fromOtherSite(req: Request, publicUrl: string | null): boolean {
  return (req.get('sec-fetch-site') !== undefined || req.get('origin') !== undefined) && !fromOwnPage(req, publicUrl);
}

/**
 * 403 for a write (any method but GET, HEAD, OPTIONS) from another site's page: with the session
 * cookie (`viaCookie`) it must show it comes from our own pages; without credentials (the local
 * administrator, a login) it must not show it comes from elsewhere. Authorization: Bearer writes
 * are not checked: no page can send that header to another site without its CORS consent.
 */
function refuseCrossSiteWrite(req: Request, publicUrl: string | null, viaCookie: boolean): void {
  if (SAFE_METHODS.has(req.method)) return;
  if (viaCookie && !fromOwnPage(req, publicUrl)) {
    throw new ApiError(403, 'Forbidden', 'a write with the session cookie must come from this server\'s own pages (Sec-Fetch-Site: same-origin, or an Origin equal to the server\'s); scripts use Authorization: Bearer <token>');
  }
  if (!viaCookie && fromOtherSite(req, publicUrl)) {
    const said = [req.get('origin') !== undefined ? `Origin: ${JSON.stringify(req.get('origin')!.slice(0, 100))}` : null, req.get('sec-fetch-site') !== undefined ? `Sec-Fetch-Site: ${JSON.stringify(req.get('sec-fetch-site')!.slice(0, 40))}` : null].filter(Boolean).join(', ');
    throw new ApiError(403, 'Forbidden', `a write from another site's page is refused (${said}): only this server's own pages may write from a browser; scripts send no Origin, or use Authorization: Bearer <token>`);
  }
}

/**
 * crossSiteWrites's check for an app built without authentication (every caller is the local
 * administrator): a write from another site's page is 403.
 *
 * @example
 * app.use(crossSiteWrites(config.publicUrl));
 */
export function crossSiteWrites(publicUrl: string | null): RequestHandler {
  return (req, _res, next) => {
    try {
      refuseCrossSiteWrite(req, publicUrl, false);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/**
 * An answer that depends on who asked: `Vary: Authorization, Cookie`, and no shared cache may keep
 * it (`Cache-Control: public…` becomes `private…`), so a proxy cannot hand a partner's tiles to
 * someone else, nor anything to a caller without credentials.
 */
function perCaller(res: Response): void {
  res.vary('Authorization');
  res.vary('Cookie');
  const setHeader = res.setHeader.bind(res);
  res.setHeader = ((name: string, value: number | string | readonly string[]) =>
    setHeader(name, name.toLowerCase() === 'cache-control' && typeof value === 'string' ? value.replace(/\bpublic\b/i, 'private') : value)) as Response['setHeader'];
}

/**
 * @example
 * app.use(authGate(new AuthService(store.auth, { localAdmin: true }), config.publicUrl));
 */
export function authGate(auth: AuthService, publicUrl: string | null): RequestHandler {
  return async (req, res, next) => {
    try {
      const token = bearer(req);
      let who: Principal | null = null;
      if (token !== undefined) {
        who = await auth.fromToken(token);
        if (!who) throw unauthorized('the Bearer token is not known (revoked, or mistyped); `covgap token list` shows the tokens in use');
      } else {
        const session = sessionCookie(req);
        if (session !== undefined) who = await auth.fromSession(session);
        // a write from another site's page: with the cookie refused whatever the session; without
        // it too (the local administrator's writes, a login: login CSRF), whatever the path says
        refuseCrossSiteWrite(req, publicUrl, session !== undefined);
        who ??= await auth.anonymous();
      }
      if (who) setPrincipal(req, who);
      if (who && who.via !== 'local') perCaller(res); // (even a public answer: /openapi.json differs for a partner limited to an operator)
      const needed = requiredRole(req.method, req.path, req.query);
      if (needed === 'public') {
        next();
        return;
      }
      if (!who) {
        throw unauthorized(`${req.method} ${req.path} needs the ${needed} role or above: send Authorization: Bearer <token>, or log in (POST /api/login)`);
      }
      if (!atLeast(who.role, needed)) {
        throw new ApiError(403, 'Forbidden', `${req.method} ${req.path}${needed === 'partner' && SAFE_METHODS.has(req.method) ? ' (a download)' : ''} needs the ${needed} role or above; ${who.name} is a ${who.role}`, { extensions: { requiredRole: needed, role: who.role } });
      }
      if (who.operator !== null) {
        const why = operatorLimitRefusal(req.path, req.query, who.operator);
        if (why) throw new ApiError(403, 'Forbidden', why);
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}
