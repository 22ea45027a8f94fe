/**
 * Storage of what users write (scenarios, users and API tokens, dataset versions; jobs later) behind one
 * interface, in the manner of pg_featureserv's Catalog: the embedded SQLite file (sqlite.ts) is
 * the default, PostgreSQL + PostGIS (postgres.ts) is used when DATABASE_URL is set, and one test
 * suite runs against both (tests/server/store.test.ts).
 *
 * Every write is one transaction, committed durably before the promise resolves; a write to an
 * existing row names the version it expects, and a stale one throws VersionConflictError with
 * nothing changed. A missing id throws NotFoundError.
 */
import { NotFoundError, VersionConflictError } from '../../../core/errors';
import type { BBox } from '../../../core/model/types';
import type { Scenario, ScenarioDraft } from '../../../core/scenario/types';
import type { DatasetRepository } from './datasets';
import type { AuthRepository } from './auth';

export interface ScenarioRepository {
  /** Which backend: 'sqlite' or 'postgis'. */
  readonly kind: 'sqlite' | 'postgis';
  /** The dataset versions (imports), on the same connection (datasets.ts). */
  readonly datasets: DatasetRepository;
  /** Users, API tokens and sessions (server/data/store/auth.ts), on the same connection. */
  readonly auth: AuthRepository;
  /** All scenarios, oldest first (then by id). */
  list(): Promise<Scenario[]>;
  /** One scenario, or undefined. */
  get(id: string): Promise<Scenario | undefined>;
  /** Stores a new scenario at version 1 under `id` (the caller assigns it); a taken id throws InputError. */
  create(id: string, draft: ScenarioDraft, now?: Date): Promise<Scenario>;
  /** Replaces the scenario's draft fields if its version is still `expectedVersion`; version + 1. */
  update(id: string, expectedVersion: number, draft: ScenarioDraft, now?: Date): Promise<Scenario>;
  /** Deletes the scenario if its version is still `expectedVersion`. */
  delete(id: string, expectedVersion: number): Promise<void>;
  /**
   * Ids of the scenarios with an added or modified (moved) station inside `bbox` (edges included),
   * from the spatial index of the edited stations.
   */
  touching(bbox: BBox): Promise<string[]>;
  close(): Promise<void>;
}

/** The stations a draft adds or places (modify with lon/lat, or any modify of a site in the draft), for the spatial index. */
export function editedPoints(draft: ScenarioDraft): { siteId: string; op: 'add' | 'modify'; lon: number; lat: number }[] {
  const out: { siteId: string; op: 'add' | 'modify'; lon: number; lat: number }[] = [];
  for (const e of draft.edits) {
    if (e.op === 'add') {
      const [lon, lat] = e.site.geometry.coordinates;
      out.push({ siteId: e.site.properties.id, op: 'add', lon, lat });
    } else if (e.op === 'modify' && typeof e.set.lon === 'number' && typeof e.set.lat === 'number') {
      out.push({ siteId: e.siteId, op: 'modify', lon: e.set.lon, lat: e.set.lat });
    }
  }
  return out;
}

/** Why a versioned write failed: the scenario is gone, or another writer saved it first. */
export function writeRefused(id: string, expected: number, current: number | undefined): Error {
  if (current === undefined) return new NotFoundError(`scenario "${id}" does not exist`);
  return new VersionConflictError(`scenario "${id}" is at version ${current}, not ${expected}: someone saved it meanwhile; read it again and reapply the change`, current);
}

/** Throws when the database was migrated by a newer covgap than this one (`where`: what to use instead). */
export function checkSchemaVersion(applied: Iterable<number>, known: number, where: string): void {
  const newest = Math.max(0, ...applied);
  if (newest > known) throw new Error(`the database is at schema version ${newest}, newer than this covgap knows (${known}); upgrade covgap or use another ${where}`);
}
