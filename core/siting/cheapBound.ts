/**
 * Bounds that need no solver, from a plan S at hand:
 * - k stations: OPT ≤ f(S) + the k largest marginal gains Δj(S) — served weight is monotone and
 *   submodular, so the optimal set adds at most the sum of its members' gains over S (the
 *   "online" bound of Minoux 1978 / Leskovec et al. 2007);
 * - budget: the same with the k largest gains replaced by the fractional knapsack of gains over
 *   costs within the budget (an upper bound on any integer choice);
 * - cover-all: a feasible dual of the LP relaxation, y_i = min over the candidates j serving i
 *   of cost_j / |villages of j|: every candidate's villages then sum to at most its cost, so
 *   Σ y_i ≤ the least cost of any cover (weak duality).
 */
import type { PreparedInstance } from './prepare';
import type { SitingGoal } from './types';

export interface CheapBound {
  bound: number;
  kind: string;
}

/**
 * A proven bound for `goal` around the plan `chosen` (candidate indices): upper on the weight
 * served (k, budget), lower on the cost (coverAll).
 *
 * @example
 * cheapBound(p, { kind: 'k', k: 5 }, plan).bound // ≥ the best 5-station plan's weight
 */
export function cheapBound(p: PreparedInstance, goal: SitingGoal, chosen: readonly number[]): CheapBound {
  const { n, m, weight: w, cost, candStart, candVillages, villageStart, villageCands } = p;
  if (goal.kind === 'coverAll') {
    let dual = 0;
    let single = 0;
    for (let i = 0; i < n; i++) {
      let y = Infinity;
      let c = Infinity;
      for (let t = villageStart[i]; t < villageStart[i + 1]; t++) {
        const j = villageCands[t];
        y = Math.min(y, cost[j] / (candStart[j + 1] - candStart[j]));
        c = Math.min(c, cost[j]);
      }
      if (y < Infinity) dual += y;
      if (c < Infinity) single = Math.max(single, c);
    }
    return dual >= single ? { bound: dual, kind: 'LP dual (cost shares)' } : { bound: single, kind: 'dearest single village' };
  }
  const served = new Uint8Array(n);
  const inS = new Uint8Array(m);
  for (const j of chosen) {
    inS[j] = 1;
    for (let t = candStart[j]; t < candStart[j + 1]; t++) served[candVillages[t]] = 1;
  }
  let f = 0;
  let reachable = 0;
  for (let i = 0; i < n; i++) {
    if (served[i]) f += w[i];
    if (villageStart[i + 1] > villageStart[i]) reachable += w[i];
  }
  const gains: number[] = [];
  const costs: number[] = [];
  for (let j = 0; j < m; j++) {
    if (inS[j]) continue;
    let g = 0;
    for (let t = candStart[j]; t < candStart[j + 1]; t++) if (!served[candVillages[t]]) g += w[candVillages[t]];
    if (g > 0) {
      gains.push(g);
      costs.push(cost[j]);
    }
  }
  let extra = 0;
  if (goal.kind === 'k') {
    gains.sort((a, b) => b - a);
    for (let q = 0; q < Math.min(goal.k, gains.length); q++) extra += gains[q];
  } else {
    // fractional knapsack: best gain per cost first, the last item in part
    const idx = gains.map((_, q) => q).sort((a, b) => gains[b] * Math.max(costs[a], 0) - gains[a] * Math.max(costs[b], 0));
    let room = goal.budget;
    for (const q of idx) {
      if (costs[q] <= room) {
        extra += gains[q];
        room -= costs[q];
      } else {
        extra += (gains[q] * room) / costs[q];
        break;
      }
    }
  }
  return f + extra < reachable ? { bound: f + extra, kind: 'marginal-gain bound' } : { bound: reachable, kind: 'all reachable weight' };
}
