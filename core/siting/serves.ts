/**
 * Which gap villages a candidate station would bring to signal, by the gap analysis's own rule
 * (villageStatus): a village is judged on its cells (the settlement point's cell, or with rule
 * 'area' the cells inside its boundary); it has signal when at least `minAreaShare` of them (all
 * one, for a point) reach the threshold of a technology in scope. A candidate adds its levels to
 * the network's (the composite keeps the best), so a cell has signal after it when it had before
 * or the candidate's level there reaches the threshold.
 */
import type { Tech } from '../model/types';

/** The gap villages' cells, concatenated: village v owns cells[start[v] … start[v+1]). */
export interface GapCells {
  start: Int32Array;
  /** Grid cell indices (row · width + col). */
  cells: Int32Array;
  /** Per cell: 1 when the network already has signal there (in scope). */
  baseHit: Uint8Array;
  /** Per village: the number of cells with signal it needs (≥ 1 for a point village). */
  need: Float64Array;
}

/** The technologies that count and their thresholds, dBm. */
export interface ServeScope {
  techs: readonly Tech[];
  thresholdsDbm: Readonly<Record<Tech, number>>;
}

/**
 * The cells of `villages` (indices into `gc`), concatenated in that order: what to ask the
 * coverage pipeline's levelsAt for.
 *
 * @example
 * const cells = cellsOf(gc, [3, 7]); // village 3's cells then village 7's
 */
export function cellsOf(gc: GapCells, villages: readonly number[]): Int32Array {
  let n = 0;
  for (const v of villages) n += gc.start[v + 1] - gc.start[v];
  const out = new Int32Array(n);
  let k = 0;
  for (const v of villages) for (let j = gc.start[v]; j < gc.start[v + 1]; j++) out[k++] = gc.cells[j];
  return out;
}

/**
 * The villages among `villages` that the candidate brings to signal, given its levels at
 * `cellsOf(gc, villages)` (per technology, NaN where it does not reach).
 *
 * @example
 * servedBy(levels, [3, 7], gc, { techs: ['2G', '4G'], thresholdsDbm }) // [7]
 */
export function servedBy(
  levels: Partial<Record<Tech, ArrayLike<number>>>, villages: readonly number[], gc: GapCells, scope: ServeScope,
): number[] {
  const arrays = scope.techs.map((t) => [levels[t], scope.thresholdsDbm[t]] as const).filter(([a]) => a !== undefined) as [ArrayLike<number>, number][];
  const out: number[] = [];
  let k = 0;
  for (const v of villages) {
    let hits = 0;
    for (let j = gc.start[v]; j < gc.start[v + 1]; j++, k++) {
      if (gc.baseHit[j]) { hits++; continue; }
      for (const [a, thr] of arrays) if (a[k] >= thr) { hits++; break; }
    }
    if (hits >= gc.need[v]) out.push(v);
  }
  return out;
}
