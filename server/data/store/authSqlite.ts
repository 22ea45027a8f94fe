/** The users, tokens and sessions of the SQLite store (tables of migration 2, server/data/store/auth.ts). */
import type Database from 'better-sqlite3';
import { ConflictError } from '../../../core/errors';
import { nameSkeleton } from '../../../core/text/names';
import type { Role } from '../../auth/policy';
import { userTaken, type AuthRepository, type TokenRecord, type UserRecord } from './auth';

interface UserRow { name: string; role: Role; operator: string | null; password_hash: string; created_at: string }
interface TokenRow { id: string; prefix: string; role: Role; operator: string | null; created_at: string }

const user = (r: UserRow): UserRecord => ({ name: r.name, role: r.role, operator: r.operator, passwordHash: r.password_hash, createdAt: r.created_at });
const token = (r: TokenRow): TokenRecord => ({ id: r.id, prefix: r.prefix, role: r.role, operator: r.operator, createdAt: r.created_at });

/**
 * The skeletons of the users made before migration 4 (USER_SKELETON_MIGRATION), oldest first, in
 * one transaction; returns the names left without one (they clash with an older user's).
 *
 * @example
 * fillSqliteSkeletons(db); // after the migrations
 */
export function fillSqliteSkeletons(db: Database.Database): string[] {
  const missing = db.prepare<[], { name: string }>('SELECT name FROM users WHERE name_skeleton IS NULL ORDER BY created_at, name');
  const set = db.prepare('UPDATE users SET name_skeleton = ? WHERE name = ? AND NOT EXISTS (SELECT 1 FROM users WHERE name_skeleton = ?)');
  return db.transaction(() => missing.all().map((r) => r.name).filter((name) => {
    const skeleton = nameSkeleton(name);
    return set.run(skeleton, name, skeleton).changes !== 1;
  }))();
}

/**
 * @example
 * const auth = sqliteAuth(db); // the store's connection, migrated
 */
export function sqliteAuth(db: Database.Database): AuthRepository {
  const q = {
    configured: db.prepare<[], { one: number }>('SELECT 1 AS one WHERE EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM api_tokens)'),
    users: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY name'),
    user: db.prepare<[string, string, string], UserRow>('SELECT * FROM users WHERE name = ? OR name_skeleton = ? ORDER BY name = ? DESC LIMIT 1'),
    addUser: db.prepare('INSERT INTO users (name, role, operator, password_hash, created_at, name_skeleton) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'),
    holder: db.prepare<[string, string, string], { name: string }>('SELECT name FROM users WHERE name = ? OR name_skeleton = ? ORDER BY name = ? DESC LIMIT 1'),
    dropUser: db.prepare('DELETE FROM users WHERE name = ?'),
    tokens: db.prepare<[], TokenRow>('SELECT id, prefix, role, operator, created_at FROM api_tokens ORDER BY created_at, id'),
    addToken: db.prepare('INSERT INTO api_tokens (id, hash, prefix, role, operator, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    tokenByHash: db.prepare<[string], TokenRow>('SELECT id, prefix, role, operator, created_at FROM api_tokens WHERE hash = ?'),
    dropToken: db.prepare('DELETE FROM api_tokens WHERE id = ?'),
    addSession: db.prepare('INSERT INTO sessions (hash, user_name, expires_at, created_at) VALUES (?, ?, ?, ?)'),
    session: db.prepare<[string, string], UserRow & { expires_at: string }>(
      'SELECT u.*, s.expires_at FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.hash = ? AND s.expires_at > ?'),
    dropSession: db.prepare('DELETE FROM sessions WHERE hash = ?'),
    purge: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
  };
  return {
    configured: async () => q.configured.get() !== undefined,
    listUsers: async () => q.users.all().map(user),
    getUser: async (name, skeleton) => {
      const r = q.user.get(name, skeleton, name);
      return r ? user(r) : undefined;
    },
    createUser: async (u, skeleton) => {
      if (q.addUser.run(u.name, u.role, u.operator, u.passwordHash, u.createdAt, skeleton).changes !== 1) {
        throw new ConflictError(userTaken(u.name, q.holder.get(u.name, skeleton, u.name)?.name ?? u.name));
      }
    },
    deleteUser: async (name) => q.dropUser.run(name).changes === 1,
    listTokens: async () => q.tokens.all().map(token),
    createToken: async (t, hash) => {
      q.addToken.run(t.id, hash, t.prefix, t.role, t.operator, t.createdAt);
    },
    tokenByHash: async (hash) => {
      const r = q.tokenByHash.get(hash);
      return r ? token(r) : undefined;
    },
    revokeToken: async (id) => q.dropToken.run(id).changes === 1,
    createSession: async (hash, userName, expiresAt) => {
      q.addSession.run(hash, userName, expiresAt.toISOString(), new Date().toISOString());
    },
    session: async (hash, now) => {
      const r = q.session.get(hash, now.toISOString());
      return r ? { user: user(r), expiresAt: r.expires_at } : undefined;
    },
    deleteSession: async (hash) => {
      q.dropSession.run(hash);
    },
    purgeSessions: async (now) => {
      q.purge.run(now.toISOString());
    },
  };
}
