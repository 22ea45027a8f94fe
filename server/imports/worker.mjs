// Entry of the import worker process when esbuild is not available (importWorker.ts): registers tsx so the
// TypeScript modules load without a build step, then runs workerMain.ts.
import { register } from 'tsx/esm/api';

register();
await import('./workerMain.ts');
