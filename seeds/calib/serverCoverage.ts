/**
 * The server's coverage pipeline, for the calibration: the geodata read back as the server reads
 * it (Int16 GeoTIFF, rounded coordinates), the one coverage pipeline (server/coverage/pipeline.ts:
 * its coverage grid, options, floor and cache keys, the worker pool and the disk cache in
 * `<dataDir>/coverage-cache`, so the server's cache is warm after a seed), and village status under
 * the default gap rule.
 */
import type { SiteCoverage } from '../../core/coverage/types';
import { InputError } from '../../core/errors';
import { resolveGapOptions, villageStatus } from '../../core/gaps';
import { cellIndexAt } from '../../core/gaps/sampling';
import type { VillageStatus } from '../../core/gaps/types';
import { TECHS, type DemGrid, type SiteFeature, type Tech, type VillageFeature } from '../../core/model/types';
import type { CoverageOptions } from '../../core/coverage/options';
import { CoveragePipeline, type CoverageSite } from '../../server/coverage';
import { loadGeodata } from '../../server/data/geodata';

export { coverageSite } from '../../server/coverage';

export interface ProvinceStatus {
  status: VillageStatus[];
  computed: number;
  cached: number;
  seconds: number;
}

export interface ServerCoverage {
  dem: DemGrid;
  villages: readonly VillageFeature[];
  sites: readonly SiteFeature[];
  options: Readonly<CoverageOptions>;
  /** Coverage computations of single sites (cache misses of `cover`). */
  readonly computed: number;
  /** The villages (indices into `villages`) that `site` gives signal to, from the cache or computed and cached. */
  cover(site: CoverageSite): Promise<number[]>;
  /** The whole province on the pipeline, then villageStatus with the default rule. */
  province(sites: readonly CoverageSite[], onProgress?: (line: string) => void): Promise<ProvinceStatus>;
  close(): Promise<void>;
}

/**
 * Opens the pipeline on a geodata manifest.
 *
 * @example
 * const sc = await openServerCoverage('geodata/covgap.json', 'data');
 * const { status } = await sc.province(sc.sites.map(coverageSite));
 * await sc.close();
 */
export async function openServerCoverage(manifestPath: string, dataDir: string, workers?: number): Promise<ServerCoverage> {
  const geo = await loadGeodata(manifestPath);
  const pipeline = new CoveragePipeline(geo.dem, { dataDir, ...(workers !== undefined ? { workers } : {}) });
  const dem = pipeline.dem;
  const o = pipeline.options;
  const gap = resolveGapOptions({});
  const thr = {} as Record<Tech, number>;
  for (const t of TECHS) thr[t] = gap.thresholdsDbm?.[t] ?? o.thresholdsDbm[t];
  const techs = new Set<Tech>(gap.techs);
  const villages = geo.villages.features as VillageFeature[];
  const cells = villages.map((v) => {
    const [lon, lat] = (v.geometry as { coordinates: number[] }).coordinates;
    const i = cellIndexAt(dem.width, dem.height, dem.transform, lon, lat);
    return i < 0 ? [-1, -1] : [i % dem.width, Math.floor(i / dem.width)];
  });

  const coveredBy = (cov: SiteCoverage): number[] => {
    const out: number[] = [];
    const levels = (Object.keys(cov.levelDbm) as Tech[]).filter((t) => techs.has(t)).map((t) => [cov.levelDbm[t] as Float32Array, thr[t]] as const);
    for (let v = 0; v < cells.length; v++) {
      const c = cells[v][0] - cov.col0, r = cells[v][1] - cov.row0;
      if (cells[v][0] < 0 || c < 0 || r < 0 || c >= cov.width || r >= cov.height) continue;
      const k = r * cov.width + c;
      if (levels.some(([a, t]) => a[k] >= t)) out.push(v);
    }
    return out;
  };

  return {
    dem, villages, sites: geo.sites.features as SiteFeature[], options: o,
    get computed() {
      return pipeline.computed;
    },
    async cover(site) {
      try {
        return coveredBy(await pipeline.site(site));
      } catch (err) {
        if (err instanceof InputError) return []; // the province run skips such a site too
        throw err;
      }
    },
    async province(sites, onProgress) {
      let last = 0;
      const run = await pipeline.composite(sites, (p) => {
        if (onProgress && (p.done - last >= 200 || p.done === p.total)) {
          last = p.done;
          onProgress(`coverage ${p.done}/${p.total} (computed ${p.computed}, cached ${p.cached}) ${p.elapsedS.toFixed(0)} s`);
        }
      });
      return { status: villageStatus(villages, run.composite), computed: run.computed, cached: run.cached, seconds: run.seconds };
    },
    close: () => pipeline.close(),
  };
}
