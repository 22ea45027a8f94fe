/**
 * Who is using the app (issue 12): GET /api/me (null when nobody is logged in: 401), the login
 * (POST /api/login sets the HttpOnly session cookie, which scripts here never see) and logout.
 * What the UI offers comes from the server's answer (`may`), which derives it from its roles.
 */
import type { LoggedIn, Me } from '../../core/wire';

/** The caller (GET /api/me, the contract's). */
export type { Me } from '../../core/wire';

/** The caller, or null when the server wants a login (401). */
export async function whoAmI(): Promise<Me | null> {
  const res = await fetch('/api/me', { headers: { accept: 'application/json' } });
  if (res.status === 401) return null;
  if (!res.ok) throw new Error(`GET /api/me: HTTP ${res.status}`);
  return (await res.json()) as Me;
}

/** Why a login failed: 'wrong' (name or password), 'limit' (too many tries), or the server's detail. */
export class LoginError extends Error {
  readonly kind: 'wrong' | 'limit' | 'other';
  constructor(kind: LoginError['kind'], message: string) {
    super(message);
    this.name = 'LoginError';
    this.kind = kind;
  }
}

export async function logIn(name: string, password: string): Promise<LoggedIn> {
  const res = await fetch('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  if (res.ok) return (await res.json()) as LoggedIn;
  const detail = ((await res.json().catch(() => ({}))) as { detail?: string }).detail ?? `HTTP ${res.status}`;
  throw new LoginError(res.status === 401 ? 'wrong' : res.status === 429 ? 'limit' : 'other', detail);
}

export async function logOut(): Promise<void> {
  await fetch('/api/logout', { method: 'POST' });
}
