/**
 * Wiring of the coverage API for the composition root (server/runtime.ts): the province composite in the background
 * on the one coverage pipeline, and the services the coverage routes use.
 */
import type { SiteFeature, Sites, VillageFeature, Villages } from '../../core/model/types';
import type { PreviewOptions } from '../../core/siting/preview';
import type { CoveragePipeline } from '../coverage/pipeline';
import { CoverageService } from './coverage';
import { startProvinceCoverage, type CoverageProvider } from './coverageProvider';
import { ProfileService } from './profile';

/** What the coverage routes (server/routes/coverage.ts) and the network views serve the coverage from. */
export interface CoverageRouteDeps {
  coverage: CoverageService;
  profiles: ProfileService;
  /** The coverage pipeline the composite came from; previews run on it (its grid, options and pool). */
  pipeline: CoveragePipeline;
  villages: readonly VillageFeature[];
  preview?: Partial<PreviewOptions>;
}

export interface CoverageSetupOptions {
  /** Progress lines of the province run. */
  log?: (line: string) => void;
  /** A provider to use instead of the pipeline's province run (tests of the computing state). */
  provider?: (pipeline: CoveragePipeline, sites: readonly SiteFeature[]) => CoverageProvider;
}

/**
 * Starts the province coverage in the background and returns the coverage routes' dependencies.
 *
 * @example
 * const pipeline = new CoveragePipeline(geodata.dem, { dataDir: config.dataDir });
 * const coverage = setupCoverage(geodata, pipeline, { log });
 * createApp(appServices({ ...deps, coverage }));
 */
export function setupCoverage(data: { sites: Sites; villages: Villages }, pipeline: CoveragePipeline, options: CoverageSetupOptions = {}): CoverageRouteDeps {
  const sites = data.sites.features as SiteFeature[];
  const provider = options.provider ? options.provider(pipeline, sites) : startProvinceCoverage(pipeline, sites, { log: options.log ?? (() => {}) });
  const villages = data.villages.features as VillageFeature[];
  return {
    coverage: new CoverageService(provider),
    profiles: new ProfileService(pipeline.sourceDem, sites, villages, provider.options),
    pipeline,
    villages,
  };
}
