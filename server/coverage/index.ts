/**
 * Server-side coverage: worker pool, disk cache and the province run.
 *
 * For the CLI and the routes (stable names):
 *  - `new CoveragePool({ workers })` — worker_threads sharing the DEM (SharedArrayBuffer); `await
 *    pool.close()` at the end. Workers run an esbuild bundle of the core (cached in the temp dir)
 *    and boot in ~0.2–0.5 s; the main thread computes meanwhile. For one site the main thread
 *    takes chunks too, so `workers: cores − 1` fills the machine; for the province use `cores`.
 *  - `pathLossGridParallel(dem, tx, freqMHz, options, { pool })` — same LossRaster as core's
 *    pathLossGrid, radials split between the main thread and the workers. Drop-in for `covgap
 *    coverage`: `const loss = await pathLossGridParallel(dem, { lon, lat, heightAglM }, freqMHz, opts, { pool })`.
 *  - `pathLossGridsParallel(dem, tx, freqsMHz, options, { pool })` — several frequencies, one sweep.
 *  - `computeSiteCoverageParallel(dem, site, options, { pool })` — same SiteCoverage as core's
 *    siteCoverage.
 *  - `new CoverageCache(join(dataDir, 'coverage-cache'))` — per-site rasters keyed by a hash of the
 *    site's radio parameters, the DEM's fingerprint and the options (cache.ts).
 *  - `computeProvinceCoverage(dem, sites, options, { pool, cache, onProgress, floorBelowThresholdDb })`
 *    — the composite (best server per technology and operator, server counts) over the DEM grid;
 *    sites from the cache or computed on the pool (province.ts); levels more than 30 dB below
 *    their threshold are dropped (NaN) by default.
 *  - `downsampleDem(dem, 3)` (core/terrain/resample.ts) — a 3″ DEM from the 1″ one for province runs.
 */
export { CoveragePool, shareDem, type CoveragePoolOptions } from './pool';
export { pathLossGridParallel, pathLossGridsParallel, computeSiteCoverageParallel } from './parallel';
export { CoverageCache, demFingerprint, siteCacheKey, encodeCoverage, decodeCoverage, quantizeCoverage, CACHE_FORMAT_VERSION } from './cache';
export { computeProvinceCoverage, applyFloor, type ProvinceCoverage, type ProvinceProgress, type ProvinceRun } from './province';
export type { CoverageSite } from './protocol';
export { downsampleDem } from '../../core/terrain/resample';
export { CoveragePipeline, PIPELINE_SETTINGS, coverageSite, type PipelineOptions, type PipelineSettings } from './pipeline';
