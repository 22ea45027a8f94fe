/**
 * Options of the gap analysis (villageStatus, findGaps): one object, every default commented.
 * Pass a partial object; `resolveGapOptions` merges it over the defaults and checks it.
 *
 * The rule "a village has signal": its settlement point (rule 'point', the default) — or, for a
 * village given as a polygon with rule 'area', at least `minAreaShare` of its grid cells — receives
 * at least the threshold of a technology (`thresholdsDbm`, by default the composite's own).
 * "Any signal" counts every technology of `techs`; `tech` and `operator` narrow the question to
 * "no 4G", "no Viettel signal" or "no Viettel 4G".
 */
import { DEFAULT_COVERAGE_OPTIONS } from '../coverage/options';
import { InputError } from '../errors';
import { TECHS, type Tech } from '../model/types';

/** Weights of the priority score (points); each part is weight × a value from 0 to 1. */
export interface GapWeights {
  /** People living in the village: population / populationRef, capped at 1. */
  population: number;
  /** Households (subscriptions to win, homes to reach): households / householdsRef, capped at 1. */
  households: number;
  /** No electricity: 1 when the village is not electrified, else 0. */
  noPower: number;
  /**
   * Distance to infrastructure: the mean of (nearest site distance / remotenessSiteRefM) and
   * (nearest power line distance / remotenessLineRefM), each capped at 1. Remote villages have
   * no other place to find signal nearby, and the fund's "especially difficult areas" are the
   * remote ones, so remoteness raises priority; set a weight of 0 to ignore it.
   */
  remoteness: number;
}

export interface GapOptions {
  /** How a village is sampled: 'point' — the grid cell containing its settlement point (for a
   *  polygon: its centroid, or the nearest point inside); 'area' — polygons by the share of their cells. */
  rule: 'point' | 'area';
  /** Rule 'area': the share (0 < s ≤ 1) of a polygon's cells that must be at or above the threshold. */
  minAreaShare: number;
  /** Technologies that count as "mobile signal". */
  techs: readonly Tech[];
  /** Threshold per technology, dBm; missing ones come from the composite's thresholds. */
  thresholdsDbm: Partial<Record<Tech, number>> | null;
  /** Gaps of one technology only ("no 4G"); null = no signal of any of `techs`. */
  tech: Tech | null;
  /** Gaps of one operator only ("no Viettel signal"), as spelled in the sites; null = any operator. */
  operator: string | null;
  /** Keep only the gaps of this commune (official code); null = all. */
  communeId: string | null;
  /** Keep only electrified (true) or non-electrified (false) villages; null = both. */
  electrified: boolean | null;
  /** Keep only villages with at least this many people. */
  minPopulation: number;
  /** Reason "no-site-within": no (relevant) site closer than this, km. */
  noSiteWithinKm: number;
  /** Nearest sites listed per gap. */
  nearestSiteCount: number;
  /**
   * Reason test: the level a site would give on a flat earth is EIRP + reference-signal offset −
   * max(free space, plane-earth two-ray loss) − this margin, dB. 10 dB stands for the median loss of
   * trees and houses around a handset in a rural village (ITU-R P.2108 §3.2 gives 5–15 dB at 1–2 GHz
   * for short rural paths).
   */
  clutterMarginDb: number;
  /** Handset height above ground for the flat-earth test, metres. */
  rxHeightM: number;
  /** EIRP → measured quantity offsets per technology (see CoverageOptions.referenceSignalOffsetDb). */
  referenceSignalOffsetDb: Readonly<Record<Tech, number>>;
  /** Priority score weights (points). Defaults sum to 100. */
  weights: GapWeights;
  /** Population at which the population part is full. */
  populationRef: number;
  /** Households at which the households part is full. */
  householdsRef: number;
  /** Nearest site distance at which its half of remoteness is full, metres. */
  remotenessSiteRefM: number;
  /** Nearest power line distance at which its half of remoteness is full, metres. */
  remotenessLineRefM: number;
}

/** The defaults. Frozen: copy with `{ ...DEFAULT_GAP_OPTIONS, tech: '4G' }`. */
export const DEFAULT_GAP_OPTIONS: Readonly<GapOptions> = Object.freeze({
  rule: 'point', // the settlement point: where people live and phones are used
  minAreaShare: 0.5, // rule 'area': half of the village's area
  techs: TECHS, // 2G, 3G, 4G and 5G all count as mobile signal (calls work on 2G)
  thresholdsDbm: null, // the composite's thresholds (DEFAULT_COVERAGE_OPTIONS.thresholdsDbm)
  tech: null, // any technology
  operator: null, // any operator
  communeId: null, // every commune
  electrified: null, // with and without power
  minPopulation: 0, // every village
  noSiteWithinKm: 10, // beyond 10 km a macro site rarely serves a handset in hilly terrain
  nearestSiteCount: 3, // three sites: the obvious candidates to extend, with their direction
  clutterMarginDb: 10, // rural clutter median (see above)
  rxHeightM: 1.5, // handset at head height
  referenceSignalOffsetDb: DEFAULT_COVERAGE_OPTIONS.referenceSignalOffsetDb, // as the coverage engine
  weights: Object.freeze({ population: 40, households: 20, noPower: 20, remoteness: 20 }), // sum 100
  populationRef: 500, // a large hamlet; bigger villages get the full 40 points
  householdsRef: 120, // ~4 people per household
  remotenessSiteRefM: 10000, // as far as noSiteWithinKm
  remotenessLineRefM: 5000, // 5 km of new medium-voltage line is a large grid extension
}) as Readonly<GapOptions>;

