/**
 * Users, API tokens and browser sessions (issue 12): validation, hashing and the rule of the
 * local administrator. Throws domain errors only (InputError, NotFoundError); the HTTP layer
 * (server/http/auth.ts, server/routes/auth.ts) and the CLI (server/cli/auth.ts) share it.
 */
import { InputError, NotFoundError, UnprocessableError } from '../../core/errors';
import { nameProblem, nameSkeleton, userName } from '../../core/text/names';
import { LOCAL_ADMIN, type Principal } from '../auth/principal';
import { isRole, ROLES, type Role } from '../auth/policy';
import { DUMMY_HASH, hashPassword, newToken, randomSecret, sha256, shortId, TOKEN_SHOWN, verifyPassword } from '../auth/secrets';
import type { AuthRepository, TokenRecord, UserRecord } from '../data/store/auth';

export const AUTH_LIMITS = Object.freeze({ nameMax: 64, passwordMin: 10, passwordMax: 1024, operatorMax: 100 });
/** A browser session lasts this long after login (then log in again). */
export const SESSION_HOURS = 12;
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]*$/u;

/** A user as listed: never its hash. */
export type UserInfo = Omit<UserRecord, 'passwordHash'>;

export interface AuthServiceOptions {
  /**
   * Whether an anonymous caller is the local administrator while no user or token exists (the
   * server is bound to a loopback address and not published: see server/main.ts).
   */
  localAdmin: boolean;
  now?: () => Date;
}

/**
 * @example
 * const auth = new AuthService(store.auth, { localAdmin: true });
 * const { token } = await auth.createToken({ role: 'partner', operator: 'Viettel' });
 */
export class AuthService {
  readonly repo: AuthRepository;
  private readonly _localAdmin: boolean;
  private readonly _now: () => Date;
  /** Once a user or token was seen, anonymous callers stay refused until restart (the safe way). */
  private _configured = false;
  /** Short-lived tokens held in memory only (delegate()), by their SHA-256. */
  private readonly _delegated = new Map<string, { principal: Principal; expires: number }>();

  constructor(repo: AuthRepository, options: AuthServiceOptions) {
    this.repo = repo;
    this._localAdmin = options.localAdmin;
    this._now = options.now ?? (() => new Date());
  }

  /** True when a user or a token exists (anonymous requests are then refused). */
  async configured(): Promise<boolean> {
    if (!this._configured) this._configured = await this.repo.configured();
    return this._configured;
  }

  /** Who an anonymous caller is: the local administrator, or nobody (null). */
  async anonymous(): Promise<Principal | null> {
    if (!this._localAdmin) return null;
    return (await this.configured()) ? null : LOCAL_ADMIN;
  }

  /** The caller of `Authorization: Bearer TOKEN`, or null for an unknown (or revoked) token. */
  async fromToken(token: string): Promise<Principal | null> {
    const hash = sha256(token);
    const d = this._delegated.get(hash);
    if (d) return d.expires > this._now().getTime() ? d.principal : null;
    const t = await this.repo.tokenByHash(hash);
    return t ? { name: `token ${t.id}`, role: t.role, operator: t.operator, via: 'token' } : null;
  }

  /** The caller of a session cookie, or null when unknown or expired. */
  async fromSession(sessionId: string): Promise<Principal | null> {
    const s = await this.repo.session(sha256(sessionId), this._now());
    return s ? { name: s.user.name, role: s.user.role, operator: s.user.operator, via: 'session' } : null;
  }

  /**
   * A token that acts as `principal` for `ttlMs` (or until released), kept in this process's
   * memory only: the server's own report browser reads the report page with it, as its caller.
   */
  delegate(principal: Principal, ttlMs = 120_000): { token: string; release(): void } {
    const now = this._now().getTime();
    for (const [h, d] of this._delegated) if (d.expires <= now) this._delegated.delete(h);
    const token = newToken();
    const hash = sha256(token);
    this._delegated.set(hash, { principal, expires: now + ttlMs });
    return { token, release: () => void this._delegated.delete(hash) };
  }

