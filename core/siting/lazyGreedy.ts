/**
 * The lazy greedy (Minoux's accelerated greedy): pick, again and again, the candidate that adds
 * the most not-yet-served weight (or the most per unit of cost), keeping every candidate's last
 * known gain in a max-heap. Served weight is submodular — a candidate's gain can only shrink as
 * others are chosen — so a stale key is an upper bound, and only the top of the heap needs
 * recomputing. The order of picks is the nested build order: its first j picks are the greedy
 * plan for j stations.
 */
import { MaxHeap } from './maxHeap';
import type { PreparedInstance } from './prepare';

export interface GreedyLimits {
  /** Stop after this many picks in total (including `start`). */
  maxCount: number;
  /** Total cost the picks may not exceed (including `start`). */
  budget: number;
  /** Rank by gain per unit of cost (budget and cover-all) instead of by gain (k stations). */
  ratio: boolean;
  /** When given, only candidates j with allowed[j] = 1 are picked. */
  allowed?: Uint8Array | null;
  /** Candidates already chosen, kept first in the order. */
  start?: readonly number[];
}

/** Gain per unit of cost; a free candidate ranks as if it cost a billionth. */
const perCost = (gain: number, cost: number): number => gain / Math.max(cost, 1e-9);

/**
 * The greedy build order on `p` with village weights `w` (which may differ from `p.weight`:
 * cover-all counts each reachable village as 1). Stops at the limits or when nothing adds weight.
 *
 * @example
 * lazyGreedy(p, p.weight, { maxCount: 10, budget: Infinity, ratio: false }) // e.g. [12, 3, 40, …]
 */
export function lazyGreedy(p: PreparedInstance, w: Float64Array, limits: GreedyLimits): number[] {
  const { candStart, candVillages, cost } = p;
  const served = new Uint8Array(p.n);
  const order: number[] = [];
  let spent = 0;
  const take = (j: number): void => {
    order.push(j);
    spent += cost[j];
    for (let t = candStart[j]; t < candStart[j + 1]; t++) served[candVillages[t]] = 1;
  };
  const chosen = new Uint8Array(p.m);
  for (const j of limits.start ?? []) {
    chosen[j] = 1;
    take(j);
  }
  const gainOf = (j: number): number => {
    let g = 0;
    for (let t = candStart[j]; t < candStart[j + 1]; t++) {
      const i = candVillages[t];
      if (!served[i]) g += w[i];
    }
    return g;
  };
  // every allowed candidate with its gain given the start set
  const heap = new MaxHeap(p.m);
  for (let j = 0; j < p.m; j++) {
    if (chosen[j] || (limits.allowed && !limits.allowed[j])) continue;
    const g = gainOf(j);
    if (g > 0) heap.push(j, limits.ratio ? perCost(g, cost[j]) : g);
  }
  while (order.length < limits.maxCount && heap.length > 0) {
    const j = heap.pop();
    // the remaining budget only shrinks: a candidate that does not fit now never will
    if (spent + cost[j] > limits.budget) continue;
    const g = gainOf(j);
    if (g <= 0) continue;
    const key = limits.ratio ? perCost(g, cost[j]) : g;
    // still at least the best stale key: no other candidate can beat it
    if (key >= heap.peekKey()) take(j);
    else heap.push(j, key);
  }
  return order;
}
