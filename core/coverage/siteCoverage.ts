/**
 * Per-site path loss by radial sweeps (pathLossGrid) and received level per technology
 * (siteCoverage). See index.ts for the pipeline.
 */
import { sectorAttenuationDb, omniAttenuationDb, DEFAULT_SECTOR_PATTERN } from '../antenna/pattern';
import { InputError } from '../errors';
import { ITU_EARTH_RADIUS_M, METRES_PER_DEGREE } from '../geo/geodesy';
import type { DemGrid, SiteProperties, Tech } from '../model/types';
import { sampleBilinear } from '../terrain/sample';
import { resolveCoverageOptions, type CoverageOptions } from './options';
import { planRadials, type RadialPlan } from './radials';
import { radialLossRange } from './radialLosses';
import type { LossRaster, SiteCoverage, Transmitter } from './types';

function checkTx(dem: DemGrid, tx: Transmitter, freqMHz: number): void {
  if (!tx || !Number.isFinite(tx.lon) || !Number.isFinite(tx.lat) || Math.abs(tx.lat) > 90) {
    throw new InputError(`pathLossGrid: tx must have finite lon and lat (|lat| <= 90) in degrees, got ${JSON.stringify(tx)}`, 'tx');
  }
  if (!(tx.heightAglM > 0) || !Number.isFinite(tx.heightAglM)) {
    throw new InputError(`pathLossGrid: tx.heightAglM must be a finite number of metres greater than 0, got ${String(tx.heightAglM)}`, 'tx.heightAglM');
  }
  if (!(freqMHz > 0) || !Number.isFinite(freqMHz)) {
    throw new InputError(`pathLossGrid: freqMHz must be a finite number greater than 0, got ${String(freqMHz)}`, 'freqMHz');
  }
  if (Number.isNaN(sampleBilinear(dem, tx.lon, tx.lat))) {
    throw new InputError(`pathLossGrid: the site (${tx.lon}, ${tx.lat}) is outside the DEM or on a void; load a DEM that covers it`, 'tx');
  }
}

/**
 * Path loss (dB) from `tx` to every DEM cell within `options.radiusM`, on a window of the DEM grid
 * at its resolution (NaN outside the radius and on voids), by radial sweeps: each radial's profile
 * is sampled once at the DEM step and the loss computed at every sample a cell needs, reusing the
 * prefix (ITM: horizons, fits, Δh; see propagation/itm/itmRadial.ts). Each cell takes the radial
 * sample nearest its centre.
 *
 * @example
 * const loss = pathLossGrid(dem, { lon: 106.25, lat: 22.66, heightAglM: 30 }, 900, { radiusM: 10000 });
 * loss.data[row * loss.width + col] // dB
 */
export function pathLossGrid(dem: DemGrid, tx: Transmitter, freqMHz: number, options: Partial<CoverageOptions> = {}): LossRaster {
  return pathLossGrids(dem, tx, [freqMHz], options)[0];
}

/**
 * pathLossGrid for several frequencies at once: one sweep, the geometry (profiles, horizons, fits,
 * Δh) shared, one raster per frequency in the order given.
 *
 * @example
 * const [l900, l1800] = pathLossGrids(dem, tx, [900, 1800], { radiusM: 20000 });
 */
export function pathLossGrids(dem: DemGrid, tx: Transmitter, freqsMHz: readonly number[], options: Partial<CoverageOptions> = {}): LossRaster[] {
  const { plan, options: o } = preparePathLoss(dem, tx, freqsMHz, options);
  const radials = freqsMHz.map(() => new Float32Array(plan.radialCount * plan.samplesPerRadial));
  radialLossRange(dem, tx, freqsMHz, o, plan, 0, plan.radialCount, radials);
  return radials.map((radial) => gatherLossRaster(plan, radial));
}

/**
 * The loss raster of a plan from its radial losses (each cell reads its radial sample).
 *
 * @example
 * gatherLossRaster(plan, radial).data[row * plan.width + col] // dB
 */
export function gatherLossRaster(plan: RadialPlan, radial: Float32Array): LossRaster {
  const data = new Float32Array(plan.width * plan.height);
  const cp = plan.cellPoint;
  for (let c = 0; c < data.length; c++) data[c] = cp[c] < 0 ? NaN : radial[cp[c]];
  return { width: plan.width, height: plan.height, transform: plan.transform, col0: plan.col0, row0: plan.row0, data };
}

/**
 * Checks `tx` and `freqMHz` against `dem` and plans the radial sweep (for callers that split the
 * radials, e.g. a worker pool), with the options resolved.
 *
 * @example
 * const { plan, options } = preparePathLoss(dem, tx, [900], { radiusM: 20000 });
 */
