/**
 * Runs an import's reading and checking (importJob.ts) in a child process, so that no file — a
 * forged header, a recursive GeoPackage view, a TIFF that declares 144 million cells — can stall
 * the server's event loop or take its memory: the process has a heap limit (IMPORT_MAX_WORKER_MB,
 * node's --max-old-space-size) and each import a wall clock (IMPORT_TIMEOUT_S); past either the
 * process is killed and the import refused (413) naming the limit; the next import starts a new
 * one. (A worker thread's resourceLimits are not enough: a large string past them aborts the
 * whole server.) The process is kept between imports: forking the server, whose memory is large,
 * holds its event loop 10–100 ms. The file goes to it on its stdin and a DEM's heights come back
 * on its stdout, as streams: a 120 MB file through the IPC channel's serialisation held the event
 * loop for 2.8 s. Its entry is bundled by esbuild as the coverage workers' is (workerBundle.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemGrid } from '../../core/model/types';
import { bundledWorkerEntry, type WorkerBundle } from '../coverage/workerBundle';
import type { ImportJob, ImportJobResult } from './importJob';
import { limitProblem } from './problems';

/** The wall clock and memory of the import worker. */
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

/**
 * The file as the worker is given it: bytes in memory, or a stream of a known length (the request's
 * body, which then never gathers in the server's memory).
 */
export type ImportBody = Uint8Array | { stream: AsyncIterable<Uint8Array>; bytes: number };

/** The slices the file goes to the worker in: no one write holds the event loop with a large copy. */
const FEED_BYTES = 1 << 20;

/** The end of the worker's stderr kept, to tell an out-of-memory abort from another failure. */
const STDERR_TAIL_CHARS = 4096;

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/** Whether the worker (its process and IPC channel) keeps the server's process alive. */
function hold(child: ChildProcess, on: boolean): void {
  const channel = child.channel as { ref?: () => void; unref?: () => void } | null | undefined;
  if (on) {
    child.ref();
    channel?.ref?.();
  } else {
    child.unref();
    channel?.unref?.();
  }
}

/** One worker process and what it has said since the current job began. */
interface Running {
  child: ChildProcess;
  stderr: string;
  /** stdout bytes not yet taken (a DEM's heights). */
  out: Buffer[];
  outBytes: number;
}

/**
 * The import worker process of one dataset service: one job at a time (the service runs imports
 * one by one).
 *
 * @example
 * const worker = new ImportWorker({ timeoutMs: 60_000, maxWorkerMb: 1024 });
 * const out = await worker.run(job); // { kind: 'layer' | 'dem' | 'refused', … }
 * worker.close();
 */
export class ImportWorker {
  private readonly _limits: Readonly<ImportWorkerLimits>;
  private _running: Running | null = null;

  constructor(limits: Readonly<ImportWorkerLimits>) {
    this._limits = limits;
  }

  /** Starts the worker process now (the server's start), not with the first import. */
  start(): void {
    this._running ??= this._start();
  }

  /** Ends the worker process (a later run starts another). */
  close(): void {
    this._running?.child.kill('SIGKILL');
    this._running = null;
  }

