#!/usr/bin/env node
// The `covgap` command. The TypeScript CLI runs from an esbuild bundle kept in
// node_modules/.cache/covgap-cli (there npm packages resolve as from the sources) and rebuilt when one of its sources changes (start-up ~0.15 s instead of ~0.8 s
// through tsx, which compiles module by module); without esbuild, or when bundling fails, it
// runs through tsx. npm packages stay external (loaded from node_modules as usual), and each
// source's `import.meta.url` keeps pointing at the source file, so paths relative to it (the
// coverage worker's entry) still resolve.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleTag, pruneBundles, recordBundle, recordedBundle } from '../server/bundleCache.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = join(ROOT, 'server/cli/main.ts');
const DIR = join(ROOT, 'node_modules', '.cache', 'covgap-cli');
const MANIFEST = join(DIR, 'manifest.json');

/** Bundles the CLI with esbuild (~0.3 s); returns its path, or null when esbuild is unavailable or fails. */
async function buildBundle() {
  try {
    const esbuild = createRequire(import.meta.url)('esbuild');
    mkdirSync(DIR, { recursive: true });
    const outdir = join(DIR, `build-${bundleTag()}`);
    const file = join(outdir, 'main.mjs');
    const keepMetaUrl = {
      name: 'source-import-meta-url',
      setup(build) {
        build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => ({
          contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
          loader: 'ts',
        }));
      },
    };
    const startedMs = Date.now();
    // plugins need esbuild's asynchronous API
    const result = await esbuild.build({
      // split at the CLI's dynamic imports, so that a command loads only its own modules and packages
      entryPoints: { main: ENTRY }, bundle: true, splitting: true, platform: 'node', format: 'esm', target: 'node20',
      packages: 'external', outdir, outExtension: { '.js': '.mjs' }, metafile: true, logLevel: 'silent', absWorkingDir: ROOT, plugins: [keepMetaUrl],
    });
    const inputs = Object.keys(result.metafile.inputs).map((p) => join(ROOT, p));
    // a source edited during the build may not be in it: then the bundle is used once, not recorded
    recordBundle(MANIFEST, { entry: ENTRY }, inputs, file, startedMs);
    // older bundles (a run started an hour ago has long loaded its own)
    pruneBundles(DIR, 'build-', '', outdir);
    return file;
  } catch {
    return null;
  }
}

const bundle = recordedBundle(MANIFEST, { entry: ENTRY }) ?? (await buildBundle());
let main;
if (bundle !== null) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../server/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
