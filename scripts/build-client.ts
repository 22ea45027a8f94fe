/**
 * Builds the browser client (Vite, vite.config.ts) into dist/client when it is missing or older
 * than its sources. Shared by `npm start` and the browser tests.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface BuildClientOptions {
  root?: string; // repository root; default the one holding this script
  outDir?: string; // build output; default <root>/dist/client (must match vite.config.ts)
  force?: boolean; // build even when up to date; default false
  quiet?: boolean; // no progress lines; default false
}

/** The pages the build writes (vite.config.ts's inputs). */
const BUILT_PAGES = ['index.html', 'compare.html', 'report.html'];

/** What the client bundle is made of: a change to any of these makes the build stale. */
const SOURCE_PATHS = ['client', 'core', 'vite.config.ts', 'package.json'];

function newestMtimeMs(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file bumps its directory
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, name)));
  return newest;
}

/**
 * True when the built client is missing or older than any of its sources.
 *
 * @example
 * if (isClientStale()) console.log('the client will be rebuilt');
 */
export function isClientStale(options: BuildClientOptions = {}): boolean {
  const root = options.root ?? REPO_ROOT;
  const outDir = options.outDir ?? join(root, 'dist', 'client');
  // every page of vite.config.ts's rollupOptions.input: a build from before a page was added is stale
  const pages = BUILT_PAGES.map((p) => join(outDir, p));
  if (!pages.every((p) => existsSync(p))) return true;
  const builtMs = Math.min(...pages.map((p) => statSync(p).mtimeMs));
  return SOURCE_PATHS.some((p) => newestMtimeMs(join(root, p)) > builtMs);
}

/**
 * Builds the client with Vite's JS API unless it is up to date.
 *
 * @example
 * const { built } = await ensureClientBuilt(); // built: false when nothing changed
 */
export async function ensureClientBuilt(options: BuildClientOptions = {}): Promise<{ built: boolean; outDir: string }> {
  const root = options.root ?? REPO_ROOT;
  const outDir = options.outDir ?? join(root, 'dist', 'client');
  if (!options.force && !isClientStale({ ...options, root, outDir })) return { built: false, outDir };
  if (!options.quiet) console.log('covgap: building the client (vite build)…');
  const { build } = await import('vite');
  await build({
    configFile: join(root, 'vite.config.ts'),
    logLevel: options.quiet ? 'error' : 'warn',
    build: { outDir },
  });
  return { built: true, outDir };
}

// `tsx scripts/build-client.ts [--force]` builds from the command line
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureClientBuilt({ force: process.argv.includes('--force') }).then(
    ({ built, outDir }) => console.log(built ? `covgap: client built into ${outDir}` : `covgap: client in ${outDir} is up to date`),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
