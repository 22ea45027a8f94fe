/**
 * The one coverage pipeline. It owns every setting that decides what "the coverage of a site"
 * is — the coverage DEM (the source DEM block-averaged to `cellArcSec`), the model options, the
 * floor below the thresholds and the per-site cache key — and answers "the coverage of these
 * sites". The server, `covgap gaps`, the seed's calibration, scenarios and siting all call it;
 * nothing else copies its settings.
 *
 *  - `site(site)`: one site's levels on the coverage grid, from the disk cache or computed on the
 *    pool (quantised to 0.1 dB and floored, as stored), then cached;
 *  - `composite(sites)`: the province composite of a list of sites (province.ts);
 *  - `preview(site, radiusM, modelId)`: an uncached quick look at a hypothetical site;
 *  - `version(sites)`: a short hash that changes whenever the composite of `sites` would.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { resolveCoverageOptions, type CoverageOptions } from '../../core/coverage/options';
import { levelsAtCells, sparseSiteCoverage } from '../../core/coverage/levelsAt';
import { siteCoverage } from '../../core/coverage/siteCoverage';
import type { SiteCoverage } from '../../core/coverage/types';
import { InputError } from '../../core/errors';
import type { DemGrid, SiteFeature } from '../../core/model/types';
import { downsampleDem } from '../../core/terrain/resample';
import { applyFloor, CoverageCache, demFingerprint, finishSiteCoverage, quantizeCoverage, siteCacheKey, type SiteFinish } from './cache';
import { computeSiteCoverageParallel } from './parallel';
import { CoveragePool, type CellLevels } from './pool';
import { computeProvinceCoverage, type ProvinceCoverage, type ProvinceProgress } from './province';
import type { CoverageSite } from './protocol';

export interface PipelineSettings {
  /** Target cell size of the coverage DEM, arc-seconds; the source DEM is block-averaged to about it. */
  cellArcSec: number; // 3: SRTM3-like, ≈ 90 m, a ninth of the cells of a 1″ DEM
  /** Coverage options over core's DEFAULT_COVERAGE_OPTIONS. */
  coverage: Partial<CoverageOptions>; // { modelId: 'itm' }: the terrain-aware reference model
  /** Levels more than this many dB below their technology's threshold are dropped before caching and merging. */
  floorBelowThresholdDb: number; // 30: 4G below −140 dBm is nobody's signal; far fewer cells to store and merge
}

export const PIPELINE_SETTINGS: Readonly<PipelineSettings> = Object.freeze({
  cellArcSec: 3,
  coverage: Object.freeze({ modelId: 'itm' }),
  floorBelowThresholdDb: 30,
});

export interface PipelineOptions {
  /** Writable directory: the per-site cache lives in `<dataDir>/coverage-cache`; null = no disk cache. */
  dataDir: string | null;
  /** Worker threads; 0 computes on this thread (yielding between sites). Default: the machine's cores. */
  workers?: number;
  /** Settings over PIPELINE_SETTINGS (tests use a small radius). */
  settings?: Partial<PipelineSettings>;
  /**
   * Bytes of decoded site rasters kept in memory by site(), so that re-evaluating a scenario does
   * not read its stations from disk again. Default 256 MiB (about 100 province sites); 0 = none.
   */
  memoryBytes?: number;
}

/**
 * @example
 * const pipeline = new CoveragePipeline(geodata.dem, { dataDir: 'data' });
 * const { composite } = await pipeline.composite(sites.map(coverageSite));
 * await pipeline.close();
 */
