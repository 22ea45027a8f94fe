/**
 * One site split over the pool: the radials of each of its frequencies shared between the main
 * thread and the workers (CoveragePool.radialLosses), then the per-technology levels.
 */
import { checkSite, gatherLossRaster, levelsFromLosses, preparePathLoss } from '../../core/coverage/siteCoverage';
import type { CoverageOptions } from '../../core/coverage/options';
import type { LossRaster, SiteCoverage, Transmitter } from '../../core/coverage/types';
import type { DemGrid } from '../../core/model/types';
import { resolveCoverageOptions } from '../../core/coverage/options';
import type { CoveragePool } from './pool';
import type { CoverageSite } from './protocol';

/**
 * pathLossGrid with the radials split over `pool` (same result as the single-threaded call).
 *
 * @example
 * const pool = new CoveragePool({ workers: 2 });
 * const loss = await pathLossGridParallel(dem, { lon, lat, heightAglM: 30 }, 900, { radiusM: 20000 }, { pool });
 * await pool.close();
 */
export async function pathLossGridParallel(
  dem: DemGrid, tx: Transmitter, freqMHz: number, options: Partial<CoverageOptions>, run: { pool: CoveragePool },
): Promise<LossRaster> {
  const { plan, options: o } = preparePathLoss(dem, tx, freqMHz, options);
  const radial = await run.pool.radialLosses(dem, tx, freqMHz, o, plan);
  return gatherLossRaster(plan, radial);
}

/**
 * siteCoverage with each frequency's radials split over `pool` (same result as siteCoverage).
 *
 * @example
 * const cov = await computeSiteCoverageParallel(dem, { ...site.properties, lon, lat }, {}, { pool });
 */
export async function computeSiteCoverageParallel(
  dem: DemGrid, site: CoverageSite, options: Partial<CoverageOptions>, run: { pool: CoveragePool },
): Promise<SiteCoverage> {
  const o = resolveCoverageOptions(options);
  checkSite(site);
  const tx: Transmitter = { lon: site.lon, lat: site.lat, heightAglM: site.antennaHeightM };
  const byFreq = new Map<number, LossRaster>();
  for (const cell of site.cells) {
    if (!byFreq.has(cell.freqMHz)) byFreq.set(cell.freqMHz, await pathLossGridParallel(dem, tx, cell.freqMHz, o, run));
  }
  return levelsFromLosses(dem, site, byFreq, o);
}
