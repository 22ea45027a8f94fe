/**
 * The province coverage provider of the server: sites computed on the worker pool (off the event
 * loop, so requests are answered while it runs) and kept in the disk cache, so a warm start reads
 * every site back instead of computing it (server/coverage/).
 */
import { join } from 'node:path';
import type { CoverageOptions } from '../../core/coverage';
import { resolveCoverageOptions } from '../../core/coverage/options';
import type { Composite } from '../../core/coverage';
import type { DemGrid, SiteFeature } from '../../core/model/types';
import { CoverageCache, CoveragePool, computeProvinceCoverage, computeSiteCoverageParallel } from '../coverage';
import { coverageVersion, type CoverageProvider, type CoverageStatus } from './coverageProvider';

export interface PoolCoverageOptions {
  /** Writable directory; the cache lives in `<dataDir>/coverage-cache`. */
  dataDir: string;
  /** Worker threads (default: the machine's cores). */
  workers?: number;
  /** Progress and timing lines. */
  log?: (line: string) => void;
  /** Seconds between progress lines. */
  logEveryS?: number; // 10
}

/**
 * Starts the province run in the background and returns its provider at once.
 *
 * @example
 * const provider = startPoolCoverage(dem3s, sites, { modelId: 'itm' }, { dataDir: 'data', log: console.log });
 */
export function startPoolCoverage(dem: DemGrid, sites: readonly SiteFeature[], options: Partial<CoverageOptions>, run: PoolCoverageOptions): CoverageProvider {
  const o = resolveCoverageOptions(options);
  const log = run.log ?? (() => {});
  const everyMs = (run.logEveryS ?? 10) * 1000;
  const status: CoverageStatus = { state: 'computing', done: 0, total: sites.length };
  let composite: Composite | null = null;
  const pool = new CoveragePool(run.workers !== undefined ? { workers: run.workers } : {});
  const cache = new CoverageCache(join(run.dataDir, 'coverage-cache'));
  const input = sites.map((f) => ({ ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
  let lastLog = 0;
  log(`coverage: ${sites.length} sites on a ${dem.width} × ${dem.height} grid (${o.modelId}, radius ${o.radiusM / 1000} km), ${pool.size} workers, cache ${join(run.dataDir, 'coverage-cache')}`);
  computeProvinceCoverage(dem, input, o, {
    pool,
    cache,
    onProgress: (p) => {
      status.done = p.done;
      const now = performance.now();
      if (now - lastLog > everyMs && p.done < p.total) {
        lastLog = now;
        log(`coverage: ${p.done}/${p.total} sites (${Math.floor((100 * p.done) / p.total)} %, ${p.cached} from the cache), ${p.elapsedS.toFixed(0)} s, about ${p.etaS.toFixed(0)} s left`);
      }
    },
  }).then(
    (r) => {
      composite = r.composite;
      status.done = status.total;
      status.state = 'ready';
      log(`coverage: ready in ${r.seconds.toFixed(1)} s (${r.computed} computed, ${r.cached} from the cache, ${r.skipped.length} skipped)`);
      for (const s of r.skipped.slice(0, 10)) log(`coverage: skipped ${s.siteId}: ${s.reason}`);
    },
    (err: unknown) => {
      status.state = 'failed';
      status.error = err instanceof Error ? err.message : String(err);
      log(`coverage: failed: ${status.error}`);
    },
  );
  // the pool stays up for previews (radials split between this thread and the workers)
  return {
    sites,
    options: o,
    version: coverageVersion(dem, sites, o),
    status: () => ({ ...status }),
    composite: () => composite,
    close: () => void pool.close(),
    siteCoverage: (grid, site, opts) => computeSiteCoverageParallel(grid, site, opts, { pool }),
  };
}
