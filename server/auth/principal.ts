/**
 * Who a request comes from, once server/http/auth.ts has read its credentials: kept beside the
 * request (a WeakMap, no global type augmentation) for the routes that answer differently per
 * caller (the network a partner limited to one operator sees, GET /api/me).
 */
import type { Request } from 'express';
import type { Role } from './policy';

export interface Principal {
  /** The user's name; for a token `token <id>`; `local` for the local administrator. */
  name: string;
  role: Role;
  /** The operator a partner is limited to; null: every operator. */
  operator: string | null;
  /** How it was told: an API token, a browser session, or nothing (the local administrator, see README). */
  via: 'token' | 'session' | 'local';
}

/** The one caller of a server without users and tokens on a loopback address. */
export const LOCAL_ADMIN: Readonly<Principal> = Object.freeze({ name: 'local', role: 'admin', operator: null, via: 'local' });

const principals = new WeakMap<Request, Principal>();

export function setPrincipal(req: Request, p: Principal): void {
  principals.set(req, p);
}

/** The request's caller, or null for nobody (an app built without authentication makes everyone LOCAL_ADMIN). */
export function principalOf(req: Request): Principal | null {
  return principals.get(req) ?? null;
}

/** The operator the request's caller is limited to, or null. */
export const operatorLimit = (req: Request): string | null => principalOf(req)?.operator ?? null;
