/**
 * Scenario evaluation on the demo province (issue 8's bars): a scenario adding 40 stations, one at
 * each of the 40 highest-priority gap villages, evaluated cold (the stations' rasters not in the
 * cache: ≤ 30 s) and warm (cached: ≤ 1 s); one station moved in it, re-evaluated (≤ 2 s); the
 * memory of the evaluated scenario against the baseline composite's (target < 10 %). The
 * reference run in the same process: the baseline composite merged from the cache.
 * The baseline's site rasters must be in DATA_DIR's cache (after `npm run seed` or a server
 * start); with a cold cache the province is computed first (minutes).
 * Run by hand: npx tsx bench/scenario.bench.ts [--data-dir DIR] [--runs N]
 */
import { loadavg } from 'node:os';
import { benchFlag, machineLine, median } from './proc';
import { asGrid, type Composite } from '../core/coverage';
import { findGaps, villageStatus } from '../core/gaps';
import type { SiteFeature } from '../core/model/types';
import { coverageSite } from '../server/coverage';
import type { CoverageProvider } from '../server/services/coverageProvider';
import { evaluateScenario, type EvaluationReport } from '../server/services/scenarioEvaluation';
import { openBenchRuntime } from './runtime';

const args = process.argv.slice(2);
const flag = benchFlag;
const dataDir = flag('--data-dir') ?? process.env.DATA_DIR ?? 'data';
const runs = Math.max(1, Number(flag('--runs') ?? 5));
const skipCold = args.includes('--no-cold');
const STATIONS = 40;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(machineLine());

