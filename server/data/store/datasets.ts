/**
 * Dataset versions in the store (migration 3 of sqlite.ts and postgres.ts): every import of a
 * layer (sites, villages, communes, power lines, the DEM) becomes a new numbered version of it,
 * kept with its content; one version of each layer is the active one, the one the server serves
 * and computes with. Version 1 of a layer is the file the geodata manifest names (its content is
 * that file, not copied into the store). Restoring makes an older version active again; nothing is
 * ever deleted.
 *
 * Both backends share the store's connection (the SQLite database or the PostgreSQL pool); each
 * write is one transaction.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { NotFoundError } from '../../../core/errors';

/** The layers an import can replace, in the order of the API. */
export { DATASET_LAYERS } from '../../../core/wire/datasets';
import { DATASET_LAYERS } from '../../../core/wire/datasets';
export type DatasetLayer = (typeof DATASET_LAYERS)[number];

/** What is known of a version besides its content. */
export interface DatasetVersionMeta {
  /** 'manifest': version 1, the file the manifest names; 'import': a file posted to /api/imports. */
  source: 'manifest' | 'import';
  /** The import format (geojson, opencellid, kml, shapefile, gpkg, geotiff, hgt). */
  format: string;
  /** replace or merge (null for the manifest's version). */
  mode: 'replace' | 'merge' | null;
  /** For sites replaced one operator at a time: the operator. */
  operator: string | null;
  /** The file's name: the manifest's path, or the import's `filename` (DEM tiles), else null. */
  fileName: string | null;
  /** Feature counts (features, added, updated, removed, kept) or DEM size (width, height). */
  counts: Record<string, number>;
}

export interface DatasetVersion extends DatasetVersionMeta {
  layer: DatasetLayer;
  version: number;
  /** ISO 8601 UTC. */
  createdAt: string;
  /** Whether this is the version the server uses. */
  active: boolean;
  /** Bytes of stored content (0 for the manifest's version). */
  bytes: number;
}

export interface DatasetRepository {
  /** Every version of every layer, by layer then version. */
  list(): Promise<DatasetVersion[]>;
  /** One version, or undefined. */
  get(layer: DatasetLayer, version: number): Promise<DatasetVersion | undefined>;
  /** The stored content of a version; null for a manifest version (the file is the content). */
  content(layer: DatasetLayer, version: number): Promise<Uint8Array | null>;
  /** Records version 1 (the manifest's file) of `layer` as active, unless the layer has versions already. */
  init(layer: DatasetLayer, meta: DatasetVersionMeta, now?: Date): Promise<void>;
  /** Stores `content` as the layer's next version and makes it active, in one transaction. */
  add(layer: DatasetLayer, meta: DatasetVersionMeta, content: Uint8Array, now?: Date): Promise<DatasetVersion>;
  /** Makes an existing version the active one (NotFoundError when there is no such version). */
  restore(layer: DatasetLayer, version: number): Promise<DatasetVersion>;
}

/** Migration 3 for SQLite. */
export const DATASETS_SQLITE_SQL = `
  CREATE TABLE dataset_versions (
    layer TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,       -- ISO 8601 UTC
    source TEXT NOT NULL,           -- manifest | import
    format TEXT NOT NULL,
    mode TEXT,
    operator TEXT,
    file_name TEXT,
    counts TEXT NOT NULL,           -- JSON object
    bytes INTEGER NOT NULL,
    content BLOB,                   -- null: the manifest's file
    PRIMARY KEY (layer, version)
  );
  CREATE TABLE dataset_active (
    layer TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    FOREIGN KEY (layer, version) REFERENCES dataset_versions(layer, version)
  );
`;

/** Migration 3 for PostgreSQL. */
export const DATASETS_POSTGRES_SQL = `
  CREATE TABLE dataset_versions (
    layer text NOT NULL,
    version integer NOT NULL,
    created_at timestamptz NOT NULL,
    source text NOT NULL,
    format text NOT NULL,
    mode text,
    operator text,
    file_name text,
    counts jsonb NOT NULL,
    bytes bigint NOT NULL,
    content bytea,
    PRIMARY KEY (layer, version)
  );
  CREATE TABLE dataset_active (
    layer text PRIMARY KEY,
    version integer NOT NULL,
    FOREIGN KEY (layer, version) REFERENCES dataset_versions(layer, version)
  );
`;

interface Row {
  layer: string; version: number; created_at: string | Date; source: string; format: string; mode: string | null;
  operator: string | null; file_name: string | null; counts: string | Record<string, number>; bytes: number | string; active: number | boolean;
}
const COLUMNS = `v.layer, v.version, v.created_at, v.source, v.format, v.mode, v.operator, v.file_name, v.counts, v.bytes,
  (a.version IS NOT NULL) AS active`;
const FROM = 'dataset_versions v LEFT JOIN dataset_active a ON a.layer = v.layer AND a.version = v.version';

const fromRow = (r: Row): DatasetVersion => ({
  layer: r.layer as DatasetLayer,
  version: Number(r.version),
  createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : r.created_at,
  active: Boolean(r.active),
  source: r.source as DatasetVersionMeta['source'],
  format: r.format,
  mode: r.mode as DatasetVersionMeta['mode'],
  operator: r.operator,
  fileName: r.file_name,
  counts: typeof r.counts === 'string' ? JSON.parse(r.counts) : r.counts,
  bytes: Number(r.bytes),
});

const noVersion = (layer: string, version: number): NotFoundError =>
  new NotFoundError(`layer "${layer}" has no version ${version}; GET /api/datasets lists the versions`);

/**
 * The dataset versions in the embedded SQLite store (on its connection).
 *
 * @example
 * const datasets = sqliteDatasets(db);
 * await datasets.add('sites', meta, gzipped);
 */
