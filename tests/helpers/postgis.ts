/**
 * A real PostgreSQL + PostGIS server for the tests, started in a temporary directory on 127.0.0.1
 * and a free private port: initdb (trust auth, one user), pg_ctl start, a database. initdb
 * refuses to run as root, so as root the server runs as the `postgres` user Debian's package makes.
 * `postgisSkipReason()` says why it cannot run here; in CI (CI set) a missing server is a
 * failure, not a skip: .ci/run installs Debian's postgresql-15-postgis-3.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe } from 'vitest';

/** The newest installed PostgreSQL with its server binaries and the PostGIS extension, or null. */
function findPostgres(): { bin: string; version: string } | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  for (const v of readdirSync(root).sort((a, b) => Number(b) - Number(a))) {
    const bin = join(root, v, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres')) && existsSync(`/usr/share/postgresql/${v}/extension/postgis.control`)) return { bin, version: v };
  }
  return null;
}

export function postgisSkipReason(): string | null {
  if (findPostgres() || process.env.CI) return null;
  return 'PostgreSQL with PostGIS is not installed (apt-get install postgresql-15-postgis-3): the PostGIS store tests are skipped';
}

const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolvePort(port));
    });
  });

export interface TestPostgis {
  /** postgres://covgap@127.0.0.1:PORT/covgap_test */
  url: string;
  stop(): Promise<void>;
}

/**
 * @example
 * const db = await startPostgis();
 * const store = await openPostgresStore(db.url);
 * await db.stop();
 */
export async function startPostgis(): Promise<TestPostgis> {
  const found = findPostgres();
  if (!found) throw new Error('PostgreSQL with PostGIS is not installed: apt-get install postgresql-15-postgis-3 (.ci/run does it)');
  const dir = mkdtempSync(join(tmpdir(), 'covgap-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]): void => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(found.bin, cmd), ...args]] : [join(found.bin, cmd), args];
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-U', 'covgap', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir}`, 'start']);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const e = err as { stderr?: Buffer; message: string };
    throw new Error(`could not start PostgreSQL in ${dir}: ${e.stderr?.toString() || e.message}`);
  }
  const admin = new pg.Client({ connectionString: `postgres://covgap@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE covgap_test');
  await admin.end();
  return {
    url: `postgres://covgap@127.0.0.1:${port}/covgap_test`,
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A describe block over one throw-away PostGIS server (started on first use, stopped after the
 * block), skipped with the reason where PostGIS is not installed and CI is unset.
 *
 * @example
 * describePostgis((db) => { suite('PostgreSQL + PostGIS', async () => openPostgresStore((await db()).url)); });
 */
export function describePostgis(body: (db: () => Promise<TestPostgis>) => void): void {
  const skip = postgisSkipReason();
  describe.skipIf(skip !== null)(`PostGIS${skip ? ` (${skip})` : ''}`, () => {
    let started: Promise<TestPostgis> | undefined;
    afterAll(async () => {
      await (await started?.catch(() => undefined))?.stop();
    });
    body(() => (started ??= startPostgis()));
  });
}
