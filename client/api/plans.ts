/**
 * The siting plans, one typed function per endpoint: POST /api/plans, GET /api/plans/{id},
 * POST /api/plans/{id}/scenario (answers: core/wire/plans.ts).
 */
import type { PlanDoc, PlanStarted, ScenarioDoc } from '../../core/wire';
import { call, getJson } from './http';

/** Starts a plan (the body of POST /api/plans: objective, k | budget | coverAll, tech, operator, scenario, costs, sites, timeLimitS). */
export const startPlan = async (request: Record<string, unknown>): Promise<PlanStarted> => (await call<PlanStarted>('POST', '/api/plans', request)).body;

/** A plan: its state and, once done, its answer. */
export const getPlan = (id: string): Promise<PlanDoc> => getJson(`/api/plans/${encodeURIComponent(id)}`);

/** Saves a finished plan as a scenario. */
export const planToScenario = async (id: string, meta: { name?: string; description?: string; lang?: 'vi' | 'en' } = {}): Promise<ScenarioDoc> =>
  (await call<ScenarioDoc>('POST', `/api/plans/${encodeURIComponent(id)}/scenario`, meta)).body;
