/**
 * The siting optimiser: greedy build order, local search, a bound, and (with a solver) the LP
 * relaxation and the exact integer program; the better plan is kept and its gap to the bound
 * reported. Core stays pure: the solver is a function the caller passes (the server and the CLI
 * run HiGHS in a worker thread with a time limit, server/siting/highsSolver.ts).
 *
 * 1. prepareInstance — check and index the instance; villages no candidate serves go apart.
 * 2. lazyGreedy — the nested build order (k: by gain; budget and cover-all: by gain per cost, and
 *    for a budget also the best single affordable candidate followed by the greedy — the standard
 *    fix that makes the cost-ratio greedy a constant-factor approximation, Khuller et al. 1999).
 * 3. swapImprove / pruneCover — 1-swap local search.
 * 4. cheapBound, lagrangianBound — bounds without a solver; then (with a solver) the LP
 *    relaxation, then the integer program within the time limit.
 */
import { InputError } from '../errors';
import { buildLpModel } from './buildLpModel';
import { cheapBound } from './cheapBound';
import { lagrangianBound } from './lagrangianBound';
import { lazyGreedy } from './lazyGreedy';
import { DEFAULT_SITING_OPTIONS, type SitingOptions } from './options';
import { prepareInstance, type PreparedInstance } from './prepare';
import { pruneCover } from './pruneCover';
import { swapImprove } from './swapImprove';
import type { LpSolver, SitingGoal, SitingInstance, SitingResult } from './types';

/** Weight served and cost of a set of candidates. */
function evaluate(p: PreparedInstance, set: readonly number[]): { served: number; cost: number; coversAll: boolean } {
  const hit = new Uint8Array(p.n);
  let cost = 0;
  for (const j of set) {
    cost += p.cost[j];
    for (let t = p.candStart[j]; t < p.candStart[j + 1]; t++) hit[p.candVillages[t]] = 1;
  }
  let served = 0;
  let coversAll = true;
  for (let i = 0; i < p.n; i++) {
    if (hit[i]) served += p.weight[i];
    else if (p.villageStart[i + 1] > p.villageStart[i]) coversAll = false;
  }
  return { served, cost, coversAll };
}

function checkGoal(goal: SitingGoal): void {
  if (goal.kind === 'k' && !(Number.isInteger(goal.k) && goal.k >= 1)) throw new InputError(`k: must be an integer ≥ 1, got ${String(goal.k)}`, 'k');
  if (goal.kind === 'budget' && !(Number.isFinite(goal.budget) && goal.budget >= 0)) throw new InputError(`budget: must be a finite number ≥ 0, got ${String(goal.budget)}`, 'budget');
}

/**
 * Plan stations for `goal` on `instance`. Without `solve` it answers from the greedy, the swap and
 * a cheap bound alone.
 *
 * @example
 * const r = await planSiting(instance, { kind: 'k', k: 10 }, { timeLimitS: 30 }, highs.solve);
 * // r.chosen: ids in build order; r.objective ≤ r.bound; r.gap = (bound − objective) / bound
 */