export class CoveragePipeline {
  /** The DEM the sites were given on (1″ for the demo); profiles use it. */
  readonly sourceDem: DemGrid;
  /** The coverage grid: `sourceDem` block-averaged to about `settings.cellArcSec`. */
  readonly dem: DemGrid;
  readonly settings: Readonly<PipelineSettings>;
  /** The resolved coverage options every site of this pipeline is computed with. */
  readonly options: Readonly<CoverageOptions>;
  readonly pool: CoveragePool | null;
  readonly cache: CoverageCache | null;
  /** Sites computed (not read from the cache) by `site()` since the pipeline opened. */
  computed = 0;
  private readonly _demFp: string;
  private readonly _memory: LRUCache<string, SiteCoverage> | null;
  /** levelsAt answers: a few hundred bytes each (a candidate and its villages' cells); 20,000 ≈ 40 plans of 500 candidates */
  private readonly _levels = new LRUCache<string, CellLevels>({ max: 20_000 });

  constructor(sourceDem: DemGrid, options: PipelineOptions) {
    const settings = { ...PIPELINE_SETTINGS, ...options.settings };
    if (!(typeof settings.cellArcSec === 'number' && settings.cellArcSec > 0)) {
      throw new InputError(`coverage pipeline: cellArcSec must be a number of arc-seconds > 0, got ${String(settings.cellArcSec)}`, 'cellArcSec');
    }
    if (!(typeof settings.floorBelowThresholdDb === 'number' && settings.floorBelowThresholdDb >= 0)) {
      throw new InputError(`coverage pipeline: floorBelowThresholdDb must be a number of dB >= 0, got ${String(settings.floorBelowThresholdDb)}`, 'floorBelowThresholdDb');
    }
    this.settings = Object.freeze(settings);
    this.sourceDem = sourceDem;
    const factor = Math.max(1, Math.round(settings.cellArcSec / (Math.abs(sourceDem.transform[1]) * 3600)));
    this.dem = factor > 1 ? downsampleDem(sourceDem, factor) : sourceDem;
    this.options = Object.freeze(resolveCoverageOptions(settings.coverage));
    const workers = options.workers;
    this.pool = workers === 0 ? null : new CoveragePool(workers !== undefined ? { workers } : {});
    this.cache = options.dataDir === null ? null : new CoverageCache(join(options.dataDir, 'coverage-cache'));
    this._demFp = demFingerprint(this.dem);
    const memoryBytes = options.memoryBytes ?? 256 * 2 ** 20;
    this._memory = memoryBytes > 0
      ? new LRUCache<string, SiteCoverage>({ maxSize: memoryBytes, sizeCalculation: (c) => Math.max(1, Object.values(c.levelDbm).reduce((n, a) => n + (a as Float32Array).byteLength, 0)) })
      : null;
  }

  /** Where the per-site rasters are kept, or null. */
  get cacheDir(): string | null {
    return this.cache?.dir ?? null;
  }

  /** The cache key of one site's stored coverage under this pipeline's settings. */
  siteKey(site: CoverageSite): string {
    return siteCacheKey(this._demFp, site, this.options, { floorBelowThresholdDb: this.settings.floorBelowThresholdDb });
  }

  /**
   * One site's coverage as the composite merges it (0.1 dB, floored), from memory, the disk cache
   * or computed and cached (do not modify it: it may be shared). Throws InputError for a site that
   * cannot be computed (off the DEM, no cells).
   *
   * @example
   * const cov = await pipeline.site(coverageSite(feature));
   */
  async site(site: CoverageSite): Promise<SiteCoverage> {
    const key = this.siteKey(site);
    // in memory by key and by who the raster belongs to (the key leaves out id and operator)
    const memoKey = `${key}|${site.id}|${site.operator}`;
    const inMemory = this._memory?.get(memoKey);
    if (inMemory) return inMemory;
    let cov = this.cache?.get(key, site.id, site.operator) ?? null;
    if (!cov) {
      // quantised, floored and kept on the worker that computed it (on this thread without a pool)
      const finish: SiteFinish = { thresholdsDbm: this.options.thresholdsDbm, floorDb: this.settings.floorBelowThresholdDb, store: this.cache ? { dir: this.cache.dir, key } : null };
      cov = this.pool ? await this.pool.siteCoverage(this.dem, site, this.options, finish) : finishSiteCoverage(siteCoverage(this.dem, site, this.options), finish);
      this.computed++;
    }
    this._memory?.set(memoKey, cov);
    return cov;
  }

