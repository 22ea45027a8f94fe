/**
 * Siting plans (server/services/plans.ts):
 *  - POST /api/plans {objective, k | budget | coverAll, tech, operator, scenario, costs, candidates,
 *    sites, timeLimitS} → 202 {id, state} with Location; 422 naming every bad member;
 *  - GET /api/plans → the jobs, newest first (without their answers);
 *  - GET /api/plans/{id} → {state, progress, …} and, when done, the stations, curve, objective,
 *    bound, gap, optimal, unreachable;
 *  - POST /api/plans/{id}/scenario {name?, description?} → 201 with the scenario saved from it.
 */
import { Router, type Request } from 'express';
import { ApiError } from '../http/errors';
import { baseUrl, onlyParams } from '../http/params';
import type { PlanJob, PlanService } from '../services/plans';
import { authorOf, scenarioEtag } from './scenarios';
import type { PlanDoc, PlanList, PlanStarted, ScenarioDoc } from '../../core/wire';

function requireJson(req: Request, optional = false): void {
  const empty = req.headers['content-length'] === '0' || (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined);
  if (optional && empty) return;
  if (!req.is('application/json')) throw new ApiError(415, 'Unsupported Media Type', 'send the body as JSON with Content-Type: application/json');
}

/**
 * The state as the API spells it: running, done or failed — a job waiting its turn is running
 * with progress 0 and stage "queued".
 */
const apiState = (s: PlanJob['state']): 'running' | 'done' | 'failed' => (s === 'queued' ? 'running' : s);

/** A job as the API shows it: its state, and when done the answer's members at the top level. */
export function planDocument(job: PlanJob, self: string): PlanDoc {
  const { answer, ...all } = job;
  const rest = { ...all, state: apiState(job.state) };
  const links = [{ rel: 'self', type: 'application/json', href: self }];
  if (!answer) return { ...rest, links };
  const { objectiveValue, ...a } = answer;
  return { ...rest, ...a, objective: objectiveValue, objectiveKind: answer.objective, links };
}

/**
 * @example
 * app.use(planRoutes(plans, config.publicUrl));
 */
export function planRoutes(plans: PlanService, publicUrl: string | null): Router {
  const router = Router();
  const self = (req: Request, id: string) => `${baseUrl(req, publicUrl)}/api/plans/${encodeURIComponent(id)}`;

  router.post('/api/plans', async (req, res) => {
    onlyParams(req, []);
    requireJson(req);
    const job = await plans.start(req.body);
    res.status(202).location(self(req, job.id)).set('Cache-Control', 'no-store').json({ id: job.id, state: apiState(job.state), progress: job.progress, stage: job.stage, links: [{ rel: 'self', type: 'application/json', href: self(req, job.id) }] } satisfies PlanStarted);
  });

  router.get('/api/plans', (req, res) => {
    onlyParams(req, ['f']);
    const all = plans.list();
    res.set('Cache-Control', 'no-cache').json({
      plans: all.map((j) => ({
        id: j.id, state: apiState(j.state), stage: j.stage, progress: j.progress, createdAt: j.createdAt, finishedAt: j.finishedAt, error: j.error, scenarios: j.scenarios,
        request: { objective: j.request.objective, goal: j.request.goal, tech: j.request.tech, operator: j.request.operator, scenario: j.request.scenario },
        ...(j.answer ? { stations: j.answer.stations.features.length, servedVillages: j.answer.servedVillages, gapVillages: j.answer.gapVillages, cost: j.answer.cost, currency: j.answer.currency, gap: j.answer.gap } : {}),
        links: [{ rel: 'self', type: 'application/json', href: self(req, j.id) }],
      })),
      numberReturned: all.length,
    } satisfies PlanList);
  });

  router.get('/api/plans/:id', (req, res) => {
    onlyParams(req, ['f']);
    const job = plans.get(req.params.id);
    res.set('Cache-Control', job.state === 'done' || job.state === 'failed' ? 'no-cache' : 'no-store').json(planDocument(job, self(req, job.id)));
  });

  router.post('/api/plans/:id/scenario', async (req, res) => {
    onlyParams(req, []);
    requireJson(req, true);
    const s = await plans.toScenario(req.params.id, req.body ?? {}, authorOf(req));
    const href = `${baseUrl(req, publicUrl)}/api/scenarios/${encodeURIComponent(s.id)}`;
    res.status(201).location(href).set({ ETag: scenarioEtag(s), 'Cache-Control': 'no-cache' }).json({ ...s, links: [{ rel: 'self', type: 'application/json', href }] } satisfies ScenarioDoc);
  });

  return router;
}
