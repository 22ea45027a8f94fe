/**
 * The siting plans' answers: POST /api/plans (202), GET /api/plans (the list) and
 * GET /api/plans/{id} (a job and, when done, its answer's members at the top level).
 */
import { FeatureId, Point, SiteFeature } from './features';
import { array, bool, dateTime, int, link, map, nullable, num, object, str, tech, type Wire } from './schema';

/** running, done or failed: a job waiting its turn is running at stage "queued". */
const state = { type: 'string', enum: ['running', 'done', 'failed'] } as const;
const objectiveKind = { type: 'string', enum: ['villages', 'population'] } as const;

/** How many stations the plan may take: k stations, a budget, or every reachable gap village. */
export const SitingGoal = {
  oneOf: [
    object({ kind: { type: 'string', enum: ['k'] }, k: int }),
    object({ kind: { type: 'string', enum: ['budget'] }, budget: num }),
    object({ kind: { type: 'string', enum: ['coverAll'] } }),
  ],
} as const;

/** Who pays, in the plan's currency. */
export const PayerSplit = object({ operator: num, fund: { ...num, description: 'The public-utility telecom fund' }, powerUtility: num });

const PlanRequest = object({
  idPrefix: { ...str, description: 'Prefix of the generated candidates\' ids' },
  objective: objectiveKind,
  goal: SitingGoal,
  tech: nullable(tech),
  operator: nullable(str),
  scenario: nullable(str),
  costs: { type: 'object', description: 'Cost options given (over the defaults)' },
  candidates: { type: 'object', description: 'Candidate options given (over the defaults)' },
  sites: array(SiteFeature, 'Candidates the user gave'),
  timeLimitS: num,
});

/** One proposed station (a feature's properties). */
export const PlanStationProperties = object({
  id: str,
  order: { ...int, description: '1 = chosen first' },
  kind: { type: 'string', enum: ['high-ground', 'village', 'upgrade', 'given'] },
  name: str,
  operator: str,
  antennaHeightM: num,
  techs: { ...str, description: 'Its technologies, e.g. "2G+4G"' },
  baseSiteId: nullable({ ...str, description: 'For an upgrade: the existing site' }),
  addedTechs: array(tech),
  raisedToM: nullable(num),
  power: { type: 'string', enum: ['grid', 'solar', 'existing'] },
  gridKm: nullable(num),
  backhaul: { type: 'string', enum: ['fiber', 'microwave', 'satellite', 'existing'] },
  backhaulKm: nullable(num),
  backhaulToSiteId: nullable(str),
  villageIds: array(str, 'Gap villages it serves'),
  addedVillageIds: array(str, 'Gap villages it serves that no station chosen before it serves'),
  addedPeople: int,
  addedDifficultVillageIds: array(str),
  currency: str,
  cost: num,
  costItems: object({ build: num, power: num, backhaul: num }),
  costByPayer: PayerSplit,
  costPerVillage: nullable(num),
  costPerPerson: nullable(num),
  site: SiteFeature,
});
export type PlanStationProperties = Wire<typeof PlanStationProperties>;

/** A point of the marginal-gain curve. */
export const PlanCurvePoint = object({
  k: int,
  villages: int,
  people: int,
  cost: num,
  bound: { ...num, description: 'Proven upper bound on the objective of any plan of k stations' },
  villagesWithSignalShare: { ...num, description: 'Villages with signal after k stations, share of all villages (0…1)' },
});
export type PlanCurvePoint = Wire<typeof PlanCurvePoint>;

/** GET /api/plans/{id}: the job; once done, the answer. */
export const PlanDoc = object({
  id: str,
  state,
  progress: { ...num, description: '0…1' },
  stage: str,
  request: PlanRequest,
  createdAt: dateTime,
  finishedAt: nullable(dateTime),
  error: nullable(str),
  scenarios: array(str, 'Scenarios this plan was saved as'),
  links: array(link),
  // the answer's members (state done)
  objective: { ...num, description: 'Villages or people served by the plan (see objectiveKind)' },
  objectiveKind,
  goal: SitingGoal,
  tech: nullable(tech),
  operator: nullable(str),
  scenario: nullable(str),
  currency: str,
  stations: object({ type: { type: 'string', enum: ['FeatureCollection'] }, features: array(object({ type: { type: 'string', enum: ['Feature'] }, id: FeatureId, geometry: Point, properties: PlanStationProperties }, ['id'])) }),
  curve: array(PlanCurvePoint),
  bound: num,
  boundKind: str,
  gap: { ...num, description: 'Relative gap between the objective and its bound' },
  optimal: bool,
  method: str,
  cost: num,
  costByPayer: PayerSplit,
  gapVillages: int,
  servedVillages: int,
  servedPeople: int,
  notChosen: array(str, 'Gap villages not served although some candidate could (a k or budget limit)'),
  unreachable: array(object({ id: str, name: str, reason: str })),
  candidates: map(int, 'Candidates by kind, evaluated and excluded'),
  villagesTotal: int,
  villagesWithSignalBefore: int,
  seconds: object({ candidates: num, serves: num, costs: num, optimise: num, total: num }),
}, ['objective', 'objectiveKind', 'goal', 'tech', 'operator', 'scenario', 'currency', 'stations', 'curve', 'bound', 'boundKind', 'gap', 'optimal', 'method', 'cost', 'costByPayer', 'gapVillages', 'servedVillages', 'servedPeople', 'notChosen', 'unreachable', 'candidates', 'villagesTotal', 'villagesWithSignalBefore', 'seconds']);
export type PlanDoc = Wire<typeof PlanDoc>;

/** POST /api/plans: 202, the job started. */
export const PlanStarted = object({ id: str, state, progress: num, stage: str, links: array(link) });
export type PlanStarted = Wire<typeof PlanStarted>;

/** GET /api/plans: the jobs, newest first, without their answers. */
export const PlanList = object({
  plans: array(object({
    id: str, state, stage: str, progress: num, createdAt: dateTime, finishedAt: nullable(dateTime), error: nullable(str), scenarios: array(str),
    request: object({ objective: objectiveKind, goal: SitingGoal, tech: nullable(tech), operator: nullable(str), scenario: nullable(str) }),
    stations: int, servedVillages: int, gapVillages: int, cost: num, currency: str, gap: num,
    links: array(link),
  }, ['stations', 'servedVillages', 'gapVillages', 'cost', 'currency', 'gap'])),
  numberReturned: int,
});
export type PlanList = Wire<typeof PlanList>;
