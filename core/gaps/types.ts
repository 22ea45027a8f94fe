/**
 * Results of the gap analysis: the status of every village, and the gaps (villages without
 * signal) with their reason, nearest sites and priority score. Plain data (JSON, structured clone).
 */
import type { Tech } from '../model/types';

/** Coverage of one village, sampled from a composite (see villageStatus). */
export interface VillageStatus {
  /** Village id and its index in the villages collection. */
  id: string;
  index: number;
  /** The point the village is sampled at (settlement point, or a polygon's representative point). */
  lon: number;
  lat: number;
  /** False when the village lies outside the composite's grid (then nothing covers it). */
  inGrid: boolean;
  /** Signal of any technology of `options.techs`, any operator. */
  covered: boolean;
  /** Per technology (all operators). Technologies without a layer in the composite are false. */
  byTech: Record<Tech, boolean>;
  /** Per operator: signal of any of `options.techs` from that operator. */
  byOperator: Record<string, boolean>;
  /** Per layer key of the composite ("4G", "4G|Viettel"). */
  byLayer: Record<string, boolean>;
  /** Best level per technology at the sample point (rule 'area': best over the polygon's cells), dBm; null where none. */
  bestDbm: Record<Tech, number | null>;
  /** Id of the best site per technology, null where none. */
  bestSite: Record<Tech, string | null>;
  /** Share of the sampled cells with signal of any technology (1 or 0 for a point). */
  coveredShare: number;
}

export const GAP_REASONS = ['terrain-blocked', 'out-of-range', 'no-site-within'] as const;
/**
 * Why a village has no signal:
 * - 'no-site-within': no relevant site within `noSiteWithinKm`;
 * - 'terrain-blocked': a site within that distance would reach the village on a flat earth
 *   (free space / plane earth + clutter margin), so hills are what stops the signal;
 * - 'out-of-range': sites are within that distance but too weak or too low even on a flat earth.
 */
export type GapReason = (typeof GAP_REASONS)[number];

export interface NearestSite {
  id: string;
  name: string;
  operator: string;
  /** Great-circle distance from the village, metres. */
  distanceM: number;
  /** Bearing from the village towards the site, degrees clockwise from north. */
  bearingDeg: number;
  /** Technology of `levelDbm`: the filtered technology, or the site's one with the best margin. */
  tech: Tech | null;
  /** Predicted level of this site at the village, dBm; null when unknown (not the best server and no levelAt). */
  levelDbm: number | null;
  /** The level a flat earth would give (the reason test), dBm; null for sites beyond noSiteWithinKm. */
  flatEarthDbm: number | null;
}

/** The parts of the priority score, in points (weight × value from 0 to 1). */
export interface ScoreParts {
  population: number;
  households: number;
  noPower: number;
  remoteness: number;
}

export interface Gap {
  id: string;
  name: string;
  communeId: string;
  /** The commune's name when the communes were given, else null. */
  communeName: string | null;
  lon: number;
  lat: number;
  population: number;
  households: number;
  electrified: boolean;
  fixedBroadband: boolean | null;
  /** Distance to the nearest power line, metres; null when no lines were given. */
  nearestPowerLineM: number | null;
  reason: GapReason;
  /** For 'no-site-within': the N of "no site within N km"; else null. */
  reasonKm: number | null;
  /** The reason in words. */
  reasonText: { vi: string; en: string };
  /** The nearest relevant sites, nearest first. */
  nearestSites: NearestSite[];
  scoreParts: ScoreParts;
  /** Sum of the parts, points. */
  score: number;
  /** What is missing: "any", a technology ("4G"), an operator ("Viettel") or both ("4G|Viettel"). */
  scope: string;
}
