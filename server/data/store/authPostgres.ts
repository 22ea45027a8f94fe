/** The users, tokens and sessions of the PostgreSQL store (tables of migration 2, server/data/store/auth.ts). */
import type pg from 'pg';
import { ConflictError } from '../../../core/errors';
import { nameSkeleton } from '../../../core/text/names';
import type { Role } from '../../auth/policy';
import { userTaken, type AuthRepository, type TokenRecord, type UserRecord } from './auth';

interface UserRow { name: string; role: Role; operator: string | null; password_hash: string; created_at: Date }
interface TokenRow { id: string; prefix: string; role: Role; operator: string | null; created_at: Date }

const user = (r: UserRow): UserRecord => ({ name: r.name, role: r.role, operator: r.operator, passwordHash: r.password_hash, createdAt: r.created_at.toISOString() });
const token = (r: TokenRow): TokenRecord => ({ id: r.id, prefix: r.prefix, role: r.role, operator: r.operator, createdAt: r.created_at.toISOString() });

/**
 * The skeletons of the users made before migration 4 (USER_SKELETON_MIGRATION), oldest first, on
 * the migrating client (under its advisory lock); returns the names left without one (they clash
 * with an older user's).
 *
 * @example
 * await fillPostgresSkeletons(client); // after the migrations
 */
export async function fillPostgresSkeletons(c: pg.PoolClient): Promise<string[]> {
  const missing = (await c.query<{ name: string }>('SELECT name FROM users WHERE name_skeleton IS NULL ORDER BY created_at, name')).rows;
  const clashing: string[] = [];
  for (const { name } of missing) {
    const skeleton = nameSkeleton(name);
    const r = await c.query('UPDATE users SET name_skeleton = $1 WHERE name = $2 AND NOT EXISTS (SELECT 1 FROM users WHERE name_skeleton = $1)', [skeleton, name]);
    if (r.rowCount !== 1) clashing.push(name);
  }
  return clashing;
}

/**
 * @example
 * const auth = postgresAuth(pool); // the store's pool, migrated
 */
export function postgresAuth(pool: pg.Pool): AuthRepository {
  return {
    async configured() {
      const r = await pool.query('SELECT 1 WHERE EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM api_tokens)');
      return r.rowCount === 1;
    },
    async listUsers() {
      return (await pool.query<UserRow>('SELECT * FROM users ORDER BY name')).rows.map(user);
    },
    async getUser(name, skeleton) {
      const r = await pool.query<UserRow>('SELECT * FROM users WHERE name = $1 OR name_skeleton = $2 ORDER BY name = $1 DESC LIMIT 1', [name, skeleton]);
      return r.rows[0] ? user(r.rows[0]) : undefined;
    },
    async createUser(u, skeleton) {
      const r = await pool.query('INSERT INTO users (name, role, operator, password_hash, created_at, name_skeleton) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING', [u.name, u.role, u.operator, u.passwordHash, u.createdAt, skeleton]);
      if (r.rowCount !== 1) {
        const holder = await pool.query<{ name: string }>('SELECT name FROM users WHERE name = $1 OR name_skeleton = $2 ORDER BY name = $1 DESC LIMIT 1', [u.name, skeleton]);
        throw new ConflictError(userTaken(u.name, holder.rows[0]?.name ?? u.name));
      }
    },
    async deleteUser(name) {
      return (await pool.query('DELETE FROM users WHERE name = $1', [name])).rowCount === 1;
    },
    async listTokens() {
      return (await pool.query<TokenRow>('SELECT id, prefix, role, operator, created_at FROM api_tokens ORDER BY created_at, id')).rows.map(token);
    },
    async createToken(t, hash) {
      await pool.query('INSERT INTO api_tokens (id, hash, prefix, role, operator, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [t.id, hash, t.prefix, t.role, t.operator, t.createdAt]);
    },
    async tokenByHash(hash) {
      const r = await pool.query<TokenRow>('SELECT id, prefix, role, operator, created_at FROM api_tokens WHERE hash = $1', [hash]);
      return r.rows[0] ? token(r.rows[0]) : undefined;
    },
    async revokeToken(id) {
      return (await pool.query('DELETE FROM api_tokens WHERE id = $1', [id])).rowCount === 1;
    },
    async createSession(hash, userName, expiresAt) {
      await pool.query('INSERT INTO sessions (hash, user_name, expires_at, created_at) VALUES ($1, $2, $3, now())', [hash, userName, expiresAt]);
    },
    async session(hash, now) {
      const r = await pool.query<UserRow & { expires_at: Date }>('SELECT u.*, s.expires_at FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.hash = $1 AND s.expires_at > $2', [hash, now]);
      return r.rows[0] ? { user: user(r.rows[0]), expiresAt: r.rows[0].expires_at.toISOString() } : undefined;
    },
    async deleteSession(hash) {
      await pool.query('DELETE FROM sessions WHERE hash = $1', [hash]);
    },
    async purgeSessions(now) {
      await pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
    },
  };
}