  /**
   * A site's levels at DEM cells `cells` of the coverage grid (`row * dem.width + col`), per
   * technology, exactly as `site()` would store them there (0.1 dB, floored; NaN where none) —
   * without computing the raster: only the radials those cells read are swept (core/coverage/
   * levelsAt.ts). What a siting candidate would give the villages. Kept in memory by site and cells.
   *
   * @example
   * const levels = await pipeline.levelsAt(coverageSite(candidate), Int32Array.of(cell));
   * levels['4G']?.[0] // dBm at that cell
   */
  async levelsAt(site: CoverageSite, cells: Int32Array): Promise<CellLevels> {
    const key = `${this.siteKey(site)}|${createHash('sha256').update(new Uint8Array(cells.buffer, cells.byteOffset, cells.byteLength)).digest('base64url')}`;
    const known = this._levels.get(key);
    if (known) return known;
    const levels = this.pool
      ? await this.pool.levelsAt(this.dem, site, this.options, cells)
      : levelsAtCells(sparseSiteCoverage(this.dem, site, this.options, cells), this.dem, cells);
    const compact = { levelDbm: levels };
    quantizeCoverage(compact);
    applyFloor(compact, this.options.thresholdsDbm, this.settings.floorBelowThresholdDb);
    this._levels.set(key, levels);
    return levels;
  }

  /** Forgets a site's stored raster (memory and disk), so that the next site() computes it again. */
  evict(site: CoverageSite): void {
    const key = this.siteKey(site);
    this._memory?.delete(`${key}|${site.id}|${site.operator}`);
    if (this.cache) rmSync(this.cache.pathOf(key), { force: true });
  }

  /**
   * The composite of `sites` on the coverage grid (cached sites read back, the others computed).
   *
   * @example
   * const run = await pipeline.composite(sites, (p) => log(`${p.done}/${p.total}`));
   */
  composite(sites: readonly CoverageSite[], onProgress?: (p: ProvinceProgress) => void): Promise<ProvinceCoverage> {
    return computeProvinceCoverage(this.dem, sites, this.options, {
      ...(this.pool ? { pool: this.pool } : {}),
      ...(this.cache ? { cache: this.cache } : {}),
      floorBelowThresholdDb: this.settings.floorBelowThresholdDb,
      ...(onProgress ? { onProgress } : {}),
    });
  }

  /**
   * A hypothetical site's levels within `radiusM` with `modelId`, unquantised and not cached
   * (the preview), on the pool when there is one.
   */
  async preview(site: CoverageSite, radiusM: number, modelId: string): Promise<SiteCoverage> {
    const o = { ...this.options, radiusM, modelId };
    return this.pool ? computeSiteCoverageParallel(this.dem, site, o, { pool: this.pool }) : siteCoverage(this.dem, site, o);
  }

  /**
   * A short, stable hash of what the composite of `sites` depends on (the coverage grid, the
   * options and every site's id, operator and radio parameters).
   *
   * @example
   * pipeline.version(sites) // 'k3J9x0aQ2c1T'
   */
  version(sites: readonly CoverageSite[]): string {
    const h = createHash('sha256');
    h.update(JSON.stringify([this._demFp, this.options, this.settings.floorBelowThresholdDb]));
    for (const s of sites) h.update(JSON.stringify([s.lon, s.lat, s.id, s.operator, s.antennaHeightM, s.cells]));
    return h.digest('base64url').slice(0, 12);
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

/**
 * A site feature as the pipeline takes it: its properties with `lon` and `lat`.
 *
 * @example
 * pipeline.site(coverageSite(sites.features[0]))
 */
export function coverageSite(f: SiteFeature): CoverageSite {
  return { ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] };
}
