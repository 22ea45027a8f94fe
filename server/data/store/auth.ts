/**
 * Who may use the server (issue 12): users (name, role, the operator a partner is limited to,
 * the password's scrypt hash with its salt and parameters), API tokens (only the SHA-256 of the
 * token is stored, with a short prefix for listing) and browser sessions (the SHA-256 of the
 * cookie's random id, and its expiry). Migration 2 of both stores; the SQL of each is here, so
 * that the stores' files only list it. Secrets never reach this layer in clear: callers pass
 * hashes (server/auth/secrets.ts).
 */
import type { Role } from '../../auth/policy';

export interface UserRecord {
  name: string;
  role: Role;
  /** The operator a partner is limited to; null: every operator. */
  operator: string | null;
  /** `scrypt$N$r$p$salt$hash` (base64url), see server/auth/secrets.ts. */
  passwordHash: string;
  createdAt: string;
}

export interface TokenRecord {
  /** Short random id, for `covgap token revoke ID`. */
  id: string;
  /** The token's first characters, so that its owner can tell which one it is. */
  prefix: string;
  role: Role;
  operator: string | null;
  createdAt: string;
}

export interface SessionRecord {
  user: UserRecord;
  expiresAt: string;
}

export interface AuthRepository {
  /** True when at least one user or token exists (then anonymous requests are refused). */
  configured(): Promise<boolean>;
  listUsers(): Promise<UserRecord[]>;
  /**
   * The user named `name` exactly, else the one whose name has `skeleton` (core/text/names.ts:
   * the same name but for case, width or look-alike letters); undefined when none.
   */
  getUser(name: string, skeleton: string): Promise<UserRecord | undefined>;
  /** Stores the user with its name's skeleton; a name or a skeleton taken throws ConflictError naming the user who has it. */
  createUser(user: UserRecord, skeleton: string): Promise<void>;
  /** Deletes the user and its sessions; false when there was none. */
  deleteUser(name: string): Promise<boolean>;
  listTokens(): Promise<TokenRecord[]>;
  createToken(token: TokenRecord, hash: string): Promise<void>;
  /** The token whose SHA-256 is `hash`, or undefined. */
  tokenByHash(hash: string): Promise<TokenRecord | undefined>;
  /** False when there was no token `id`. */
  revokeToken(id: string): Promise<boolean>;
  createSession(hash: string, userName: string, expiresAt: Date): Promise<void>;
  /** The session (and its user) whose id hashes to `hash`, unexpired at `now`; else undefined. */
  session(hash: string, now: Date): Promise<SessionRecord | undefined>;
  deleteSession(hash: string): Promise<void>;
  /** Drops the sessions expired at `now`. */
  purgeSessions(now: Date): Promise<void>;
}

/** The tables of migration 2, in the column types of a store's SQL dialect. */
function authMigration(t: { text: string; time: string }): string {
  const role = `${t.text} NOT NULL CHECK (role IN ('viewer', 'partner', 'planner', 'admin'))`;
  return `
  CREATE TABLE users (
    name ${t.text} PRIMARY KEY,
    role ${role},
    operator ${t.text},              -- a partner's one operator; NULL: all
    password_hash ${t.text} NOT NULL, -- scrypt$N$r$p$salt$hash
    created_at ${t.time} NOT NULL
  );
  CREATE TABLE api_tokens (
    id ${t.text} PRIMARY KEY,
    hash ${t.text} NOT NULL UNIQUE,  -- hex SHA-256 of the token; the token itself is never stored
    prefix ${t.text} NOT NULL,
    role ${role},
    operator ${t.text},
    created_at ${t.time} NOT NULL
  );
  CREATE TABLE sessions (
    hash ${t.text} PRIMARY KEY,      -- hex SHA-256 of the cookie's random id
    user_name ${t.text} NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    expires_at ${t.time} NOT NULL,
    created_at ${t.time} NOT NULL
  );
  CREATE INDEX sessions_user ON sessions (user_name);
`;
}

/** Migration 2 of the SQLite store (server/data/store/sqlite.ts): times as ISO 8601 UTC text. */
export const AUTH_MIGRATION_SQLITE = authMigration({ text: 'TEXT', time: 'TEXT' });

/** Migration 2 of the PostgreSQL store (server/data/store/postgres.ts). */
export const AUTH_MIGRATION_POSTGRES = authMigration({ text: 'text', time: 'timestamptz' });

/**
 * Migration 4 of both stores: each user name's skeleton (core/text/names.ts), unique, so that
 * two names a reader cannot tell apart cannot both be made — not even by two requests at once.
 * Users made before it get theirs when the store opens (each store's fill…Skeletons), oldest
 * first; a user whose skeleton an older one holds keeps none (NULL): both go on working under
 * their exact names, and the other spellings find the older one.
 */
export const USER_SKELETON_MIGRATION = `
  ALTER TABLE users ADD COLUMN name_skeleton TEXT;
  CREATE UNIQUE INDEX users_name_skeleton ON users (name_skeleton);
`;

/**
 * The message of a taken user name (both stores): `existing` is the user who has it (the same
 * name, or one a reader cannot tell from it).
 */
export function userTaken(name: string, existing: string): string {
  if (existing === name) return `user "${name}" exists already; delete it first (covgap user delete ${name}) or choose another name`;
  return `user name ${JSON.stringify(name)} is taken: it reads as the existing user ${JSON.stringify(existing)} (user names are compared without case, width or look-alike letters); choose another name`;
}
