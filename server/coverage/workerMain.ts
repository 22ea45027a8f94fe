/**
 * Coverage worker: holds the shared DEM and runs radial chunks (radialLossRange) or whole sites
 * (siteCoverage) or one site's levels at a few cells (levelsAt) for the pool (pool.ts). Started through worker.mjs.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { radialLossRange, siteCoverage } from '../../core/coverage';
import { levelsAtCells, sparseSiteCoverage } from '../../core/coverage/levelsAt';
import { planRows } from '../../core/coverage/radials';
import type { RadialPlan } from '../../core/coverage/radials';
import type { DemGrid } from '../../core/model/types';
import { finishSiteCoverage } from './cache';
import { WORKER_NICE, type CoverageWorkerData, type FromWorker, type PlanMessage, type RadialsMessage, type ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('workerMain.ts must run in a worker thread (see server/coverage/pool.ts)');

export { WORKER_NICE };
// below the thread that answers HTTP by default (protocol.ts); the CLI's one-shot sweep keeps the
// process's own (null)
const nice = (workerData as CoverageWorkerData | undefined)?.nice;
try {
  if (nice !== null) setPriority(0, nice ?? WORKER_NICE);
} catch {
  // not allowed here (some containers, other systems): the sweeps keep the default priority
}
let dem: DemGrid | null = null;
let demId = -1;

function post(m: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(m, transfer);
}

function runRadials(m: RadialsMessage, grid: DemGrid): void {
  const counters = new Int32Array(m.counters);
  const plan: RadialPlan = { ...m.plan, need: new Uint8Array(m.need), cellPoint: new Int32Array(0) };
  const outs = m.outs.map((b) => new Float32Array(b));
  for (;;) {
    const c = Atomics.add(counters, 0, 1);
    if (c >= m.chunkCount) break;
    const k0 = c * m.chunkRadials;
    radialLossRange(grid, m.tx, m.freqsMHz, m.options, plan, k0, Math.min(plan.radialCount, k0 + m.chunkRadials), outs);
    Atomics.add(counters, 1, 1);
  }
}

function runPlan(m: PlanMessage, grid: DemGrid): void {
  const counters = new Int32Array(m.counters);
  const plan: RadialPlan = { ...m.plan, need: new Uint8Array(m.need), cellPoint: new Int32Array(m.cellPoint) };
  for (;;) {
    const b = Atomics.add(counters, 0, 1);
    if (b >= m.bandCount) break;
    const r0 = b * m.bandRows;
    planRows(grid, m.tx, plan, r0, Math.min(plan.height, r0 + m.bandRows));
    Atomics.add(counters, 1, 1);
  }
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'dem') {
    dem = { width: m.width, height: m.height, transform: m.transform, data: new Float32Array(m.data) };
    demId = m.demId;
    return;
  }
  try {
    if (!dem || m.demId !== demId) throw new Error(`coverage worker: DEM ${m.demId} was not sent before job ${m.jobId}`);
    if (m.type === 'radials') {
      runRadials(m, dem);
      post({ type: 'radialsDone', jobId: m.jobId });
    } else if (m.type === 'plan') {
      runPlan(m, dem);
      post({ type: 'planDone', jobId: m.jobId });
    } else if (m.type === 'levelsAt') {
      const levels = levelsAtCells(sparseSiteCoverage(dem, m.site, m.options, m.cells), dem, m.cells);
      post({ type: 'levels', jobId: m.jobId, levels }, Object.values(levels).map((a) => (a as Float32Array).buffer as ArrayBuffer));
    } else {
      const coverage = siteCoverage(dem, m.site, m.options);
      if (m.finish) finishSiteCoverage(coverage, m.finish);
      const buffers = Object.values(coverage.levelDbm).map((a) => (a as Float32Array).buffer as ArrayBuffer);
      post({ type: 'site', jobId: m.jobId, coverage }, buffers);
    }
  } catch (err) {
    const e = err as Error & { path?: string };
    post({ type: 'error', jobId: m.jobId, message: e.message, name: e.name, path: e.path });
  }
});
