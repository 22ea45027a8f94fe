/**
 * Login and users (issue 12): POST /api/login {name, password} → the session cookie (HttpOnly,
 * SameSite=Strict, Path=/, Secure when PUBLIC_URL is https), POST /api/logout, GET /api/me (who
 * the caller is; 401 for nobody), and the administrators' GET/POST /api/users,
 * DELETE /api/users/{name}. The roles are checked before (server/http/auth.ts).
 */
import { Router, type Request, type Response } from 'express';
import { atLeast, DOWNLOAD_FORMATS, requiredRole } from '../auth/policy';
import { principalOf, type Principal } from '../auth/principal';
import { sessionCookie, SESSION_COOKIE, unauthorized } from '../http/auth';
import { ApiError } from '../http/errors';
import { baseUrl, onlyParams } from '../http/params';
import type { AuthService } from '../services/auth';
import type { LoggedIn, Me, User, UserList } from '../../core/wire';

/**
 * Who the caller is, and what the web client should offer it (from the policy, the one place):
 * plan mode (scenario writes), downloads, user administration, imports.
 */
const me = (p: Principal) => ({
  name: p.name, role: p.role, operator: p.operator, via: p.via,
  may: {
    plan: p.operator === null && mayDo(p, 'POST', '/api/scenarios'),
    download: mayDo(p, 'GET', '/collections/gaps/items', { f: DOWNLOAD_FORMATS[0] }),
    administer: mayDo(p, 'POST', '/api/users'),
    imports: mayDo(p, 'POST', '/api/imports/sites'),
  },
});
const mayDo = (p: Principal, method: string, path: string, query: Record<string, string> = {}): boolean => {
  const needed = requiredRole(method, path, query);
  return needed === 'public' || atLeast(p.role, needed);
};

function requireJson(req: Request): void {
  if (!req.is('application/json')) throw new ApiError(415, 'Unsupported Media Type', 'send the body as JSON with Content-Type: application/json');
}

/**
 * `operators`: the data's operators, which a user's `operator` must be one of (422 otherwise).
 *
 * @example
 * app.use(authRoutes(auth, config.publicUrl, () => views.operators()));
 */
export function authRoutes(auth: AuthService | null, publicUrl: string | null, operators: () => Promise<readonly string[]>): Router {
  const router = Router();
  const secure = publicUrl?.startsWith('https:') ?? false;
  const cookieOptions = { httpOnly: true, sameSite: 'strict' as const, path: '/', secure };

  router.get('/api/me', async (req, res) => {
    onlyParams(req, []);
    res.set('Cache-Control', 'no-store');
    const p = principalOf(req);
    if (!p) throw unauthorized('nobody is logged in: POST /api/login, or send Authorization: Bearer <token>');
    res.json(me(p) satisfies Me);
  });

  if (!auth) return router;

  router.post('/api/login', async (req, res) => {
    onlyParams(req, []);
    requireJson(req);
    const body = (req.body ?? {}) as { name?: unknown; password?: unknown };
    const done = await auth.login(body.name, body.password);
    if (!done) throw unauthorized('the name or the password is wrong');
    res.cookie(SESSION_COOKIE, done.sessionId, { ...cookieOptions, expires: done.expiresAt });
    res.set('Cache-Control', 'no-store').json({ ...me(done.principal), expiresAt: done.expiresAt.toISOString() } satisfies LoggedIn);
  });

  router.post('/api/logout', async (req, res) => {
    onlyParams(req, []);
    const session = sessionCookie(req);
    if (session !== undefined) await auth.logout(session);
    res.clearCookie(SESSION_COOKIE, cookieOptions);
    res.status(204).end();
  });

  const userLink = (req: Request, name: string) => `${baseUrl(req, publicUrl)}/api/users/${encodeURIComponent(name)}`;

  router.get('/api/users', async (req, res) => {
    onlyParams(req, []);
    const users = await auth.listUsers();
    res.set('Cache-Control', 'no-store').json({ users, numberReturned: users.length } satisfies UserList);
  });

  router.post('/api/users', async (req, res: Response) => {
    onlyParams(req, []);
    requireJson(req);
    const user = await auth.createUser(req.body, await operators());
    res.status(201).location(userLink(req, user.name)).json(user satisfies User);
  });

  router.delete('/api/users/:name', async (req, res) => {
    onlyParams(req, []);
    await auth.deleteUser(req.params.name);
    res.status(204).end();
  });

  return router;
}
