/**
 * HiGHS for core's siting optimiser, off the event loop: one worker thread (highsWorker.mjs) per
 * solver, reused across solves. The time limit goes to HiGHS (`time_limit`); as a backstop the
 * worker is terminated when a solve overruns it by `graceS`, and a new one starts for the next.
 */
import { Worker } from 'node:worker_threads';
import type { LpModel, LpSolution, LpSolver } from '../../core/siting';

export interface HighsSolver {
  solve: LpSolver;
  /** Stop the worker (pending solves resolve as failed). */
  close(): Promise<void>;
}

export interface HighsSolverOptions {
  /** Seconds past the time limit before the worker is killed. Default 5 + 20 % of the limit. */
  graceS?: number;
  /** The worker's entry (default highsWorker.mjs beside this file); tests pass one that hangs. */
  workerUrl?: URL;
}

interface Pending {
  /** The worker solving it: a killed worker's late exit must not fail the next worker's solves. */
  worker: Worker;
  resolve: (s: LpSolution) => void;
  timer: NodeJS.Timeout;
  t0: number;
}

/**
 * A HiGHS solver in a worker thread.
 *
 * @example
 * const highs = createHighsSolver();
 * try { await planSiting(instance, { kind: 'k', k: 10 }, {}, highs.solve); } finally { await highs.close(); }
 */
export function createHighsSolver(options: HighsSolverOptions = {}): HighsSolver {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, Pending>();
  const failAll = (detail: string, w?: Worker): void => {
    for (const [id, p] of pending) {
      if (w !== undefined && p.worker !== w) continue;
      clearTimeout(p.timer);
      pending.delete(id);
      p.resolve({ status: 'failed', objective: null, dualBound: null, values: null, detail, seconds: (performance.now() - p.t0) / 1000 });
    }
  };
  const start = (): Worker => {
    const w = new Worker(options.workerUrl ?? new URL('./highsWorker.mjs', import.meta.url));
    w.on('message', (m: LpSolution & { id: number }) => {
      const p = pending.get(m.id);
      if (!p) return;
      clearTimeout(p.timer);
      pending.delete(m.id);
      const { id: _id, ...solution } = m;
      p.resolve(solution);
    });
    w.on('error', (err) => {
      if (worker === w) worker = null;
      failAll(`HiGHS worker failed: ${err.message}`, w);
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
      failAll('HiGHS worker exited', w);
    });
    return w;
  };
  const solve = (model: LpModel, timeLimitS: number): Promise<LpSolution> =>
    new Promise((resolve) => {
      worker ??= start();
      const w = worker;
      const id = nextId++;
      const graceS = options.graceS ?? 5 + 0.2 * timeLimitS;
      const t0 = performance.now();
      const timer = setTimeout(() => {
        // HiGHS did not stop at its time limit: kill the thread, report no solution
        pending.delete(id);
        if (worker === w) worker = null;
        void w.terminate();
        resolve({ status: 'failed', objective: null, dualBound: null, values: null, detail: `HiGHS overran its ${timeLimitS.toFixed(1)} s time limit and was stopped`, seconds: (performance.now() - t0) / 1000 });
      }, (timeLimitS + graceS) * 1000);
      pending.set(id, { worker: w, resolve, timer, t0 });
      w.postMessage({ id, text: model.text, stationVars: model.stationVars, integer: model.integer, timeLimitS });
    });
  return {
    solve,
    async close() {
      const w = worker;
      worker = null;
      failAll('HiGHS solver closed');
      if (w) await w.terminate();
    },
  };
}
