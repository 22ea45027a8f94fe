/**
 * The composition root: one function opens what covgap runs on — the store, the data, the
 * coverage pipeline and the services over the data — for the server (server/main.ts), the CLI
 * (server/cli/gaps.ts), the seed (seeds/calib/serverCoverage.ts) and the benchmarks (bench/).
 * The server's data changes with an import or a restore: the runtime then builds the services of
 * the new version (the coverage from the per-site cache: only new or changed sites are computed)
 * and says so (`onChange`); the store, the users, the report browser and the solver stay.
 */
import { join } from 'node:path';
import type { CommuneFeature, PowerLineFeature, SiteFeature, VillageFeature } from '../core/model/types';
import type { AppDeps, PlanParts } from './appServices';
import type { Config } from './config';
import { CoveragePipeline, type PipelineSettings } from './coverage/pipeline';
import { loadGeodata, repositoryFromGeodata, type Geodata } from './data/geodata';
import { openStore } from './data/store/open';
import type { ScenarioRepository } from './data/store/repository';
import { AuthService } from './services/auth';
import { setupCoverage, type CoverageRouteDeps } from './services/coverageSetup';
import { DatasetService } from './services/datasets';
import { GapService } from './services/gaps';
import { ReportRenderer } from './services/reportRenderer';
import { ScenarioService } from './services/scenarios';
import { createHighsSolver, type HighsSolver } from './siting/highsSolver';

export interface RuntimeOptions {
  /**
   * Where the data comes from: 'active', each layer's active dataset version in the store over the
   * manifest (what the server serves; imports and restores change it), or 'manifest', the
   * manifest (config.geodataPath) as it is (the CLI, the seed, the benchmarks).
   */
  geodata?: 'active' | 'manifest';
  /** Open the store (scenarios, users, dataset versions: SQLite in DATA_DIR or PostGIS at DATABASE_URL); 'active' needs it. */
  store?: boolean;
  /** A server's users and tokens: refuse to start a server others can reach while none exists (StartRefused). */
  serve?: boolean;
  /** The coverage pipeline (worker pool, cache under DATA_DIR) and, over each version of the data, the province coverage and the gap analysis, each made on first use. */
  coverage?: boolean;
  /** Where the province run's progress lines go; stderr by default. */
  coverageLog?: (line: string) => void;
  /** The pipeline's settings over PIPELINE_SETTINGS (tests use a small radius), and its worker threads. */
  pipeline?: { settings?: Partial<PipelineSettings>; workers?: number };
}

/** The options' defaults: what the server without coverage opens. */
export const RUNTIME_DEFAULTS = Object.freeze({
  geodata: 'active', // the store's active versions
  store: true, // scenarios, users, dataset versions
  serve: false, // no users' check (the CLI, the seed)
  coverage: false, // no pipeline: features and scenarios only
} satisfies RuntimeOptions);

/** One version of the data and the services over it. */
export interface DataRuntime {
  readonly geodata: Geodata;
  /** The active dataset versions ("sites2.villages1…"); '' for the manifest as it is. */
  readonly dataVersion: string;
  /** Scenarios over this network (with the store). */
  readonly scenarios: ScenarioService | undefined;
  /** The province coverage, started in the background on first use (with options.coverage). */
  readonly coverage: CoverageRouteDeps | undefined;
  /** The gap analysis over that coverage (with options.coverage). */
  readonly gaps: GapService | undefined;
  readonly plans: PlanParts;
}

/** What `openRuntime` opens; `close()` it when done. */
export interface Runtime {
  readonly config: Readonly<Config>;
  readonly store: ScenarioRepository | null;
  /** Imports and dataset versions (with geodata 'active'). */
  readonly datasets: DatasetService | null;
  /** Users, tokens and sessions (with serve). */
  readonly auth: AuthService | null;
  /** The PDF reports: one headless Chromium, started on the first report. */
  readonly reports: ReportRenderer;
  /** The data in use and its services; replaced when an import or a restore changes a layer. */
  readonly data: DataRuntime;
  /** The coverage pipeline over the data's DEM, made on first use (a new DEM gets a new one); null without options.coverage. */
  readonly pipeline: CoveragePipeline | null;
  /** Called after the data changed, with its new version; the previous version's coverage is closed once it returns. */
  onChange: (data: DataRuntime) => void | Promise<void>;
  /** The parts of an app over a version of the data (the one in use by default), for createApp(appServices(…)). */
  appDeps(data?: DataRuntime): AppDeps;
  close(): Promise<void>;
}

/**
 * Opens the runtime over `config`: the store, the data, the users (serve), and with `coverage` the
 * pipeline; the province coverage and the services are made when first asked for.
 *
 * @example
 * const runtime = await openRuntime(loadConfig(), { serve: true, coverage: true });
 * const app = createApp(appServices(runtime.appDeps()));
 * // …
 * await runtime.close();
 */
