/**
 * Local search after the greedy, for k stations or a budget: the best 1-swap (one chosen
 * candidate out, one unchosen in) — or, under a budget, the best addition that still fits — as
 * long as it serves more weight. Each pass is one sweep over the matrix: with `count[i]` the
 * chosen candidates serving village i and `sum[i]` the sum of their indices, a village served
 * once knows its only server (`sum[i]`), so the weight a swap loses and regains is counted
 * without trying every pair.
 */
import type { PreparedInstance } from './prepare';

/** The chosen set after local search, and the weight it serves. */
export interface SwapResult {
  chosen: number[];
  served: number;
  /** Improving moves made. */
  moves: number;
}

/**
 * Improve `start` (candidate indices) by 1-swaps while the served weight grows; `budget` limits
 * the total cost (Infinity for k stations, where the count stays |start|).
 *
 * @example
 * swapImprove(p, lazyGreedy(p, p.weight, { maxCount: 5, budget: Infinity, ratio: false }), Infinity, 200).served
 */
export function swapImprove(p: PreparedInstance, start: readonly number[], budget: number, maxPasses: number): SwapResult {
  const { n, m, weight: w, cost, candStart, candVillages } = p;
  const chosen = [...start];
  const posOf = new Int32Array(m).fill(-1);
  const count = new Int32Array(n);
  const sum = new Float64Array(n);
  let spent = 0;
  const add = (j: number, pos: number): void => {
    posOf[j] = pos;
    spent += cost[j];
    for (let t = candStart[j]; t < candStart[j + 1]; t++) {
      const i = candVillages[t];
      count[i]++;
      sum[i] += j;
    }
  };
  const remove = (j: number): void => {
    posOf[j] = -1;
    spent -= cost[j];
    for (let t = candStart[j]; t < candStart[j + 1]; t++) {
      const i = candVillages[t];
      count[i]--;
      sum[i] -= j;
    }
  };
  chosen.forEach((j, pos) => add(j, pos));
  let served = 0;
  for (let i = 0; i < n; i++) if (count[i] > 0) served += w[i];
  const limited = Number.isFinite(budget);
  const loss = new Float64Array(chosen.length);
  const bonus = new Float64Array(chosen.length);
  const touched: number[] = [];
  let moves = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    // weight each chosen candidate alone serves (lost if it goes)
    loss.fill(0);
    let minLossPos = -1;
    for (let i = 0; i < n; i++) if (count[i] === 1) loss[posOf[sum[i]]] += w[i];
    for (let q = 0; q < chosen.length; q++) if (minLossPos < 0 || loss[q] < loss[minLossPos]) minLossPos = q;
    let bestDelta = 1e-9 * (1 + served);
    let bestIn = -1;
    let bestOutPos = -1;
    for (let u = 0; u < m; u++) {
      if (posOf[u] >= 0) continue;
      // what u adds, and what it gives back of each chosen candidate's own villages
      let gain = 0;
      for (let t = candStart[u]; t < candStart[u + 1]; t++) {
        const i = candVillages[t];
        if (count[i] === 0) gain += w[i];
        else if (count[i] === 1) {
          const q = posOf[sum[i]];
          if (bonus[q] === 0) touched.push(q);
          bonus[q] += w[i];
        }
      }
      if (gain > 0) {
        if (limited) {
          // an addition that fits
          if (spent + cost[u] <= budget && gain > bestDelta) {
            bestDelta = gain;
            bestIn = u;
            bestOutPos = -1;
          }
          for (let q = 0; q < chosen.length; q++) {
            const d = gain - loss[q] + bonus[q];
            if (d > bestDelta && spent - cost[chosen[q]] + cost[u] <= budget) {
              bestDelta = d;
              bestIn = u;
              bestOutPos = q;
            }
          }
        } else if (chosen.length > 0) {
          // k stations: the best partner is a touched one or the one that loses least
          let q = minLossPos;
          let d = gain - loss[q] + bonus[q];
          for (const r of touched) {
            const e = gain - loss[r] + bonus[r];
            if (e > d) {
              d = e;
              q = r;
            }
          }
          if (d > bestDelta) {
            bestDelta = d;
            bestIn = u;
            bestOutPos = q;
          }
        }
      }
      for (const r of touched) bonus[r] = 0;
      touched.length = 0;
    }
    if (bestIn < 0) break;
    if (bestOutPos >= 0) {
      remove(chosen[bestOutPos]);
      chosen[bestOutPos] = bestIn;
      add(bestIn, bestOutPos);
    } else {
      chosen.push(bestIn);
      add(bestIn, chosen.length - 1);
      return finishWithGrownArrays(p, chosen, budget, maxPasses - pass - 1, moves + 1);
    }
    served += bestDelta;
    moves++;
  }
  // recount exactly (the running sum carries float noise)
  served = 0;
  for (let i = 0; i < n; i++) if (count[i] > 0) served += w[i];
  return { chosen, served, moves };
}

/** After an addition the per-position arrays are one too short: start again from the larger set. */
function finishWithGrownArrays(p: PreparedInstance, chosen: number[], budget: number, passes: number, moves: number): SwapResult {
  const r = swapImprove(p, chosen, budget, passes);
  return { ...r, moves: r.moves + moves };
}
