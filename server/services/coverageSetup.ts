/**
 * Wiring of the coverage API for the composition root: the coarse DEM, the background province
 * coverage, and the services the coverage routes use.
 */
import type { CoverageOptions } from '../../core/coverage';
import type { DemGrid, SiteFeature, Sites, VillageFeature, Villages } from '../../core/model/types';
import type { CoverageRouteDeps } from '../routes/coverage';
import { CoverageService } from './coverage';
import { downsampleDem } from '../../core/terrain/resample';
import { startLocalCoverage, type CoverageProvider } from './coverageProvider';
import { ProfileService } from './profile';

export interface CoverageSetupOptions {
  /** Target cell size of the coverage DEM, arc-seconds; the DEM is block-averaged to about it. */
  cellArcSec: number; // 3: SRTM3-like, ≈ 90 m, a ninth of the cells of a 1″ DEM
  /** Options of the province composite. */
  coverage: Partial<CoverageOptions>; // { modelId: 'itm' }
  /** A provider to use instead of the single-thread one (worker pool and disk cache). */
  provider?: (dem: DemGrid, sites: readonly SiteFeature[], options: Partial<CoverageOptions>) => CoverageProvider;
}

/**
 * Starts the province coverage in the background and returns the coverage routes' dependencies.
 *
 * @example
 * const coverage = setupCoverage({ dem, sites, villages }, {}, log);
 * createApp({ ...deps, coverage });
 */
export function setupCoverage(
  data: { dem: DemGrid; sites: Sites; villages: Villages },
  options: Partial<CoverageSetupOptions> = {},
  log: (line: string) => void = () => {},
): CoverageRouteDeps {
  const cellArcSec = options.cellArcSec ?? 3;
  const factor = Math.max(1, Math.round(cellArcSec / (Math.abs(data.dem.transform[1]) * 3600)));
  const coarse = downsampleDem(data.dem, factor);
  const coverageOptions = { modelId: 'itm', ...options.coverage };
  const sites = data.sites.features as SiteFeature[];
  const provider = options.provider
    ? options.provider(coarse, sites, coverageOptions)
    : startLocalCoverage(coarse, sites, coverageOptions, log);
  const villages = data.villages.features as VillageFeature[];
  return {
    coverage: new CoverageService(provider),
    profiles: new ProfileService(data.dem, sites, villages, provider.options),
    previewDem: coarse,
    villages,
  };
}