export function sqliteDatasets(db: Database.Database): DatasetRepository {
  const q = {
    list: db.prepare<[], Row>(`SELECT ${COLUMNS} FROM ${FROM} ORDER BY v.layer, v.version`),
    get: db.prepare<[string, number], Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE v.layer = ? AND v.version = ?`),
    content: db.prepare<[string, number], { content: Buffer | null }>('SELECT content FROM dataset_versions WHERE layer = ? AND version = ?'),
    last: db.prepare<[string], { n: number | null }>('SELECT max(version) AS n FROM dataset_versions WHERE layer = ?'),
    insert: db.prepare('INSERT INTO dataset_versions (layer, version, created_at, source, format, mode, operator, file_name, counts, bytes, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    activate: db.prepare('INSERT INTO dataset_active (layer, version) VALUES (?, ?) ON CONFLICT (layer) DO UPDATE SET version = excluded.version'),
  };
  const insert = (layer: string, version: number, m: DatasetVersionMeta, at: string, content: Uint8Array | null): void => {
    q.insert.run(layer, version, at, m.source, m.format, m.mode, m.operator, m.fileName, JSON.stringify(m.counts), content?.byteLength ?? 0, content ? Buffer.from(content.buffer, content.byteOffset, content.byteLength) : null);
    q.activate.run(layer, version);
  };
  const init = db.transaction((layer: string, m: DatasetVersionMeta, at: string) => {
    if (q.last.get(layer)?.n == null) insert(layer, 1, m, at, null);
  });
  const add = db.transaction((layer: string, m: DatasetVersionMeta, content: Uint8Array, at: string): Row => {
    const version = (q.last.get(layer)?.n ?? 0) + 1;
    insert(layer, version, m, at, content);
    return q.get.get(layer, version) as Row;
  });
  const restore = db.transaction((layer: string, version: number): Row => {
    if (!q.get.get(layer, version)) throw noVersion(layer, version);
    q.activate.run(layer, version);
    return q.get.get(layer, version) as Row;
  });
  return {
    list: async () => q.list.all().map(fromRow),
    get: async (layer, version) => {
      const r = q.get.get(layer, version);
      return r ? fromRow(r) : undefined;
    },
    content: async (layer, version) => {
      const r = q.content.get(layer, version);
      if (!r) throw noVersion(layer, version);
      return r.content ? new Uint8Array(r.content) : null;
    },
    init: async (layer, meta, now = new Date()) => init(layer, meta, now.toISOString()),
    add: async (layer, meta, content, now = new Date()) => fromRow(add(layer, meta, content, now.toISOString())),
    restore: async (layer, version) => fromRow(restore(layer, version)),
  };
}

/**
 * The dataset versions in PostgreSQL (on the store's pool); `tx` runs work in one transaction.
 *
 * @example
 * const datasets = postgresDatasets(pool, tx);
 */
export function postgresDatasets(pool: pg.Pool, tx: <T>(work: (c: pg.PoolClient) => Promise<T>) => Promise<T>): DatasetRepository {
  const getRow = async (c: pg.Pool | pg.PoolClient, layer: string, version: number): Promise<Row | undefined> =>
    (await c.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE v.layer = $1 AND v.version = $2`, [layer, version])).rows[0];
  const insert = async (c: pg.PoolClient, layer: string, version: number, m: DatasetVersionMeta, at: Date, content: Uint8Array | null): Promise<void> => {
    await c.query(
      'INSERT INTO dataset_versions (layer, version, created_at, source, format, mode, operator, file_name, counts, bytes, content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
      [layer, version, at, m.source, m.format, m.mode, m.operator, m.fileName, JSON.stringify(m.counts), content?.byteLength ?? 0, content ? Buffer.from(content.buffer, content.byteOffset, content.byteLength) : null],
    );
    await c.query('INSERT INTO dataset_active (layer, version) VALUES ($1, $2) ON CONFLICT (layer) DO UPDATE SET version = excluded.version', [layer, version]);
  };
  // one writer of a layer at a time: the version number is max + 1
  const lockLayer = (c: pg.PoolClient, layer: string) => c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`covgap.dataset.${layer}`]);
  const last = async (c: pg.PoolClient, layer: string): Promise<number> =>
    Number((await c.query<{ n: number | null }>('SELECT max(version) AS n FROM dataset_versions WHERE layer = $1', [layer])).rows[0]?.n ?? 0);
  return {
    async list() {
      return (await pool.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} ORDER BY v.layer, v.version`)).rows.map(fromRow);
    },
    async get(layer, version) {
      const r = await getRow(pool, layer, version);
      return r ? fromRow(r) : undefined;
    },
    async content(layer, version) {
      const r = (await pool.query<{ content: Buffer | null }>('SELECT content FROM dataset_versions WHERE layer = $1 AND version = $2', [layer, version])).rows[0];
      if (!r) throw noVersion(layer, version);
      return r.content ? new Uint8Array(r.content) : null;
    },
    init: (layer, meta, now = new Date()) =>
      tx(async (c) => {
        await lockLayer(c, layer);
        if ((await last(c, layer)) === 0) await insert(c, layer, 1, meta, now, null);
      }),
    add: (layer, meta, content, now = new Date()) =>
      tx(async (c) => {
        await lockLayer(c, layer);
        const version = (await last(c, layer)) + 1;
        await insert(c, layer, version, meta, now, content);
        return fromRow((await getRow(c, layer, version)) as Row);
      }),
    restore: (layer, version) =>
      tx(async (c) => {
        if (!(await getRow(c, layer, version))) throw noVersion(layer, version);
        await c.query('UPDATE dataset_active SET version = $2 WHERE layer = $1', [layer, version]);
        return fromRow((await getRow(c, layer, version)) as Row);
      }),
  };
}