const runtime = await openBenchRuntime(dataDir);
const geo = runtime.data.geodata;
const pipeline = runtime.pipeline!;
try {
  const sites = geo.sites.features as SiteFeature[];
  const t0 = performance.now();
  const run = await pipeline.composite(sites.map(coverageSite));
  const referenceS = (performance.now() - t0) / 1000;
  const base: Composite = run.composite;
  const denseBytes = [...base.layers.values()].reduce((n, l) => n + l.bestDbm.byteLength + l.serverCount.byteLength + l.bestSite.byteLength, 0);
  console.log(`baseline: ${sites.length} sites, composite ${base.width}×${base.height}, ${base.layers.size} layers, ${(denseBytes / 2 ** 20).toFixed(0)} MiB; from the cache in ${referenceS.toFixed(2)} s (${run.computed} computed, ${run.cached} cached) — the reference run`);
  const baseline: CoverageProvider = {
    sites, options: pipeline.options, version: pipeline.version(sites.map(coverageSite)),
    status: () => ({ state: 'ready', done: sites.length, total: sites.length }), composite: () => asGrid(base),
  };

  // 40 new stations, one 150 m east of each of the 40 highest-priority gap villages
  const gaps = findGaps({ villages: geo.villages.features, sites, powerLines: geo.powerLines.features, communes: geo.communes.features, composite: base, status: villageStatus(geo.villages.features, base) });
  const station = (k: number, dLon = 0): SiteFeature => ({
    type: 'Feature', geometry: { type: 'Point', coordinates: [gaps[k].lon + 0.0015 + dLon, gaps[k].lat] },
    properties: {
      id: `BENCH-${String(k).padStart(2, '0')}`, name: `Bench ${k}`, operator: ['Viettel', 'VNPT/Vinaphone', 'MobiFone'][k % 3], antennaHeightM: 40,
      status: 'planned', power: 'solar', backhaul: 'microwave', synthetic: true,
      cells: [{ tech: '2G', freqMHz: 900, eirpDbm: 56 }, { tech: '4G', freqMHz: 1800, eirpDbm: 61 }],
    },
  });
  const added = Array.from({ length: Math.min(STATIONS, gaps.length) }, (_, k) => station(k));
  const evaluate = (network: SiteFeature[]): Promise<EvaluationReport & { gapsAfter: number }> =>
    new Promise((resolveRun, reject) => {
      const p = evaluateScenario(pipeline, baseline, network, (report, grid) => {
        resolveRun({ ...report, gapsAfter: villageStatus(geo.villages.features, grid).filter((s) => !s.covered).length });
      });
      const poll = setInterval(() => {
        if (p.status().state === 'failed') {
          clearInterval(poll);
          reject(new Error(p.status().error));
        } else if (p.status().state === 'ready') clearInterval(poll);
      }, 20);
    });
  const forget = (fs: SiteFeature[]) => {
    for (const f of fs) pipeline.evict(coverageSite(f));
  };
  const network = [...sites, ...added];

  const cold: number[] = [];
  let last: (EvaluationReport & { gapsAfter: number }) | null = null;
  for (let r = 0; r < (skipCold ? 0 : Math.min(runs, 3)); r++) {
    forget(added);
    const t = performance.now();
    last = await evaluate(network);
    cold.push((performance.now() - t) / 1000);
    if (last.computed !== added.length) throw new Error(`cold run computed ${last.computed} rasters, expected ${added.length}`);
  }
  if (!skipCold) console.log(`${added.length} stations added, cold (their rasters computed on ${pipeline.pool?.size ?? 0} workers): median of ${cold.length} ${median(cold).toFixed(2)} s (min ${Math.min(...cold).toFixed(2)}, max ${Math.max(...cold).toFixed(2)}); bar ≤ 30 s ${median(cold) <= 30 ? 'met' : 'NOT met'}; villages without signal ${gaps.length} → ${last?.gapsAfter}`);

  const warm: number[] = [];
  const warmCpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const c = process.cpuUsage();
    last = await evaluate(network);
    const u = process.cpuUsage(c);
    warm.push((performance.now() - t) / 1000);
    warmCpu.push((u.user + u.system) / 1e6);
  }
  console.log(`${added.length} stations added, warm (rasters from the cache): median of ${runs} ${median(warm).toFixed(3)} s wall, ${median(warmCpu).toFixed(3)} s CPU (min ${Math.min(...warm).toFixed(3)}, max ${Math.max(...warm).toFixed(3)} s wall); bar ≤ 1 s ${median(warm) <= 1 ? 'met' : 'NOT met'}; ${(median(warm) / referenceS).toFixed(2)}× the baseline's merge from the cache`);

  const moved: number[] = [];
  for (let r = 0; r < runs; r++) {
    // station 0 moved 300 m further each run: one raster computed, 39 read
    const next = network.map((f) => (f.properties.id === 'BENCH-00' ? station(0, 0.003 * (r + 1)) : f));
    forget([next.find((f) => f.properties.id === 'BENCH-00') as SiteFeature]);
    const t = performance.now();
    last = await evaluate(next);
    moved.push((performance.now() - t) / 1000);
  }
  console.log(`one station moved, re-evaluated: median of ${runs} ${median(moved).toFixed(2)} s (min ${Math.min(...moved).toFixed(2)}, max ${Math.max(...moved).toFixed(2)}); bar ≤ 2 s ${median(moved) <= 2 ? 'met' : 'NOT met'}`);
  const bytes = last?.bytes ?? 0;
  console.log(`memory of the evaluated scenario: overlay ${(bytes / 2 ** 20).toFixed(1)} MiB (${last?.patchedCells} patched cells) = ${((100 * bytes) / denseBytes).toFixed(1)} % of the baseline composite's ${(denseBytes / 2 ** 20).toFixed(0)} MiB; target < 10 % ${bytes < 0.1 * denseBytes ? 'met' : 'NOT met'}`);

  // removing sites needs the neighbours' rasters: 10 existing sites decommissioned
  const removedIds = new Set(sites.filter((_, i) => i % 120 === 7).slice(0, 10).map((s) => s.properties.id));
  const rem: number[] = [];
  for (let r = 0; r < Math.min(runs, 3); r++) {
    const t = performance.now();
    last = await evaluate(sites.filter((s) => !removedIds.has(s.properties.id)));
    rem.push((performance.now() - t) / 1000);
  }
  console.log(`${removedIds.size} sites removed: median of ${rem.length} ${median(rem).toFixed(2)} s (${last?.rasters} rasters read), villages without signal ${gaps.length} → ${last?.gapsAfter}, overlay ${((last?.bytes ?? 0) / 2 ** 20).toFixed(1)} MiB`);
  console.log(`load average at the end: ${load()}`);
} finally {
  await runtime.close();
}
