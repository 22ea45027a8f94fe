/**
 * The import worker process: takes the job over its IPC channel and the file's bytes on stdin,
 * reads and checks the file (importJob.ts) and answers over IPC — a DEM's heights as raw bytes on
 * stdout after it, so that neither side serialises hundreds of MB on its event loop — then exits.
 * Started by importWorker.ts, one process per import, under its heap limit and wall clock; below
 * the priority of the server that answers HTTP.
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

/** The file's bytes from stdin, `length` of them. */
async function readBody(length: number): Promise<Uint8Array> {
  const body = new Uint8Array(length);
  let at = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    body.set(chunk.subarray(0, length - at), at);
    at += chunk.length;
  }
  if (at !== length) throw new Error(`import worker: got ${at} of the file's ${length} bytes`);
  return body;
}

/** The answer: the result over IPC, a DEM's heights after it on stdout. */
function answer(result: ImportJobResult): void {
  if (result.kind !== 'dem') {
    process.send?.({ result }, undefined, {}, () => process.disconnect());
    return;
  }
  const { data, ...grid } = result.dem;
  process.send?.({ result: { ...result, dem: grid }, demBytes: data.byteLength }, undefined, {}, () => {
    process.stdout.end(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), () => process.disconnect());
  });
}

process.once('message', (job: Omit<ImportJob, 'body'> & { bodyBytes: number }) => {
  readBody(job.bodyBytes)
    .then((body) => runImportJob({ ...job, body }))
    .then(answer, (err: unknown) => process.send?.({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }, undefined, {}, () => process.disconnect()));
});
