/**
 * Server-side coverage: worker pool, disk cache and the province run.
 *
 * For the CLI and the routes (stable names):
 *  - `new CoveragePool({ workers })` — worker_threads sharing the DEM (SharedArrayBuffer); `await
 *    pool.close()` at the end. Workers boot in ~0.3–0.5 s; the main thread computes meanwhile.
 *  - `pathLossGridParallel(dem, tx, freqMHz, options, { pool })` — same LossRaster as core's
 *    pathLossGrid, radials split between the main thread and the workers. Drop-in for `covgap
 *    coverage`: `const loss = await pathLossGridParallel(dem, { lon, lat, heightAglM }, freqMHz, opts, { pool })`.
 *  - `computeSiteCoverageParallel(dem, site, options, { pool })` — same SiteCoverage as core's
 *    siteCoverage.
 *  - `new CoverageCache(join(dataDir, 'coverage-cache'))` — per-site rasters keyed by a hash of the
 *    site's radio parameters, the DEM's fingerprint and the options (cache.ts).
 *  - `computeProvinceCoverage(dem, sites, options, { pool, cache, onProgress })` — the composite
 *    (best server per technology and operator, server counts) over the DEM grid; sites from the
 *    cache or computed on the pool (province.ts).
 *  - `downsampleDem(dem, 3)` (core/terrain/resample.ts) — a 3″ DEM from the 1″ one for province runs.
 */
export { CoveragePool, shareDem, type CoveragePoolOptions } from './pool';
export { pathLossGridParallel, pathLossGridsParallel, computeSiteCoverageParallel } from './parallel';
export { CoverageCache, demFingerprint, siteCacheKey, encodeCoverage, decodeCoverage, quantizeCoverage, CACHE_FORMAT_VERSION } from './cache';
export { computeProvinceCoverage, type ProvinceCoverage, type ProvinceProgress, type ProvinceRun } from './province';
export type { CoverageSite } from './protocol';
export { downsampleDem } from '../../core/terrain/resample';
