/**
 * Check a siting instance and put it in flat arrays: candidate → villages and village →
 * candidates in compressed sparse rows, the unreachable villages apart.
 */
import { InputError } from '../errors';
import type { SitingInstance } from './types';

/** A checked instance in flat arrays (see `prepareInstance`). */
export interface PreparedInstance {
  /** Number of villages. */
  n: number;
  /** Number of candidates. */
  m: number;
  /** Village weights. */
  weight: Float64Array;
  /** Candidate costs. */
  cost: Float64Array;
  /** Villages of candidate j: `candVillages[candStart[j] .. candStart[j + 1])`, sorted, unique. */
  candStart: Int32Array;
  candVillages: Int32Array;
  /** Candidates of village i: `villageCands[villageStart[i] .. villageStart[i + 1])`. */
  villageStart: Int32Array;
  villageCands: Int32Array;
  /** Village indices no candidate serves. */
  unreachable: number[];
  /** Whether every weight (every cost) is an integer: bounds can then be rounded. */
  integerWeights: boolean;
  integerCosts: boolean;
  candidateIds: string[];
  villageIds: string[];
}

/**
 * Check `instance` (weights finite ≥ 0, costs finite ≥ 0, ids unique, village indices in range)
 * and index it; throws an InputError naming the first problem.
 *
 * @example
 * prepareInstance({ weights: [1, 2], candidates: [{ id: 'a', cost: 1, serves: Int32Array.of(0, 1) }] }).unreachable // []
 */
export function prepareInstance(instance: SitingInstance): PreparedInstance {
  const n = instance.weights.length;
  const m = instance.candidates.length;
  const weight = new Float64Array(n);
  let integerWeights = true;
  for (let i = 0; i < n; i++) {
    const w = instance.weights[i];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new InputError(`weights[${i}]: must be a finite number ≥ 0, got ${String(w)}`, `weights[${i}]`);
    weight[i] = w;
    if (!Number.isInteger(w)) integerWeights = false;
  }
  const villageIds = instance.villageIds ? [...instance.villageIds] : Array.from({ length: n }, (_, i) => String(i));
  if (villageIds.length !== n) throw new InputError(`villageIds: ${villageIds.length} ids for ${n} weights`, 'villageIds');
  const cost = new Float64Array(m);
  const candStart = new Int32Array(m + 1);
  const seenIds = new Set<string>();
  const candidateIds: string[] = [];
  let integerCosts = true;
  let nnz = 0;
  // first pass: check, and count each candidate's distinct villages
  const mark = new Int32Array(n).fill(-1);
  for (let j = 0; j < m; j++) {
    const c = instance.candidates[j];
    if (seenIds.has(c.id)) throw new InputError(`candidates[${j}].id: ${JSON.stringify(c.id)} is given twice`, `candidates[${j}].id`);
    seenIds.add(c.id);
    candidateIds.push(c.id);
    if (typeof c.cost !== 'number' || !Number.isFinite(c.cost) || c.cost < 0) throw new InputError(`candidates[${j}].cost: must be a finite number ≥ 0, got ${String(c.cost)}`, `candidates[${j}].cost`);
    cost[j] = c.cost;
    if (!Number.isInteger(c.cost)) integerCosts = false;
    for (let t = 0; t < c.serves.length; t++) {
      const i = c.serves[t];
      if (!(i >= 0 && i < n)) throw new InputError(`candidates[${j}].serves[${t}]: village index ${i} is outside 0…${n - 1}`, `candidates[${j}].serves[${t}]`);
      if (mark[i] !== j) {
        mark[i] = j;
        nnz++;
      }
    }
    candStart[j + 1] = nnz;
  }
  // second pass: fill candidate → villages (sorted, unique) and count per village
  const candVillages = new Int32Array(nnz);
  const villageCount = new Int32Array(n + 1);
  mark.fill(-1);
  for (let j = 0; j < m; j++) {
    const serves = instance.candidates[j].serves;
    let pos = candStart[j];
    for (let t = 0; t < serves.length; t++) {
      const i = serves[t];
      if (mark[i] === j) continue;
      mark[i] = j;
      candVillages[pos++] = i;
      villageCount[i + 1]++;
    }
    candVillages.subarray(candStart[j], pos).sort();
  }
  // village → candidates by a prefix sum over the counts
  const villageStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) villageStart[i + 1] = villageStart[i] + villageCount[i + 1];
  const villageCands = new Int32Array(nnz);
  const fill = villageStart.slice(0, n);
  for (let j = 0; j < m; j++) {
    for (let t = candStart[j]; t < candStart[j + 1]; t++) villageCands[fill[candVillages[t]]++] = j;
  }
  const unreachable: number[] = [];
  for (let i = 0; i < n; i++) if (villageStart[i + 1] === villageStart[i]) unreachable.push(i);
  return { n, m, weight, cost, candStart, candVillages, villageStart, villageCands, unreachable, integerWeights, integerCosts, candidateIds, villageIds };
}
