/**
 * Coverage of every site of a province, merged into the composite (best server, server count and
 * best site per technology and per technology × operator, core/coverage/composite.ts): cached
 * sites are read from disk, the others computed on the worker pool (or on this thread without
 * one) and written to the cache. Each result is merged as soon as it comes; the merge does not
 * depend on the order (composite.ts), so neither does the composite on the pool's timing. The finished composite is stored too
 * (compositeCache.ts): a run where nothing changed reads it back whole.
 */
import { createComposite, mergeSiteCoverage, registerSite, type Composite } from '../../core/coverage/composite';
import { resolveCoverageOptions, type CoverageOptions } from '../../core/coverage/options';
import { siteCoverage } from '../../core/coverage/siteCoverage';
import type { SiteCoverage } from '../../core/coverage/types';
import { InputError } from '../../core/errors';
import type { DemGrid, Tech } from '../../core/model/types';
import { demFingerprint, finishSiteCoverage, siteCacheKey, type CoverageCache, type SiteFinish } from './cache';

export { applyFloor } from './cache';
import { provinceKey, readComposite, writeComposite } from './compositeCache';
import type { CoveragePool } from './pool';
import type { CoverageSite } from './protocol';

export interface ProvinceProgress {
  /** Sites finished (computed, read from the cache or skipped). */
  done: number;
  total: number;
  computed: number;
  cached: number;
  elapsedS: number;
  /** Estimated seconds left (from the computed sites' pace); 0 when done. */
  etaS: number;
}

export interface ProvinceRun {
  /** Worker pool for the sites not in the cache; without it they are computed on this thread. */
  pool?: CoveragePool;
  cache?: CoverageCache;
  onProgress?: (p: ProvinceProgress) => void;
  /**
   * Levels more than this many dB below their technology's threshold are dropped (NaN: no usable
   * signal) before caching and merging: far fewer cells to store and merge. Default 30 dB
   * (4G: below −140 dBm). Infinity keeps every level.
   */
  floorBelowThresholdDb?: number;
}

export interface ProvinceCoverage {
  composite: Composite;
  /** Sites computed, read from the cache, and skipped (outside the DEM, no cells…) with why. */
  computed: number;
  cached: number;
  skipped: { siteId: string; reason: string }[];
  seconds: number;
}

/**
 * Coverage of `sites` over `dem` merged into a composite on the DEM's grid.
 *
 * @example
 * const pool = new CoveragePool({ workers: 2 });
 * const cache = new CoverageCache(join(dataDir, 'coverage-cache'));
 * const { composite } = await computeProvinceCoverage(dem3, sites, { radiusM: 20000 }, { pool, cache,
 *   onProgress: (p) => console.log(`${p.done}/${p.total}, ${p.etaS.toFixed(0)} s left`) });
 * composite.layers.get('4G')?.serverCount
 */
