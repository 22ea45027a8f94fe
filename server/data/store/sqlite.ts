/**
 * The embedded store: one SQLite file in DATA_DIR (better-sqlite3). WAL journal with
 * `synchronous = FULL`, so a committed write is on disk (fsync) before the call returns and
 * survives a kill -9 or a power cut; numbered migrations in `schema_migrations`; the edited
 * stations of each scenario in an R*Tree for the spatial query.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../../../core/errors';
import type { BBox } from '../../../core/model/types';
import type { Scenario, ScenarioDraft } from '../../../core/scenario/types';
import { DATASETS_SQLITE_SQL, sqliteDatasets } from './datasets';
import { AUTH_MIGRATION_SQLITE, USER_SKELETON_MIGRATION } from './auth';
import { fillSqliteSkeletons, sqliteAuth } from './authSqlite';
import { checkSchemaVersion, editedPoints, writeRefused, type ScenarioRepository } from './repository';

/** Numbered migrations, applied in order, each in its own transaction. Never edit a published one: add the next. */
const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'scenarios',
    sql: `
      CREATE TABLE scenarios (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        base TEXT NOT NULL,
        edits TEXT NOT NULL,          -- JSON array of edits
        author TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,     -- ISO 8601 UTC
        updated_at TEXT NOT NULL
      );
      CREATE TABLE scenario_sites (
        rowid INTEGER PRIMARY KEY,
        scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
        site_id TEXT NOT NULL,
        op TEXT NOT NULL
      );
      CREATE INDEX scenario_sites_scenario ON scenario_sites(scenario_id);
      CREATE VIRTUAL TABLE scenario_sites_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);
    `,
  },
  { version: 2, name: 'users, API tokens and sessions', sql: AUTH_MIGRATION_SQLITE },
  { version: 3, name: 'dataset_versions', sql: DATASETS_SQLITE_SQL },
  { version: 4, name: 'user name skeletons', sql: USER_SKELETON_MIGRATION },
];

interface Row {
  id: string; name: string; description: string; base: string; edits: string; author: string;
  version: number; created_at: string; updated_at: string;
}

const fromRow = (r: Row): Scenario => ({
  id: r.id, name: r.name, description: r.description, base: r.base, edits: JSON.parse(r.edits), author: r.author,
  version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
});

/**
 * Opens (creating it and its directory when missing) the SQLite store at `path`; ':memory:' for a
 * throw-away one.
 *
 * @example
 * const store = openSqliteStore(join(config.dataDir, 'covgap.sqlite'));
 * const s = await store.create('a1b2', { name: 'Plan A', description: '', base: 'baseline', edits: [], author: 'lan' });
 */
export function openSqliteStore(path: string): ScenarioRepository {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL'); // fsync at every commit: acknowledged = on disk
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000'); // a second process (the CLI) waits instead of failing
  migrate(db);
  fillSqliteSkeletons(db);

  const q = {
    list: db.prepare<[], Row>('SELECT * FROM scenarios ORDER BY created_at, id'),
    get: db.prepare<[string], Row>('SELECT * FROM scenarios WHERE id = ?'),
    insert: db.prepare('INSERT INTO scenarios (id, name, description, base, edits, author, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)'),
    update: db.prepare('UPDATE scenarios SET name = ?, description = ?, base = ?, edits = ?, author = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?'),
    delete: db.prepare('DELETE FROM scenarios WHERE id = ? AND version = ?'),
    version: db.prepare<[string], { version: number }>('SELECT version FROM scenarios WHERE id = ?'),
    siteRows: db.prepare<[string], { rowid: number }>('SELECT rowid FROM scenario_sites WHERE scenario_id = ?'),
    dropSites: db.prepare('DELETE FROM scenario_sites WHERE scenario_id = ?'),
    dropBox: db.prepare('DELETE FROM scenario_sites_rtree WHERE id = ?'),
    addSite: db.prepare('INSERT INTO scenario_sites (scenario_id, site_id, op) VALUES (?, ?, ?)'),
    addBox: db.prepare('INSERT INTO scenario_sites_rtree (id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)'),
    touching: db.prepare<[number, number, number, number], { scenario_id: string }>(
      `SELECT DISTINCT s.scenario_id FROM scenario_sites_rtree r JOIN scenario_sites s ON s.rowid = r.id
       WHERE r.max_lon >= ? AND r.min_lon <= ? AND r.max_lat >= ? AND r.min_lat <= ? ORDER BY s.scenario_id`),
  };

  const replaceSites = (id: string, draft: ScenarioDraft): void => {
    for (const { rowid } of q.siteRows.all(id)) q.dropBox.run(rowid);
    q.dropSites.run(id);
    for (const p of editedPoints(draft)) {
      const rowid = Number(q.addSite.run(id, p.siteId, p.op).lastInsertRowid);
      q.addBox.run(rowid, p.lon, p.lon, p.lat, p.lat);
    }
  };
  const conflict = (id: string, expected: number): never => {
    throw writeRefused(id, expected, q.version.get(id)?.version);
  };

  const create = db.transaction((id: string, d: ScenarioDraft, at: string): Row => {
    if (q.get.get(id)) throw new InputError(`scenario id "${id}" is taken`, 'id');
    q.insert.run(id, d.name, d.description, d.base, JSON.stringify(d.edits), d.author, at, at);
    replaceSites(id, d);
    return q.get.get(id) as Row;
  });
  const update = db.transaction((id: string, expected: number, d: ScenarioDraft, at: string): Row => {
    const r = q.update.run(d.name, d.description, d.base, JSON.stringify(d.edits), d.author, at, id, expected);
    if (r.changes !== 1) conflict(id, expected);
    replaceSites(id, d);
    return q.get.get(id) as Row;
  });
  const remove = db.transaction((id: string, expected: number): void => {
    for (const { rowid } of q.siteRows.all(id)) q.dropBox.run(rowid);
    const r = q.delete.run(id, expected);
    if (r.changes !== 1) conflict(id, expected);
  });

  return {
    kind: 'sqlite',
    datasets: sqliteDatasets(db),
    auth: sqliteAuth(db),
    list: async () => q.list.all().map(fromRow),
    get: async (id) => {
      const r = q.get.get(id);
      return r ? fromRow(r) : undefined;
    },
    create: async (id, draft, now = new Date()) => fromRow(create(id, draft, now.toISOString())),
    update: async (id, expected, draft, now = new Date()) => fromRow(update(id, expected, draft, now.toISOString())),
    delete: async (id, expected) => remove(id, expected),
    touching: async (b: BBox) => q.touching.all(b[0], b[2], b[1], b[3]).map((r) => r.scenario_id),
    close: async () => {
      db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const done = new Set(db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((r) => r.version));
  checkSchemaVersion(done, Math.max(...MIGRATIONS.map((m) => m.version)), 'DATA_DIR');
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
  }
}
