import { existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../server/config';
import { startServer, type RunningServer } from '../../server/main';

/** The demo manifest the seed script writes. */
export const DEMO_MANIFEST = 'geodata/covgap.json';

/**
 * Where the tests that need the demo's province coverage keep its cache (the browser tests and the
 * partners' clients test share it). It outlives the checkout, so a fresh CI clone on the same
 * machine starts warm: COVGAP_E2E_DATA_DIR, or covgap-e2e under the system's temporary directory.
 */
export const DEMO_COVERAGE_DATA_DIR = process.env.COVGAP_E2E_DATA_DIR ?? join(tmpdir(), 'covgap-e2e');

/**
 * A fresh DATA_DIR for one demo server whose `coverage-cache` is the shared one in
 * DEMO_COVERAGE_DATA_DIR: the province's rasters are shared (warm), its store (covgap.sqlite) and
 * plans are its own — so a test never meets scenarios, plans or a newer schema another run left.
 *
 * @example
 * const dataDir = demoDataDir(); // /tmp/covgap-demo-XXXX with coverage-cache → /tmp/covgap-e2e/coverage-cache
 */
export function demoDataDir(): string {
  const shared = join(DEMO_COVERAGE_DATA_DIR, 'coverage-cache');
  mkdirSync(shared, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'covgap-demo-'));
  symlinkSync(shared, join(dir, 'coverage-cache'), 'dir');
  return dir;
}

/** A cold province run takes minutes (223–269 s measured quiet on 2 cores, more beside other tests; warm: seconds). */
export const DEMO_COVERAGE_TIMEOUT_MS = 45 * 60_000;

/**
 * Why the demo-data tests cannot run here, or null when they can. In CI (CI set) a missing
 * geodata manifest is a failure, not a skip: the tests then run and fail on loading it.
 */
export function demoSkipReason(): string | null {
  if (existsSync(DEMO_MANIFEST) || process.env.CI) return null;
  return `${DEMO_MANIFEST} does not exist yet: run \`npm run seed\` to build the demo geodata`;
}

/**
 * The real server on the demo geodata with the province coverage on (cache shared in
 * DEMO_COVERAGE_DATA_DIR, store and plans in a fresh demoDataDir() unless `overrides.dataDir`; so
 * the `gaps` collection and /api/stats answer), resolved once the
 * coverage is ready (polling /api/coverage/status). No web client unless `overrides` names one
 * (clientDir): `/` answers JSON or a stub page.
 *
 * @example
 * const srv = await startDemoWithCoverage(); // srv.url, then srv.close()
 */
export async function startDemoWithCoverage(log: (line: string) => void = (line) => console.log(line), overrides: Partial<Config> = {}): Promise<RunningServer> {
  const srv = await startServer(
    { port: 0, host: '127.0.0.1', geodataPath: DEMO_MANIFEST, log: false, clientDir: 'tests/fixtures/no-such-client-dir', dataDir: overrides.dataDir ?? demoDataDir(), ...overrides },
    { coverage: true, coverageLog: log },
  );
  for (;;) {
    const status = (await (await fetch(`${srv.url}/api/coverage/status`)).json()) as { state: string; error?: string };
    if (status.state === 'ready') return srv;
    if (status.state === 'failed') {
      await srv.close();
      throw new Error(`the demo's province coverage failed: ${status.error ?? JSON.stringify(status)}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}
