// The esbuild bundle caches, one source for both: the `covgap` CLI (bin/covgap.mjs) and the
// workers (server/coverage/workerBundle.ts) keep their bundles on disk beside a manifest of the
// sources they were built from (paths, sizes, modification times), use them while none of those
// changed, and build again when one did. Plain JavaScript, so that the `covgap` shim can import it
// before any TypeScript runs. Building is the caller's (esbuild's options differ).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How long a superseded bundle is kept: a process started before may still load it (1 h). */
const KEEP_OLD_MS = 3600e3;

/**
 * A key of source files' paths, sizes and modification times.
 *
 * @param {readonly string[]} paths
 * @returns {string | null} the key, or null when one of the files is missing
 * @example sourcesKey(['server/cli/main.ts']) // '9f2c…'
 */
export function sourcesKey(paths) {
  const h = createHash('sha256');
  for (const p of paths) {
    try {
      const st = statSync(p);
      h.update(`${p}\0${st.size}\0${st.mtimeMs}\n`);
    } catch {
      return null;
    }
  }
  return h.digest('hex');
}

/**
 * The bundle a manifest records, when it was built with the same settings (`expect`: the entry and
 * whatever else changes the build, compared as JSON) and none of its sources changed since; else null.
 *
 * @param {string} manifestPath
 * @param {Readonly<Record<string, unknown>>} expect
 * @returns {string | null} the bundle's path
 * @example recordedBundle('node_modules/.cache/covgap-cli/manifest.json', { entry }) // '…/build-123-1700000000000/main.mjs'
 */
export function recordedBundle(manifestPath, expect) {
  try {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
    for (const [k, v] of Object.entries(expect)) if (JSON.stringify(m[k]) !== JSON.stringify(v)) return null;
    return sourcesKey(m.inputs) === m.key && existsSync(m.file) ? m.file : null;
  } catch {
    return null; // no usable bundle yet
  }
}

/**
 * Records a bundle just built in its manifest (written aside, then renamed: readers never see half
 * of it). Not when a source changed since the build started, or is gone: the bundle may not hold
 * the change, so it is used once and built again next time.
 *
 * @param {string} manifestPath
 * @param {Readonly<Record<string, unknown>>} settings what recordedBundle's `expect` compares (the entry, …)
 * @param {readonly string[]} inputs the sources, absolute paths (esbuild's metafile inputs)
 * @param {string} file the bundle
 * @param {number} startedMs when the build started (Date.now())
 * @returns {boolean} whether it was recorded
 * @example recordBundle(manifest, { entry }, inputs, file, startedMs)
 */
export function recordBundle(manifestPath, settings, inputs, file, startedMs) {
  const key = sourcesKey(inputs);
  // modification times are rounded by some file systems: a second's margin
  const editedDuring = inputs.some((p) => (statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) >= startedMs - 1000);
  if (key === null || editedDuring) return false;
  const tmp = `${manifestPath}.${bundleTag()}.tmp`;
  writeFileSync(tmp, JSON.stringify({ ...settings, inputs, key, file }));
  renameSync(tmp, manifestPath);
  return true;
}

/**
 * Removes the bundles in `dir` (files or folders named `prefix…suffix`) older than an hour, but `keep`.
 *
 * @param {string} dir
 * @param {string} prefix
 * @param {string} suffix
 * @param {string} keep the path of the bundle in use
 * @example pruneBundles(dir, 'coverageWorker-', '.mjs', file)
 */
export function pruneBundles(dir, prefix, suffix, keep) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (f.startsWith(prefix) && f.endsWith(suffix) && p !== keep && Date.now() - statSync(p).mtimeMs > KEEP_OLD_MS) rmSync(p, { recursive: true, force: true });
  }
}

/**
 * A name part no other process or build uses: the process id and the time.
 *
 * @returns {string}
 * @example bundleTag() // '4242-1765150000000'
 */
export function bundleTag() {
  return `${process.pid}-${Date.now()}`;
}
