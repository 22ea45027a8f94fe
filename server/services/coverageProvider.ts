/**
 * Where the province coverage comes from, as the coverage routes see it: a provider that is
 * computing, ready or failed, and the composite once ready. `startProvinceCoverage` runs the one
 * coverage pipeline (server/coverage/pipeline.ts: worker pool and disk cache, or this thread) in
 * the background, so requests are answered while it runs and a warm start reads every site back.
 */
import { asGrid, type CoverageGrid, type CoverageOptions } from '../../core/coverage';
import type { SiteFeature } from '../../core/model/types';
import { coverageSite, type CoveragePipeline } from '../coverage/pipeline';

export interface CoverageStatus {
  state: 'computing' | 'ready' | 'failed';
  /** Sites merged so far, and in all. */
  done: number;
  total: number;
  /** Why it failed (state 'failed'). */
  error?: string;
}

export interface CoverageProvider {
  status(): CoverageStatus;
  /** The composite once ready, else null. */
  composite(): CoverageGrid | null;
  /** The sites of the composite. */
  readonly sites: readonly SiteFeature[];
  /** A short hash of the inputs (coverage grid, sites, options): changes whenever the composite would. */
  readonly version: string;
  /** The options the composite was computed with. */
  readonly options: Readonly<CoverageOptions>;
  /** Stops waiting for a computation under way (the server closes). */
  close?(): void;
}

export interface ProvinceRunOptions {
  /** Progress and timing lines. */
  log?: (line: string) => void;
  /** Seconds between progress lines. */
  logEveryS?: number; // 10
}

/**
 * Starts the composite of `sites` in the background on `pipeline` and returns its provider at once.
 *
 * @example
 * const provider = startProvinceCoverage(pipeline, geodata.sites.features, { log: console.log });
 * provider.status() // { state: 'computing', done: 12, total: 1217 }
 */
export function startProvinceCoverage(pipeline: CoveragePipeline, sites: readonly SiteFeature[], run: ProvinceRunOptions = {}): CoverageProvider {
  const log = run.log ?? (() => {});
  const everyMs = (run.logEveryS ?? 10) * 1000;
  const status: CoverageStatus = { state: 'computing', done: 0, total: sites.length };
  let composite: CoverageGrid | null = null;
  let closed = false;
  const input = sites.map(coverageSite);
  const o = pipeline.options;
  let lastLog = 0;
  const where = pipeline.pool ? `${pipeline.pool.size} workers` : 'this thread';
  log(`coverage: ${sites.length} sites on a ${pipeline.dem.width} × ${pipeline.dem.height} grid (${o.modelId}, radius ${o.radiusM / 1000} km), ${where}, cache ${pipeline.cacheDir ?? 'none'}`);
  pipeline.composite(input, (p) => {
    status.done = p.done;
    const now = performance.now();
    if (now - lastLog > everyMs && p.done < p.total) {
      lastLog = now;
      log(`coverage: ${p.done}/${p.total} sites (${Math.floor((100 * p.done) / p.total)} %, ${p.cached} from the cache), ${p.elapsedS.toFixed(0)} s, about ${p.etaS.toFixed(0)} s left`);
    }
  }).then(
    (r) => {
      if (closed) return;
      composite = asGrid(r.composite);
      status.done = status.total;
      status.state = 'ready';
      log(`coverage: ready in ${r.seconds.toFixed(1)} s (${r.computed} computed, ${r.cached} from the cache, ${r.skipped.length} skipped)`);
      for (const s of r.skipped.slice(0, 10)) log(`coverage: skipped ${s.siteId}: ${s.reason}`);
    },
    (err: unknown) => {
      if (closed) return;
      status.state = 'failed';
      status.error = err instanceof Error ? err.message : String(err);
      log(`coverage: failed: ${status.error}`);
    },
  );
  return {
    sites,
    options: o,
    version: pipeline.version(input),
    status: () => ({ ...status }),
    composite: () => composite,
    close: () => {
      closed = true;
    },
  };
}
