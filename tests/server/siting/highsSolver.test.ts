import { afterAll, describe, expect, it } from 'vitest';
import { buildLpModel, planSiting, prepareInstance, type SitingGoal, type SitingInstance } from '../../../core/siting';
import { createHighsSolver } from '../../../server/siting/highsSolver';
import { randomInstance, rng } from '../../helpers/sitingInstance';

const highs = createHighsSolver();
afterAll(() => highs.close());

/** The optimum by trying every subset: weight served (k, budget) or least cost of a cover. */
function brute(inst: SitingInstance, goal: SitingGoal): number {
  const m = inst.candidates.length;
  const n = inst.weights.length;
  const reachable = new Set<number>();
  inst.candidates.forEach((c) => c.serves.forEach((i) => reachable.add(i)));
  let best = goal.kind === 'coverAll' ? Infinity : 0;
  for (let mask = 0; mask < 1 << m; mask++) {
    let count = 0;
    let cost = 0;
    const hit = new Uint8Array(n);
    for (let j = 0; j < m; j++) {
      if (!(mask & (1 << j))) continue;
      count++;
      cost += inst.candidates[j].cost;
      inst.candidates[j].serves.forEach((i) => (hit[i] = 1));
    }
    if (goal.kind === 'coverAll') {
      if ([...reachable].every((i) => hit[i])) best = Math.min(best, cost);
      continue;
    }
    if (goal.kind === 'k' ? count > goal.k : cost > goal.budget) continue;
    let s = 0;
    for (let i = 0; i < n; i++) if (hit[i]) s += inst.weights[i];
    best = Math.max(best, s);
  }
  return best;
}

function smallInstance(seed: number): SitingInstance {
  const r = rng(seed);
  const n = 15 + Math.floor(r() * 15);
  const m = 8 + Math.floor(r() * 5);
  return {
    weights: Array.from({ length: n }, () => 1 + Math.floor(r() * 100)),
    candidates: Array.from({ length: m }, (_, j) => ({
      id: `c${j}`,
      cost: 1 + Math.floor(r() * 9),
      serves: Int32Array.from(Array.from({ length: n }, (_, i) => i).filter(() => r() < 0.2)),
    })),
  };
}

describe('the integer program (HiGHS in the worker) against brute force', () => {
  it('k, budget and cover-all on 40 random instances: ILP = optimum, greedy + swap ≤ optimum ≤ LP bound', async () => {
    let solvedBySolver = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const inst = smallInstance(seed);
      const totalCost = inst.candidates.reduce((s, c) => s + c.cost, 0);
      const goals: SitingGoal[] = [{ kind: 'k', k: 1 + (seed % 4) }, { kind: 'budget', budget: Math.round(totalCost * 0.3) }, { kind: 'coverAll' }];
      for (const goal of goals) {
        const opt = brute(inst, goal);
        const tag = `seed ${seed} ${goal.kind}`;
        // the heuristic with the LP bound only
        const h = await planSiting(inst, goal, { exact: false }, highs.solve);
        const exact = await planSiting(inst, goal, {}, highs.solve);
        if (goal.kind === 'coverAll') {
          expect(h.cost, tag).toBeGreaterThanOrEqual(opt);
          expect(h.bound, tag).toBeLessThanOrEqual(opt + 1e-9);
          expect(exact.cost, tag).toBe(opt);
        } else {
          expect(h.objective, tag).toBeLessThanOrEqual(opt);
          expect(h.bound, tag).toBeGreaterThanOrEqual(opt - 1e-9);
          expect(exact.objective, tag).toBe(opt);
          if (goal.kind === 'k') expect(exact.chosen.length).toBeLessThanOrEqual(goal.k);
          else expect(exact.cost).toBeLessThanOrEqual(goal.budget);
        }
        expect(exact.optimal, tag).toBe(true);
        expect(exact.gap, tag).toBe(0);
        if (/integer program: optimal/.test(exact.method)) solvedBySolver++;
      }
    }
    // the solver did the proving on some of them (the greedy alone is not always optimal)
    expect(solvedBySolver).toBeGreaterThan(0);
  });
});

describe('a few hundred villages and candidates', () => {
  const inst = randomInstance({ villages: 400, candidates: 250, radius: 0.08, seed: 11, maxWeight: 300, maxCost: 5 });
  it.each([
    ['k = 12', { kind: 'k', k: 12 } as SitingGoal],
    ['budget 30', { kind: 'budget', budget: 30 } as SitingGoal],
    ['cover-all', { kind: 'coverAll' } as SitingGoal],
  ])('%s: proven optimal, bound = objective', async (_name, goal) => {
    const r = await planSiting(inst, goal, { timeLimitS: 60 }, highs.solve);
    expect(r.optimal).toBe(true);
    expect(r.bound).toBe(goal.kind === 'coverAll' ? r.cost : r.objective);
    expect(r.gap).toBe(0);
    // the build order is nested: served weight never falls, cost only grows
    r.servedAfter.forEach((s, q) => q > 0 && expect(s).toBeGreaterThanOrEqual(r.servedAfter[q - 1]));
    expect(r.servedAfter.at(-1)).toBe(r.objective);
    expect(r.costAfter.at(-1)).toBe(r.cost);
  });

  it('a time limit too short for the integer program still gives a plan with a valid bound', async () => {
    const big = randomInstance({ villages: 3000, candidates: 1200, radius: 0.05, seed: 5, maxWeight: 500 });
    const r = await planSiting(big, { kind: 'k', k: 40 }, { timeLimitS: 0.5, lagrangian: false }, highs.solve);
    expect(r.chosen.length).toBe(40);
    expect(r.bound).toBeGreaterThanOrEqual(r.objective);
    expect(r.gap).toBeCloseTo((r.bound - r.objective) / r.bound, 12);
  });
});

describe('buildLpModel', () => {
  it('merges villages served by the same candidates into one row', () => {
    const p = prepareInstance({ weights: [2, 3, 4], candidates: [{ id: 'a', cost: 1, serves: Int32Array.of(0, 1) }, { id: 'b', cost: 1, serves: Int32Array.of(2) }] });
    const m = buildLpModel(p, { kind: 'k', k: 1 }, true);
    expect(m.text).toContain(' obj: 5 y0 + 4 y1');
    expect(m.text).toContain(' v0: y0 - x0 <= 0');
    expect(m.text).toContain(' count: x0 + x1 <= 1');
    expect(m.text).toMatch(/Binary\n x0 x1\nEnd/);
  });
});

describe('the hard kill', () => {
  it('a solver that overruns its time limit is terminated; the plan falls back to greedy + swap with its own bound', async () => {
    const stuck = createHighsSolver({ workerUrl: new URL('../../fixtures/siting/hangingWorker.mjs', import.meta.url), graceS: 0.2 });
    try {
      const inst = smallInstance(3);
      const p = prepareInstance(inst);
      const r = await stuck.solve(buildLpModel(p, { kind: 'k', k: 2 }, true), 0.1);
      expect(r.status).toBe('failed');
      expect(r.values).toBeNull();
      expect(r.detail).toBe('HiGHS overran its 0.1 s time limit and was stopped');
      // a new worker for the next solve; the plan is the heuristic's, honest about its bound
      const plan = await planSiting(inst, { kind: 'k', k: 2 }, { timeLimitS: 1, lagrangian: false, exact: false }, stuck.solve);
      expect(plan.method).toContain('HiGHS overran');
      expect(plan.chosen).toHaveLength(2);
      expect(plan.bound).toBeGreaterThanOrEqual(brute(inst, { kind: 'k', k: 2 }));
    } finally {
      await stuck.close();
    }
  });
});
