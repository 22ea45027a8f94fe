import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { Express } from 'express';
import { createApp, httpHandler, type AppDeps } from './app';
import { loadConfig, type Config } from './config';
import { repositoryFromGeodata, type Geodata } from './data/geodata';
import { CoveragePipeline, type PipelineSettings } from './coverage/pipeline';
import { answerClientErrors } from './http/security';
import { setupCoverage } from './services/coverageSetup';
import { DatasetService } from './services/datasets';
import { GapService } from './services/gaps';
import { openStore } from './data/store/open';
import type { ScenarioRepository } from './data/store/repository';
import { ScenarioService } from './services/scenarios';
import { ReportRenderer } from './services/reportRenderer';
import { AuthService } from './services/auth';
import { createHighsSolver, type HighsSolver } from './siting/highsSolver';
import { join } from 'node:path';
import type { CoverageRouteDeps } from './routes/coverage';
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
  /** Coverage pipeline settings over PIPELINE_SETTINGS (tests use a small radius), and its worker threads. */
  pipeline?: { settings?: Partial<PipelineSettings>; workers?: number };
}

/** What serves one version of the data: the app and the coverage it computes. */
interface Runtime {
  app: Express;
  coverage: CoverageRouteDeps | undefined;
}

/**
 * The composition root: read the configuration (environment + overrides), open the store, load
 * the geodata (each layer's active dataset version), build the app and listen. An import or a
 * restore builds the app again over the new data — the coverage from the per-site cache (only new
 * or changed sites are computed), the gaps, the scenarios' base — and the server answers from it
 * from then on; requests under way finish on the old one. `port: 0` picks a free port.
 *
 * @example
 * const { url, close } = await startServer({ port: 0, log: false });
 */
export async function startServer(overrides: Partial<Config> = {}, options: StartOptions = {}): Promise<RunningServer> {
  const config = loadConfig(overrides);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // scenarios, users and tokens, dataset versions in the store (SQLite in DATA_DIR, or PostGIS at DATABASE_URL)
  const store = await openStore(config);
  // users and tokens: none on a loopback server = one local administrator; none elsewhere = refuse
  const localAdmin = isLocalOnly(config);
  if (!localAdmin && !(await store.auth.configured())) {
    await store.close();
    throw new StartRefused(noCredentialsMessage(config));
  }
  // one for the server's life (the apps of later data versions share it)
  const auth = new AuthService(store.auth, { localAdmin });
  let datasets: DatasetService;
  try {
    datasets = await DatasetService.open(store.datasets, config.geodataPath, config.importLimits);
  } catch (err) {
    await store.close();
    throw err;
  }
  // the PDF reports: one headless Chromium, started on the first report, closed with the server
  const reports = new ReportRenderer({ executablePath: config.chromiumPath });
  // siting plans: HiGHS in a worker thread, started with the first plan, closed with the server
  let highs: HighsSolver | null = null;
  const solver = () => (highs ??= createHighsSolver()).solve;
  let pipeline: CoveragePipeline | undefined;
  const build = async (geodata: Geodata): Promise<Runtime> => {
    // the province coverage on the one pipeline (worker pool, cache under DATA_DIR); a new DEM needs a new pipeline
    if (options.coverage && pipeline?.sourceDem !== geodata.dem) {
      const old = pipeline;
      pipeline = new CoveragePipeline(geodata.dem, { dataDir: config.dataDir, ...options.pipeline });
      void old?.close();
    }
    const coverage = pipeline ? setupCoverage(geodata, pipeline, { log: options.coverageLog ?? log }) : undefined;
    const plans = { outline: geodata.outline, dir: join(config.dataDir, 'plans'), solver };
    return { app: buildApp(config, geodata, store, { coverage, reports, datasets, plans, auth, dataVersion: await datasets.stamp() }), coverage };
  };
  let current = await build(datasets.geodata);
  // each version's app behind its fast lane (kept pages and /api/health before Express)
  let handler = httpHandler(current.app);
  datasets.onChange = async (geodata) => {
    const old = current;
    current = await build(geodata);
    handler = httpHandler(current.app);
    old.coverage?.coverage.provider.close?.();
  };
  const server = createServer((req, res) => handler(req, res));
  answerClientErrors(server);
  server.listen(config.port, config.host);
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
        current.coverage?.coverage.provider.close?.();
        void pipeline?.close();
        datasets.close();
        server.close((err) => {
          void Promise.allSettled([store.close(), reports.close(), highs?.close()]).finally(() => (err ? reject(err) : resolveClose()));
        });
        server.closeAllConnections();
      }),
  };
}

/** The app over one version of the data. */
function buildApp(config: Readonly<Config>, geodata: Geodata, store: ScenarioRepository, deps: { coverage: CoverageRouteDeps | undefined; reports: ReportRenderer; datasets: DatasetService; plans: NonNullable<AppDeps['plans']>; auth: AuthService; dataVersion: string }): Express {
  const gaps = deps.coverage
    ? new GapService(deps.coverage.coverage, {
        villages: geodata.villages.features as VillageFeature[],
        communes: geodata.communes.features as CommuneFeature[],
        powerLines: geodata.powerLines.features as PowerLineFeature[],
      })
    : undefined;
  // scenarios are checked against the network in use
  const { transform: t, width, height } = geodata.dem;
  const onGrid = (lon: number, lat: number) => lon >= t[0] && lon <= t[0] + width * t[1] && lat <= t[3] && lat >= t[3] + height * t[5];
  const scenarios = new ScenarioService(store, { sites: geodata.sites.features as SiteFeature[], gapOptions: {} }, { onGrid });
  return createApp({ config, name: geodata.name, repository: repositoryFromGeodata(geodata), dem: geodata.dem, coverage: deps.coverage, gaps, scenarios, reports: deps.reports, plans: deps.plans, datasets: deps.datasets, auth: deps.auth, dataVersion: deps.dataVersion });
}

/** The server would not be safe to start as configured (the message says why and what to do). */
export class StartRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartRefused';
  }
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

/**
 * True when only this machine can reach the server: bound to a loopback address, and not
 * published under another name (PUBLIC_URL, which a reverse proxy would serve).
 */
export function isLocalOnly(config: Readonly<Pick<Config, 'host' | 'publicUrl'>>): boolean {
  return LOOPBACK.test(config.host) && (config.publicUrl === null || LOOPBACK.test(new URL(config.publicUrl).hostname));
}

function noCredentialsMessage(config: Readonly<Pick<Config, 'host' | 'publicUrl' | 'dataDir' | 'databaseUrl'>>): string {
  const where = LOOPBACK.test(config.host) ? `PUBLIC_URL=${config.publicUrl} publishes it beyond this machine` : `HOST=${config.host} lets other machines reach it`;
  const dir = config.databaseUrl ? '' : ` --data-dir ${config.dataDir}`;
  return `refusing to start: ${where}, and no user or API token exists, so every visitor would be an administrator. ` +
    `Create one first — \`covgap user create NAME --role admin${dir}\` (the password is read from stdin) or \`covgap token create --role admin${dir}\` — ` +
    'or bind to 127.0.0.1 (HOST unset) to run as the one local administrator.';
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