export function preparePathLoss(
  dem: DemGrid, tx: Transmitter, freqsMHz: readonly number[], options: Partial<CoverageOptions> = {},
): { plan: RadialPlan; options: CoverageOptions } {
  const o = checkPathLoss(dem, tx, freqsMHz, options);
  return { plan: planRadials(dem, tx, o.radiusM, o.radialDensity), options: o };
}

/**
 * The checks of preparePathLoss without the plan (for a caller that plans on several threads):
 * the options resolved.
 *
 * @example
 * const o = checkPathLoss(dem, tx, [900], { radiusM: 20000 });
 */
export function checkPathLoss(dem: DemGrid, tx: Transmitter, freqsMHz: readonly number[], options: Partial<CoverageOptions> = {}): CoverageOptions {
  const o = resolveCoverageOptions(options);
  if (!Array.isArray(freqsMHz) || freqsMHz.length === 0) {
    throw new InputError(`pathLossGrids: freqsMHz must be a non-empty array of MHz, got ${JSON.stringify(freqsMHz)}`, 'freqsMHz');
  }
  for (const f of freqsMHz) checkTx(dem, tx, f);
  return o;
}

/**
 * Received level per technology around a site: for each of the site's cells, EIRP +
 * referenceSignalOffsetDb[tech] − path loss (at the cell's frequency) − antenna attenuation
 * (3GPP sector pattern when the cell has an azimuth, else omni with the vertical pattern when it
 * has a downtilt), keeping per technology the best cell. The vertical angle is taken from the
 * terrain: antenna top to the receiver above the cell's ground, with the Earth bulge (kFactor).
 *
 * @example
 * const cov = siteCoverage(dem, { ...site.properties, lon, lat });
 * cov.levelDbm['4G']?.[row * cov.width + col] // dBm RSRP
 */
export function siteCoverage(dem: DemGrid, site: SiteProperties & { lon: number; lat: number }, options: Partial<CoverageOptions> = {}): SiteCoverage {
  const o = resolveCoverageOptions(options);
  checkSite(site);
  const tx: Transmitter = { lon: site.lon, lat: site.lat, heightAglM: site.antennaHeightM };
  const freqs = [...new Set(site.cells.map((c) => c.freqMHz))];
  const losses = pathLossGrids(dem, tx, freqs, o);
  return levelsFromLosses(dem, site, new Map(freqs.map((f, i) => [f, losses[i]])), o);
}

/** Throws an InputError when the site has no cells. */
export function checkSite(site: SiteProperties & { lon: number; lat: number }): void {
  if (!site || !Array.isArray(site.cells) || site.cells.length === 0) {
    throw new InputError(`siteCoverage: site ${JSON.stringify(site?.id)} has no cells; give it at least one { tech, freqMHz, eirpDbm }`, 'site.cells');
  }
}

/**
 * The second half of siteCoverage: received level per technology from the path loss of each of
 * the site's distinct frequencies (`lossByFreq`, e.g. computed by a worker pool).
 *
 * @example
 * levelsFromLosses(dem, site, new Map([[900, pathLossGrid(dem, tx, 900, o)]]), resolveCoverageOptions(o))
 */
export function levelsFromLosses(
  dem: DemGrid, site: SiteProperties & { lon: number; lat: number }, lossByFreq: ReadonlyMap<number, LossRaster>, o: CoverageOptions,
): SiteCoverage {
  const tx: Transmitter = { lon: site.lon, lat: site.lat, heightAglM: site.antennaHeightM };
  const levelDbm: Partial<Record<Tech, Float32Array>> = {};
  const first = lossByFreq.get(site.cells[0].freqMHz);
  if (!first) throw new InputError(`levelsFromLosses: no path loss for ${site.cells[0].freqMHz} MHz of site ${site.id}`, 'lossByFreq');
  const geom = cellAngles(dem, tx, first, o);
  // a site's technologies usually share their sectors: one attenuation raster per distinct pattern
  const attByPattern = new Map<string, Float64Array>();
  for (const cell of site.cells) {
    const loss = lossByFreq.get(cell.freqMHz);
    if (!loss) throw new InputError(`levelsFromLosses: no path loss for ${cell.freqMHz} MHz of site ${site.id}`, 'lossByFreq');
    let level = levelDbm[cell.tech];
    if (!level) {
      level = new Float32Array(loss.data.length).fill(NaN);
      levelDbm[cell.tech] = level;
    }
    const key = patternKey(cell);
    let att = attByPattern.get(key);
    if (!att) {
      att = cellAttenuation(cell, geom, first.data);
      attByPattern.set(key, att);
    }
    applyCell(cell, loss, level, att, o);
  }
  const w = first;
  return { siteId: site.id, operator: site.operator, width: w.width, height: w.height, transform: w.transform, col0: w.col0, row0: w.row0, levelDbm };
}

