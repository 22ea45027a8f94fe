/**
 * The coverage worker's entry: workerMain.ts bundled by esbuild into one .mjs file, kept in the
 * temporary directory and reused while its sources are unchanged (a worker then starts in ~0.1 s
 * instead of loading the TypeScript core module by module through tsx); without esbuild, the
 * tsx loader worker.mjs.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourcesKey } from '../../bin/sourcesKey.mjs';

let bundled: string | null | undefined;

/** Where the worker bundle is kept between processes, with the list of its sources. */
const BUNDLE_DIR = join(tmpdir(), 'covgap-coverage-worker');

/**
 * The worker's entry: an esbuild bundle of workerMain.ts, reused from BUNDLE_DIR while none of its
 * sources changed (else rebuilt, ~0.2 s), or worker.mjs (tsx) when esbuild is not available.
 *
 * @example
 * const worker = new Worker(workerEntry());
 */
export function workerEntry(): URL | string {
  if (bundled !== undefined) return bundled ?? new URL('./worker.mjs', import.meta.url);
  bundled = null;
  const entry = fileURLToPath(new URL('./workerMain.ts', import.meta.url));
  const manifestPath = join(BUNDLE_DIR, 'manifest.json');
  try {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as { entry: string; inputs: string[]; key: string; file: string };
    if (m.entry === entry && sourcesKey(m.inputs) === m.key && existsSync(m.file)) bundled = m.file;
  } catch {
    // no usable bundle yet
  }
  if (bundled === null) {
    try {
      const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
      mkdirSync(BUNDLE_DIR, { recursive: true });
      const tag = `${process.pid}-${Date.now()}`;
      const file = join(BUNDLE_DIR, `coverageWorker-${tag}.mjs`);
      const r = esbuild.buildSync({
        entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20',
        outfile: file, metafile: true, logLevel: 'silent', absWorkingDir: fileURLToPath(new URL('../..', import.meta.url)),
      });
      const root = fileURLToPath(new URL('../..', import.meta.url));
      const inputs = Object.keys(r.metafile?.inputs ?? {}).map((p) => join(root, p));
      const key = sourcesKey(inputs);
      if (key !== null) {
        const tmp = `${manifestPath}.${tag}.tmp`;
        writeFileSync(tmp, JSON.stringify({ entry, inputs, key, file }));
        renameSync(tmp, manifestPath);
      }
      bundled = file;
      // older bundles (a process started an hour ago has long loaded its own)
      for (const f of readdirSync(BUNDLE_DIR)) {
        const p = join(BUNDLE_DIR, f);
        if (f.startsWith('coverageWorker-') && p !== file && Date.now() - statSync(p).mtimeMs > 3600e3) rmSync(p, { force: true });
      }
    } catch {
      bundled = null;
    }
  }
  return bundled ?? new URL('./worker.mjs', import.meta.url);
}
