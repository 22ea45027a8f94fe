// Worker entry of the coverage pool (pool.ts): registers tsx so the TypeScript core loads without
// a build step, then runs workerMain.ts.
import { register } from 'tsx/esm/api';

register();
await import('./workerMain.ts');
