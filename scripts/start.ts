/**
 * `npm start`: builds the browser client when it is missing or stale, then starts the server with
 * its configuration from the environment (PORT, HOST, GEODATA, CLIENT_DIR, … see server/config.ts)
 * and prints its URL (default http://127.0.0.1:8080).
 */
import { resolve } from 'node:path';
import { startServer } from '../server/main';
import { REPO_ROOT, ensureClientBuilt } from './build-client';

async function start(): Promise<void> {
  // build where the server will look for the client (CLIENT_DIR, default dist/client)
  const clientDir = process.env.CLIENT_DIR ? resolve(process.env.CLIENT_DIR) : resolve(REPO_ROOT, 'dist', 'client');
  await ensureClientBuilt({ outDir: clientDir });
  const server = await startServer({ clientDir }, { coverage: true });
  console.log(`covgap listening on ${server.url}`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

start().catch((err: unknown) => {
  console.error(`covgap: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof Error && err.name === 'InputError' ? 2 : 1);
});
