/**
 * The import worker process: takes each job over its IPC channel and the file's bytes on stdin
 * (exactly `bodyBytes` of them), reads and checks the file (importJob.ts) and answers over IPC — a
 * DEM's heights as raw bytes on stdout after the answer, so that neither side serialises hundreds
 * of MB on its event loop. One job at a time; it lives until the server disconnects (or kills it
 * past a limit). Started by importWorker.ts; below the priority of the server that answers HTTP.
 */
import { setPriority } from 'node:os';
import { runImportJob, type ImportJob, type ImportJobResult } from './importJob';

if (!process.send) throw new Error('workerMain.ts must run as a child process with an IPC channel (see server/imports/importWorker.ts)');

/** As the coverage workers (server/coverage/workerMain.ts): below the HTTP thread, so that it keeps answering. */
const IMPORT_WORKER_NICE = 10;
try {
  setPriority(0, IMPORT_WORKER_NICE);
} catch {
  // not allowed here: the import keeps the default priority
}

/** The bytes of stdin not yet taken, and the one job waiting for its file. */
const stdin = { chunks: [] as Buffer[], bytes: 0, waiting: null as null | { length: number; resolve: (b: Uint8Array) => void } };

function takeBody(): void {
  const w = stdin.waiting;
  if (!w || stdin.bytes < w.length) return;
  const body = new Uint8Array(w.length);
  let at = 0;
  while (at < w.length) {
    const chunk = stdin.chunks[0];
    const n = Math.min(chunk.length, w.length - at);
    body.set(chunk.subarray(0, n), at);
    at += n;
    if (n === chunk.length) stdin.chunks.shift();
    else stdin.chunks[0] = chunk.subarray(n);
  }
  stdin.bytes -= w.length;
  stdin.waiting = null;
  w.resolve(body);
}

process.stdin.on('data', (chunk: Buffer) => {
  stdin.chunks.push(chunk);
  stdin.bytes += chunk.length;
  takeBody();
});

/** The answer: the result over IPC, a DEM's heights after it on stdout. */
function answer(result: ImportJobResult): void {
  if (result.kind !== 'dem') {
    process.send?.({ result });
    return;
  }
  const { data, ...grid } = result.dem;
  process.send?.({ result: { ...result, dem: grid }, demBytes: data.byteLength }, undefined, {}, () => {
    process.stdout.write(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  });
}

process.on('message', (job: Omit<ImportJob, 'body'> & { bodyBytes: number }) => {
  new Promise<Uint8Array>((resolve) => {
    stdin.waiting = { length: job.bodyBytes, resolve };
    takeBody();
  })
    .then((body) => runImportJob({ ...job, body }))
    .then(answer, (err: unknown) => process.send?.({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
});
// the server is gone (or closed its datasets): so is this process
process.on('disconnect', () => process.exit(0));