  private _start(): Running {
    const entry = bundledWorkerEntry(IMPORT_WORKER);
    const child = fork(typeof entry === 'string' ? entry : fileURLToPath(entry), [], {
      execArgv: [`--max-old-space-size=${this._limits.maxWorkerMb}`],
      serialization: 'advanced',
      stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
    });
    const running: Running = { child, stderr: '', out: [], outBytes: 0 };
    child.stderr?.setEncoding('utf8').on('data', (s: string) => {
      running.stderr = (running.stderr + s).slice(-STDERR_TAIL_CHARS);
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      running.out.push(chunk);
      running.outBytes += chunk.length;
      child.emit('out');
    });
    child.stdin?.on('error', () => {}); // it ended before reading it all: its exit says why
    child.on('exit', () => {
      if (this._running === running) this._running = null;
    });
    // between imports it does not keep the server's process alive (run() holds it during one)
    for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { unref?: () => void } | null)?.unref?.();
    hold(child, false);
    return running;
  }

  /**
   * The job's result, or a refusal naming the limit the worker passed. Throws (a 500) only when
   * the worker fails otherwise.
   */
  run(job: Omit<ImportJob, 'body'> & { body: ImportBody }): Promise<ImportJobResult> {
    // a worker that died between imports (its exit not yet seen) is replaced
    if (this._running && !this._running.child.connected) this.close();
    const running = this._running ?? (this._running = this._start());
    const { child } = running;
    running.stderr = '';
    hold(child, true);
    return new Promise<ImportJobResult>((resolve, reject) => {
      let demWanted: { grid: Omit<DemGrid, 'data'>; bytes: number } | null = null;
      let settled = false;
      const cleanup = (): void => {
        settled = true;
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        child.off('out', onOut);
        hold(child, false);
      };
      const settle = (done: () => void, kill = false): void => {
        cleanup();
        if (kill) this.close();
        done();
      };
      const refuse = (message: string, limit: string): void => settle(() => resolve({ kind: 'refused', problems: [limitProblem(message, limit)], problemCount: 1, warnings: [] }), true);
      const timer = setTimeout(() => {
        refuse(`reading and checking the file took longer than ${seconds(this._limits.timeoutMs)}, the limit of IMPORT_TIMEOUT_S; the reading was stopped. Split the file, or raise the limit`, 'IMPORT_TIMEOUT_S');
      }, this._limits.timeoutMs);
      const onOut = (): void => {
        if (!demWanted || running.outBytes < demWanted.bytes) return;
        const bytes = new Uint8Array(demWanted.bytes);
        let at = 0;
        for (const chunk of running.out) {
          bytes.set(chunk.subarray(0, bytes.length - at), at);
          at += chunk.length;
        }
        running.out = [];
        running.outBytes = 0;
        const grid = demWanted.grid;
        settle(() => resolve({ kind: 'dem', dem: { ...grid, data: new Float32Array(bytes.buffer) } as DemGrid, warnings: [] }));
      };
      const onMessage = (m: { result?: ImportJobResult; demBytes?: number; error?: string }): void => {
        if (m.result?.kind === 'dem') {
          demWanted = { grid: m.result.dem, bytes: m.demBytes ?? 0 };
          onOut();
        } else if (m.result) settle(() => resolve(m.result as ImportJobResult));
        else settle(() => reject(new Error(`import worker: ${m.error}`)), true);
      };
      const onExit = (code: number | null, signal: string | null): void => {
        if (/heap out of memory|Allocation failed/i.test(running.stderr)) {
          refuse(`reading and checking the file needed more than ${this._limits.maxWorkerMb} MB of memory, the limit of IMPORT_MAX_WORKER_MB; the reading was stopped. Split the file, or raise the limit`, 'IMPORT_MAX_WORKER_MB');
        } else settle(() => reject(new Error(`import worker exited (${signal ?? `code ${code}`}) without an answer: ${running.stderr.slice(-500)}`)));
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.on('out', onOut);
      const { body, ...rest } = job;
      const bytes = body instanceof Uint8Array ? body.byteLength : body.bytes;
      child.send({ ...rest, bodyBytes: bytes });
      // the file in slices, each written when the pipe has room: the worker takes exactly `bytes`
      const stdin = child.stdin!;
      const room = (): Promise<void> => new Promise((r) => {
        const go = (): void => {
          stdin.off('drain', go);
          child.off('exit', go);
          r();
        };
        stdin.once('drain', go);
        child.once('exit', go);
      });
      const feed = async (): Promise<void> => {
        const chunks: AsyncIterable<Uint8Array> | Uint8Array[] = body instanceof Uint8Array
          ? Array.from({ length: Math.ceil(body.byteLength / FEED_BYTES) }, (_, i) => body.subarray(i * FEED_BYTES, (i + 1) * FEED_BYTES))
          : body.stream;
        let sent = 0;
        for await (const chunk of chunks) {
          if (settled) return;
          sent += chunk.byteLength;
          if (sent > bytes) throw new Error(`the body is longer than its Content-Length (${bytes} bytes)`);
          if (!stdin.write(chunk)) await room();
        }
        if (sent < bytes && !settled) throw new Error(`the body ended after ${sent} of its ${bytes} bytes`);
      };
      // a body cut short (the client went away) leaves the worker waiting for the rest: it is ended
      feed().catch((err: unknown) => {
        if (!settled) settle(() => reject(err instanceof Error ? err : new Error(String(err))), true);
      });
    });
  }
}
