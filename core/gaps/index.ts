/**
 * Gap analysis: which villages have no signal, why, and in which order to close the gaps.
 *
 * Pipeline
 *  1. options.ts — one options object (the status rule, scope filters, reason and score settings).
 *  2. villageStatus.ts — sample the composite at each village (sampling.ts: the settlement point's
 *     cell, or a polygon's cells): covered any / per technology / per operator / per layer, by the
 *     one rule of serves.ts (which the siting, costs, previews, comparison and seed also call).
 *  3. findGaps.ts — the uncovered villages in scope, with nearest sites and power line
 *     (nearest.ts: kdbush / flatbush), the reason and the priority score (reason.ts), sorted.
 */
export { DEFAULT_GAP_OPTIONS, resolveGapOptions, type GapOptions, type GapWeights } from './options';
export { villageStatus, type VillageInput } from './villageStatus';
export {
  cellsNeeded, cellsOf, creditInOrder, gapCellTable, hasSignal, servedBy, thresholdsFor, villageCellTable, villagesWithin,
  type CellGrid, type GapCells, type ServeScope,
} from './serves';
export { findGaps, type FindGapsInput } from './findGaps';
export { flatEarthLevel, planeEarthLossDb, reasonText, scoreGap } from './reason';
export { PowerLineIndex, SiteIndex } from './nearest';
export { GAP_REASONS, type Gap, type GapReason, type NearestSite, type ScoreParts, type VillageStatus } from './types';
