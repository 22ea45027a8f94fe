/**
 * Siting plans as jobs: POST /api/plans starts one (queued, one at a time: a plan uses the coverage
 * workers and HiGHS), GET /api/plans/{id} follows it, POST /api/plans/{id}/scenario saves a finished
 * plan as a scenario. Each job is a JSON file in DATA_DIR/plans, written atomically (temporary file,
 * fsync, rename) at every change of state, so an acknowledged plan survives a restart; a job that
 * was running when the server stopped is marked failed ("interrupted") on the next start.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { BusyError, ConflictError, InputError, NotFoundError, UnprocessableError } from '../../core/errors';
import { validateSites } from '../../core/model/validate';
import { TECHS, type SiteFeature, type Tech } from '../../core/model/types';
import { planScenarioName, type NameLang } from '../../core/text/planName';
import { BASELINE, type Scenario, type ScenarioEdit } from '../../core/scenario/types';
import type { LpSolver, SitingGoal } from '../../core/siting';
import { resolveCandidateOptions } from '../../core/siting/candidateOptions';
import { resolveCostOptions } from '../../core/siting/costs';
import type { CoveragePipeline } from '../coverage/pipeline';
import { makePlan, type PlanAnswer, type PlanRequest } from '../siting/planner';
import type { NetworkViews } from './networkViews';
import type { ScenarioService } from './scenarios';

export type PlanState = 'queued' | 'running' | 'done' | 'failed';

export interface PlanJob {
  id: string;
  state: PlanState;
  progress: number;
  stage: string;
  request: PlanRequest;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
  answer: PlanAnswer | null;
  /** Scenarios this plan was saved as. */
  scenarios: string[];
}

const PLAN_KEYS = ['objective', 'k', 'budget', 'coverAll', 'tech', 'operator', 'scenario', 'costs', 'candidates', 'sites', 'timeLimitS'];

/**
 * Checks a POST /api/plans body against the network's operators; every problem is listed
 * (UnprocessableError: 422 with `errors`), nothing is started.
 *
 * @example
 * parsePlanRequest({ k: 10 }, ['Viettel']) // { objective: 'villages', goal: { kind: 'k', k: 10 }, … }
 */
export function parsePlanRequest(body: unknown, operators: readonly string[], siteIds: ReadonlySet<string>): PlanRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new UnprocessableError([{ path: 'body', message: 'must be a JSON object such as {"objective": "villages", "k": 10}' }]);
  }
  const b = body as Record<string, unknown>;
  const problems: { path: string; message: string }[] = [];
  const bad = (path: string, message: string) => problems.push({ path, message });
  for (const k of Object.keys(b)) if (!PLAN_KEYS.includes(k)) bad(k, `unknown member; a plan takes ${PLAN_KEYS.join(', ')}`);
  const objective = b.objective ?? 'villages';
  if (objective !== 'villages' && objective !== 'population') bad('objective', `must be "villages" or "population", got ${JSON.stringify(objective)}`);
  const given = (['k', 'budget', 'coverAll'] as const).filter((k) => b[k] !== undefined && b[k] !== null && b[k] !== false);
  let goal: SitingGoal = { kind: 'coverAll' };
  if (given.length !== 1) bad(given.length === 0 ? 'k' : given[1], `give exactly one of k (stations), budget (a cost) or coverAll: true${given.length > 1 ? `, not ${given.join(' and ')}` : ''}`);
  else if (given[0] === 'k') {
    if (!Number.isInteger(b.k) || (b.k as number) < 1 || (b.k as number) > 2000) bad('k', `must be an integer from 1 to 2000, got ${JSON.stringify(b.k)}`);
    else goal = { kind: 'k', k: b.k as number };
  } else if (given[0] === 'budget') {
    if (typeof b.budget !== 'number' || !Number.isFinite(b.budget) || b.budget < 0) bad('budget', `must be an amount ≥ 0 in the cost currency, got ${JSON.stringify(b.budget)}`);
    else goal = { kind: 'budget', budget: b.budget };
  } else if (b.coverAll !== true) bad('coverAll', `must be true (or leave it out), got ${JSON.stringify(b.coverAll)}`);
  const tech = b.tech ?? null;
  if (tech !== null && !(TECHS as readonly unknown[]).includes(tech)) bad('tech', `must be null or one of ${TECHS.join(', ')}, got ${JSON.stringify(tech)}`);
  let operator = (b.operator ?? null) as string | null;
  if (operator !== null) {
    const match = typeof operator === 'string' ? operators.find((o) => o.toLowerCase() === operator!.toLowerCase()) : undefined;
    if (!match) bad('operator', `must be null or one of ${operators.join(', ')}, got ${JSON.stringify(operator)}`);
    else operator = match;
  }
  const scenario = b.scenario ?? null;
  if (scenario !== null && (typeof scenario !== 'string' || !/^[\w.-]{1,64}$/.test(scenario))) bad('scenario', `must be null, "baseline" or a scenario id, got ${JSON.stringify(scenario)}`);
  const sub = (key: 'costs' | 'candidates', check: (v: Record<string, unknown>) => void): Record<string, unknown> => {
    const v = b[key] ?? {};
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      bad(key, `must be an object of options, got ${JSON.stringify(v)}`);
      return {};
    }
    try {
      check(v as Record<string, unknown>);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      bad(err.path ?? key, err.message);
    }
    return v as Record<string, unknown>;
  };
  const costs = sub('costs', (v) => resolveCostOptions(v));
  const candidates = sub('candidates', (v) => resolveCandidateOptions(v));
  let sites: SiteFeature[] = [];
  if (b.sites !== undefined && b.sites !== null) {
    try {
      sites = validateSites(b.sites, 'sites').features as SiteFeature[];
      sites.forEach((s, i) => { if (siteIds.has(s.properties.id)) bad(`sites.features[${i}].properties.id`, `${JSON.stringify(s.properties.id)} is already a site of the network; give the candidate its own id`); });
      if (sites.length > 2000) bad('sites', `at most 2000 candidates, got ${sites.length}`);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      bad(err.path ? `sites.${err.path}` : 'sites', err.message);
    }
  }
  const timeLimitS = b.timeLimitS ?? 60;
  if (typeof timeLimitS !== 'number' || !(timeLimitS >= 1 && timeLimitS <= 600)) bad('timeLimitS', `must be a number of seconds from 1 to 600, got ${JSON.stringify(timeLimitS)}`);
  if (problems.length > 0) throw new UnprocessableError(problems);
  return {
    idPrefix: randomBytes(4).toString('hex'), objective: objective as PlanRequest['objective'], goal, tech: tech as Tech | null, operator, scenario: scenario === BASELINE ? null : (scenario as string | null),
    costs, candidates, sites, timeLimitS: timeLimitS as number,
  };
}