export async function planSiting(instance: SitingInstance, goal: SitingGoal, options: Partial<SitingOptions> = {}, solve?: LpSolver): Promise<SitingResult> {
  const t0 = Date.now();
  const opts: SitingOptions = { ...DEFAULT_SITING_OPTIONS, ...options };
  checkGoal(goal);
  const p = prepareInstance(instance);
  const maximise = goal.kind !== 'coverAll';
  // cover-all counts villages, not people: every reachable village must be served
  let w = p.weight;
  if (!maximise) {
    w = new Float64Array(p.n);
    for (let i = 0; i < p.n; i++) if (p.villageStart[i + 1] > p.villageStart[i]) w[i] = 1;
  }
  const method: string[] = [];
  let plan: number[];
  if (goal.kind === 'k') {
    const greedy = lazyGreedy(p, w, { maxCount: goal.k, budget: Infinity, ratio: false });
    const s = swapImprove(p, greedy, Infinity, opts.maxSwapPasses);
    plan = s.chosen;
    method.push(`lazy greedy + 1-swap (${s.moves} swaps)`);
  } else if (goal.kind === 'budget') {
    const ratio = lazyGreedy(p, w, { maxCount: Infinity, budget: goal.budget, ratio: true });
    // the best single affordable candidate, completed by the same greedy
    let best = -1;
    let bestW = -1;
    for (let j = 0; j < p.m; j++) {
      if (p.cost[j] > goal.budget) continue;
      let s = 0;
      for (let t = p.candStart[j]; t < p.candStart[j + 1]; t++) s += w[p.candVillages[t]];
      if (s > bestW) {
        bestW = s;
        best = j;
      }
    }
    let start = ratio;
    if (best >= 0) {
      const seeded = lazyGreedy(p, w, { maxCount: Infinity, budget: goal.budget, ratio: true, start: [best] });
      if (evaluate(p, seeded).served > evaluate(p, ratio).served) start = seeded;
    }
    const s = swapImprove(p, start, goal.budget, opts.maxSwapPasses);
    plan = s.chosen;
    method.push(`cost-ratio lazy greedy with best-single check + 1-swap (${s.moves} moves)`);
  } else {
    const greedy = lazyGreedy(p, w, { maxCount: Infinity, budget: Infinity, ratio: true });
    const s = pruneCover(p, greedy, opts.maxSwapPasses);
    plan = s.chosen;
    method.push(`cost-ratio lazy greedy + drop/replace (${s.moves} moves)`);
  }
  let value = evaluate(p, plan);
  const score = (v: { served: number; cost: number }): number => (maximise ? v.served : v.cost);
  const cheap = cheapBound(p, goal, plan);
  let bound = cheap.bound;
  let boundKind = cheap.kind;
  const integral = maximise ? p.integerWeights : p.integerCosts;
  const tol = (x: number): number => 1e-9 * Math.max(1, Math.abs(x));
  // an integer optimum cannot lie strictly between two integers
  const round = (b: number): number => (integral ? (maximise ? Math.floor(b + 1e-6) : Math.ceil(b - 1e-6)) : b);
  const better = (b: number): boolean => (maximise ? b < bound : b > bound);
  const proven = (): boolean => (maximise ? value.served >= bound - tol(bound) : value.cost <= bound + tol(bound));
  if (better(round(bound))) bound = round(bound);
  if (opts.lagrangian && !proven()) {
    const lb = round(lagrangianBound(p, goal, score(value)));
    if (better(lb)) {
      bound = lb;
      boundKind = 'Lagrangian (subgradient)';
    }
  }
  const nonzeros = p.candStart[p.m];
  const deadline = t0 + opts.timeLimitS * 1000;
  const left = (): number => Math.max(0, (deadline - Date.now()) / 1000);
  let optimalBySolver = false;
  if (solve && opts.lpBound && !proven() && nonzeros <= opts.lpMaxNonzeros && left() > 0) {
    // with the integer program to follow, the relaxation gets a quarter of the time: the program
    // solves it again at its root anyway, and the Lagrangian bound is already about as tight
    const r = await solve(buildLpModel(p, goal, false), opts.exact ? left() / 4 : left());
    if (r.status === 'optimal' && r.objective !== null) {
      const b = round(r.objective);
      if (better(b)) {
        bound = b;
        boundKind = 'LP relaxation';
      }
      method.push(`LP relaxation (HiGHS, ${r.seconds.toFixed(2)} s)`);
    } else method.push(`LP relaxation: ${r.detail}`);
  } else if (solve && opts.lpBound && nonzeros > opts.lpMaxNonzeros) method.push(`LP relaxation skipped (${nonzeros} nonzeros > ${opts.lpMaxNonzeros})`);
  if (solve && opts.exact && !proven() && left() > 0) {
    const r = await solve(buildLpModel(p, goal, true), left());
    if (r.values) {
      const set: number[] = [];
      for (let j = 0; j < p.m; j++) if (r.values[j] > 0.5) set.push(j);
      const v = evaluate(p, set);
      const feasible = maximise ? (goal.kind === 'k' ? set.length <= goal.k : v.cost <= goal.budget + tol(goal.budget)) : v.coversAll;
      if (feasible && (maximise ? v.served > value.served + tol(value.served) : v.cost < value.cost - tol(value.cost))) {
        plan = set;
        value = v;
        method.push(`integer program (HiGHS) improved the plan`);
      }
    }
    if (r.status === 'optimal') {
      optimalBySolver = true;
      const b = round(r.dualBound ?? r.objective ?? bound);
      if (better(b)) {
        bound = b;
        boundKind = 'integer program (HiGHS, proven optimum)';
      }
      method.push(`integer program: optimal (${r.seconds.toFixed(2)} s)`);
    } else {
      if (r.dualBound !== null && better(round(r.dualBound))) {
        bound = round(r.dualBound);
        boundKind = 'integer program dual bound (HiGHS, stopped)';
      }
      method.push(`integer program: ${r.detail} (${r.seconds.toFixed(2)} s)`);
    }
  }
  // the nested build order of the kept plan: the greedy restricted to it; members that add
  // nothing (a solver may switch on a free or useless station) are dropped
  const allowed = new Uint8Array(p.m);
  for (const j of plan) allowed[j] = 1;
  const order = lazyGreedy(p, w, { maxCount: plan.length, budget: Infinity, ratio: goal.kind !== 'k', allowed });
  if (order.length < plan.length) value = evaluate(p, order);
  // the bound never claims better than a plan in hand (solver tolerances)
  if (maximise ? bound < value.served : bound > value.cost) bound = score(value);
  const optimal = proven() || (optimalBySolver && Math.abs(bound - score(value)) <= tol(bound));
  if (optimal) bound = score(value);
  const gap = maximise ? (bound > 0 ? (bound - value.served) / bound : 0) : value.cost > 0 ? (value.cost - bound) / value.cost : 0;
  const servedAfter: number[] = [];
  const costAfter: number[] = [];
  const hit = new Uint8Array(p.n);
  let s = 0;
  let c = 0;
  for (const j of order) {
    c += p.cost[j];
    for (let t = p.candStart[j]; t < p.candStart[j + 1]; t++) {
      const i = p.candVillages[t];
      if (!hit[i]) {
        hit[i] = 1;
        s += p.weight[i];
      }
    }
    servedAfter.push(s);
    costAfter.push(c);
  }
  return {
    chosen: order.map((j) => p.candidateIds[j]),
    chosenIndex: order,
    servedAfter,
    costAfter,
    objective: value.served,
    cost: value.cost,
    bound,
    boundKind: optimal && boundKind !== 'integer program (HiGHS, proven optimum)' ? `${boundKind} (met: optimal)` : boundKind,
    gap: Math.max(0, gap),
    optimal,
    method: method.join('; '),
    seconds: (Date.now() - t0) / 1000,
    unreachable: p.unreachable.map((i) => p.villageIds[i]),
  };
}
