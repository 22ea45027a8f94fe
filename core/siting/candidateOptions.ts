/**
 * Options of candidate generation (candidates.ts): one frozen object, every default with its basis.
 * Pass a partial object; `resolveCandidateOptions` merges it over the defaults and checks it.
 */
import { mergeOptions } from './mergeOptions';
import { TECHS, type Tech } from '../model/types';
import { NEW_STATION } from './newStation';

export interface CandidateOptions {
  /** New sites are looked for within this distance of a village without signal, m. */
  searchRadiusM: number;
  /** No two generated high-ground sites closer than this, m. */
  minSpacingM: number;
  /** Most high-ground candidates (the village and upgrade candidates come on top). */
  maxCandidates: number;
  /** A peak or ridge cell must stand this much above the mean ground around it, m. */
  minReliefM: number;
  /** Radius of "the ground around it" for the relief, m. */
  reliefRadiusM: number;
  /** Also a mast by each gap village, on the highest ground within `villageSiteRadiusM`. */
  villageSites: boolean;
  villageSiteRadiusM: number;
  /** Tower (antenna) height of a new site above ground, m: operator-neutral. */
  towerHeightM: number;
  /** Technologies of a new site (omni cells, newStation.ts carriers). */
  techs: readonly Tech[];
  /** Operator written on a new site when the plan is for no particular operator. */
  neutralOperator: string;
  /** Consider upgrades of existing sites near the gaps. */
  upgrades: boolean;
  /** An upgrade also raises the antenna to this height, m, where lower; null = technologies only. */
  upgradeHeightM: number | null;
}

export const DEFAULT_CANDIDATE_OPTIONS: Readonly<CandidateOptions> = Object.freeze({
  // half the coverage radius (20 km): a macro site on a ridge serves a valley 5–10 km away in this
  // terrain; farther ridges are also farther from the next village's gap
  searchRadiusM: 8000,
  // about three cells of the 3″ coverage grid apart would be the same site; 1.2 km keeps distinct
  // ridges and spurs apart while leaving several choices around each village
  minSpacingM: 1200,
  // the benchmark size (what 500 candidates serve); enough for 138 gaps (3–4 each)
  maxCandidates: 500,
  // a ridge that stands 25 m above its surroundings within 1 km clears the trees (15–25 m) around it
  minReliefM: 25,
  reliefRadiusM: 1000,
  // a valley no ridge sees still gets a candidate: a mast in the village itself
  villageSites: true,
  villageSiteRadiusM: 500,
  // the site editor's template (newStation.ts): the same station whether proposed or placed by hand
  towerHeightM: NEW_STATION.antennaHeightM,
  techs: NEW_STATION.techs,
  neutralOperator: 'Neutral host',
  upgrades: true,
  // a raise changes the footprint of every existing cell; 45 m is the tallest of the demo's masts
  upgradeHeightM: 45,
}) as Readonly<CandidateOptions>;

/**
 * Merges `options` over the defaults and checks every value (InputError naming `candidates.<key>`).
 *
 * @example
 * resolveCandidateOptions({ maxCandidates: 200 }).towerHeightM // 40
 */
export function resolveCandidateOptions(options: Partial<CandidateOptions> = {}): CandidateOptions {
  const { o, fail } = mergeOptions<CandidateOptions>(DEFAULT_CANDIDATE_OPTIONS, options, 'candidate', 'candidates');
  const positive: [keyof CandidateOptions, number][] = [['searchRadiusM', 100_000], ['minSpacingM', 50_000], ['reliefRadiusM', 20_000], ['villageSiteRadiusM', 10_000], ['towerHeightM', 300]];
  for (const [key, max] of positive) {
    const v = o[key];
    if (typeof v !== 'number' || !(v > 0 && v <= max)) fail(key, `a number greater than 0 and at most ${max}`, v);
  }
  if (typeof o.minReliefM !== 'number' || !Number.isFinite(o.minReliefM) || o.minReliefM < 0) fail('minReliefM', 'a number ≥ 0', o.minReliefM);
  if (!Number.isInteger(o.maxCandidates) || o.maxCandidates < 0 || o.maxCandidates > 20_000) fail('maxCandidates', 'an integer from 0 to 20000', o.maxCandidates);
  if (!Array.isArray(o.techs) || o.techs.length === 0 || o.techs.some((t) => !TECHS.includes(t))) fail('techs', `a non-empty list of ${TECHS.join(', ')}`, o.techs);
  if (typeof o.villageSites !== 'boolean') fail('villageSites', 'true or false', o.villageSites);
  if (typeof o.upgrades !== 'boolean') fail('upgrades', 'true or false', o.upgrades);
  if (typeof o.neutralOperator !== 'string' || o.neutralOperator.trim() === '') fail('neutralOperator', 'a name', o.neutralOperator);
  if (o.upgradeHeightM !== null && (typeof o.upgradeHeightM !== 'number' || !(o.upgradeHeightM > 0 && o.upgradeHeightM <= 300))) fail('upgradeHeightM', 'a number of metres (0, 300] or null', o.upgradeHeightM);
  return o;
}
