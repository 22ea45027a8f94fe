/**
 * A pool of coverage workers (worker_threads) sharing one DEM through a SharedArrayBuffer.
 *
 *  - `planRadials` and `radialLosses`: one site's plan (bands of rows) and radials (chunks of 64)
 *    split so that every worker takes parts in turn (an atomic counter), and the calling thread
 *    too when `callerTakesParts` is set (the CLI: one site, the fastest wall time; a worker still
 *    starting up then costs nothing). A server leaves it off, so a preview never blocks its
 *    event loop;
 *  - `siteCoverage`: whole sites queued over the workers (the province run).
 *
 * Workers run workerMain.ts bundled by esbuild (workerBundle.ts). Close the pool when done
 * (`await pool.close()`).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CoverageOptions } from '../../core/coverage/options';
import { planGeometry, planRows, type RadialPlan } from '../../core/coverage/radials';
import { radialLossRange } from '../../core/coverage/radialLosses';
import type { SiteCoverage, Transmitter } from '../../core/coverage/types';
import { InputError } from '../../core/errors';
import type { DemGrid, Tech } from '../../core/model/types';
import { WORKER_NICE, type CoverageSite, type CoverageWorkerData, type FromWorker, type ToWorker } from './protocol';
import type { SiteFinish } from './cache';
import { workerEntry } from './workerBundle';

/** Radials per chunk of a split site (a multiple of 4, the Δh radial spacing). */
const CHUNK_RADIALS = 64;
/** Window rows per band of a split plan. */
const BAND_ROWS = 8;

/** A site's levels at a few cells, per technology (levelsAt). */
export type CellLevels = Partial<Record<Tech, Float32Array>>;

interface Pending {
  resolve: (v: SiteCoverage | CellLevels | null) => void;
  reject: (e: Error) => void;
}

export interface CoveragePoolOptions {
  /** Number of workers (default: available cores, at least 1). */
  workers?: number;
  /**
   * Whether the calling thread takes parts of a split sweep too (planRadials, radialLosses).
   * Default false: the caller's event loop stays free (a server answering while previews run);
   * the CLI turns it on for its one site.
   */
  callerTakesParts?: boolean;
  /**
   * The nice value each worker gives itself (−20 to 19; Linux sets it per thread), or null to keep
   * the process's. Default WORKER_NICE (10): a server's sweeps yield the cores to the thread that
   * answers HTTP. The CLI passes null: its one sweep is all it does, and at 10 its worker got a
   * small share of a busy machine's cores (the main thread then waited for its last chunks).
   */
  workerNice?: number | null;
}

/** The DEM with its data on a SharedArrayBuffer (copied once if it was not). */
export function shareDem(dem: DemGrid): DemGrid {
  if (dem.data.buffer instanceof SharedArrayBuffer) return dem;
  const sab = new SharedArrayBuffer(dem.data.length * 4);
  const data = new Float32Array(sab);
  data.set(dem.data);
  return { ...dem, data };
}