export async function computeProvinceCoverage(
  dem: DemGrid, sites: readonly CoverageSite[], options: Partial<CoverageOptions>, run: ProvinceRun = {},
): Promise<ProvinceCoverage> {
  if (!Array.isArray(sites)) throw new InputError(`computeProvinceCoverage: sites must be an array, got ${typeof sites}`, 'sites');
  const o = resolveCoverageOptions(options);
  const t0 = performance.now();
  const composite = createComposite({ width: dem.width, height: dem.height, transform: dem.transform }, o.thresholdsDbm);
  const { pool, cache, onProgress } = run;
  const floorDb = run.floorBelowThresholdDb ?? 30;
  if (typeof floorDb !== 'number' || !(floorDb >= 0)) {
    throw new InputError(`computeProvinceCoverage: floorBelowThresholdDb must be a number of dB >= 0, got ${String(floorDb)}`, 'floorBelowThresholdDb');
  }
  // the site table in the given order, so the stored numbers do not depend on the pool's timing
  for (const s of sites) registerSite(composite, s.id);
  const demFp = cache ? demFingerprint(dem) : '';
  const total = sites.length;
  const skipped: { siteId: string; reason: string }[] = [];
  let done = 0;
  let computed = 0;
  let cached = 0;
  let computeStart = t0;

  const finish = (i: number, cov: SiteCoverage | null): void => {
    if (cov) mergeSiteCoverage(composite, cov);
    done++;
    if (onProgress) {
      const elapsedS = (performance.now() - t0) / 1000;
      const left = total - done;
      const perSite = computed > 0 ? (performance.now() - computeStart) / 1000 / computed : 0;
      onProgress({ done, total, computed, cached, elapsedS, etaS: left === 0 ? 0 : left * perSite });
    }
  };
  const skip = (i: number, err: unknown): void => {
    if (!(err instanceof InputError)) throw err;
    skipped.push({ siteId: sites[i].id, reason: err.message });
    finish(i, null);
  };

  const keys = cache ? sites.map((site) => siteCacheKey(demFp, site, o, { floorBelowThresholdDb: floorDb })) : [];
  // nothing changed since a stored run: the whole composite at once
  const wholeKey = cache
    ? provinceKey(keys, sites.map((s) => s.id), sites.map((s) => s.operator), { grid: [dem.width, dem.height, dem.transform], thresholds: o.thresholdsDbm })
    : '';
  const stored = cache ? readComposite(cache.dir, wholeKey) : null;
  if (stored) {
    onProgress?.({ done: total, total, computed: 0, cached: total, elapsedS: (performance.now() - t0) / 1000, etaS: 0 });
    return { composite: stored.composite, computed: 0, cached: total, skipped: stored.skipped, seconds: (performance.now() - t0) / 1000 };
  }

  const misses: { i: number; key: string }[] = [];
  // the cached sites read and merged in slices of about 20 ms, so that the thread answers requests between them
  let slice = performance.now();
  for (let i = 0; i < total; i++) {
    if (performance.now() - slice > 20) {
      await new Promise<void>((resolveTurn) => setImmediate(resolveTurn));
      slice = performance.now();
    }
    const site = sites[i];
    const key = cache ? keys[i] : '';
    const hit = cache ? cache.get(key, site.id, site.operator) : null;
    if (hit) {
      cached++;
      finish(i, hit);
    } else {
      misses.push({ i, key });
    }
  }

  computeStart = performance.now();
  // quantised, floored and kept (cache.ts) where it was computed: on the worker when there is a pool
  const finishing = (key: string): SiteFinish => ({ thresholdsDbm: o.thresholdsDbm, floorDb, store: cache ? { dir: cache.dir, key } : null });
  const store = (i: number, cov: SiteCoverage): void => {
    computed++;
    finish(i, cov);
  };

  if (!pool) {
    for (const { i, key } of misses) {
      // one site per macrotask: requests are still answered (slowly) while this thread computes
      await new Promise<void>((resolveTurn) => setImmediate(resolveTurn));
      let cov: SiteCoverage;
      try {
        cov = siteCoverage(dem, sites[i], o);
      } catch (err) {
        skip(i, err);
        continue;
      }
      store(i, finishSiteCoverage(cov, finishing(key)));
    }
  } else {
    // a bounded window of jobs in flight, so finished rasters do not pile up waiting for a slow one
    let next = 0;
    const window = pool.size * 4;
    const worker = async (): Promise<void> => {
      while (next < misses.length) {
        const { i, key } = misses[next++];
        let cov: SiteCoverage;
        try {
          cov = await pool.siteCoverage(dem, sites[i], o, finishing(key));
        } catch (err) {
          skip(i, err);
          continue;
        }
        store(i, cov);
      }
    };
    await Promise.all(Array.from({ length: Math.min(window, misses.length) }, worker));
  }
  if (cache) writeComposite(cache.dir, wholeKey, { composite, skipped });
  return { composite, computed, cached, skipped, seconds: (performance.now() - t0) / 1000 };
}
