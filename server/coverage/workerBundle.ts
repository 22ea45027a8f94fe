/**
 * The workers' entries: a worker's TypeScript entry bundled by esbuild into one .mjs file, kept on
 * disk and reused while its sources are unchanged (a worker then starts in ~0.1 s instead of
 * loading the TypeScript modules one by one through tsx); without esbuild, a tsx loader .mjs.
 * Two workers use it: the coverage worker (workerMain.ts here, everything bundled, kept in the
 * temporary directory) and the import worker (server/imports/workerMain.ts, its npm packages
 * bundled but the native better-sqlite3, so its bundle is kept under node_modules/.cache, where
 * that one resolves as from the sources).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleTag, pruneBundles, recordBundle, recordedBundle } from '../bundleCache.mjs';

/** One worker's bundle. */
export interface WorkerBundle {
  /** The TypeScript entry. */
  entry: URL;
  /** The tsx loader that runs `entry` when there is no bundle. */
  fallback: URL;
  /** Where the bundles and their manifest are kept. */
  dir: string;
  /** The bundles' file name prefix (`coverageWorker-`). */
  prefix: string;
  /** npm packages loaded from node_modules instead of bundled (then `dir` must lie under node_modules): native ones. */
  external: readonly string[];
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The coverage worker: workerMain.ts, bundled whole into the temporary directory. */
export const COVERAGE_WORKER: Readonly<WorkerBundle> = Object.freeze({
  entry: new URL('./workerMain.ts', import.meta.url),
  fallback: new URL('./worker.mjs', import.meta.url),
  dir: join(tmpdir(), 'covgap-coverage-worker'),
  prefix: 'coverageWorker-',
  external: [],
});

/** The bundles this process built or found, by entry (each is looked for once per process). */
const found = new Map<string, string | null>();

/**
 * A worker's entry: its esbuild bundle, reused from `spec.dir` while none of its sources changed
 * (else rebuilt, ~0.2 s), or `spec.fallback` (tsx) when esbuild is not available.
 *
 * @example
 * const worker = new Worker(bundledWorkerEntry(COVERAGE_WORKER));
 */
export function bundledWorkerEntry(spec: Readonly<WorkerBundle>): URL | string {
  const entry = fileURLToPath(spec.entry);
  // looked for again when gone (another process cleaned it up an hour after building its own)
  const known = found.get(entry);
  if (known === undefined || (known !== null && !existsSync(known))) found.set(entry, findOrBuild(spec, entry));
  return found.get(entry) ?? spec.fallback;
}

function findOrBuild(spec: Readonly<WorkerBundle>, entry: string): string | null {
  const manifestPath = join(spec.dir, `${spec.prefix}manifest.json`);
  const settings = { entry, external: [...spec.external] };
  const recorded = recordedBundle(manifestPath, settings);
  if (recorded !== null) return recorded;
  try {
    const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
    mkdirSync(spec.dir, { recursive: true });
    const file = join(spec.dir, `${spec.prefix}${bundleTag()}.mjs`);
    const startedMs = Date.now();
    const r = esbuild.buildSync({
      entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20',
      external: [...spec.external],
      // CommonJS packages in an ES module bundle require Node's modules (and the external ones) through this,
      // from the bundle's own place: `import.meta['url']`, which the bundlers of the CLI and of the test
      // server (they pin each source's `import.meta.url` to the source file) leave as it is
      banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta['url']);" },
      outfile: file, metafile: true, logLevel: 'silent', absWorkingDir: ROOT,
    });
    recordBundle(manifestPath, settings, Object.keys(r.metafile?.inputs ?? {}).map((p) => join(ROOT, p)), file, startedMs);
    // older bundles (a process started an hour ago has long loaded its own)
    pruneBundles(spec.dir, spec.prefix, '.mjs', file);
    return file;
  } catch {
    return null;
  }
}

/**
 * The coverage worker's entry (see bundledWorkerEntry).
 *
 * @example
 * const worker = new Worker(workerEntry());
 */
export function workerEntry(): URL | string {
  return bundledWorkerEntry(COVERAGE_WORKER);
}
