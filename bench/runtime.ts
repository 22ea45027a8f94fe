/**
 * The demo's runtime for the benchmarks: the server's composition root (server/runtime.ts) over
 * the demo manifest as it is, no store, with the coverage pipeline — its grid, options and disk
 * cache under `<dataDir>/coverage-cache`, as the server and the seed use them.
 */
import { loadConfig } from '../server/config';
import { openRuntime, type Runtime } from '../server/runtime';

/** The demo manifest the seed writes. */
const DEMO_MANIFEST = new URL('../geodata/covgap.json', import.meta.url).pathname;

/**
 * @example
 * const runtime = await openBenchRuntime('data');
 * const run = await runtime.pipeline!.composite(runtime.data.geodata.sites.features.map(coverageSite));
 * await runtime.close();
 */
export function openBenchRuntime(dataDir: string, workers?: number): Promise<Runtime> {
  return openRuntime(loadConfig({ geodataPath: DEMO_MANIFEST, dataDir }), {
    geodata: 'manifest', store: false, coverage: true, ...(workers !== undefined ? { pipeline: { workers } } : {}),
  });
}
