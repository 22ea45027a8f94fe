/**
 * The siting optimiser (core/siting) on seeded random instances (tests/helpers/sitingInstance.ts:
 * villages and candidates uniform in the unit square, a candidate serving the villages within a
 * radius, integer weights 1…500 or 1…1000):
 * 1. 5,000 villages × 2,000 candidates: greedy + 1-swap + bound without a solver (the Lagrangian
 *    bound), k = 10, 50, 200; bar ≤ 2 s. For comparison the LP relaxation by HiGHS (worker thread).
 * 2. demo-sized, 2,000 villages × 500 candidates: greedy + swap + bound (bar ≤ 2 s), and the exact
 *    integer program (HiGHS, bar ≤ 60 s) for k = 10, 20, 40, with the gap of greedy + swap to
 *    the optimum (bar ≤ 1 %).
 * Median of --runs runs (default 5) after one warm-up.
 * Run by hand: npx tsx bench/siting.bench.ts [--runs N]
 */
import { machineLine, median } from './proc';
import { planSiting, type SitingGoal, type SitingInstance } from '../core/siting';
import { createHighsSolver } from '../server/siting/highsSolver';
import { randomInstance } from '../tests/helpers/sitingInstance';

const args = process.argv.slice(2);
const i = args.indexOf('--runs');
const runs = Math.max(1, Number(i >= 0 ? args[i + 1] : 5));
const nonzeros = (inst: SitingInstance): number => inst.candidates.reduce((s, c) => s + c.serves.length, 0);
const ok = (met: boolean): string => (met ? 'met' : 'NOT met');
/** Run `fn` `warm` times untimed, then `n` times timed: the last result and the times in ms. */
async function timed<T>(n: number, warm: number, fn: () => Promise<T>): Promise<{ last: T; ms: number[] }> {
  let last = undefined as T;
  const ms: number[] = [];
  for (let r = 0; r < warm + n; r++) {
    const t0 = performance.now();
    last = await fn();
    if (r >= warm) ms.push(performance.now() - t0);
  }
  return { last, ms };
}

console.log(machineLine());
const highs = createHighsSolver();
try {
  const large = randomInstance({ villages: 5000, candidates: 2000, radius: 0.045, seed: 1, maxWeight: 500 });
  console.log(`large: 5,000 villages × 2,000 candidates, ${nonzeros(large)} nonzeros (seed 1)`);
  for (const k of [10, 50, 200]) {
    const goal: SitingGoal = { kind: 'k', k };
    const { last, ms } = await timed(runs, 1, () => planSiting(large, goal, { lpBound: false, exact: false }));
    const { last: lp, ms: lpMs } = await timed(Math.min(3, runs), 0, () => planSiting(large, goal, { lagrangian: false, exact: false }, highs.solve));
    console.log(
      `  k = ${k}: greedy + swap + ${last.boundKind}: median ${median(ms).toFixed(0)} ms (min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)}); ` +
        `served ${last.objective}, bound ${last.bound}, gap ${(100 * last.gap).toFixed(2)} %; bar ≤ 2 s ${ok(median(ms) <= 2000)}. ` +
        `With HiGHS's LP relaxation instead: median ${median(lpMs).toFixed(0)} ms, bound ${lp.bound} (${lp.boundKind})`,
    );
  }

  const demo = randomInstance({ villages: 2000, candidates: 500, radius: 0.07, seed: 2, maxWeight: 1000 });
  console.log(`demo-sized: 2,000 villages × 500 candidates, ${nonzeros(demo)} nonzeros (seed 2)`);
  for (const k of [10, 20, 40]) {
    const goal: SitingGoal = { kind: 'k', k };
    const { last: heur, ms } = await timed(runs, 1, () => planSiting(demo, goal, { lpBound: false, exact: false }));
    // the exact program always runs: the heuristic's own proof is switched off
    const { last: exact, ms: exactMs } = await timed(Math.min(3, runs), 0, () => planSiting(demo, goal, { lagrangian: false, lpBound: false, timeLimitS: 60 }, highs.solve));
    const exactS = exactMs.map((t) => t / 1000);
    const ref = exact.optimal ? exact.objective : exact.bound;
    const gap = (ref - heur.objective) / ref;
    console.log(
      `  k = ${k}: greedy + swap + bound median ${median(ms).toFixed(0)} ms (bar ≤ 2 s ${ok(median(ms) <= 2000)}), served ${heur.objective}, bound ${heur.bound} (${heur.boundKind}); ` +
        `exact: median ${median(exactS).toFixed(1)} s (runs ${exactS.map((s) => s.toFixed(1)).join(', ')}; bar ≤ 60 s ${ok(median(exactS) <= 60)}), ${exact.optimal ? 'optimal' : `not proven, bound ${exact.bound}`} ${exact.objective}; ` +
        `greedy + swap is ${(100 * gap).toFixed(3)} % below the ${exact.optimal ? 'optimum' : 'bound'} (bar ≤ 1 % ${ok(gap <= 0.01)})`,
    );
  }
} finally {
  await highs.close();
}
console.log(`${machineLine()} (at the end)`);
