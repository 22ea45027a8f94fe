/**
 * Runs an import's reading and checking (importJob.ts) in a child process of its own, so that no
 * file — a forged header, a recursive GeoPackage view, a TIFF that declares 144 million cells —
 * can stall the server's event loop or take its memory: the process has a heap limit
 * (IMPORT_MAX_WORKER_MB, node's --max-old-space-size) and a wall clock (IMPORT_TIMEOUT_S); past
 * either it is killed and the import refused (413) naming the limit. (A worker thread's
 * resourceLimits are not enough: a large string past them aborts the whole server.) The file goes
 * to the worker on its stdin and a DEM's heights come back on its stdout, as streams: a 120 MB
 * file through the IPC channel's serialisation held the event loop for 2.8 s. Its entry is
 * bundled by esbuild as the coverage workers' is (workerBundle.ts).
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledWorkerEntry, type WorkerBundle } from '../coverage/workerBundle';
import type { DemGrid } from '../../core/model/types';
import type { ImportJob, ImportJobResult } from './importJob';
import { limitProblem } from './problems';

/** The wall clock and memory of one import's worker process. */
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

/** The end of the worker's stderr kept, to tell an out-of-memory abort from another failure. */
const STDERR_TAIL_CHARS = 4096;

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/**
 * The job's result from a worker process of its own, or a refusal naming the limit the worker
 * passed. Throws (a 500) only when the worker fails otherwise.
 *
 * @example
 * const out = await runInImportWorker(job, { timeoutMs: 60_000, maxWorkerMb: 1024 });
 */
export function runInImportWorker(job: ImportJob, limits: ImportWorkerLimits): Promise<ImportJobResult> {
  return new Promise((resolve, reject) => {
    const entry = bundledWorkerEntry(IMPORT_WORKER);
    const child = fork(typeof entry === 'string' ? entry : fileURLToPath(entry), [], {
      execArgv: [`--max-old-space-size=${limits.maxWorkerMb}`],
      serialization: 'advanced',
      stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
    });
    // a DEM's heights, after its answer
    let dem: { grid: Omit<DemGrid, 'data'>; bytes: Uint8Array; at: number } | null = null;
    child.stdout?.on('data', (chunk: Buffer) => {
      if (!dem) return;
      dem.bytes.set(chunk.subarray(0, dem.bytes.length - dem.at), dem.at);
      dem.at += chunk.length;
    });
    child.stdout?.on('end', () => {
      if (!dem) return;
      if (dem.at !== dem.bytes.length) settle(() => reject(new Error(`import worker: got ${dem?.at} of the DEM's ${dem?.bytes.length} bytes`)));
      else settle(() => resolve({ kind: 'dem', dem: { ...(dem as NonNullable<typeof dem>).grid, data: new Float32Array((dem as NonNullable<typeof dem>).bytes.buffer) } as DemGrid, warnings: [] }));
    });
    child.stdin?.on('error', () => {}); // the worker ended before reading it all: its exit says why
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (s: string) => {
      stderr = (stderr + s).slice(-STDERR_TAIL_CHARS);
    });
    let settled = false;
    const settle = (done: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const refuse = (message: string, limit: string): void => settle(() => resolve({ kind: 'refused', problems: [limitProblem(message, limit)], problemCount: 1, warnings: [] }));
    const timer = setTimeout(() => {
      refuse(`reading and checking the file took longer than ${seconds(limits.timeoutMs)}, the limit of IMPORT_TIMEOUT_S; the reading was stopped. Split the file, or raise the limit`, 'IMPORT_TIMEOUT_S');
    }, limits.timeoutMs);
    child.on('message', (m: { result?: ImportJobResult; demBytes?: number; error?: string }) => {
      if (m.result?.kind === 'dem') dem = { grid: m.result.dem, bytes: new Uint8Array(m.demBytes ?? 0), at: 0 };
      else if (m.result) settle(() => resolve(m.result as ImportJobResult));
      else settle(() => reject(new Error(`import worker: ${m.error}`)));
    });
    child.on('error', (err) => settle(() => reject(err)));
    child.on('exit', (code, signal) => {
      if (code === 0 && dem) return; // its heights are still arriving on stdout
      if (/heap out of memory|Allocation failed/i.test(stderr)) {
        refuse(`reading and checking the file needed more than ${limits.maxWorkerMb} MB of memory, the limit of IMPORT_MAX_WORKER_MB; the reading was stopped. Split the file, or raise the limit`, 'IMPORT_MAX_WORKER_MB');
      } else settle(() => reject(new Error(`import worker exited (${signal ?? `code ${code}`}) without an answer: ${stderr.slice(-500)}`)));
    });
    const { body, ...rest } = job;
    child.send({ ...rest, bodyBytes: body.byteLength });
    child.stdin?.end(body);
  });
}