export interface PlanServiceDeps {
  views: NetworkViews;
  scenarios: ScenarioService;
  pipeline: CoveragePipeline;
  outline: FeatureCollection<Polygon | MultiPolygon> | null;
  /** Where the jobs are kept (DATA_DIR/plans); null: in memory only (tests). */
  dir: string | null;
  /** The exact solver (HiGHS in a worker), made on first use; null: greedy and bounds only. */
  solver: (() => LpSolver) | null;
  /** Most jobs waiting to run; more are refused (429). */
  maxQueued?: number; // 8
  log?: (line: string) => void;
}

/**
 * @example
 * const plans = new PlanService({ views, scenarios, pipeline, outline, dir: 'data/plans', solver: () => highs.solve });
 * const job = await plans.start({ k: 10 });
 */
export class PlanService {
  private readonly _jobs = new Map<string, PlanJob>();
  private readonly _deps: PlanServiceDeps;
  private _queue: Promise<void> = Promise.resolve();
  private _waiting = 0;
  private _solver: LpSolver | null = null;

  constructor(deps: PlanServiceDeps) {
    this._deps = deps;
    if (deps.dir) {
      mkdirSync(deps.dir, { recursive: true });
      for (const name of readdirSync(deps.dir)) {
        if (!name.endsWith('.json')) continue;
        try {
          const job = JSON.parse(readFileSync(join(deps.dir, name), 'utf8')) as PlanJob;
          if (job.state === 'queued' || job.state === 'running') {
            job.state = 'failed';
            job.error = 'interrupted: the server stopped while this plan ran; start it again';
            job.finishedAt = new Date().toISOString();
            this._write(job);
          }
          this._jobs.set(job.id, job);
        } catch {
          deps.log?.(`plans: ${name} is not a readable plan; left alone`);
        }
      }
    }
  }

  /** Starts a plan; the job as stored (state 'queued'). */
  async start(body: unknown): Promise<PlanJob> {
    const base = await this._deps.views.view(BASELINE);
    const operators = base.gaps ? base.gaps.operators() : [];
    const siteIds = new Set((base.gaps?.coverage.provider.sites ?? []).map((s) => s.properties.id));
    const request = parsePlanRequest(body, operators, siteIds);
    if (request.scenario) await this._deps.scenarios.resolve(request.scenario).then((r) => { if (!r) throw new NotFoundError(`scenario "${request.scenario}" does not exist`); });
    if (this._waiting >= (this._deps.maxQueued ?? 8)) throw new BusyError(`${this._waiting} plans are already waiting to run; try again when one has finished`, 60);
    const id = randomBytes(6).toString('base64url');
    const job: PlanJob = { id, state: 'queued', progress: 0, stage: 'queued', request, createdAt: new Date().toISOString(), finishedAt: null, error: null, answer: null, scenarios: [] };
    this._jobs.set(id, job);
    this._write(job);
    this._waiting++;
    this._queue = this._queue.then(() => this._run(job)).finally(() => { this._waiting--; });
    return job;
  }

  /** A job by id (404 when unknown). */
  get(id: string): PlanJob {
    const job = this._jobs.get(id);
    if (!job) throw new NotFoundError(`plan "${id}" does not exist`);
    return job;
  }

