/**
 * The Lagrangian bound by subgradient optimisation: cheap (each step one sweep of the matrix and a
 * sort of the candidates) and, because the relaxed subproblems below have the integrality
 * property, it converges toward the LP relaxation's bound (Geoffrion 1974) without an LP solver.
 * Every step gives a valid bound; the best is kept.
 *
 * k / budget: relax y_i ≤ Σ_{j∋i} x_j with multipliers 0 ≤ λ_i ≤ w_i:
 *   L(λ) = Σ_i (w_i − λ_i) + max { Σ_j x_j Σ_{i∈j} λ_i : Σ x_j ≤ k (or Σ c_j x_j ≤ B), 0 ≤ x ≤ 1 }
 *   (the k largest candidate scores; for a budget the fractional knapsack) ≥ OPT for every λ.
 * cover-all: relax Σ_{j∋i} x_j ≥ 1 with u_i ≥ 0:
 *   L(u) = Σ_i u_i + Σ_j min(0, c_j − Σ_{i∈j} u_i) ≤ the least cost of a cover for every u.
 * Steps follow Polyak's rule toward the plan in hand, step factor halved when the bound stalls
 * (Held, Wolfe & Crowder 1974; Beasley's Lagrangean relaxation chapter, 1993).
 */
import type { PreparedInstance } from './prepare';
import type { SitingGoal } from './types';

export interface LagrangianOptions {
  /** Most subgradient steps. */
  maxSteps: number;
  /** Steps without improvement before the step factor is halved. */
  patience: number;
}

const DEFAULTS: LagrangianOptions = Object.freeze({
  // ~1 ms a step on 60k nonzeros: a few hundred steps stay well under a second
  maxSteps: 400,
  // the usual choice in Beasley's experiments is 20–30
  patience: 20,
});

/**
 * The best Lagrangian bound found for `goal`, given the value `incumbent` of a plan in hand
 * (weight served for k / budget, cost for cover-all): upper bound for k / budget, lower bound for
 * cover-all. Stops early when it meets the incumbent.
 *
 * @example
 * lagrangianBound(p, { kind: 'k', k: 10 }, greedyServed) // ≥ the best 10-station plan's weight
 */
export function lagrangianBound(p: PreparedInstance, goal: SitingGoal, incumbent: number, options: Partial<LagrangianOptions> = {}): number {
  const { maxSteps, patience } = { ...DEFAULTS, ...options };
  const { n, m, weight: w, cost, candStart, candVillages, villageStart } = p;
  const maximise = goal.kind !== 'coverAll';
  const active = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (villageStart[i + 1] > villageStart[i] && (!maximise || w[i] > 0)) active[i] = 1;
  const mult = new Float64Array(n);
  // start: for k / budget the full weights (the trivial "best k candidates" bound); for cover-all
  // each village's cheapest cost share (a feasible dual)
  for (let i = 0; i < n; i++) {
    if (!active[i]) continue;
    if (maximise) mult[i] = w[i];
    else {
      let y = Infinity;
      for (let t = villageStart[i]; t < villageStart[i + 1]; t++) {
        const j = p.villageCands[t];
        y = Math.min(y, cost[j] / (candStart[j + 1] - candStart[j]));
      }
      mult[i] = y;
    }
  }
  const score = new Float64Array(m);
  const x = new Float64Array(m);
  const a = new Float64Array(n);
  const order = new Int32Array(m);
  const sorted = new Float64Array(m);
  let best = maximise ? Infinity : -Infinity;
  let mu = 2;
  let stall = 0;
  const tol = 1e-9 * Math.max(1, Math.abs(incumbent));
  for (let step = 0; step < maxSteps && mu > 1e-5; step++) {
    // each candidate's score under the multipliers
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let t = candStart[j]; t < candStart[j + 1]; t++) s += mult[candVillages[t]];
      score[j] = s;
    }
    // the relaxed subproblem
    x.fill(0);
    let L = 0;
    if (goal.kind === 'k') {
      sorted.set(score);
      sorted.sort();
      const k = Math.min(goal.k, m);
      const cut = k > 0 ? sorted[m - k] : Infinity;
      let left = k;
      // the k largest scores (ties at the cut taken until k)
      for (let j = 0; j < m && left > 0; j++) if (score[j] > cut && score[j] > 0) (x[j] = 1), left--;
      for (let j = 0; j < m && left > 0; j++) if (score[j] === cut && score[j] > 0 && x[j] === 0) (x[j] = 1), left--;
      for (let j = 0; j < m; j++) L += x[j] * score[j];
    } else if (goal.kind === 'budget') {
      for (let j = 0; j < m; j++) order[j] = j;
      order.sort((p1, p2) => score[p2] * cost[p1] - score[p1] * cost[p2]);
      let room = goal.budget;
      for (let q = 0; q < m; q++) {
        const j = order[q];
        if (score[j] <= 0) continue;
        if (cost[j] <= room) {
          x[j] = 1;
          room -= cost[j];
        } else if (cost[j] > 0) {
          x[j] = room / cost[j];
          break;
        }
      }
      for (let j = 0; j < m; j++) L += x[j] * score[j];
    } else {
      for (let j = 0; j < m; j++) {
        const reduced = cost[j] - score[j];
        if (reduced < 0) {
          x[j] = 1;
          L += reduced;
        }
      }
    }
    for (let i = 0; i < n; i++) if (active[i]) L += maximise ? w[i] - mult[i] : mult[i];
    if (maximise ? L < best - tol : L > best + tol) {
      best = L;
      stall = 0;
    } else if (++stall >= patience) {
      mu /= 2;
      stall = 0;
    }
    if (maximise ? best <= incumbent + tol : best >= incumbent - tol) break;
    // subgradient: how many chosen candidates serve each village, minus one
    a.fill(0);
    for (let j = 0; j < m; j++) {
      if (x[j] === 0) continue;
      for (let t = candStart[j]; t < candStart[j + 1]; t++) a[candVillages[t]] += x[j];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) {
      if (!active[i]) continue;
      const g = a[i] - 1;
      // only components that can move count (projection onto the box)
      if (maximise ? (g > 0 && mult[i] > 0) || (g < 0 && mult[i] < w[i]) : g < 0 || mult[i] > 0) norm += g * g;
    }
    if (norm === 0) break;
    const t = (mu * Math.abs(L - incumbent)) / norm;
    for (let i = 0; i < n; i++) {
      if (!active[i]) continue;
      const g = a[i] - 1;
      mult[i] = maximise ? Math.min(w[i], Math.max(0, mult[i] - t * g)) : Math.max(0, mult[i] - t * g);
    }
  }
  return best;
}
