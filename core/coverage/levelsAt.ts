/**
 * A site's received level at a few cells only: the siting optimiser asks "which gap villages would
 * this candidate serve?" for hundreds of candidates, and only the villages' cells matter. The
 * answer is the one the full raster (siteCoverage) gives at those cells, bit for bit: the same
 * radial plan (planRadials), the same radial sweep (radialLossRange, on only the radials the cells
 * read) and the same level rule (levelsFromLosses). A candidate with 40 villages in reach sweeps about 40 of its ~1,400 radials.
 */
import { InputError } from '../errors';
import { TECHS, type DemGrid, type SiteProperties, type Tech } from '../model/types';
import { resolveCoverageOptions, type CoverageOptions } from './options';
import { radialLossRange } from './radialLosses';
import { planRadials } from './radials';
import { checkPathLoss, checkSite, levelsFromLosses } from './siteCoverage';
import type { LossRaster, SiteCoverage, Transmitter } from './types';

/**
 * The site's coverage as siteCoverage would compute it, but with values only at `cells` (indices
 * `row * dem.width + col` of `dem`); every other cell of the window is NaN. Cells outside the
 * site's window or radius stay absent.
 *
 * @example
 * const cov = sparseSiteCoverage(dem, site, options, Int32Array.of(row * dem.width + col));
 * levelAt(cov, dem, row * dem.width + col, '4G') // dBm, equal to siteCoverage's value there
 */
export function sparseSiteCoverage(
  dem: DemGrid, site: SiteProperties & { lon: number; lat: number }, options: Partial<CoverageOptions>, cells: ArrayLike<number>,
): SiteCoverage {
  const o: CoverageOptions = resolveCoverageOptions(options);
  checkSite(site);
  const tx: Transmitter = { lon: site.lon, lat: site.lat, heightAglM: site.antennaHeightM };
  const freqs = [...new Set(site.cells.map((c) => c.freqMHz))];
  checkPathLoss(dem, tx, freqs, o);
  // the whole plan, as siteCoverage makes it: ITM's interpolation along a radial depends on which
  // of its samples some cell reads, so the radials swept here must flag the same samples
  const plan = planRadials(dem, tx, o.radiusM, o.radialDensity);
  const n = plan.samplesPerRadial;
  const radials = new Uint8Array(plan.radialCount);
  const windowCells: number[] = [];
  for (let q = 0; q < cells.length; q++) {
    const g = cells[q];
    if (!(Number.isInteger(g) && g >= 0 && g < dem.width * dem.height)) {
      throw new InputError(`sparseSiteCoverage: cells[${q}] must be a cell index of the DEM (0 ≤ i < ${dem.width * dem.height}), got ${String(g)}`, `cells[${q}]`);
    }
    const r = Math.floor(g / dem.width) - plan.row0;
    const c = (g % dem.width) - plan.col0;
    if (r < 0 || r >= plan.height || c < 0 || c >= plan.width) continue;
    const w = r * plan.width + c;
    const p = plan.cellPoint[w];
    if (p < 0) continue;
    radials[Math.floor(p / n)] = 1;
    windowCells.push(w);
  }
  const outs = freqs.map(() => new Float32Array(plan.radialCount * n).fill(NaN));
  // sweep the needed radials in runs, so that neighbours share their Δh profiles (itmRange)
  for (let k = 0; k < plan.radialCount;) {
    if (!radials[k]) { k++; continue; }
    let k1 = k + 1;
    while (k1 < plan.radialCount && radials[k1]) k1++;
    radialLossRange(dem, tx, freqs, o, plan, k, k1, outs);
    k = k1;
  }
  const lossByFreq = new Map<number, LossRaster>();
  freqs.forEach((f, i) => {
    const data = new Float32Array(plan.width * plan.height).fill(NaN);
    for (const w of windowCells) data[w] = outs[i][plan.cellPoint[w]];
    lossByFreq.set(f, { width: plan.width, height: plan.height, transform: plan.transform, col0: plan.col0, row0: plan.row0, data });
  });
  return levelsFromLosses(dem, site, lossByFreq, o);
}

/**
 * The level of `tech` in `cov` at DEM cell `cell` (`row * dem.width + col`), NaN where it has none.
 *
 * @example
 * levelAt(cov, dem, 120 * dem.width + 340, '2G')
 */
export function levelAt(cov: SiteCoverage, dem: Pick<DemGrid, 'width'>, cell: number, tech: Tech): number {
  const a = cov.levelDbm[tech];
  if (!a) return NaN;
  const r = Math.floor(cell / dem.width) - cov.row0;
  const c = (cell % dem.width) - cov.col0;
  if (r < 0 || r >= cov.height || c < 0 || c >= cov.width) return NaN;
  return a[r * cov.width + c];
}

/**
 * The levels of `cov` at `cells`, per technology the site has (NaN where none): the compact answer
 * that travels from a worker and is cached.
 *
 * @example
 * levelsAtCells(cov, dem, cells)['4G'][0] // dBm at cells[0]
 */
export function levelsAtCells(cov: SiteCoverage, dem: Pick<DemGrid, 'width'>, cells: ArrayLike<number>): Partial<Record<Tech, Float32Array>> {
  const out: Partial<Record<Tech, Float32Array>> = {};
  for (const t of TECHS) {
    if (!cov.levelDbm[t]) continue;
    const a = new Float32Array(cells.length);
    for (let q = 0; q < cells.length; q++) a[q] = levelAt(cov, dem, cells[q], t);
    out[t] = a;
  }
  return out;
}