/**
 * Per window cell (where `loss` has a value): azimuth from the site, degrees clockwise from north,
 * and the angle below the horizontal from the antenna top to the receiver above the cell's ground,
 * with the Earth bulge (kFactor); shared by all of a site's cells.
 */
function cellAngles(dem: DemGrid, tx: Transmitter, loss: LossRaster, o: CoverageOptions): { azDeg: Float32Array; belowDeg: Float32Array } {
  const t = dem.transform;
  const mPerDegLat = METRES_PER_DEGREE;
  const mPerDegLon = mPerDegLat * Math.cos((tx.lat * Math.PI) / 180);
  const zTop = sampleBilinear(dem, tx.lon, tx.lat) + tx.heightAglM;
  const curv = 1 / (2 * o.kFactor * ITU_EARTH_RADIUS_M);
  const deg = 180 / Math.PI;
  const azDeg = new Float32Array(loss.data.length);
  const belowDeg = new Float32Array(loss.data.length);
  for (let r = 0; r < loss.height; r++) {
    const row = loss.row0 + r;
    const dy = (t[3] + (row + 0.5) * t[5] - tx.lat) * mPerDegLat;
    for (let c = 0; c < loss.width; c++) {
      const idx = r * loss.width + c;
      if (loss.data[idx] !== loss.data[idx]) continue;
      const col = loss.col0 + c;
      const dx = (t[0] + (col + 0.5) * t[1] - tx.lon) * mPerDegLon;
      const dist = Math.sqrt(dx * dx + dy * dy);
      const zRx = dem.data[row * dem.width + col] + o.rxHeightM;
      belowDeg[idx] = Math.atan2(zTop - zRx + dist * dist * curv, dist) * deg;
      azDeg[idx] = Math.atan2(dx, dy) * deg;
    }
  }
  return { azDeg, belowDeg };
}

/** The antenna parameters that decide a cell's attenuation (cells with equal keys share it). */
function patternKey(cell: SiteProperties['cells'][number]): string {
  return `${cell.azimuthDeg ?? 'omni'}|${cell.beamwidthDeg ?? ''}|${cell.downtiltDeg ?? ''}`;
}

/**
 * Antenna attenuation (dB) of `cell` towards every window cell where `loss` has a value (the
 * others stay 0: no level is made there; a sparse raster, levelsAt.ts, skips most of the window).
 */
function cellAttenuation(cell: SiteProperties['cells'][number], geom: { azDeg: Float32Array; belowDeg: Float32Array }, loss: Float32Array): Float64Array {
  const sector = cell.azimuthDeg !== undefined;
  const bw = cell.beamwidthDeg ?? DEFAULT_SECTOR_PATTERN.beamwidthDeg;
  const tilt = cell.downtiltDeg ?? 0;
  const pattern = { ...DEFAULT_SECTOR_PATTERN, beamwidthDeg: bw, downtiltDeg: tilt };
  const vbw = sector || cell.downtiltDeg !== undefined ? DEFAULT_SECTOR_PATTERN.verticalBeamwidthDeg : Infinity;
  const az0 = sector ? (cell.azimuthDeg as number) : 0;
  const { azDeg, belowDeg } = geom;
  const att = new Float64Array(azDeg.length);
  for (let idx = 0; idx < att.length; idx++) {
    if (loss[idx] !== loss[idx]) continue;
    const below = belowDeg[idx];
    att[idx] = sector
      ? sectorAttenuationDb(azDeg[idx] - az0, below, pattern)
      : omniAttenuationDb(below, vbw, tilt, DEFAULT_SECTOR_PATTERN.sideLobeDb);
  }
  return att;
}

function applyCell(cell: SiteProperties['cells'][number], loss: LossRaster, level: Float32Array, att: Float64Array, o: CoverageOptions): void {
  const base = cell.eirpDbm + o.referenceSignalOffsetDb[cell.tech];
  const data = loss.data;
  for (let idx = 0; idx < data.length; idx++) {
    const l = data[idx];
    if (l !== l) continue;
    const v = base - l - att[idx];
    if (!(v <= level[idx])) level[idx] = v;
  }
}
