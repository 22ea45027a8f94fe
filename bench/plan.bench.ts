/**
 * Siting on the demo province (issue 9's bars), in process:
 * 1. what 500 candidates serve — 500 high-ground candidates near the 138 gap villages (no village
 *    or upgrade candidates, so exactly 500), their levels at the gap villages' cells from the
 *    coverage pipeline on its worker pool (pipeline.levelsAt: only the radials the villages read):
 *    cold (a fresh pipeline: nothing in memory; bar ≤ 20 s) and warm (asked again; bar ≤ 2 s);
 *    the reference run in the same process: the full rasters of 20 of those candidates
 *    (pipeline.preview), scaled to 500;
 * 2. the default plan (every candidate kind: high ground, by the villages, upgrades), its greedy +
 *    swap + bound without a solver for every coverable village and for k = 10, 20, 40 (bar ≤ 2 s),
 *    and the exact solve by HiGHS (bar ≤ 60 s) with the greedy's gap to the optimum.
 * The baseline's site rasters must be in DATA_DIR's cache (after `npm run seed` or a server start).
 * Run by hand: npx tsx bench/plan.bench.ts [--data-dir DIR] [--runs N]
 */
import { loadavg } from 'node:os';
import { benchFlag, machineLine, median } from './proc';
import { asGrid } from '../core/coverage';
import { villageStatus } from '../core/gaps';
import type { SiteFeature, VillageFeature } from '../core/model/types';
import type { SitingGoal } from '../core/siting';
import { coverageSite, type CoveragePipeline } from '../server/coverage';
import { createHighsSolver } from '../server/siting/highsSolver';
import { makePlan, type PlanNetwork, type PlanRequest } from '../server/siting/planner';
import { openBenchRuntime } from './runtime';

const dataDir = benchFlag('--data-dir') ?? process.env.DATA_DIR ?? 'data';
const runs = Math.max(1, Number(benchFlag('--runs') ?? 3));
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const ok = (met: boolean): string => (met ? 'met' : 'NOT met');
console.log(machineLine());

// the runtime of part 2; part 1 opens a fresh one a run (its pipeline cold: nothing in memory)
const runtime = await openBenchRuntime(dataDir);
const geo = runtime.data.geodata;
const sites = geo.sites.features as SiteFeature[];
const villages = geo.villages.features as VillageFeature[];
const network = async (pipeline: CoveragePipeline): Promise<PlanNetwork> => {
  const { composite } = await pipeline.composite(sites.map(coverageSite));
  return {
    sites, villages, powerLines: geo.powerLines.features as PlanNetwork['powerLines'], composite: asGrid(composite),
    status: villageStatus(villages, composite), gapOptions: {}, outline: geo.outline,
  };
};
const request = (goal: SitingGoal, candidates: PlanRequest['candidates'] = {}): PlanRequest => ({
  idPrefix: 'bench', objective: 'villages', goal, tech: null, operator: null, scenario: null, costs: {}, candidates, sites: [], timeLimitS: 60,
});

// 1. what 500 candidates serve, cold and warm
const only500 = { maxCandidates: 500, villageSites: false, upgrades: false };
const cold: number[] = [];
const warm: number[] = [];
let evaluated = 0;
for (let r = 0; r < runs; r++) {
  const fresh = await openBenchRuntime(dataDir);
  const pipeline = fresh.pipeline!;
  try {
    const net = await network(pipeline);
    const a = await makePlan(request({ kind: 'k', k: 10 }, only500), net, pipeline, undefined);
    const b = await makePlan(request({ kind: 'k', k: 10 }, only500), net, pipeline, undefined);
    cold.push(a.seconds.serves);
    warm.push(b.seconds.serves);
    evaluated = a.candidates.evaluated;
    if (r === 0) {
      // the reference: full rasters of 20 candidates on the same pool
      const gen = a.stations.features.length > 0 ? a.stations.features[0].properties.site : null;
      if (gen) {
        const t0 = performance.now();
        for (let q = 0; q < 20; q++) {
          const s = { ...gen, geometry: { ...gen.geometry, coordinates: [gen.geometry.coordinates[0] + q * 0.01, gen.geometry.coordinates[1]] } };
          await pipeline.preview(coverageSite(s as SiteFeature), pipeline.options.radiusM, pipeline.options.modelId);
        }
        const per = (performance.now() - t0) / 1000 / 20;
        console.log(`reference: a candidate's full raster ${(per * 1000).toFixed(0)} ms on the pool → 500 would take ${(per * 500).toFixed(1)} s`);
      }
    }
  } finally {
    await fresh.close();
  }
}
console.log(`what ${evaluated} candidates serve (${runs} runs, load ${load()}): cold median ${median(cold).toFixed(2)} s (max ${Math.max(...cold).toFixed(2)}), bar ≤ 20 s ${ok(median(cold) <= 20)}; warm median ${median(warm).toFixed(2)} s (max ${Math.max(...warm).toFixed(2)}), bar ≤ 2 s ${ok(median(warm) <= 2)}`);

// 2. the default plan: greedy + swap + bound, then the exact solve
const pipeline = runtime.pipeline!;
const highs = createHighsSolver();
try {
  const net = await network(pipeline);
  const first = await makePlan(request({ kind: 'coverAll' }), net, pipeline, undefined);
  console.log(`demo plan candidates: ${JSON.stringify(first.candidates)}; what they serve ${first.seconds.serves.toFixed(1)} s`);
  for (const goal of [{ kind: 'coverAll' }, { kind: 'k', k: 10 }, { kind: 'k', k: 20 }, { kind: 'k', k: 40 }] as SitingGoal[]) {
    const name = goal.kind === 'k' ? `k = ${goal.k}` : 'every village';
    const heur: number[] = [];
    let h = first;
    for (let r = 0; r < runs; r++) {
      h = await makePlan(request(goal), net, pipeline, undefined);
      heur.push(h.seconds.optimise);
    }
    const e = await makePlan(request(goal), net, pipeline, highs.solve);
    const hv = goal.kind === 'coverAll' ? h.cost : h.objectiveValue;
    const ev = goal.kind === 'coverAll' ? e.cost : e.objectiveValue;
    const gap = goal.kind === 'coverAll' ? (hv - ev) / ev : (ev - hv) / ev;
    console.log(
      `  ${name}: greedy + swap + ${h.boundKind} median ${(median(heur) * 1000).toFixed(0)} ms (bar ≤ 2 s ${ok(median(heur) <= 2)}), ${goal.kind === 'coverAll' ? `cost ${hv.toLocaleString('en-GB')}` : `${hv} villages`}, gap to its bound ${(100 * h.gap).toFixed(2)} %; ` +
        `exact (HiGHS) ${e.seconds.optimise.toFixed(2)} s (bar ≤ 60 s ${ok(e.seconds.optimise <= 60)}), ${e.optimal ? 'optimal' : `gap ${(100 * e.gap).toFixed(2)} %`}, ${e.stations.features.length} stations; greedy + swap within ${(100 * gap).toFixed(2)} % of it`,
    );
  }
} finally {
  await highs.close();
  await runtime.close();
}