export class CoveragePool {
  readonly size: number;
  private readonly workers: Worker[];
  private readonly idle: Worker[];
  private readonly queue: { msg: ToWorker; pending: Pending }[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly busy = new Map<Worker, number>();
  /** Called when a worker dies, so that split jobs waiting on every worker fail instead of hanging. */
  private readonly crashListeners = new Set<(err: Error) => void>();
  /** The split jobs in flight by job id: their workers' messages (one 'message' listener per worker, however many jobs). */
  private readonly splitListeners = new Map<number, (m: FromWorker) => void>();
  private readonly callerTakesParts: boolean;
  private readonly workerData: CoverageWorkerData;
  private dem: DemGrid | null = null;
  private demSource: DemGrid | null = null;
  private demId = 0;
  private nextJob = 1;
  private closed = false;

  /**
   * Starts the workers (they boot in the background).
   *
   * @example
   * const pool = new CoveragePool({ workers: 2 });
   * const cov = await pool.siteCoverage(dem, site, { radiusM: 20000 });
   * await pool.close();
   */
  constructor(options: CoveragePoolOptions = {}) {
    const size = options.workers ?? Math.max(1, availableParallelism());
    if (!Number.isInteger(size) || size < 1 || size > 256) {
      throw new InputError(`CoveragePool: workers must be an integer from 1 to 256, got ${String(options.workers)}`, 'workers');
    }
    this.size = size;
    this.callerTakesParts = options.callerTakesParts ?? false;
    const nice = options.workerNice === undefined ? WORKER_NICE : options.workerNice;
    if (nice !== null && (!Number.isInteger(nice) || nice < -20 || nice > 19)) {
      throw new InputError(`CoveragePool: workerNice must be an integer from -20 to 19 or null, got ${String(options.workerNice)}`, 'workerNice');
    }
    this.workerData = { nice };
    this.workers = [];
    for (let i = 0; i < size; i++) this.workers.push(this.spawn());
    this.idle = [...this.workers];
  }

  private spawn(): Worker {
    const w = new Worker(workerEntry(), { workerData: this.workerData });
    w.on('message', (m: FromWorker) => this.onMessage(w, m));
    w.on('error', (err) => this.onWorkerError(w, err));
    w.on('exit', (code) => this.onWorkerExit(w, code));
    w.unref();
    return w;
  }

  /** Makes `dem` the workers' DEM (shared, sent once); returns the shared grid. */
  useDem(dem: DemGrid): DemGrid {
    if (this.demSource === dem || this.dem === dem) return this.dem as DemGrid;
    const shared = shareDem(dem);
    this.dem = shared;
    this.demSource = dem;
    this.demId++;
    const msg: ToWorker = { type: 'dem', demId: this.demId, width: shared.width, height: shared.height, transform: shared.transform, data: shared.data.buffer as SharedArrayBuffer };
    for (const w of this.workers) w.postMessage(msg);
    return shared;
  }

  /**
   * Losses of every radial of `plan` per frequency (indexed k · samplesPerRadial + i, NaN where
   * not needed), computed by the main thread and the workers together.
   *
   * @example
   * const { plan, options } = preparePathLoss(dem, tx, [900], { radiusM: 20000 });
   * const [radial] = await pool.radialLosses(dem, tx, [900], options, plan);
   */
  async radialLosses(dem: DemGrid, tx: Transmitter, freqsMHz: readonly number[], options: CoverageOptions, plan: RadialPlan): Promise<Float32Array[]> {
    this.checkOpen();
    const grid = this.useDem(dem);
    const n = plan.radialCount * plan.samplesPerRadial;
    const outs = freqsMHz.map(() => new Float32Array(new SharedArrayBuffer(n * 4)).fill(NaN));
    let need = plan.need;
    if (!(need.buffer instanceof SharedArrayBuffer)) {
      need = new Uint8Array(new SharedArrayBuffer(n));
      need.set(plan.need);
    }
    const counters = new Int32Array(new SharedArrayBuffer(8));
    const chunkCount = Math.ceil(plan.radialCount / CHUNK_RADIALS);
    const jobId = this.nextJob++;
    const { need: _n, cellPoint: _c, ...geometry } = plan;
    await this.splitJob({
      type: 'radials', jobId, demId: this.demId, tx, freqsMHz: [...freqsMHz], options, plan: geometry,
      need: need.buffer as SharedArrayBuffer, outs: outs.map((o) => o.buffer as SharedArrayBuffer), counters: counters.buffer as SharedArrayBuffer,
      chunkRadials: CHUNK_RADIALS, chunkCount,
    }, counters, chunkCount, (c) => {
      const k0 = c * CHUNK_RADIALS;
      radialLossRange(grid, tx, freqsMHz, options, plan, k0, Math.min(plan.radialCount, k0 + CHUNK_RADIALS), outs);
    });
    return outs;
  }

  /**
   * planRadials (core/coverage/radials.ts) with the window's rows split between the main thread
   * and the workers; the same plan, its `need` and `cellPoint` on SharedArrayBuffers (radialLosses
   * then uses them in place).
   *
   * @example
   * const plan = await pool.planRadials(dem, tx, 20000, 0.6);
   */
  async planRadials(dem: DemGrid, tx: Transmitter, radiusM: number, density: number): Promise<RadialPlan> {
    this.checkOpen();
    const grid = this.useDem(dem);
    const plan = planGeometry(grid, tx, radiusM, density, true);
    const counters = new Int32Array(new SharedArrayBuffer(8));
    const bandCount = Math.ceil(plan.height / BAND_ROWS);
    const jobId = this.nextJob++;
    const { need, cellPoint, ...geometry } = plan;
    await this.splitJob({
      type: 'plan', jobId, demId: this.demId, tx, plan: geometry, need: need.buffer as SharedArrayBuffer,
      cellPoint: cellPoint.buffer as SharedArrayBuffer, counters: counters.buffer as SharedArrayBuffer, bandRows: BAND_ROWS, bandCount,
    }, counters, bandCount, (b) => {
      const r0 = b * BAND_ROWS;
      planRows(grid, tx, plan, r0, Math.min(plan.height, r0 + BAND_ROWS));
    });
    return plan;
  }

  /**
   * Runs a job split in `count` parts on every worker (and this thread with callerTakesParts): each
   * takes the next part from counters[0] and counts it done in counters[1]; resolves when all are
   * done, rejects when a worker reports an error or dies.
   */
  private async splitJob(msg: ToWorker & { jobId: number }, counters: Int32Array, count: number, work: (part: number) => void): Promise<void> {
    const jobId = msg.jobId;
    let failure: Error | null = null;
    let wake: (() => void) | null = null;
    const listener = (m: FromWorker) => {
      if (m.jobId !== jobId) return;
      if (m.type === 'error') failure = rebuildError(m);
      wake?.();
    };
    const onCrash = (err: Error) => {
      failure = err;
      wake?.();
    };
    this.crashListeners.add(onCrash);
    this.splitListeners.set(jobId, listener);
    for (const w of this.workers) {
      w.ref(); // keep the process alive while this job waits on them
      w.postMessage(msg);
    }
    try {
      // the calling thread takes parts too, when asked (the CLI)
      while (this.callerTakesParts) {
        const c = Atomics.add(counters, 0, 1);
        if (c >= count) break;
        work(c);
        Atomics.add(counters, 1, 1);
      }
      while (Atomics.load(counters, 1) < count && !failure) {
        await new Promise<void>((resolve) => { wake = resolve; });
      }
    } finally {
      this.crashListeners.delete(onCrash);
      this.splitListeners.delete(jobId);
      // keep the workers referenced while other split jobs still wait on them
      if (this.splitListeners.size === 0) for (const w of this.workers) if (!this.busy.has(w)) w.unref();
    }
    if (failure) throw failure;
  }

  /**
   * One site's coverage on the next free worker; with `finish`, finished there too (finishSiteCoverage).
   *
   * @example
   * const cov = await pool.siteCoverage(dem, { ...site.properties, lon, lat }, { radiusM: 20000 });
   * // quantised, floored and written to the cache on the worker (server/coverage/cache.ts):
   * await pool.siteCoverage(dem, site, options, { thresholdsDbm, floorDb: 30, store: { dir, key } });
   */
  siteCoverage(dem: DemGrid, site: CoverageSite, options: Partial<CoverageOptions>, finish?: SiteFinish): Promise<SiteCoverage> {
    this.checkOpen();
    this.useDem(dem);
    const jobId = this.nextJob++;
    const msg: ToWorker = { type: 'site', jobId, demId: this.demId, site, options, ...(finish ? { finish } : {}) };
    return new Promise<SiteCoverage | CellLevels | null>((resolve, reject) => {
      this.queue.push({ msg, pending: { resolve, reject } });
      this.dispatch();
    }) as Promise<SiteCoverage>;
  }

  /**
   * One site's levels at DEM cells `cells` only, as its full raster has them there
   * (core/coverage/levelsAt.ts), on the next free worker.
   *
   * @example
   * const levels = await pool.levelsAt(dem, site, options, Int32Array.of(row * dem.width + col));
   */
  levelsAt(dem: DemGrid, site: CoverageSite, options: Partial<CoverageOptions>, cells: Int32Array): Promise<CellLevels> {
    this.checkOpen();
    this.useDem(dem);
    const jobId = this.nextJob++;
    const msg: ToWorker = { type: 'levelsAt', jobId, demId: this.demId, site, options, cells };
    return new Promise<SiteCoverage | CellLevels | null>((resolve, reject) => {
      this.queue.push({ msg, pending: { resolve, reject } });
      this.dispatch();
    }) as Promise<CellLevels>;
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.pending.values()) p.reject(new Error('CoveragePool closed'));
    for (const q of this.queue) q.pending.reject(new Error('CoveragePool closed'));
    this.pending.clear();
    this.queue.length = 0;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('CoveragePool: the pool is closed');
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.shift() as Worker;
      const { msg, pending } = this.queue.shift() as { msg: ToWorker; pending: Pending };
      const jobId = (msg as { jobId: number }).jobId;
      this.pending.set(jobId, pending);
      this.busy.set(w, jobId);
      w.ref();
      w.postMessage(msg);
    }
  }

  private onMessage(w: Worker, m: FromWorker): void {
    const split = this.splitListeners.get(m.jobId);
    if (split) {
      split(m);
      return;
    }
    if (m.type === 'radialsDone' || m.type === 'planDone') return;
    const p = this.pending.get(m.jobId);
    if (!p) return;
    this.pending.delete(m.jobId);
    this.busy.delete(w);
    w.unref();
    this.idle.push(w);
    if (m.type === 'error') p.reject(rebuildError(m));
    else p.resolve(m.type === 'levels' ? m.levels : m.coverage);
    this.dispatch();
  }

  private onWorkerError(w: Worker, err: Error): void {
    const jobId = this.busy.get(w);
    if (jobId !== undefined) {
      this.pending.get(jobId)?.reject(err);
      this.pending.delete(jobId);
    }
    for (const l of this.crashListeners) l(err);
  }

  /**
   * A worker that exits while the pool is open (a crash, or out of memory) fails the jobs that
   * wait on it and is replaced, so the pool keeps its size and nothing waits forever.
   */
  private onWorkerExit(w: Worker, code: number): void {
    if (this.closed) return;
    const err = new Error(`coverage worker exited unexpectedly with code ${code}`);
    this.onWorkerError(w, err);
    this.busy.delete(w);
    const i = this.workers.indexOf(w);
    if (i >= 0) this.workers.splice(i, 1);
    const j = this.idle.indexOf(w);
    if (j >= 0) this.idle.splice(j, 1);
    const fresh = this.spawn();
    this.workers.push(fresh);
    if (this.dem) {
      const msg: ToWorker = { type: 'dem', demId: this.demId, width: this.dem.width, height: this.dem.height, transform: this.dem.transform, data: this.dem.data.buffer as SharedArrayBuffer };
      fresh.postMessage(msg);
    }
    this.idle.push(fresh);
    this.dispatch();
  }
}

function rebuildError(m: { message: string; name: string; path?: string }): Error {
  if (m.name === 'InputError') return new InputError(m.message, m.path);
  const e = new Error(m.message);
  e.name = m.name;
  return e;
}
