/**
 * The integer program (and its LP relaxation) of a siting goal, as CPLEX LP text for HiGHS.
 * Villages with the same set of candidates are merged into one row (their weights summed): the
 * optimum does not change and the model shrinks, often by half on coverage matrices.
 *
 * k / budget (maximal covering, Church & ReVelle 1974):
 *   max Σ w_i y_i  s.t.  y_i ≤ Σ_{j serves i} x_j,  Σ x_j ≤ k  (or Σ c_j x_j ≤ B),  0 ≤ y ≤ 1,  x ∈ {0,1}
 * cover-all (set covering, Toregas et al. 1971):
 *   min Σ c_j x_j  s.t.  Σ_{j serves i} x_j ≥ 1 for every reachable village,  x ∈ {0,1}
 * The relaxation has 0 ≤ x ≤ 1 instead.
 */
import type { PreparedInstance } from './prepare';
import type { LpModel, SitingGoal } from './types';

/** Number format of coefficients: shortest exact decimal (LP format reads exponents). */
const num = (v: number): string => String(v);

/**
 * The model of `goal` on `p`; `integer` makes the stations binary.
 *
 * @example
 * buildLpModel(p, { kind: 'k', k: 10 }, false).text // "Maximize\n obj: 3 y0 + …"
 */
export function buildLpModel(p: PreparedInstance, goal: SitingGoal, integer: boolean): LpModel {
  const { n, m, weight, cost, villageStart, villageCands } = p;
  // merge villages with the same candidates
  const rowOf = new Map<string, number>();
  const rowCands: Int32Array[] = [];
  const rowWeight: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = villageStart[i];
    const e = villageStart[i + 1];
    if (s === e) continue;
    if (goal.kind !== 'coverAll' && weight[i] === 0) continue;
    const cands = villageCands.subarray(s, e);
    const key = cands.join(',');
    const r = rowOf.get(key);
    if (r === undefined) {
      rowOf.set(key, rowCands.length);
      rowCands.push(cands);
      rowWeight.push(weight[i]);
    } else rowWeight[r] += weight[i];
  }
  const out: string[] = [];
  // long expressions are wrapped: LP format allows an expression to go on over lines
  const wrap = (list: string[], sep: string): string => {
    const lines: string[] = [];
    for (let s = 0; s < list.length; s += 40) lines.push(list.slice(s, s + 40).join(` ${sep} `));
    return lines.join(`\n ${sep} `);
  };
  const terms = (list: string[]): string => wrap(list, '+');
  const stationVars = Array.from({ length: m }, (_, j) => `x${j}`);
  if (goal.kind === 'coverAll') {
    out.push('Minimize');
    const obj: string[] = [];
    for (let j = 0; j < m; j++) if (cost[j] !== 0) obj.push(`${num(cost[j])} x${j}`);
    out.push(` obj: ${obj.length ? terms(obj) : '0 x0'}`);
    out.push('Subject To');
    rowCands.forEach((cands, r) => out.push(` v${r}: ${terms(Array.from(cands, (j) => `x${j}`))} >= 1`));
  } else {
    out.push('Maximize');
    const obj = rowWeight.map((w, r) => `${num(w)} y${r}`);
    out.push(` obj: ${obj.length ? terms(obj) : '0 x0'}`);
    out.push('Subject To');
    rowCands.forEach((cands, r) => out.push(` v${r}: y${r} - ${wrap(Array.from(cands, (j) => `x${j}`), '-')} <= 0`));
    if (goal.kind === 'k') out.push(` count: ${terms(stationVars)} <= ${goal.k}`);
    else out.push(` budget: ${terms(stationVars.map((x, j) => `${num(cost[j])} ${x}`))} <= ${num(goal.budget)}`);
  }
  out.push('Bounds');
  for (let j = 0; j < m; j++) out.push(` 0 <= x${j} <= 1`);
  if (goal.kind !== 'coverAll') for (let r = 0; r < rowCands.length; r++) out.push(` 0 <= y${r} <= 1`);
  if (integer && m > 0) {
    out.push('Binary');
    for (let s = 0; s < m; s += 40) out.push(' ' + stationVars.slice(s, s + 40).join(' '));
  }
  out.push('End', '');
  return { text: out.join('\n'), stationVars, sense: goal.kind === 'coverAll' ? 'min' : 'max', integer };
}
