/**
 * The store on PostgreSQL + PostGIS (npm `pg`), used when DATABASE_URL is set: the same tables as
 * the SQLite store, the edited stations as `geometry(Point, 4326)` with a GiST index, numbered
 * migrations under an advisory lock (several servers may start at once). PostgreSQL commits are
 * durable by default (fsync, synchronous_commit on) before the COMMIT returns.
 */
import pg from 'pg';
import { InputError } from '../../../core/errors';
import type { BBox } from '../../../core/model/types';
import type { Scenario, ScenarioDraft } from '../../../core/scenario/types';
import { DATASETS_POSTGRES_SQL, postgresDatasets } from './datasets';
import { AUTH_MIGRATION_POSTGRES, USER_SKELETON_MIGRATION } from './auth';
import { fillPostgresSkeletons, postgresAuth } from './authPostgres';
import { checkSchemaVersion, editedPoints, writeRefused, type ScenarioRepository } from './repository';

const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'scenarios',
    sql: `
      CREATE EXTENSION IF NOT EXISTS postgis;
      CREATE TABLE scenarios (
        id text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL,
        base text NOT NULL,
        edits jsonb NOT NULL,
        author text NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE TABLE scenario_sites (
        id bigserial PRIMARY KEY,
        scenario_id text NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
        site_id text NOT NULL,
        op text NOT NULL,
        geom geometry(Point, 4326) NOT NULL
      );
      CREATE INDEX scenario_sites_scenario ON scenario_sites (scenario_id);
      CREATE INDEX scenario_sites_geom ON scenario_sites USING gist (geom);
    `,
  },
  { version: 2, name: 'users, API tokens and sessions', sql: AUTH_MIGRATION_POSTGRES },
  { version: 3, name: 'dataset_versions', sql: DATASETS_POSTGRES_SQL },
  { version: 4, name: 'user name skeletons', sql: USER_SKELETON_MIGRATION },
];
/** Key of the advisory lock the migrations hold (any constant the app owns). */
const MIGRATION_LOCK = 7_361_042;

interface Row {
  id: string; name: string; description: string; base: string; edits: Scenario['edits']; author: string;
  version: number; created_at: Date; updated_at: Date;
}
const fromRow = (r: Row): Scenario => ({
  id: r.id, name: r.name, description: r.description, base: r.base, edits: r.edits, author: r.author,
  version: r.version, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
});

/**
 * Connects to `url` and brings the schema up to date.
 *
 * @example
 * const store = await openPostgresStore('postgres://covgap@127.0.0.1:5433/covgap');
 */
export async function openPostgresStore(url: string): Promise<ScenarioRepository> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  pool.on('error', () => { /* an idle client lost its connection: the next query reconnects */ });
  await migrate(pool);

  /** Runs `work` in one transaction on one client. */
  const tx = async <T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const out = await work(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  };
  const replaceSites = async (c: pg.PoolClient, id: string, draft: ScenarioDraft): Promise<void> => {
    await c.query('DELETE FROM scenario_sites WHERE scenario_id = $1', [id]);
    for (const p of editedPoints(draft)) {
      await c.query('INSERT INTO scenario_sites (scenario_id, site_id, op, geom) VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326))', [id, p.siteId, p.op, p.lon, p.lat]);
    }
  };
  const conflict = async (c: pg.PoolClient, id: string, expected: number): Promise<never> => {
    const r = await c.query<{ version: number }>('SELECT version FROM scenarios WHERE id = $1', [id]);
    throw writeRefused(id, expected, r.rows[0]?.version);
  };

  return {
    kind: 'postgis',
    datasets: postgresDatasets(pool, tx),
    auth: postgresAuth(pool),
    async list() {
      const r = await pool.query<Row>('SELECT * FROM scenarios ORDER BY created_at, id');
      return r.rows.map(fromRow);
    },
    async get(id) {
      const r = await pool.query<Row>('SELECT * FROM scenarios WHERE id = $1', [id]);
      return r.rows[0] ? fromRow(r.rows[0]) : undefined;
    },
    create: (id, d, now = new Date()) =>
      tx(async (c) => {
        const r = await c.query<Row>(
          `INSERT INTO scenarios (id, name, description, base, edits, author, version, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) ON CONFLICT (id) DO NOTHING RETURNING *`,
          [id, d.name, d.description, d.base, JSON.stringify(d.edits), d.author, now],
        );
        if (r.rowCount !== 1) throw new InputError(`scenario id "${id}" is taken`, 'id');
        await replaceSites(c, id, d);
        return fromRow(r.rows[0]);
      }),
    update: (id, expected, d, now = new Date()) =>
      tx(async (c) => {
        const r = await c.query<Row>(
          `UPDATE scenarios SET name = $1, description = $2, base = $3, edits = $4, author = $5, version = version + 1, updated_at = $6
           WHERE id = $7 AND version = $8 RETURNING *`,
          [d.name, d.description, d.base, JSON.stringify(d.edits), d.author, now, id, expected],
        );
        if (r.rowCount !== 1) return conflict(c, id, expected);
        await replaceSites(c, id, d);
        return fromRow(r.rows[0]);
      }),
    delete: (id, expected) =>
      tx(async (c) => {
        const r = await c.query('DELETE FROM scenarios WHERE id = $1 AND version = $2', [id, expected]);
        if (r.rowCount !== 1) await conflict(c, id, expected);
      }),
    async touching(b: BBox) {
      const r = await pool.query<{ scenario_id: string }>(
        'SELECT DISTINCT scenario_id FROM scenario_sites WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) ORDER BY scenario_id',
        [b[0], b[1], b[2], b[3]],
      );
      return r.rows.map((x) => x.scenario_id);
    },
    close: () => pool.end(),
  };
}

async function migrate(pool: pg.Pool): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)');
    const done = new Set((await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    checkSchemaVersion(done, Math.max(...MIGRATIONS.map((m) => m.version)), 'database');
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await c.query('BEGIN');
      try {
        await c.query(m.sql);
        await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [m.version, m.name]);
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK');
        throw err;
      }
    }
    await fillPostgresSkeletons(c);
  } finally {
    await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    c.release();
  }
}
