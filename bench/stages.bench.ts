/**
 * Where a province site's time goes (issue 21): demo sites at 3″ (the pipeline's coverage DEM),
 * each stage of the worker's path — plan, radial losses, gather, levels, quantise, floor,
 * compress, write — timed by CPU (process.cpuUsage: this thread and V8's helpers; steadier than
 * wall time on a shared machine), after a warm-up. Also checks the stored file of each site
 * against the pipeline's own (the bytes the cache would hold), so a speed-up that changes a
 * stored number shows here.
 * Run by hand: npx tsx bench/stages.bench.ts [--sites N] [--runs N]
 * For the split of the radial losses (profiles, horizons, fits, ITM terms): add
 * `node --cpu-prof --cpu-prof-dir DIR --import tsx` and summarise DIR with bench/cpuprofile.ts.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveCoverageOptions } from '../core/coverage/options';
import { planRadials } from '../core/coverage/radials';
import { radialLossRange } from '../core/coverage/radialLosses';
import { checkPathLoss, gatherLossRaster, levelsFromLosses } from '../core/coverage/siteCoverage';
import type { SiteCoverage } from '../core/coverage/types';
import { encodeCoverage, finishSiteCoverage, writeCoverageFile } from '../server/coverage/cache';
import { CoveragePipeline, coverageSite, PIPELINE_SETTINGS } from '../server/coverage/pipeline';
import { loadGeodata } from '../server/data/geodata';
import { benchFlag, machineLine, median } from './proc';

const siteCount = Number(benchFlag('--sites') ?? 20);
const runs = Number(benchFlag('--runs') ?? 3);
const cpuMs = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1000;

console.log(machineLine());
let c0 = process.cpuUsage();
const geo = await loadGeodata(new URL('../geodata/covgap.json', import.meta.url).pathname);
const pipeline = new CoveragePipeline(geo.dem, { dataDir: null, workers: 0 });
const dem = pipeline.dem;
console.log(`reading the DEM (geodata ${geo.dem.width}×${geo.dem.height}, averaged to ${dem.width}×${dem.height}): ${cpuMs(process.cpuUsage(c0)).toFixed(0)} ms CPU, once per process`);
const o = resolveCoverageOptions(PIPELINE_SETTINGS.coverage);
const sites = geo.sites.features.slice(0, siteCount).map(coverageSite);
const dir = mkdtempSync(join(tmpdir(), 'covgap-stages-'));

const STAGES = ['plan', 'radial losses', 'gather', 'levels (antenna + per tech)', 'quantise + floor', 'compress', 'write'] as const;
type Stage = (typeof STAGES)[number];

/** One site through the stages; returns the CPU ms of each, the cells and samples, and the stored bytes' hash. */
function oneSite(i: number): { ms: Record<Stage, number>; cells: number; samples: number; hash: string } {
  const site = sites[i];
  const ms = {} as Record<Stage, number>;
  let t = process.cpuUsage();
  const lap = (s: Stage): void => {
    const now = process.cpuUsage();
    ms[s] = cpuMs({ user: now.user - t.user, system: now.system - t.system });
    t = now;
  };
  const tx = { lon: site.lon, lat: site.lat, heightAglM: site.antennaHeightM };
  const freqs = [...new Set(site.cells.map((c) => c.freqMHz))];
  checkPathLoss(dem, tx, freqs, o);
  const plan = planRadials(dem, tx, o.radiusM, o.radialDensity);
  lap('plan');
  const radials = freqs.map(() => new Float32Array(plan.radialCount * plan.samplesPerRadial));
  radialLossRange(dem, tx, freqs, o, plan, 0, plan.radialCount, radials);
  lap('radial losses');
  const losses = radials.map((r) => gatherLossRaster(plan, r));
  lap('gather');
  const cov: SiteCoverage = levelsFromLosses(dem, site, new Map(freqs.map((f, k) => [f, losses[k]])), o);
  lap('levels (antenna + per tech)');
  finishSiteCoverage(cov, { thresholdsDbm: o.thresholdsDbm, floorDb: PIPELINE_SETTINGS.floorBelowThresholdDb, store: null });
  lap('quantise + floor');
  const bytes = encodeCoverage(cov);
  lap('compress');
  writeCoverageFile(dir, `s${i}`, cov);
  lap('write');
  let cells = 0;
  for (let c = 0; c < plan.cellPoint.length; c++) if (plan.cellPoint[c] >= 0) cells++;
  let samples = 0;
  for (let p = 0; p < plan.need.length; p++) samples += plan.need[p];
  return { ms, cells, samples, hash: createHash('sha256').update(bytes).digest('hex').slice(0, 16) };
}

try {
  oneSite(0); // warm-up (JIT)
  const perStage = new Map<Stage, number[]>(STAGES.map((s) => [s, []]));
  const totals: number[] = [];
  let cells = 0;
  let samples = 0;
  const hashes: string[] = [];
  for (let r = 0; r < runs; r++) {
    for (let i = 0; i < sites.length; i++) {
      const res = oneSite(i);
      for (const s of STAGES) perStage.get(s)!.push(res.ms[s]);
      totals.push(STAGES.reduce((n, s) => n + res.ms[s], 0));
      if (r === 0) {
        cells += res.cells;
        samples += res.samples;
        hashes.push(res.hash);
      }
    }
  }
  const total = median(totals);
  console.log(`\n${sites.length} demo sites × ${runs} runs, 3″, ${o.radiusM / 1000} km, ITM; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('| stage | median CPU ms a site | share of the median site |');
  console.log('| --- | ---: | ---: |');
  for (const s of STAGES) {
    const m = median(perStage.get(s)!);
    console.log(`| ${s} | ${m.toFixed(1)} | ${((100 * m) / total).toFixed(1)} % |`);
  }
  const sorted = [...totals].sort((a, b) => a - b);
  console.log(`| **a site** | **${total.toFixed(1)}** (p90 ${sorted[Math.floor(0.9 * (sorted.length - 1))].toFixed(1)}, max ${sorted[sorted.length - 1].toFixed(1)}) | |`);
  console.log(`\ncells a site (mean) ${(cells / sites.length).toFixed(0)}, needed radial samples a site ${(samples / sites.length).toFixed(0)}; CPU per cell ${((1000 * total) / (cells / sites.length)).toFixed(2)} µs`);
  console.log(`stored bytes (sha256 of encodeCoverage, first 16 hex digits, site by site): ${createHash('sha256').update(hashes.join()).digest('hex').slice(0, 16)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
