/**
 * Options of the coverage engine (pathLossGrid, siteCoverage, viewshed, composite): one object,
 * every default commented. Pass a partial object; `resolveCoverageOptions` merges and checks it.
 */
import { InputError } from '../errors';
import type { Tech } from '../model/types';
import { isModelId, MODEL_IDS } from '../propagation/registry';
import { ITM_DEFAULTS, type ItmOptions } from '../propagation/itm/options';

/** Per-technology numbers, dBm or dB. */
export type PerTech = Readonly<Record<Tech, number>>;

export interface CoverageOptions {
  /** Path-loss model id from the registry. 'itm' (Longley-Rice) and 'p526' (Deygout) have fast
   *  radial paths; any other registered id is evaluated point by point (slower). */
  modelId: string;
  /** Receiver (handset) height above ground, metres. */
  rxHeightM: number;
  /** Radius around the site, metres; cells farther away are NaN. */
  radiusM: number;
  /** Effective Earth radius factor for P.526 and line of sight (k = 4/3 ≙ gdal_viewshed -cc 0.75). */
  kFactor: number;
  /** Deygout edges for P.526 (1, 2 or 3). */
  p526MaxEdges: number;
  /** Longley-Rice options (climate, ground, quantiles). */
  itm: Readonly<ItmOptions>;
  /**
   * Spacing of the exact Δh (interdecile terrain range) evaluations along a radial, as a fraction of
   * the distance (at least `deltaHMinSpacingSteps` samples); Δh is interpolated linearly in between.
   */
  deltaHSpacingFraction: number;
  /** Smallest spacing of exact Δh evaluations, in profile samples. */
  deltaHMinSpacingSteps: number;
  /**
   * ITM only: beyond the near zone the attenuation is evaluated exactly every k-th sample of a
   * radial, k = this fraction × the sample's index, and interpolated linearly in between, never
   * across a change of either horizon obstacle or of line of sight. 0 = every sample exact.
   */
  lossInterpolationFraction: number;
  /**
   * Coverage thresholds, in the quantity each technology's handsets measure (see
   * `referenceSignalOffsetDb` for how it is derived from the cell's EIRP):
   *  - 2G −100 dBm RxLev (received BCCH carrier power): GSM handsets decode down to about −104 dBm
   *    (3GPP TS 45.005 reference sensitivity −102 dBm for MS); −100 leaves a small margin for an
   *    outdoor voice call and is the usual operator "outdoor coverage" level.
   *  - 3G −100 dBm CPICH RSCP: UMTS coverage maps commonly use −95…−105; −100 is the middle.
   *  - 4G −110 dBm RSRP (power of one resource element): "poor but usable" edge in operator practice
   *    (−110…−115), handsets attach down to about −120 (3GPP TS 36.133 accuracy range floor −140).
   *  - 5G −110 dBm SS-RSRP (per resource element of the SS block), same reasoning as LTE.
   */
  thresholdsDbm: PerTech;
  /**
   * Offset added to a cell's total EIRP to obtain the measured quantity above, dB:
   *  - 2G 0: the BCCH carrier is sent at full power, RxLev is the carrier's received power;
   *  - 3G −10: the pilot (CPICH) usually gets 10 % of the carrier power;
   *  - 4G −30.8: total power spread over 100 RB × 12 subcarriers = 1200 resource elements (20 MHz);
   *    RSRP = total − 10·log10(1200);
   *  - 5G −35.2: 273 RB × 12 = 3276 resource elements (100 MHz at 30 kHz SCS, n78).
   */
  referenceSignalOffsetDb: PerTech;
  /** Angular spacing of the radials as a multiple of the one that hits every edge cell (1 = 2πR/cell radials). */
  radialDensity: number;
}

/**
 * Version of the engine's numbers: bumped on every change that alters a computed raster (a
 * default above, a formula, the sweep), so that caches keyed with it (server/coverage/cache.ts)
 * never serve stale results.
 *  - 1: the engine up to 2026-11-23 (radialDensity 1, lossInterpolationFraction 0.03);
 *  - 2: radialDensity 0.6 and lossInterpolationFraction 0.06 (about 40 % fewer ITM evaluations;
 *       ITM point by point: median |Δ| 0.34 → 0.43 dB; gdal_viewshed agreement unchanged ≈ 99.4 %).
 */
export const COVERAGE_ENGINE_VERSION = 2;

