/**
 * The scenarios: GET/POST /api/scenarios, GET/PUT/PATCH /api/scenarios/{id},
 * POST /api/scenarios/{id}/edits (core/scenario/types.ts is the data model; this is its wire form,
 * with the links the server adds).
 */
import { Cell, SiteFeature } from './features';
import { array, dateTime, int, link, num, object, str, type Wire } from './schema';

/** The site members a `modify` edit may set (any subset), and a new position. */
const SiteChanges = object({
  name: str,
  operator: str,
  antennaHeightM: num,
  status: { type: 'string', enum: ['existing', 'planned', 'candidate'] },
  power: { type: 'string', enum: ['grid', 'solar', 'none'] },
  backhaul: { type: 'string', enum: ['fiber', 'microwave', 'satellite', 'none'] },
  cells: array(Cell),
  communeId: { ...str, nullable: true },
  synthetic: { type: 'boolean' },
  source: str,
  lon: num,
  lat: num,
}, ['name', 'operator', 'antennaHeightM', 'status', 'power', 'backhaul', 'cells', 'communeId', 'synthetic', 'source', 'lon', 'lat']);

/** One edit of the base network, applied in order. */
export const ScenarioEdit = {
  oneOf: [
    object({ op: { type: 'string', enum: ['add'] }, site: SiteFeature }, [], 'Add a station'),
    object({ op: { type: 'string', enum: ['remove'] }, siteId: str }, [], 'Take a site out of the network'),
    object({ op: { type: 'string', enum: ['modify'] }, siteId: str, set: SiteChanges }, [], 'Replace some of a site\'s properties, or move it'),
    object({ op: { type: 'string', enum: ['options'] }, set: { type: 'object', description: 'Gap rule and thresholds (README, "Gap rule")' } }, [], 'Change the gap rule and thresholds'),
  ],
} as const;

const scenarioProperties = {
  id: { ...str, description: 'Assigned by the server' },
  name: str,
  description: str,
  base: { ...str, description: '"baseline" or the id of another scenario' },
  edits: array(ScenarioEdit),
  author: { ...str, description: 'Who saved it last (set by the server from the caller)' },
  version: { ...int, description: '1 when created, +1 on every write; the ETag is derived from it' },
  createdAt: dateTime,
  updatedAt: dateTime,
  links: array(link),
} as const;

/** A scenario as the server keeps it, with its self link. */
export const ScenarioDoc = object(scenarioProperties);
export type ScenarioDoc = Wire<typeof ScenarioDoc>;

/** GET /api/scenarios. */
export const ScenarioList = object({ scenarios: array(ScenarioDoc), numberReturned: int });
export type ScenarioList = Wire<typeof ScenarioList>;
