import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createApp } from './app';
import { loadConfig, type Config } from './config';
import { loadGeodata, repositoryFromGeodata } from './data/geodata';
import { CoveragePipeline } from './coverage/pipeline';
import { setupCoverage } from './services/coverageSetup';
import { GapService } from './services/gaps';
import { openStore } from './data/store/open';
import { ScenarioService } from './services/scenarios';
import { ReportRenderer } from './services/reportRenderer';
import { createHighsSolver, type HighsSolver } from './siting/highsSolver';
import { join } from 'node:path';
import type { CommuneFeature, PowerLineFeature, SiteFeature, VillageFeature } from '../core/model/types';

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
}

/**
 * The composition root: read the configuration (environment + overrides), load the geodata, build
 * the app and listen. `port: 0` picks a free port.
 *
 * @example
 * const { url, close } = await startServer({ port: 0, log: false });
 */
export async function startServer(overrides: Partial<Config> = {}, options: StartOptions = {}): Promise<RunningServer> {
  const config = loadConfig(overrides);
  const geodata = await loadGeodata(config.geodataPath);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // the province coverage on the one pipeline (worker pool, cache under DATA_DIR); progress on stderr
  const pipeline = options.coverage ? new CoveragePipeline(geodata.dem, { dataDir: config.dataDir }) : undefined;
  const coverage = pipeline ? setupCoverage(geodata, pipeline, { log: options.coverageLog ?? log }) : undefined;
  const gaps = coverage
    ? new GapService(coverage.coverage, {
        villages: geodata.villages.features as VillageFeature[],
        communes: geodata.communes.features as CommuneFeature[],
        powerLines: geodata.powerLines.features as PowerLineFeature[],
      })
    : undefined;
  // scenarios in the store (SQLite in DATA_DIR, or PostGIS at DATABASE_URL), checked against the loaded network
  const store = await openStore(config);
  const { transform: t, width, height } = geodata.dem;
  const onGrid = (lon: number, lat: number) => lon >= t[0] && lon <= t[0] + width * t[1] && lat <= t[3] && lat >= t[3] + height * t[5];
  const scenarios = new ScenarioService(store, { sites: geodata.sites.features as SiteFeature[], gapOptions: {} }, { onGrid });
  // the PDF reports: one headless Chromium, started on the first report, closed with the server
  const reports = new ReportRenderer({ executablePath: config.chromiumPath });
  // siting plans: HiGHS in a worker thread, started with the first plan, closed with the server
  let highs: HighsSolver | null = null;
  const plans = { outline: geodata.outline, dir: join(config.dataDir, 'plans'), solver: () => (highs ??= createHighsSolver()).solve };
  const app = createApp({ config, name: geodata.name, repository: repositoryFromGeodata(geodata), dem: geodata.dem, coverage, gaps, scenarios, reports, plans });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolveListen, reject) => {
    server.once('listening', resolveListen);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        coverage?.coverage.provider.close?.();
        void pipeline?.close();
        server.close((err) => {
          void Promise.allSettled([store.close(), reports.close(), highs?.close()]).finally(() => (err ? reject(err) : resolveClose()));
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
