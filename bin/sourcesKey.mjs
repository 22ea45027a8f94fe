// A key of source files' paths, sizes and modification times: the esbuild bundle caches of the
// CLI (bin/covgap.mjs) and of the coverage worker (server/coverage/workerBundle.ts) are rebuilt
// when it changes. Plain JavaScript, so that the `covgap` shim can import it without TypeScript.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';

/**
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
