/**
 * The import worker: reads and checks one file (importJob.ts) and posts the result back, the
 * DEM's heights transferred, not copied. Started by importWorker.ts, one worker per import, under
 * its memory limit and wall clock; below the priority of the thread that answers HTTP.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { runImportJob, type ImportJob } from './importJob';

const port = parentPort;
if (!port) throw new Error('workerMain.ts must run in a worker thread (see server/imports/importWorker.ts)');

/** As the coverage workers (server/coverage/workerMain.ts): below the HTTP thread, so that it keeps answering. */
const IMPORT_WORKER_NICE = 10;
try {
  setPriority(0, IMPORT_WORKER_NICE);
} catch {
  // not allowed here: the import keeps the default priority
}

port.once('message', (job: ImportJob) => {
  runImportJob(job).then(
    (result) => port.postMessage({ result }, result.kind === 'dem' ? [result.dem.data.buffer as ArrayBuffer] : []),
    (err: unknown) => port.postMessage({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
