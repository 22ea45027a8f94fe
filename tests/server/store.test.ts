/**
 * One repository suite for both stores: the embedded SQLite file and a real PostgreSQL + PostGIS
 * started by the test (tests/helpers/postgis.ts; skipped only where PostGIS is not installed and
 * CI is unset).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioDraft } from '../../core/scenario/types';
import { openPostgresStore } from '../../server/data/store/postgres';
import type { ScenarioRepository } from '../../server/data/store/repository';
import { openSqliteStore } from '../../server/data/store/sqlite';
import { describePostgis } from '../helpers/postgis';

const site = (id: string, lon: number, lat: number) => ({
  type: 'Feature' as const,
  geometry: { type: 'Point' as const, coordinates: [lon, lat] },
  properties: { id, name: id, operator: 'Viettel', antennaHeightM: 40, status: 'planned' as const, power: 'solar' as const, backhaul: 'microwave' as const, cells: [{ tech: '4G' as const, freqMHz: 1800, eirpDbm: 61 }] },
});
const draft = (name: string, edits: ScenarioDraft['edits'] = []): ScenarioDraft => ({ name, description: `${name}: test`, base: 'baseline', edits, author: 'Lan' });

function suite(label: string, open: () => Promise<ScenarioRepository>): void {
  describe(`scenario store: ${label}`, () => {
    let store: ScenarioRepository;
    beforeAll(async () => {
      store = await open();
    }, 120_000);
    afterAll(async () => {
      await store?.close();
    });

    it('creates at version 1, reads back every field, Vietnamese text and edits intact', async () => {
      const edits: ScenarioDraft['edits'] = [
        { op: 'add', site: site('N-1', 106.2, 22.7) },
        { op: 'remove', siteId: 'CB-0001' },
        { op: 'modify', siteId: 'CB-0002', set: { antennaHeightM: 45, lon: 106.31, lat: 22.61 } },
        { op: 'options', set: { rule: 'point' } },
      ];
      const at = new Date('2026-12-01T08:00:00.000Z');
      const s = await store.create('s-1', { ...draft('Phương án A — trạm mới ở Bảo Lâm', edits) }, at);
      expect(s).toEqual({ id: 's-1', name: 'Phương án A — trạm mới ở Bảo Lâm', description: 'Phương án A — trạm mới ở Bảo Lâm: test', base: 'baseline', edits, author: 'Lan', version: 1, createdAt: at.toISOString(), updatedAt: at.toISOString() });
      expect(await store.get('s-1')).toEqual(s);
      expect(await store.get('nope')).toBeUndefined();
      await expect(store.create('s-1', draft('again'))).rejects.toThrow('scenario id "s-1" is taken');
    });

    it('updates only at the expected version; a stale write throws and changes nothing', async () => {
      const before = await store.get('s-1');
      const later = new Date('2026-12-02T09:30:00.000Z');
      const s = await store.update('s-1', 1, draft('Plan A2'), later);
      expect(s).toMatchObject({ version: 2, name: 'Plan A2', edits: [], updatedAt: later.toISOString(), createdAt: before!.createdAt });
      await expect(store.update('s-1', 1, draft('stale'))).rejects.toMatchObject({ name: 'VersionConflictError', currentVersion: 2 });
      expect(await store.get('s-1')).toEqual(s);
      await expect(store.update('missing', 1, draft('x'))).rejects.toMatchObject({ name: 'NotFoundError', message: 'scenario "missing" does not exist' });
    });

    it('of two writers at the same version exactly one wins', async () => {
      await store.create('race', draft('race'));
      const results = await Promise.allSettled([store.update('race', 1, draft('one')), store.update('race', 1, draft('two'))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.name)).toEqual(['VersionConflictError']);
      expect((await store.get('race'))!.version).toBe(2);
    });

    it('lists oldest first; deletes at the expected version only', async () => {
      await store.create('s-2', draft('B'), new Date('2026-12-03T00:00:00.000Z'));
      const ids = (await store.list()).map((s) => s.id);
      expect(ids.indexOf('s-1')).toBeLessThan(ids.indexOf('s-2'));
      await expect(store.delete('s-2', 5)).rejects.toMatchObject({ name: 'VersionConflictError', currentVersion: 1 });
      expect(await store.get('s-2')).toBeDefined();
      await store.delete('s-2', 1);
      expect(await store.get('s-2')).toBeUndefined();
      await expect(store.delete('s-2', 1)).rejects.toMatchObject({ name: 'NotFoundError' });
    });

    it('keeps dataset versions: version 1 from the manifest once, each import the next active version, restore switches back, content intact', async () => {
      const ds = store.datasets;
      const meta = (counts: Record<string, number>) => ({ source: 'import' as const, format: 'geojson', mode: 'replace' as const, operator: null, fileName: null, counts });
      await ds.init('sites', { source: 'manifest', format: 'geojson', mode: null, operator: null, fileName: 'sites.geojson', counts: { features: 88 } }, new Date('2026-12-01T00:00:00Z'));
      await ds.init('sites', { source: 'manifest', format: 'geojson', mode: null, operator: null, fileName: 'other.geojson', counts: { features: 1 } }); // no-op: the layer has a version
      expect((await ds.list()).map((v) => [v.layer, v.version, v.active, v.fileName])).toEqual([['sites', 1, true, 'sites.geojson']]);
      expect(await ds.content('sites', 1)).toBeNull();
      const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);
      const v2 = await ds.add('sites', meta({ features: 10 }), bytes, new Date('2026-12-02T00:00:00Z'));
      expect(v2).toMatchObject({ layer: 'sites', version: 2, active: true, source: 'import', counts: { features: 10 }, bytes: 70_000, createdAt: '2026-12-02T00:00:00.000Z' });
      expect(await ds.content('sites', 2)).toEqual(bytes);
      // two imports at once get two versions, the later one active
      const [a, b] = await Promise.all([ds.add('sites', meta({ features: 3 }), Uint8Array.of(3)), ds.add('sites', meta({ features: 4 }), Uint8Array.of(4))]);
      expect(new Set([a.version, b.version])).toEqual(new Set([3, 4]));
      expect((await ds.list()).filter((v) => v.active).map((v) => v.version)).toHaveLength(1);
      const restored = await ds.restore('sites', 1);
      expect(restored).toMatchObject({ version: 1, active: true });
      expect((await ds.list()).filter((v) => v.active).map((v) => [v.layer, v.version])).toEqual([['sites', 1]]);
      await expect(ds.restore('sites', 99)).rejects.toThrow('layer "sites" has no version 99; GET /api/datasets lists the versions');
      expect((await ds.get('sites', 1))?.active).toBe(true);
      expect(await ds.get('villages', 1)).toBeUndefined();
    });

    it('finds the scenarios whose added or moved stations lie in a box (spatial index), and forgets replaced ones', async () => {
      await store.create('geo-a', draft('a', [{ op: 'add', site: site('N-a', 106.1, 22.6) }]));
      await store.create('geo-b', draft('b', [{ op: 'modify', siteId: 'CB-9', set: { lon: 106.5, lat: 22.9 } }, { op: 'remove', siteId: 'CB-7' }]));
      expect(await store.touching([106.0, 22.5, 106.2, 22.7])).toEqual(['geo-a']);
      expect(await store.touching([106.0, 22.5, 106.6, 23.0])).toEqual(['geo-a', 'geo-b']);
      expect(await store.touching([106.1, 22.6, 106.1, 22.6])).toEqual(['geo-a']); // edges included
      await store.update('geo-a', 1, draft('a moved', [{ op: 'add', site: site('N-a', 105.5, 22.0) }]));
      expect(await store.touching([106.0, 22.5, 106.2, 22.7])).toEqual([]);
      await store.delete('geo-b', 1);
      expect(await store.touching([106.0, 22.5, 106.6, 23.0])).toEqual([]);
    });
  });
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

suite('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'covgap-store-'));
  dirs.push(dir);
  return openSqliteStore(join(dir, 'nested', 'covgap.sqlite'));
});

describe('SQLite file', () => {
  it('is in WAL mode with synchronous FULL, migrated once, and keeps its rows across a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'covgap-store-'));
    dirs.push(dir);
    const path = join(dir, 'covgap.sqlite');
    const a = openSqliteStore(path);
    await a.create('keep', draft('kept'));
    await a.close();
    const b = openSqliteStore(path); // migrations are not applied twice
    expect((await b.get('keep'))?.name).toBe('kept');
    await b.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([{ version: 1, name: 'scenarios' }, { version: 2, name: 'users, API tokens and sessions' }, { version: 3, name: 'dataset_versions' }, { version: 4, name: 'user name skeletons' }]);
    db.close();
  });

  it('refuses a database from a newer covgap', () => {
    const dir = mkdtempSync(join(tmpdir(), 'covgap-store-'));
    dirs.push(dir);
    const path = join(dir, 'covgap.sqlite');
    openSqliteStore(path).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01')").run();
    db.close();
    expect(() => openSqliteStore(path)).toThrow('the database is at schema version 99, newer than this covgap knows (4); upgrade covgap or use another DATA_DIR');
  });
});

describePostgis((db) => {
  suite('PostgreSQL + PostGIS', async () => openPostgresStore((await db()).url));
  it('has the edited stations as geometry(Point, 4326) with a GiST index', async () => {
    const pgmod = await import('pg');
    const c = new pgmod.default.Client({ connectionString: (await db()).url });
    await c.connect();
    try {
      const col = await c.query("SELECT type, srid FROM geometry_columns WHERE f_table_name = 'scenario_sites' AND f_geometry_column = 'geom'");
      expect(col.rows).toEqual([{ type: 'POINT', srid: 4326 }]);
      const idx = await c.query("SELECT indexdef FROM pg_indexes WHERE tablename = 'scenario_sites' AND indexname = 'scenario_sites_geom'");
      expect(idx.rows[0].indexdef).toMatch(/USING gist \(geom\)/);
    } finally {
      await c.end();
    }
  });
});
