/**
 * Opens the store the configuration names: PostgreSQL + PostGIS when DATABASE_URL is set, else the
 * SQLite file `DATA_DIR/covgap.sqlite`.
 */
import { join } from 'node:path';
import type { Config } from '../../config';
import { openPostgresStore } from './postgres';
import type { ScenarioRepository } from './repository';
import { openSqliteStore } from './sqlite';

/** The SQLite file's name inside DATA_DIR. */
export const SQLITE_FILE = 'covgap.sqlite';

/**
 * @example
 * const store = await openStore(loadConfig());
 */
export async function openStore(config: Readonly<Pick<Config, 'dataDir' | 'databaseUrl'>>): Promise<ScenarioRepository> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl) : openSqliteStore(join(config.dataDir, SQLITE_FILE));
}