const KNOWN = Object.keys(DEFAULT_GAP_OPTIONS);

/**
 * Merges `options` over the defaults and checks every value, throwing an InputError naming the
 * option and the accepted range.
 *
 * @example
 * resolveGapOptions({ tech: '4G' }).noSiteWithinKm // 10
 */
export function resolveGapOptions(options: Partial<GapOptions> = {}): GapOptions {
  if (options === null || typeof options !== 'object') {
    throw new InputError(`gap options must be an object, got ${String(options)}`, 'options');
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN.includes(key)) {
      throw new InputError(`gap analysis has no option "${key}"; known options: ${KNOWN.join(', ')}`, `options.${key}`);
    }
  }
  const o: GapOptions = { ...DEFAULT_GAP_OPTIONS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
  o.weights = { ...DEFAULT_GAP_OPTIONS.weights, ...(options.weights ?? {}) };
  o.referenceSignalOffsetDb = { ...DEFAULT_GAP_OPTIONS.referenceSignalOffsetDb, ...(options.referenceSignalOffsetDb ?? {}) };

  const fail = (key: string, want: string, got: unknown): never => {
    const shown = typeof got === 'number' ? String(got) : JSON.stringify(got);
    throw new InputError(`gap option ${key} must be ${want}, got ${shown}`, `options.${key}`);
  };
  if (o.rule !== 'point' && o.rule !== 'area') fail('rule', '"point" or "area"', o.rule);
  if (typeof o.minAreaShare !== 'number' || !(o.minAreaShare > 0 && o.minAreaShare <= 1)) fail('minAreaShare', 'a number greater than 0 and at most 1', o.minAreaShare);
  if (!Array.isArray(o.techs) || o.techs.length === 0 || o.techs.some((t) => !TECHS.includes(t))) fail('techs', `a non-empty list of ${TECHS.join(', ')}`, o.techs);
  if (o.tech !== null && !TECHS.includes(o.tech)) fail('tech', `one of ${TECHS.join(', ')} or null`, o.tech);
  if (o.operator !== null && (typeof o.operator !== 'string' || o.operator === '')) fail('operator', 'an operator name or null', o.operator);
  if (o.communeId !== null && typeof o.communeId !== 'string') fail('communeId', 'a commune code or null', o.communeId);
  if (o.electrified !== null && typeof o.electrified !== 'boolean') fail('electrified', 'true, false or null', o.electrified);
  if (o.thresholdsDbm !== null) {
    if (typeof o.thresholdsDbm !== 'object') fail('thresholdsDbm', 'an object of dBm per technology or null', o.thresholdsDbm);
    for (const [t, v] of Object.entries(o.thresholdsDbm)) {
      if (!TECHS.includes(t as Tech)) fail('thresholdsDbm', `keyed by ${TECHS.join(', ')}`, o.thresholdsDbm);
      if (typeof v !== 'number' || !Number.isFinite(v)) fail(`thresholdsDbm.${t}`, 'a finite number of dBm', v);
    }
  }
  for (const t of TECHS) {
    const v = o.referenceSignalOffsetDb[t];
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`referenceSignalOffsetDb.${t}`, 'a finite number of dB', v);
  }
  const atLeast0: (keyof GapOptions)[] = ['minPopulation', 'clutterMarginDb'];
  for (const key of atLeast0) {
    const v = o[key];
    if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) fail(key, 'a finite number ≥ 0', v);
  }
  const positive: (keyof GapOptions)[] = ['rxHeightM', 'noSiteWithinKm', 'populationRef', 'householdsRef', 'remotenessSiteRefM', 'remotenessLineRefM'];
  for (const key of positive) {
    const v = o[key];
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) fail(key, 'a finite number greater than 0', v);
  }
  if (!Number.isInteger(o.nearestSiteCount) || o.nearestSiteCount < 0 || o.nearestSiteCount > 20) fail('nearestSiteCount', 'an integer from 0 to 20', o.nearestSiteCount);
  for (const [k, v] of Object.entries(o.weights)) {
    if (!['population', 'households', 'noPower', 'remoteness'].includes(k)) fail('weights', 'an object with population, households, noPower, remoteness', o.weights);
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`weights.${k}`, 'a finite number of points', v);
  }
  return o;
}
