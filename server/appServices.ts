/**
 * The services an app serves, built from the parts of one version of the data (AppDeps): the
 * feature pages (with the `gaps` collection when there is a gap analysis), the network views (the
 * baseline, each scenario's, each partner's), the siting plans and the terrain tiles. The
 * composition root (server/runtime.ts) and the tests build them; server/app.ts only serves them.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { DemGrid } from '../core/model/types';
import type { LpSolver } from '../core/siting';
import type { Config } from './config';
import { withGapsCollection } from './data/gapsRepository';
import type { FeatureRepository } from './data/repository';
import type { CoverageRouteDeps } from './services/coverageSetup';
import type { AuthService } from './services/auth';
import type { DatasetService } from './services/datasets';
import { FeatureService } from './services/features';
import type { GapService } from './services/gaps';
import { NetworkViews } from './services/networkViews';
import { PlanService } from './services/plans';
import type { ReportRenderer } from './services/reportRenderer';
import type { ScenarioService } from './services/scenarios';
import { TerrainTiles, type TerrainTileOptions } from './services/terrainTiles';

/** The parts of one version of the data an app is built from; server/runtime.ts or a test provides them. */
export interface AppDeps {
  /** The hardening settings (allowedHosts, corsOrigins, bodyLimitBytes, previewRateLimit, loginRateLimit) default to HTTP_DEFAULTS. */
  config: Readonly<Pick<Config, 'clientDir' | 'publicUrl' | 'log'> & Partial<Pick<Config, 'allowedHosts' | 'corsOrigins' | 'bodyLimitBytes' | 'previewRateLimit' | 'loginRateLimit'>>>;
  /** Display name of the dataset, e.g. "Cao Bằng (demo)". */
  name: string;
  repository: FeatureRepository;
  dem: DemGrid;
  terrain?: TerrainTileOptions;
  /** Coverage tiles, legend, point, preview and profile (server/services/coverageSetup.ts); absent = not served. */
  coverage?: CoverageRouteDeps;
  /** The gap analysis (server/services/gaps.ts): /api/stats and the `gaps` collection; absent = not served. */
  gaps?: GapService;
  /** Scenarios (server/services/scenarios.ts): /api/scenarios; absent = not served. */
  scenarios?: ScenarioService;
  /**
   * Siting plans (POST /api/plans): the outline keeps generated sites inside the province, the
   * solver is HiGHS made on first use; absent = not served. Needs coverage, gaps and scenarios.
   */
  plans?: PlanParts;
  /** Prints the one-page reports to PDF (headless Chromium); absent = the report.pdf routes answer 501. */
  reports?: ReportRenderer;
  /** Imports and dataset versions (server/services/datasets.ts): /api/imports, /api/datasets; absent = not served. */
  datasets?: DatasetService;
  /**
   * Which version of the data this app serves (the active dataset versions, e.g. "sites2.villages1…"):
   * part of the cached gap pages' key and ETag, so that a page of other villages is never a 304.
   */
  dataVersion?: string;
  /**
   * Users, tokens and sessions (server/services/auth.ts): every request is checked against
   * server/auth/policy.ts. Absent: no authentication, every caller is the local administrator.
   */
  auth?: AuthService;
  /** Where log lines go; stderr by default. Only used when config.log is on (internal errors always). */
  log?: (line: string) => void;
}

/** What the siting plans need beside the services: where generated sites may go, where plans are kept, the solver. */
export interface PlanParts {
  outline: FeatureCollection<Polygon | MultiPolygon> | null;
  dir: string | null;
  solver: (() => LpSolver) | null;
}

/** What an app serves: the parts, and the services built over them. */
export interface AppServices extends Omit<AppDeps, 'plans' | 'log'> {
  /** The features with the `gaps` collection when there is a gap analysis. */
  repository: FeatureRepository;
  features: FeatureService;
  /** The network a read is about: the baseline, a scenario's, or an operator-limited partner's. */
  views: NetworkViews;
  /** null: plans not served. */
  plans: PlanService | null;
  tiles: TerrainTiles;
  log: (line: string) => void;
}

/**
 * The services over the parts. No module-level state: two calls share nothing.
 *
 * @example
 * const app = createApp(appServices({ config, name: 'Demo', repository, dem }));
 */
export function appServices(deps: AppDeps): AppServices {
  const { name, coverage, gaps, scenarios } = deps;
  const repository = gaps ? withGapsCollection(deps.repository, gaps) : deps.repository;
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const features = new FeatureService(repository, name);
  // the network a read is about: the baseline, or ?scenario=ID's (made and evaluated on first use)
  // (or, for a partner limited to an operator, that operator's part of the baseline)
  const views = new NetworkViews(
    { id: 'baseline', features, ...(coverage ? { coverage: coverage.coverage, profiles: coverage.profiles } : {}), ...(gaps ? { gaps } : {}) },
    {
      ...(scenarios ? { scenarios } : {}), repository: deps.repository, title: name, log,
      ...(coverage ? { coverage: { pipeline: coverage.pipeline, baseline: coverage.coverage, villages: coverage.villages, ...(gaps ? { gapData: gaps.data } : {}) } } : {}),
    },
  );
  const plans = deps.plans && scenarios && coverage && gaps
    ? new PlanService({ views, scenarios, pipeline: coverage.pipeline, outline: deps.plans.outline, dir: deps.plans.dir, solver: deps.plans.solver, log })
    : null;
  const { plans: _parts, ...rest } = deps;
  return { ...rest, repository, features, views, plans, tiles: new TerrainTiles(deps.dem, deps.terrain), log };
}
