import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createApp, httpHandler } from './app';
import { appServices } from './appServices';
import { loadConfig, type Config } from './config';
import type { PipelineSettings } from './coverage/pipeline';
import { answerClientErrors } from './http/security';
import { openRuntime, type DataRuntime, type Runtime } from './runtime';

export { StartRefused, isLocalOnly } from './runtime';

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /**
   * Compute the province coverage in the background at start-up and serve the coverage API
   * (/tiles/coverage, /api/coverage/*, /api/profile). Default false, so tests that need only the
   * features start fast; `npm start`, `npm run dev` and `tsx server/main.ts` turn it on.
   */
  coverage?: boolean;
  /** Where coverage progress lines go; stderr by default (even with LOG=off: a long run should say how far it is). */
  coverageLog?: (line: string) => void;
  /** Coverage pipeline settings over PIPELINE_SETTINGS (tests use a small radius), and its worker threads. */
  pipeline?: { settings?: Partial<PipelineSettings>; workers?: number };
}

/**
 * The server: read the configuration (environment + overrides), open the runtime (server/runtime.ts:
 * the store, each layer's active dataset version, the users, the coverage), build the app over it
 * and listen. An import or a restore makes a new version of the data: the app is built again over
 * it and the server answers from it from then on; requests under way finish on the old one.
 * `port: 0` picks a free port.
 *
 * @example
 * const { url, close } = await startServer({ port: 0, log: false });
 */
export async function startServer(overrides: Partial<Config> = {}, options: StartOptions = {}): Promise<RunningServer> {
  const config = loadConfig(overrides);
  const runtime: Runtime = await openRuntime(config, {
    serve: true, coverage: options.coverage ?? false,
    ...(options.coverageLog ? { coverageLog: options.coverageLog } : {}), ...(options.pipeline ? { pipeline: options.pipeline } : {}),
  });
  // each version's app behind its fast lane (kept pages and /api/health before Express)
  const handlerFor = (data: DataRuntime) => httpHandler(createApp(appServices(runtime.appDeps(data))));
  let handler = handlerFor(runtime.data);
  runtime.onChange = (data) => {
    handler = handlerFor(data);
  };
  const server = createServer((req, res) => handler(req, res));
  answerClientErrors(server);
  server.listen(config.port, config.host);
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('listening', resolveListen);
      server.once('error', reject);
    });
  } catch (err) {
    await runtime.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((err) => {
          void runtime.close().finally(() => (err ? reject(err) : resolveClose()));
        });
        server.closeAllConnections();
      }),
  };
}

// run directly: `tsx server/main.ts`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  startServer({}, { coverage: true }).then(
    ({ url }) => process.stdout.write(`covgap listening on ${url}\n`),
    (err: unknown) => {
      process.stderr.write(`covgap: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(err instanceof Error && err.name === 'InputError' ? 2 : 1);
    },
  );
}
