import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors';
import { cheapBound, lagrangianBound, lazyGreedy, MaxHeap, planSiting, prepareInstance, type LpSolver, type SitingInstance } from '../../../core/siting';
import { rng } from '../../helpers/sitingInstance';

const cand = (id: string, cost: number, ...serves: number[]) => ({ id, cost, serves: Int32Array.from(serves) });

describe('MaxHeap', () => {
  it('pops in non-increasing key order, growing past its capacity', () => {
    const r = rng(7);
    const h = new MaxHeap(2);
    const keys = Array.from({ length: 500 }, () => Math.floor(r() * 100));
    keys.forEach((k, i) => h.push(i, k));
    expect(h.length).toBe(500);
    const out: number[] = [];
    while (h.length) {
      const key = h.peekKey();
      const id = h.pop();
      expect(keys[id]).toBe(key);
      out.push(key);
    }
    expect(out).toEqual([...keys].sort((a, b) => b - a));
    expect(h.pop()).toBe(-1);
    expect(h.peekKey()).toBe(-Infinity);
  });
});

// A serves villages 0-3, B serves 0, 1, 4, C serves 2, 3, 5 (weight 1 each): the greedy takes A
// first (4 villages) and ends at 5 with 2 stations; B + C serve all 6.
const TRAP: SitingInstance = {
  weights: [1, 1, 1, 1, 1, 1, 3],
  villageIds: ['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'far'],
  candidates: [cand('A', 1, 0, 1, 2, 3), cand('B', 1, 0, 1, 4), cand('C', 1, 2, 3, 5)],
};

describe('planSiting without a solver (hand-checked instances)', () => {
  it('k = 2: the swap leaves the greedy trap; the bound proves it optimal; far is unreachable', async () => {
    const p = prepareInstance(TRAP);
    const greedy = lazyGreedy(p, p.weight, { maxCount: 2, budget: Infinity, ratio: false });
    expect(greedy[0]).toBe(0);
    const r = await planSiting(TRAP, { kind: 'k', k: 2 });
    expect(new Set(r.chosen)).toEqual(new Set(['B', 'C']));
    expect(r.objective).toBe(6);
    expect(r.cost).toBe(2);
    expect(r.bound).toBe(6);
    expect(r.optimal).toBe(true);
    expect(r.gap).toBe(0);
    expect(r.unreachable).toEqual(['far']);
    expect(r.servedAfter).toEqual([3, 6]);
    expect(r.costAfter).toEqual([1, 2]);
    expect(r.method).toMatch(/1-swap \(1 swaps\)/);
  });

  it('k = 1 and a k above the useful count', async () => {
    expect((await planSiting(TRAP, { kind: 'k', k: 1 })).chosen).toEqual(['A']);
    const all = await planSiting(TRAP, { kind: 'k', k: 10 });
    expect(all.objective).toBe(6);
    expect(all.chosen.length).toBeLessThanOrEqual(3);
    expect(all.optimal).toBe(true);
  });

  it('budget: the best single candidate beats the cost-ratio greedy', async () => {
    // small: 2 villages for 1 (ratio 2); big: 15 villages for 10 (ratio 1.5); budget 10
    const inst: SitingInstance = {
      weights: Array.from({ length: 17 }, () => 1),
      candidates: [cand('small', 1, 0, 1), cand('big', 10, ...Array.from({ length: 15 }, (_, i) => i + 2))],
    };
    const p = prepareInstance(inst);
    expect(lazyGreedy(p, p.weight, { maxCount: Infinity, budget: 10, ratio: true })).toEqual([0]);
    const r = await planSiting(inst, { kind: 'budget', budget: 10 });
    expect(r.chosen).toEqual(['big']);
    expect(r.objective).toBe(15);
    expect(r.cost).toBe(10);
    expect(r.bound).toBeGreaterThanOrEqual(15);
    expect(r.bound).toBeLessThanOrEqual(17);
  });

  it('cover-all: the least cost serving every reachable village, redundant stations dropped', async () => {
    // cheap pair X + Y (cost 2 + 2) against the big one Z (cost 5) that the ratio greedy takes first
    const inst: SitingInstance = {
      weights: [10, 20, 30, 40, 5],
      villageIds: ['a', 'b', 'c', 'd', 'lost'],
      candidates: [cand('Z', 5, 0, 1, 2, 3), cand('X', 2, 0, 1), cand('Y', 2, 2, 3), cand('W', 9, 3)],
    };
    const r = await planSiting(inst, { kind: 'coverAll' });
    expect(new Set(r.chosen)).toEqual(new Set(['X', 'Y']));
    expect(r.cost).toBe(4);
    expect(r.objective).toBe(100);
    expect(r.unreachable).toEqual(['lost']);
    expect(r.bound).toBeLessThanOrEqual(4);
  });

  it('does not change its input', async () => {
    const copy = { weights: [...TRAP.weights as number[]], candidates: TRAP.candidates.map((c) => ({ ...c, serves: c.serves.slice() })) };
    await planSiting(TRAP, { kind: 'k', k: 2 });
    expect(TRAP.weights).toEqual(copy.weights);
    TRAP.candidates.forEach((c, j) => expect(c.serves).toEqual(copy.candidates[j].serves));
  });
});

describe('bounds without a solver are valid (brute force on random instances)', () => {
  const brute = (inst: SitingInstance, k: number): number => {
    const m = inst.candidates.length;
    let best = 0;
    for (let mask = 0; mask < 1 << m; mask++) {
      let bits = 0;
      for (let j = 0; j < m; j++) if (mask & (1 << j)) bits++;
      if (bits > k) continue;
      const hit = new Set<number>();
      for (let j = 0; j < m; j++) if (mask & (1 << j)) inst.candidates[j].serves.forEach((i) => hit.add(i));
      let s = 0;
      hit.forEach((i) => (s += inst.weights[i]));
      best = Math.max(best, s);
    }
    return best;
  };
  it('greedy + swap ≤ optimum ≤ marginal-gain bound and ≤ Lagrangian bound, 60 seeds', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed);
      const n = 12 + Math.floor(r() * 8);
      const m = 6 + Math.floor(r() * 6);
      const weights = Array.from({ length: n }, () => 1 + Math.floor(r() * 50));
      const candidates = Array.from({ length: m }, (_, j) => cand(`c${j}`, 1, ...Array.from({ length: n }, (_, i) => i).filter(() => r() < 0.25)));
      const inst = { weights, candidates };
      const k = 1 + Math.floor(r() * 4);
      const opt = brute(inst, k);
      const plan = await planSiting(inst, { kind: 'k', k });
      const p = prepareInstance(inst);
      expect(plan.objective, `seed ${seed}`).toBeLessThanOrEqual(opt);
      expect(plan.bound, `seed ${seed}`).toBeGreaterThanOrEqual(opt);
      expect(cheapBound(p, { kind: 'k', k }, plan.chosenIndex).bound).toBeGreaterThanOrEqual(opt);
      expect(lagrangianBound(p, { kind: 'k', k }, 0)).toBeGreaterThanOrEqual(opt - 1e-9);
      if (plan.optimal) expect(plan.objective).toBe(opt);
    }
  });
});

