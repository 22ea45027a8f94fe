/**
 * Local search after the greedy, for "serve every reachable village at least cost": drop a chosen
 * candidate every one of whose villages another chosen one also serves, or replace one by a
 * cheaper unchosen candidate that serves all the villages only it serves; the best such move per
 * pass, while the cost falls. Same bookkeeping as swapImprove (a village served once knows its
 * only server through the sum of its servers' indices).
 */
import type { PreparedInstance } from './prepare';

/** The cover after local search and its cost. */
export interface PruneResult {
  chosen: number[];
  cost: number;
  moves: number;
}

/**
 * Improve the cover `start` (candidate indices serving every reachable village).
 *
 * @example
 * pruneCover(p, lazyGreedy(p, ones, { maxCount: Infinity, budget: Infinity, ratio: true }), 200).cost
 */
export function pruneCover(p: PreparedInstance, start: readonly number[], maxPasses: number): PruneResult {
  const { n, m, cost, candStart, candVillages } = p;
  let chosen = [...start];
  const posOf = new Int32Array(m).fill(-1);
  const count = new Int32Array(n);
  const sum = new Float64Array(n);
  const apply = (j: number, sign: 1 | -1): void => {
    for (let t = candStart[j]; t < candStart[j + 1]; t++) {
      const i = candVillages[t];
      count[i] += sign;
      sum[i] += sign * j;
    }
  };
  chosen.forEach((j, q) => {
    posOf[j] = q;
    apply(j, 1);
  });
  let moves = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const k = chosen.length;
    // villages each chosen candidate alone serves
    const own = new Int32Array(k);
    for (let i = 0; i < n; i++) if (count[i] === 1) own[posOf[sum[i]]]++;
    let bestSaving = 1e-12;
    let bestIn = -1;
    let bestOutPos = -1;
    for (let q = 0; q < k; q++) {
      if (own[q] === 0 && cost[chosen[q]] > bestSaving) {
        bestSaving = cost[chosen[q]];
        bestIn = -1;
        bestOutPos = q;
      }
    }
    const hit = new Int32Array(k);
    const touched: number[] = [];
    for (let u = 0; u < m; u++) {
      if (posOf[u] >= 0) continue;
      for (let t = candStart[u]; t < candStart[u + 1]; t++) {
        const i = candVillages[t];
        if (count[i] !== 1) continue;
        const q = posOf[sum[i]];
        if (hit[q] === 0) touched.push(q);
        hit[q]++;
      }
      // u can stand in for chosen[q] when it serves all of q's own villages
      for (const q of touched) {
        const saving = cost[chosen[q]] - cost[u];
        if (hit[q] === own[q] && saving > bestSaving) {
          bestSaving = saving;
          bestIn = u;
          bestOutPos = q;
        }
        hit[q] = 0;
      }
      touched.length = 0;
    }
    if (bestOutPos < 0) break;
    const out = chosen[bestOutPos];
    apply(out, -1);
    posOf[out] = -1;
    if (bestIn >= 0) {
      chosen[bestOutPos] = bestIn;
      posOf[bestIn] = bestOutPos;
      apply(bestIn, 1);
    } else {
      chosen = chosen.filter((_, q) => q !== bestOutPos);
      chosen.forEach((j, q) => (posOf[j] = q));
    }
    moves++;
  }
  let total = 0;
  for (const j of chosen) total += cost[j];
  return { chosen, cost: total, moves };
}
