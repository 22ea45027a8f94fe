/**
 * The marginal-gain curve of a build order: after each station, the weight served and a proven
 * bound on the best j-station plan — so a leader sees "93 % → 100 % with N stations" and how far
 * any plan of that size could go.
 */
import { prepareInstance } from './prepare';
import type { SitingInstance } from './types';

/**
 * For j = 1 … order.length: an upper bound on the weight the best j candidates could serve,
 * min over the prefixes S_i of the order (any i) of f(S_i) + the j largest marginal gains over S_i (served
 * weight is monotone submodular: Minoux's online bound), capped by the total reachable weight.
 *
 * The best j-station plan never serves more than the best plan of more stations, so each bound is
 * also capped by every later one, and by `provenForLast` — a bound proven otherwise (the exact
 * solver's) on the best plan of order.length stations, or more: a plan proven optimal then reads
 * the same on the curve as in its summary (its bound meets it at its last station).
 *
 * @example
 * curveBounds(instance, result.chosenIndex, result.bound) // [bound for 1 station, bound for 2, …]
 */
export function curveBounds(instance: SitingInstance, order: readonly number[], provenForLast = Infinity): number[] {
  const p = prepareInstance(instance);
  const J = order.length;
  let reachable = 0;
  for (let i = 0; i < p.n; i++) if (p.villageStart[i + 1] > p.villageStart[i]) reachable += p.weight[i];
  const best = new Float64Array(J + 1).fill(Infinity);
  const hit = new Uint8Array(p.n);
  const gain = new Float64Array(p.m);
  let served = 0;
  for (let i = 0; i <= J; i++) {
    if (i > 0) {
      const j = order[i - 1];
      for (let t = p.candStart[j]; t < p.candStart[j + 1]; t++) {
        const v = p.candVillages[t];
        if (!hit[v]) { hit[v] = 1; served += p.weight[v]; }
      }
    }
    // marginal gains over S_i, largest first: OPT_j ≤ f(S_i ∪ OPT_j) ≤ f(S_i) + the j largest
    for (let c = 0; c < p.m; c++) {
      let g = 0;
      for (let t = p.candStart[c]; t < p.candStart[c + 1]; t++) if (!hit[p.candVillages[t]]) g += p.weight[p.candVillages[t]];
      gain[c] = g;
    }
    const sorted = Float64Array.from(gain).sort().reverse();
    let acc = served;
    for (let j = 1; j <= J; j++) {
      if (j - 1 < sorted.length) acc += sorted[j - 1];
      if (acc < best[j]) best[j] = acc;
    }
  }
  const out: number[] = [];
  for (let j = 1; j <= J; j++) out.push(Math.min(best[j], reachable));
  // OPT_j ≤ OPT_{j+1} ≤ … ≤ OPT_J ≤ provenForLast: each bound is capped by the ones after it
  let cap = provenForLast;
  for (let j = J - 1; j >= 0; j--) cap = out[j] = Math.min(out[j], cap);
  return out;
}