describe('input errors', () => {
  it('names the bad field', async () => {
    await expect(planSiting({ weights: [1, -2], candidates: [] }, { kind: 'k', k: 1 })).rejects.toThrow(InputError);
    await expect(planSiting({ weights: [1, -2], candidates: [] }, { kind: 'k', k: 1 })).rejects.toThrow('weights[1]: must be a finite number ≥ 0, got -2');
    await expect(planSiting({ weights: [1], candidates: [cand('a', 1, 3)] }, { kind: 'k', k: 1 })).rejects.toThrow('candidates[0].serves[0]: village index 3 is outside 0…0');
    await expect(planSiting({ weights: [1], candidates: [cand('a', 1, 0), cand('a', 2, 0)] }, { kind: 'k', k: 1 })).rejects.toThrow('candidates[1].id: "a" is given twice');
    await expect(planSiting({ weights: [1], candidates: [cand('a', NaN, 0)] }, { kind: 'k', k: 1 })).rejects.toThrow('candidates[0].cost: must be a finite number ≥ 0, got NaN');
    await expect(planSiting(TRAP, { kind: 'k', k: 0 })).rejects.toThrow('k: must be an integer ≥ 1, got 0');
    await expect(planSiting(TRAP, { kind: 'budget', budget: -1 })).rejects.toThrow('budget: must be a finite number ≥ 0, got -1');
  });
});

describe('planSiting with an injected solver', () => {
  it('keeps the solver plan when better, drops the stations in it that add nothing, and reports the solver bound', async () => {
    // the greedy trap with a free, useless station D (it serves only a village of weight 0)
    const inst: SitingInstance = { weights: [...(TRAP.weights as number[]), 0], candidates: [...TRAP.candidates, cand('D', 0, 7)] };
    const calls: string[] = [];
    const solver: LpSolver = async (model) => {
      calls.push(model.integer ? 'ilp' : 'lp');
      // x: A, B, C, D — the program's answer B + C, with D switched on for free
      return model.integer
        ? { status: 'optimal', objective: 6, dualBound: 6, values: Float64Array.of(0, 1, 1, 1), detail: 'optimal', seconds: 0 }
        : { status: 'optimal', objective: 6.5, dualBound: 6.5, values: null, detail: 'optimal', seconds: 0 };
    };
    const r = await planSiting(inst, { kind: 'budget', budget: 2 }, { lagrangian: false, maxSwapPasses: 0 }, solver);
    expect(calls).toEqual(['lp', 'ilp']);
    expect(new Set(r.chosen)).toEqual(new Set(['B', 'C']));
    expect(r.cost).toBe(2);
    expect(r.objective).toBe(6);
    expect(r.bound).toBe(6);
    expect(r.optimal).toBe(true);
    expect(r.method).toContain('integer program (HiGHS) improved the plan');
  });

  it('a failed solver leaves the heuristic plan and its cheap bound', async () => {
    const solver: LpSolver = async () => ({ status: 'failed', objective: null, dualBound: null, values: null, detail: 'HiGHS failed: test', seconds: 0 });
    const r = await planSiting(TRAP, { kind: 'k', k: 1 }, { lagrangian: false }, solver);
    expect(r.chosen).toEqual(['A']);
    expect(r.bound).toBeGreaterThanOrEqual(4);
    expect(r.method).toContain('HiGHS failed: test');
  });
});
