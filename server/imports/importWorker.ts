/**
 * Runs an import's reading and checking (importJob.ts) in a worker thread of its own, so that no
 * file — a forged header, a recursive GeoPackage view, a TIFF that declares 144 million cells —
 * can stall the server's event loop: the worker has a heap limit (IMPORT_MAX_WORKER_MB) and a
 * wall clock (IMPORT_TIMEOUT_S); past either it is ended and the import refused (413) naming the
 * limit. The worker's entry is bundled by esbuild as the coverage workers' are (workerBundle.ts).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { bundledWorkerEntry, type WorkerBundle } from '../coverage/workerBundle';
import type { ImportJob, ImportJobResult } from './importJob';
import { limitProblem } from './problems';

/** The wall clock and memory of one import's worker. */
export interface ImportWorkerLimits {
  /** Longest an import may read and check its file, ms (IMPORT_TIMEOUT_S). */
  timeoutMs: number;
  /** Largest JavaScript heap of the worker, MB (IMPORT_MAX_WORKER_MB); the file's bytes and a DEM's heights are outside it. */
  maxWorkerMb: number;
}

/** The import worker: bundled with its npm packages (one file loads faster than their hundreds) but the native better-sqlite3. */
const IMPORT_WORKER: Readonly<WorkerBundle> = Object.freeze({
  entry: new URL('./workerMain.ts', import.meta.url),
  fallback: new URL('./worker.mjs', import.meta.url),
  dir: join(fileURLToPath(new URL('../..', import.meta.url)), 'node_modules', '.cache', 'covgap-import-worker'),
  prefix: 'importWorker-',
  external: ['better-sqlite3'],
});

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/**
 * The job's result from a worker of its own, or a refusal naming the limit the worker passed.
 * Throws (a 500) only when the worker fails otherwise.
 *
 * @example
 * const out = await runInImportWorker(job, { timeoutMs: 60_000, maxWorkerMb: 1024 });
 */
export function runInImportWorker(job: ImportJob, limits: ImportWorkerLimits): Promise<ImportJobResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(bundledWorkerEntry(IMPORT_WORKER), {
      // geotiff's `web-worker` reads workerData.mod in any thread but the main one: none here
      workerData: {},
      resourceLimits: { maxOldGenerationSizeMb: limits.maxWorkerMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(4, Math.floor(limits.maxWorkerMb / 8))) },
    });
    let settled = false;
    const settle = (done: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done();
      void worker.terminate();
    };
    const refuse = (message: string, limit: string): void => settle(() => resolve({ kind: 'refused', problems: [limitProblem(message, limit)], problemCount: 1, warnings: [] }));
    const timer = setTimeout(() => {
      refuse(`reading and checking the file took longer than ${seconds(limits.timeoutMs)}, the limit of IMPORT_TIMEOUT_S; the reading was stopped. Split the file, or raise the limit`, 'IMPORT_TIMEOUT_S');
    }, limits.timeoutMs);
    worker.on('message', (m: { result?: ImportJobResult; error?: string }) => {
      if (m.result) settle(() => resolve(m.result as ImportJobResult));
      else settle(() => reject(new Error(`import worker: ${m.error}`)));
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        refuse(`reading and checking the file needed more than ${limits.maxWorkerMb} MB of memory, the limit of IMPORT_MAX_WORKER_MB; the reading was stopped. Split the file, or raise the limit`, 'IMPORT_MAX_WORKER_MB');
      } else settle(() => reject(err));
    });
    worker.on('exit', (code) => settle(() => reject(new Error(`import worker exited (code ${code}) without an answer`))));
    worker.postMessage(job);
  });
}
