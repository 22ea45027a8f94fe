/** OpenAPI 3.0 additions of the siting API: /api/plans, /api/plans/{id}, /api/plans/{id}/scenario. */
import { DEFAULT_CANDIDATE_OPTIONS } from '../../core/siting/candidateOptions';
import { DEFAULT_COST_OPTIONS } from '../../core/siting/costs';

const problem = { $ref: '#/components/responses/Problem' };
const idParam = { name: 'id', in: 'path', required: true, description: 'Plan id (assigned by the server)', schema: { type: 'string' } };
const optionsSchema = (defaults: object, what: string) => ({
  type: 'object',
  description: `${what}; any subset, the rest from the defaults shown (each default's basis: README, "Siting")`,
  properties: Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, Array.isArray(v)
    ? { type: 'array', items: { type: 'string' }, default: v }
    : v === null ? { type: 'number', nullable: true, default: null } : { type: typeof v === 'number' ? 'number' : typeof v, default: v }])),
  additionalProperties: false,
});

/**
 * Adds the plan paths and schemas to an OpenAPI document built by openApiDocument (mutates and returns it).
 *
 * @example
 * addPlanOpenApi(openApiDocument(repo.collections(), base, name));
 */
export function addPlanOpenApi<T extends object>(doc: T): T {
  const d = doc as { paths: Record<string, object>; components: { schemas: Record<string, object> } };
  d.components.schemas.PlanRequest = {
    type: 'object',
    description: 'Exactly one of k, budget or coverAll.',
    properties: {
      objective: { type: 'string', enum: ['villages', 'population'], default: 'villages', description: 'What to maximise: villages served, or the people living in them' },
      k: { type: 'integer', minimum: 1, maximum: 2000, description: 'The most villages (people) served with at most k stations' },
      budget: { type: 'number', minimum: 0, description: 'The most villages (people) served within a total cost, in the cost currency' },
      coverAll: { type: 'boolean', enum: [true], description: 'The least cost that serves every gap village some candidate can reach' },
      tech: { type: 'string', enum: ['2G', '3G', '4G', '5G'], nullable: true, default: null, description: 'Gaps of one technology ("no 4G"); null: no signal at all' },
      operator: { type: 'string', nullable: true, default: null, description: 'Gaps of one operator, whose stations and upgrades are proposed; null: operator-neutral stations for villages with no signal of anyone' },
      scenario: { type: 'string', nullable: true, default: null, description: 'Plan on a scenario\'s network; null or "baseline": the network as loaded' },
      costs: optionsSchema(DEFAULT_COST_OPTIONS, 'Cost options'),
      candidates: optionsSchema(DEFAULT_CANDIDATE_OPTIONS, 'Candidate generation options'),
      sites: { type: 'object', description: 'Candidates of your own: a GeoJSON FeatureCollection of site features (as in collection sites), besides the generated ones' },
      timeLimitS: { type: 'number', minimum: 1, maximum: 600, default: 60, description: 'Time limit of the exact solve (HiGHS), s' },
    },
    additionalProperties: false,
  };
  // Plan, PlanStarted, PlanList: the wire contract's (core/wire/plans.ts), in components.schemas already
  const plan = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Plan' } } } };
  d.paths['/api/plans'] = {
    get: {
      summary: 'The siting plans, newest first (without their stations)',
      operationId: 'listPlans',
      parameters: [{ name: 'f', in: 'query', required: false, schema: { type: 'string', enum: ['json'] } }],
      responses: { '200': { description: 'The plans', content: { 'application/json': { schema: { $ref: '#/components/schemas/PlanList' } } } }, '400': problem },
    },
    post: {
      summary: 'Start a siting plan: the stations that close the gaps at least cost, with a bound',
      operationId: 'startPlan',
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PlanRequest' } } } },
      responses: {
        '202': { description: 'Started (or queued): follow Location', headers: { Location: { schema: { type: 'string' } } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/PlanStarted' } } } },
        '400': problem, '404': problem, '415': problem, '422': problem, '429': problem,
      },
    },
  };
  d.paths['/api/plans/{id}'] = {
    get: {
      summary: 'A plan: its state and progress, and when done the proposed stations, the curve, the bound and the gap',
      operationId: 'getPlan',
      parameters: [idParam, { name: 'f', in: 'query', required: false, schema: { type: 'string', enum: ['json'] } }],
      responses: { '200': { description: 'The plan', ...plan }, '400': problem, '404': problem },
    },
  };
  d.paths['/api/plans/{id}/scenario'] = {
    post: {
      summary: 'Save a finished plan as a scenario (new stations added, upgrades as modifications)',
      operationId: 'planToScenario',
      parameters: [idParam],
      requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string', description: 'Default: in `lang`, the number of stations and the day, e.g. "Phương án 10 trạm — 07/12/2026"' }, description: { type: 'string' }, lang: { type: 'string', enum: ['vi', 'en'], default: 'vi', description: 'The language of the default name and description' } }, additionalProperties: false } } } },
      responses: {
        '201': { description: 'The scenario', headers: { Location: { schema: { type: 'string' } }, ETag: { schema: { type: 'string' } } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/Scenario' } } } },
        '400': problem, '404': problem, '409': problem, '415': problem, '422': problem,
      },
    },
  };
  return doc;
}
