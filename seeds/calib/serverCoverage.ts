/**
 * The server's coverage pipeline, for the calibration: the geodata read back as the server reads
 * it (Int16 GeoTIFF, rounded coordinates), the one coverage pipeline (server/coverage/pipeline.ts:
 * its coverage grid, options, floor and cache keys, the worker pool and the disk cache in
 * `<dataDir>/coverage-cache`, so the server's cache is warm after a seed), and village status under
 * the default gap rule — the one rule of core/gaps/serves.ts, for the province and for each site.
 */
import { levelsAtCells } from '../../core/coverage/levelsAt';
import { InputError } from '../../core/errors';
import { cellsOf, resolveGapOptions, servedBy, thresholdsFor, villageCellTable, villageStatus } from '../../core/gaps';
import type { VillageStatus } from '../../core/gaps/types';
import type { DemGrid, SiteFeature, VillageFeature } from '../../core/model/types';
import type { CoverageOptions } from '../../core/coverage/options';
import type { CoverageSite } from '../../server/coverage';
import { loadConfig } from '../../server/config';
import { openRuntime } from '../../server/runtime';

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
 * Opens the pipeline on a geodata manifest, through the server's composition root (the manifest as
 * it is, no store).
 *
 * @example
 * const sc = await openServerCoverage('geodata/covgap.json', 'data');
 * const { status } = await sc.province(sc.sites.map(coverageSite));
 * await sc.close();
 */
export async function openServerCoverage(manifestPath: string, dataDir: string, workers?: number): Promise<ServerCoverage> {
  const runtime = await openRuntime(loadConfig({ geodataPath: manifestPath, dataDir }), {
    geodata: 'manifest', store: false, coverage: true, ...(workers !== undefined ? { pipeline: { workers } } : {}),
  });
  const geo = runtime.data.geodata;
  const pipeline = runtime.pipeline!;
  const dem = pipeline.dem;
  const o = pipeline.options;
  const gap = resolveGapOptions({});
  const scope = { techs: gap.techs, thresholdsDbm: thresholdsFor(o, gap) };
  const villages = geo.villages.features as VillageFeature[];
  // every village's cells under the default rule; a site is judged alone (no network before it)
  const { table, index } = villageCellTable(villages, dem, gap);
  const rows = index.map((_, v) => v);
  const cells = cellsOf(table, rows);

  return {
    dem, villages, sites: geo.sites.features as SiteFeature[], options: o,
    get computed() {
      return pipeline.computed;
    },
    async cover(site) {
      try {
        const served = servedBy(levelsAtCells(await pipeline.site(site), dem, cells), rows, table, scope);
        return served.map((v) => index[v]);
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
    close: () => runtime.close(),
  };
}