  /** All jobs, newest first. */
  list(): PlanJob[] {
    return [...this._jobs.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  }

  /** Waits for the queue (tests, shutdown). */
  async idle(): Promise<void> {
    await this._queue.catch(() => {});
  }

  /**
   * Saves a finished plan as a scenario on the network it was made on: each proposed new station
   * an `add`, each upgrade a `modify` of its site (cells and antenna height, and the power and
   * backhaul the plan costed for it), in the plan's build order.
   */
  async toScenario(id: string, body: unknown, author: string): Promise<Scenario> {
    const job = this.get(id);
    if (job.state !== 'done' || !job.answer) throw new ConflictError(`plan "${id}" is ${job.state}: only a finished plan can be saved as a scenario`);
    const b = (body ?? {}) as Record<string, unknown>;
    if (typeof b !== 'object' || Array.isArray(b)) throw new UnprocessableError([{ path: 'body', message: 'must be a JSON object (name, description and lang are optional)' }]);
    for (const k of Object.keys(b)) if (k !== 'name' && k !== 'description' && k !== 'lang') throw new UnprocessableError([{ path: k, message: 'unknown member; give name, description and lang only' }]);
    if (b.lang !== undefined && b.lang !== 'vi' && b.lang !== 'en') throw new UnprocessableError([{ path: 'lang', message: `the language of the default name: "vi" or "en", got ${JSON.stringify(b.lang)}` }]);
    const lang = (b.lang ?? 'vi') as NameLang;
    const a = job.answer;
    const edits: ScenarioEdit[] = a.stations.features.map((f) => {
      const p = f.properties;
      if (p.kind === 'upgrade') {
        // the power and backhaul the plan gave a site that had none (and costed) go with it
        const set = {
          cells: p.site.properties.cells, antennaHeightM: p.site.properties.antennaHeightM,
          ...(p.power !== 'existing' ? { power: p.site.properties.power } : {}), ...(p.backhaul !== 'existing' ? { backhaul: p.site.properties.backhaul } : {}),
        };
        return { op: 'modify', siteId: p.baseSiteId!, set };
      }
      return { op: 'add', site: p.site };
    });
    const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
    const cost = `${a.cost.toLocaleString(locale)} ${a.currency}`;
    const scenario = await this._deps.scenarios.create({
      name: typeof b.name === 'string' && b.name.trim() ? b.name : planScenarioName(a.stations.features.length, lang, new Date()),
      description: typeof b.description === 'string' ? b.description
        : lang === 'vi'
          ? `Phương án quy hoạch ${id}: phủ sóng ${a.servedVillages}/${a.gapVillages} thôn chưa có sóng${a.tech ? ` ${a.tech}` : ''}, chi phí ${cost}; ${a.method}`
          : `Siting plan ${id}: ${a.servedVillages} of ${a.gapVillages} villages without ${a.tech ?? 'any'} signal served, ${cost}; ${a.method}`,
      base: job.request.scenario ?? BASELINE,
      edits,
    }, author);
    job.scenarios.push(scenario.id);
    this._write(job);
    return scenario;
  }

  private async _run(job: PlanJob): Promise<void> {
    job.state = 'running';
    job.stage = 'starting';
    this._write(job);
    const t0 = Date.now();
    try {
      const view = await this._deps.views.view(job.request.scenario ?? BASELINE);
      if (!view.gaps) throw new Error('this server computes no coverage');
      // wait for the network's evaluation (a scenario's runs in the background)
      for (;;) {
        try {
          view.gaps.status();
          break;
        } catch (err) {
          if ((err as Error).name !== 'CoverageNotReady') throw err;
          job.stage = 'waiting for the coverage';
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      const solver = this._deps.solver ? (this._solver ??= this._deps.solver()) : undefined;
      let last = 0;
      job.answer = await makePlan(job.request, {
        sites: view.gaps.coverage.provider.sites, villages: view.gaps.data.villages, powerLines: view.gaps.data.powerLines,
        composite: view.gaps.coverage.ready(), status: view.gaps.status(), gapOptions: view.gaps.options, outline: this._deps.outline,
      }, this._deps.pipeline, solver, (fraction, stage) => {
        job.progress = Math.round(fraction * 1000) / 1000;
        job.stage = stage;
        if (Date.now() - last > 2000) { last = Date.now(); this._write(job); }
      });
      job.state = 'done';
      job.progress = 1;
      job.stage = 'done';
      this._deps.log?.(`plan ${job.id}: ${job.answer.stations.features.length} stations, ${job.answer.servedVillages}/${job.answer.gapVillages} gap villages, gap ${(job.answer.gap * 100).toFixed(2)} % in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (err) {
      job.state = 'failed';
      job.error = err instanceof Error ? err.message : String(err);
      this._deps.log?.(`plan ${job.id}: failed: ${job.error}`);
    }
    job.finishedAt = new Date().toISOString();
    this._write(job);
  }

  private _write(job: PlanJob): void {
    if (!this._deps.dir) return;
    const path = join(this._deps.dir, `${job.id}.json`);
    const tmp = `${path}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(job));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  }
}