  /** A new session for `name` with `password`, or null when they do not match (same time either way). */
  async login(name: unknown, password: unknown): Promise<{ sessionId: string; expiresAt: Date; principal: Principal } | null> {
    if (typeof name !== 'string' || typeof password !== 'string' || password.length > AUTH_LIMITS.passwordMax || name.length > AUTH_LIMITS.nameMax) {
      throw new UnprocessableError([{ path: typeof name === 'string' && name.length <= AUTH_LIMITS.nameMax ? 'password' : 'name', message: `expected {"name": "<user name>", "password": "<password>"} (strings, name at most ${AUTH_LIMITS.nameMax} characters)` }]);
    }
    const user = await this.repo.getUser(userName(name), nameSkeleton(name));
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) return null;
    const now = this._now();
    await this.repo.purgeSessions(now);
    const sessionId = randomSecret();
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600e3);
    await this.repo.createSession(sha256(sessionId), user.name, expiresAt);
    this._configured = true;
    return { sessionId, expiresAt, principal: { name: user.name, role: user.role, operator: user.operator, via: 'session' } };
  }

  async logout(sessionId: string): Promise<void> {
    await this.repo.deleteSession(sha256(sessionId));
  }

  async listUsers(): Promise<UserInfo[]> {
    return (await this.repo.listUsers()).map(({ passwordHash: _, ...u }) => u);
  }

  /**
   * Creates a user from an API body or the CLI's arguments; problems are 422 with every field
   * named. `operators`: the data's operators (operatorsOf), which a partner's `operator` must be
   * one of — the HTTP route and the CLI always give them.
   */
  async createUser(body: unknown, operators?: readonly string[]): Promise<UserInfo> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InputError('expected a JSON object {"name", "role", "password", "operator"?}');
    const b = body as Record<string, unknown>;
    const problems: { path: string; message: string }[] = [];
    for (const k of Object.keys(b)) if (!['name', 'role', 'password', 'operator'].includes(k)) problems.push({ path: k, message: 'unknown field; a user has name, role, password and (partners) operator' });
    // stored NFKC-normalised; compared without case, width or look-alike letters (the store's skeleton)
    const name = typeof b.name === 'string' ? userName(b.name) : b.name;
    const hidden = typeof name === 'string' ? nameProblem(name) : null;
    if (hidden) problems.push({ path: 'name', message: hidden });
    else if (typeof name !== 'string' || name.length === 0 || name.length > AUTH_LIMITS.nameMax || !NAME.test(name)) {
      problems.push({ path: 'name', message: `expected 1–${AUTH_LIMITS.nameMax} letters, digits, ".", "_", "@" or "-", starting with a letter or digit` });
    }
    const { role, operator, problem } = checkRoleOperator(b.role, b.operator, operators);
    if (problem) problems.push(problem);
    const password = b.password;
    if (typeof password !== 'string' || [...password].length < AUTH_LIMITS.passwordMin || password.length > AUTH_LIMITS.passwordMax) {
      problems.push({ path: 'password', message: `expected a string of ${AUTH_LIMITS.passwordMin}–${AUTH_LIMITS.passwordMax} characters` });
    }
    if (problems.length > 0) throw new UnprocessableError(problems);
    const user: UserRecord = { name: name as string, role: role!, operator, passwordHash: await hashPassword(password as string), createdAt: this._now().toISOString() };
    await this.repo.createUser(user, nameSkeleton(user.name));
    this._configured = true;
    const { passwordHash: _, ...info } = user;
    return info;
  }

  /** Deletes the user `name` names (exactly, else as login finds it: without case, width or look-alike letters). */
  async deleteUser(name: string): Promise<void> {
    const user = await this.repo.getUser(userName(name), nameSkeleton(name));
    if (!user || !(await this.repo.deleteUser(user.name))) throw new NotFoundError(`no user ${JSON.stringify(name)}; GET /api/users (or covgap user list) lists them`);
  }

  /** A new API token: the token itself is returned once and only its SHA-256 is stored. `operators` as for createUser. */
  async createToken(args: { role: unknown; operator?: unknown }, operators?: readonly string[]): Promise<{ token: string; record: TokenRecord }> {
    const { role, operator, problem } = checkRoleOperator(args.role, args.operator, operators);
    if (problem) throw new UnprocessableError([problem]);
    const token = newToken();
    const record: TokenRecord = { id: shortId(), prefix: token.slice(0, TOKEN_SHOWN), role: role!, operator, createdAt: this._now().toISOString() };
    await this.repo.createToken(record, sha256(token));
    this._configured = true;
    return { token, record };
  }

  listTokens(): Promise<TokenRecord[]> {
    return this.repo.listTokens();
  }

  async revokeToken(id: string): Promise<void> {
    if (!(await this.repo.revokeToken(id))) throw new NotFoundError(`no token "${id}"; covgap token list shows their ids`);
  }
}

/**
 * A role, and an operator only for a partner; given the data's `operators`, one of them, spelled
 * as the sites spell it (a partner's network is the sites whose `operator` equals it exactly:
 * NetworkViews.limited), so a typo cannot make a user or token that sees nothing.
 */
export function checkRoleOperator(role: unknown, operator: unknown, operators?: readonly string[]): { role: Role | null; operator: string | null; problem: { path: string; message: string } | null } {
  if (!isRole(role)) return { role: null, operator: null, problem: { path: 'role', message: `expected one of ${ROLES.join(', ')}, got ${JSON.stringify(role ?? null)}` } };
  if (operator === undefined || operator === null) return { role, operator: null, problem: null };
  if (role !== 'partner') return { role, operator: null, problem: { path: 'operator', message: `only a partner can be limited to an operator; a ${role} sees every operator` } };
  if (typeof operator !== 'string' || operator.trim() === '' || operator.length > AUTH_LIMITS.operatorMax) {
    return { role, operator: null, problem: { path: 'operator', message: `expected an operator's name as in the sites' "operator" (e.g. Viettel), at most ${AUTH_LIMITS.operatorMax} characters` } };
  }
  if (operators && !operators.includes(operator)) return { role, operator: null, problem: { path: 'operator', message: unknownOperator(operator, operators) } };
  return { role, operator, problem: null };
}

/**
 * Why `operator` is none of the data's `operators`, naming them (and the one meant, when only the
 * case or the spaces around it differ).
 *
 * @example
 * unknownOperator('Vietel', ['MobiFone', 'Viettel']) // 'unknown operator "Vietel": the data has MobiFone, Viettel'
 */
export function unknownOperator(operator: string, operators: readonly string[]): string {
  if (operators.length === 0) return `unknown operator ${JSON.stringify(operator)}: the data has no sites, so no operator to limit to`;
  const meant = operators.find((o) => o.toLowerCase() === operator.trim().toLowerCase());
  return `unknown operator ${JSON.stringify(operator)}${meant ? ` (names match exactly: did you mean ${JSON.stringify(meant)}?)` : ''}: the data has ${operators.join(', ')}`;
}