export async function openRuntime(config: Readonly<Config>, options: RuntimeOptions = {}): Promise<Runtime> {
  const o = { ...RUNTIME_DEFAULTS, ...options };
  const log = o.coverageLog ?? ((line: string) => process.stderr.write(`${line}\n`));
  const store = o.store || o.geodata === 'active' ? await openStore(config) : null;
  let datasets: DatasetService | null = null;
  let auth: AuthService | null = null;
  let geodata: Geodata;
  try {
    // users and tokens: none on a loopback server = one local administrator; none elsewhere = refuse
    if (o.serve && store) {
      const localAdmin = isLocalOnly(config);
      if (!localAdmin && !(await store.auth.configured())) throw new StartRefused(noCredentialsMessage(config));
      auth = new AuthService(store.auth, { localAdmin });
    }
    if (o.geodata === 'active' && store) datasets = await DatasetService.open(store.datasets, config.geodataPath, config.importLimits);
    geodata = datasets ? datasets.geodata : await loadGeodata(config.geodataPath);
  } catch (err) {
    await store?.close();
    throw err;
  }
  const reports = new ReportRenderer({ executablePath: config.chromiumPath });
  // siting plans: HiGHS in a worker thread, started with the first plan
  let highs: HighsSolver | null = null;
  const solver = () => (highs ??= createHighsSolver()).solve;
  // the pipeline of the data's DEM (a new DEM needs a new pipeline; the old one is closed)
  let pipeline: CoveragePipeline | null = null;
  const pipelineFor = (g: Geodata): CoveragePipeline => {
    if (pipeline?.sourceDem !== g.dem) {
      const old = pipeline;
      pipeline = new CoveragePipeline(g.dem, { dataDir: config.dataDir, ...o.pipeline });
      void old?.close();
    }
    return pipeline;
  };
  // each version's province run, to stop when the version is left (or the runtime closed)
  const stops = new WeakMap<DataRuntime, () => void>();
  const version = async (g: Geodata): Promise<DataRuntime> => {
    // scenarios are checked against the network in use
    const { transform: t, width, height } = g.dem;
    const onGrid = (lon: number, lat: number) => lon >= t[0] && lon <= t[0] + width * t[1] && lat <= t[3] && lat >= t[3] + height * t[5];
    const scenarios = store ? new ScenarioService(store, { sites: g.sites.features as SiteFeature[], gapOptions: {} }, { onGrid }) : undefined;
    let started: CoverageRouteDeps | undefined;
    const coverage = once(() => (o.coverage ? (started = setupCoverage(g, pipelineFor(g), { log })) : undefined));
    const gaps = once(() => {
      const c = coverage();
      return c && new GapService(c.coverage, {
        villages: g.villages.features as VillageFeature[],
        communes: g.communes.features as CommuneFeature[],
        powerLines: g.powerLines.features as PowerLineFeature[],
      });
    });
    const data: DataRuntime = {
      geodata: g, dataVersion: datasets ? await datasets.stamp() : '', scenarios,
      get coverage() { return coverage(); },
      get gaps() { return gaps(); },
      plans: { outline: g.outline, dir: join(config.dataDir, 'plans'), solver },
    };
    stops.set(data, () => started?.coverage.provider.close?.());
    return data;
  };

  let current = await version(geodata);
  const runtime: Runtime = {
    config, store, datasets, auth, reports,
    get data() {
      return current;
    },
    get pipeline() {
      return o.coverage ? pipelineFor(current.geodata) : null;
    },
    onChange: () => {},
    appDeps: (data = current) => ({
      config, name: data.geodata.name, repository: repositoryFromGeodata(data.geodata), dem: data.geodata.dem,
      coverage: data.coverage, gaps: data.gaps, scenarios: data.scenarios, reports, plans: data.plans,
      ...(datasets ? { datasets } : {}), ...(auth ? { auth } : {}), dataVersion: data.dataVersion,
    }),
    close: async () => {
      stops.get(current)?.();
      datasets?.close();
      await Promise.allSettled([pipeline?.close(), store?.close(), reports.close(), highs?.close()]);
    },
  };
  if (datasets) {
    datasets.onChange = async (g) => {
      const previous = current;
      current = await version(g);
      await runtime.onChange(current);
      // requests under way finish on the previous version; its province run stops
      stops.get(previous)?.();
    };
  }
  return runtime;
}

/** `make()` on the first call, its result after. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
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
 *
 * @example
 * isLocalOnly({ host: '127.0.0.1', publicUrl: null }) // true
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