/** The defaults. Frozen: copy with `{ ...DEFAULT_COVERAGE_OPTIONS, radiusM: 30000 }`. */
export const DEFAULT_COVERAGE_OPTIONS: Readonly<CoverageOptions> = Object.freeze({
  modelId: 'itm', // Longley-Rice point-to-point, the terrain-aware reference (SPLAT!, Signal-Server)
  rxHeightM: 1.5, // handset at head height
  radiusM: 20000, // 20 km: beyond it a rural macro cell rarely serves a handset in hilly terrain
  kFactor: 4 / 3, // median refractivity (ITU-R P.453); ITM derives its own from refractivityN
  p526MaxEdges: 3, // Deygout main edge + one on each side
  itm: ITM_DEFAULTS, // median, continental temperate, average ground, vertical polarization
  deltaHSpacingFraction: 0.2, // exact Δh every 20 % of the distance: it changes slowly with distance
  deltaHMinSpacingSteps: 16, // but not more often than every 16 samples
  lossInterpolationFraction: 0.06, // at 20 km on a 30 m grid: exact every ≤ 40 samples (1.2 km), on a 90 m grid ≤ 14
  thresholdsDbm: Object.freeze({ '2G': -100, '3G': -100, '4G': -110, '5G': -110 }),
  referenceSignalOffsetDb: Object.freeze({ '2G': 0, '3G': -10, '4G': -30.8, '5G': -35.2 }),
  radialDensity: 0.6, // one radial per cell out to 60 % of the radius; beyond, a cell may take a neighbour's sample (≤ 0.8 cell off)
});

/**
 * Merges `options` over the defaults and checks every value, throwing an InputError naming the
 * option and the accepted range.
 *
 * @example
 * resolveCoverageOptions({ radiusM: 5000 }).modelId // 'itm'
 */
export function resolveCoverageOptions(options: Partial<CoverageOptions> = {}): CoverageOptions {
  if (options === null || typeof options !== 'object') {
    throw new InputError(`coverage options must be an object, got ${String(options)}`, 'options');
  }
  for (const key of Object.keys(options)) {
    if (!Object.prototype.hasOwnProperty.call(DEFAULT_COVERAGE_OPTIONS, key)) {
      throw new InputError(
        `coverage has no option "${key}"; known options: ${Object.keys(DEFAULT_COVERAGE_OPTIONS).join(', ')}`,
        `options.${key}`,
      );
    }
  }
  const o: CoverageOptions = { ...DEFAULT_COVERAGE_OPTIONS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
  o.itm = { ...ITM_DEFAULTS, ...(options.itm ?? {}) };
  o.thresholdsDbm = { ...DEFAULT_COVERAGE_OPTIONS.thresholdsDbm, ...(options.thresholdsDbm ?? {}) };
  o.referenceSignalOffsetDb = { ...DEFAULT_COVERAGE_OPTIONS.referenceSignalOffsetDb, ...(options.referenceSignalOffsetDb ?? {}) };

  if (typeof o.modelId !== 'string' || !isModelId(o.modelId)) {
    throw new InputError(`coverage option modelId must be one of ${MODEL_IDS.join(', ')}, got ${JSON.stringify(o.modelId)}`, 'options.modelId');
  }
  const positive: (keyof CoverageOptions)[] = ['rxHeightM', 'radiusM', 'kFactor', 'deltaHSpacingFraction', 'deltaHMinSpacingSteps', 'radialDensity'];
  for (const key of positive) {
    const v = o[key];
    if (typeof v !== 'number' || !(v > 0) || (key !== 'kFactor' && !Number.isFinite(v))) {
      throw new InputError(`coverage option ${key} must be a number greater than 0, got ${String(v)}`, `options.${key}`);
    }
  }
  const f = o.lossInterpolationFraction;
  if (typeof f !== 'number' || !(f >= 0 && f <= 0.5)) {
    throw new InputError(`coverage option lossInterpolationFraction must be a number from 0 to 0.5, got ${String(f)}`, 'options.lossInterpolationFraction');
  }
  if (o.p526MaxEdges !== 1 && o.p526MaxEdges !== 2 && o.p526MaxEdges !== 3) {
    throw new InputError(`coverage option p526MaxEdges must be 1, 2 or 3, got ${String(o.p526MaxEdges)}`, 'options.p526MaxEdges');
  }
  return o;
}
