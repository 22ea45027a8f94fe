/**
 * The users, API tokens and sessions of the store (migration 2), one suite for both backends: the
 * embedded SQLite file and a real PostgreSQL + PostGIS (tests/helpers/postgis.ts; skipped only
 * where PostGIS is not installed and CI is unset). Secrets reach the store only as hashes.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, sha256, verifyPassword } from '../../server/auth/secrets';
import { openPostgresStore } from '../../server/data/store/postgres';
import type { ScenarioRepository } from '../../server/data/store/repository';
import { openSqliteStore } from '../../server/data/store/sqlite';
import { AuthService } from '../../server/services/auth';
import { describePostgis } from '../helpers/postgis';

function suite(label: string, open: () => Promise<ScenarioRepository>): void {
  describe(`auth store: ${label}`, () => {
    let store: ScenarioRepository;
    let now = new Date('2026-12-03T08:00:00.000Z');
    let auth: AuthService;
    beforeAll(async () => {
      store = await open();
      auth = new AuthService(store.auth, { localAdmin: true, now: () => now });
    }, 120_000);
    afterAll(async () => {
      await store?.close();
    });

    it('starts with nobody: the local administrator answers anonymous callers', async () => {
      expect(await store.auth.configured()).toBe(false);
      expect(await auth.anonymous()).toMatchObject({ name: 'local', role: 'admin', via: 'local' });
    });

    it('keeps a user with a scrypt hash (salted: the same password hashes differently), never the password', async () => {
      const u = await auth.createUser({ name: 'lan.nguyen', role: 'partner', operator: 'Viettel', password: 'mật khẩu dài 1' });
      expect(u).toEqual({ name: 'lan.nguyen', role: 'partner', operator: 'Viettel', createdAt: now.toISOString() });
      const stored = await store.auth.getUser('lan.nguyen', 'lan.nguyen');
      expect(stored?.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
      expect(stored?.passwordHash).not.toContain('mật khẩu');
      expect(await verifyPassword('mật khẩu dài 1', stored!.passwordHash)).toBe(true);
      expect(await verifyPassword('mật khẩu dài 2', stored!.passwordHash)).toBe(false);
      expect(await hashPassword('mật khẩu dài 1')).not.toBe(stored?.passwordHash);
      expect(await store.auth.configured()).toBe(true);
      expect(await auth.anonymous()).toBeNull();
      await expect(auth.createUser({ name: 'lan.nguyen', role: 'viewer', password: 'another password' })).rejects.toThrow('user "lan.nguyen" exists already');
      expect((await store.auth.getUser('lan.nguyen', 'lan.nguyen'))?.role).toBe('partner');
    });

    it('refuses a bad user with every problem named, and stores nothing', async () => {
      await expect(auth.createUser({ name: ' bad name', role: 'boss', password: 'short', colour: 'red' })).rejects.toMatchObject({
        name: 'UnprocessableError',
        problems: [
          { path: 'colour', message: expect.stringContaining('unknown field') },
          { path: 'name', message: expect.stringContaining('letters, digits') },
          { path: 'role', message: 'expected one of viewer, partner, planner, admin, got "boss"' },
          { path: 'password', message: 'expected a string of 10–1024 characters' },
        ],
      });
      await expect(auth.createUser({ name: 'minh', role: 'planner', operator: 'Viettel', password: 'long enough pw' })).rejects.toThrow('operator: only a partner can be limited to an operator; a planner sees every operator');
      expect((await auth.listUsers()).map((u) => u.name)).toEqual(['lan.nguyen']);
    });

    it('logs in with the right password only; a session lives 12 hours and is stored hashed', async () => {
      expect(await auth.login('lan.nguyen', 'wrong password')).toBeNull();
      expect(await auth.login('nobody', 'mật khẩu dài 1')).toBeNull();
      const s = await auth.login('lan.nguyen', 'mật khẩu dài 1');
      expect(s?.principal).toEqual({ name: 'lan.nguyen', role: 'partner', operator: 'Viettel', via: 'session' });
      expect(s?.sessionId).toMatch(/^[\w-]{43}$/);
      expect(s?.expiresAt.toISOString()).toBe('2026-12-03T20:00:00.000Z');
      expect(await store.auth.session(s!.sessionId, now)).toBeUndefined(); // the id itself is not a key
      expect((await store.auth.session(sha256(s!.sessionId), now))?.user.name).toBe('lan.nguyen');
      expect(await auth.fromSession(s!.sessionId)).toEqual(s?.principal);
      now = new Date('2026-12-03T20:00:00.001Z');
      expect(await auth.fromSession(s!.sessionId)).toBeNull(); // expired
      now = new Date('2026-12-03T09:00:00.000Z');
      await auth.logout(s!.sessionId);
      expect(await auth.fromSession(s!.sessionId)).toBeNull();
    });

    it('deleting a user ends its sessions', async () => {
      await auth.createUser({ name: 'tmp', role: 'viewer', password: 'temporary pw' });
      const s = await auth.login('tmp', 'temporary pw');
      expect(await auth.fromSession(s!.sessionId)).not.toBeNull();
      await auth.deleteUser('tmp');
      expect(await auth.fromSession(s!.sessionId)).toBeNull();
      await expect(auth.deleteUser('tmp')).rejects.toMatchObject({ name: 'NotFoundError' });
    });

    it('keeps only the SHA-256 and a prefix of a 256-bit token; revoking it takes effect', async () => {
      const { token, record } = await auth.createToken({ role: 'partner', operator: 'MobiFone' });
      expect(token).toMatch(/^covgap_[\w-]{43}$/);
      expect(record).toMatchObject({ prefix: token.slice(0, 13), role: 'partner', operator: 'MobiFone' });
      expect(await auth.fromToken(token)).toEqual({ name: `token ${record.id}`, role: 'partner', operator: 'MobiFone', via: 'token' });
      expect(await auth.fromToken(`${token}x`)).toBeNull();
      expect(await store.auth.tokenByHash(token)).toBeUndefined();
      expect(await store.auth.tokenByHash(sha256(token))).toEqual(record);
      const listed = await auth.listTokens();
      expect(listed).toEqual([record]);
      expect(JSON.stringify(listed)).not.toContain(token.slice(13));
      const other = await auth.createToken({ role: 'admin' });
      await auth.revokeToken(record.id);
      expect(await auth.fromToken(token)).toBeNull();
      expect(await auth.fromToken(other.token)).toMatchObject({ role: 'admin', operator: null });
      await expect(auth.revokeToken(record.id)).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(auth.createToken({ role: 'root' })).rejects.toThrow('role: expected one of viewer, partner, planner, admin, got "root"');
    });
  });
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

suite('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'covgap-auth-'));
  dirs.push(dir);
  return openSqliteStore(join(dir, 'covgap.sqlite'));
});

describe('SQLite file', () => {
  it('holds no token, session id or password in clear (only hashes)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'covgap-auth-'));
    dirs.push(dir);
    const path = join(dir, 'covgap.sqlite');
    const store = openSqliteStore(path);
    const auth = new AuthService(store.auth, { localAdmin: false });
    const { token } = await auth.createToken({ role: 'viewer' });
    await auth.createUser({ name: 'an', role: 'admin', password: 'hunter2hunter2' });
    const s = await auth.login('an', 'hunter2hunter2');
    await store.close();
    const db = new Database(path, { readonly: true });
    const dump = JSON.stringify(['users', 'api_tokens', 'sessions'].map((t) => db.prepare(`SELECT * FROM ${t}`).all()));
    db.close();
    for (const secret of [token, token.slice(7), s!.sessionId, 'hunter2hunter2']) expect(dump).not.toContain(secret);
    expect(dump).toContain(sha256(token));
  });
});

describePostgis((db) => {
  suite('PostgreSQL + PostGIS', async () => openPostgresStore((await db()).url));
});
