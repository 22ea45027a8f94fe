/**
 * One site split over the pool: the radials of each of its frequencies shared between the main
 * thread and the workers (CoveragePool.radialLosses), then the per-technology levels.
 */
import { checkPathLoss, checkSite, gatherLossRaster, levelsFromLosses } from '../../core/coverage/siteCoverage';
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
  return (await pathLossGridsParallel(dem, tx, [freqMHz], options, run))[0];
}

/**
 * pathLossGrids (several frequencies, one sweep) with the radials split over `pool`.
 *
 * @example
 * const [l900, l1800] = await pathLossGridsParallel(dem, tx, [900, 1800], {}, { pool });
 */
export async function pathLossGridsParallel(
  dem: DemGrid, tx: Transmitter, freqsMHz: readonly number[], options: Partial<CoverageOptions>, run: { pool: CoveragePool },
): Promise<LossRaster[]> {
  const o = checkPathLoss(dem, tx, freqsMHz, options);
  const plan = await run.pool.planRadials(dem, tx, o.radiusM, o.radialDensity);
  const radials = await run.pool.radialLosses(dem, tx, freqsMHz, o, plan);
  return radials.map((radial) => gatherLossRaster(plan, radial));
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
  const freqs = [...new Set(site.cells.map((c) => c.freqMHz))];
  const losses = await pathLossGridsParallel(dem, tx, freqs, o, run);
  return levelsFromLosses(dem, site, new Map(freqs.map((f, i) => [f, losses[i]])), o);
}
