/**
 * `npm run dev`: the API server on a free port plus the Vite dev server (hot reload) proxying
 * /collections, /api, /tiles, … to it. Open the URL Vite prints.
 */
import { startServer } from '../server/main';
import { REPO_ROOT } from './build-client';
import { join } from 'node:path';

async function dev(): Promise<void> {
  // the API on a random port: never collides with a running `npm start`
  const api = await startServer({ port: 0 }, { coverage: true });
  process.env.COVGAP_API_URL = api.url; // read by vite.config.ts for its proxy
  const { createServer } = await import('vite');
  const vite = await createServer({ configFile: join(REPO_ROOT, 'vite.config.ts'), server: { host: '127.0.0.1' } });
  await vite.listen();
  console.log(`covgap API on ${api.url}`);
  vite.printUrls();
  const stop = async () => {
    await vite.close();
    await api.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

dev().catch((err: unknown) => {
  console.error(`covgap: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
