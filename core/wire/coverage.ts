/**
 * The coverage answers: /api/coverage/status, /api/coverage/legend, /api/coverage/point,
 * POST /api/coverage/preview and /api/profile.
 */
import { array, bool, int, nullable, num, object, str, tech, type Wire } from './schema';

/** GET /api/coverage/status: how far the province (or scenario) coverage is. */
export const CoverageStatus = object({
  state: { type: 'string', enum: ['computing', 'ready', 'failed'] },
  done: { ...int, description: 'Sites merged so far' },
  total: { ...int, description: 'Sites in all' },
  percent: { ...int, description: 'floor(100 · done / total); 100 with no site' },
  version: { ...str, description: 'A short hash of the inputs: changes whenever the composite would (tile URLs carry it as v=)' },
  error: { ...str, description: 'Why it failed (state failed)' },
}, ['error']);
export type CoverageStatus = Wire<typeof CoverageStatus>;

/** One class of the signal colour ramp. */
export const LegendClass = object({
  name: { type: 'string', enum: ['weak', 'fair', 'good', 'excellent'] },
  minDbm: { ...num, description: 'Lower bound (inclusive), dBm' },
  maxDbm: nullable({ ...num, description: 'Upper bound (exclusive), dBm; null for the last, open class' }),
  color: { ...str, description: 'CSS colour (#rrggbb)' },
});

/** GET /api/coverage/legend: the colour classes of one technology at its threshold. */
export const CoverageLegend = object({
  tech,
  quantity: { ...str, description: 'What the level measures: RxLev (2G), RSCP (3G), RSRP (4G), SS-RSRP (5G)' },
  unit: { type: 'string', enum: ['dBm'] },
  thresholdDbm: num,
  classes: array(LegendClass),
  modelId: { ...str, description: 'The propagation model of the composite' },
  version: str,
});
export type CoverageLegend = Wire<typeof CoverageLegend>;

const PointServer = object({ siteId: str, operator: str, levelDbm: num });
export type PointServer = Wire<typeof PointServer>;

/** GET /api/coverage/point: the predicted level per technology at a point and its servers. */
export const PointAnswer = object({
  lon: num,
  lat: num,
  techs: array(object({
    tech,
    quantity: str,
    thresholdDbm: num,
    levelDbm: nullable({ ...num, description: 'Best level, dBm (one decimal); null where no site reaches' }),
    covered: bool,
    serverCount: { ...int, description: 'Sites at or above the threshold' },
    best: nullable(PointServer),
    byOperator: array(PointServer, 'The best site of each operator, strongest first'),
  })),
  bestServer: nullable(object({ siteId: str, operator: str, levelDbm: num, tech }, [], 'The strongest server over all technologies (relative to each threshold)')),
});
export type PointAnswer = Wire<typeof PointAnswer>;

const MultiPolygon = object({ type: { type: 'string', enum: ['MultiPolygon'] }, coordinates: array(array(array(array(num)))) });

/** POST /api/coverage/preview: polygons per technology at its threshold, and what the site covers. */
export const PreviewAnswer = object({
  type: { type: 'string', enum: ['FeatureCollection'] },
  features: array(object({
    type: { type: 'string', enum: ['Feature'] },
    geometry: MultiPolygon,
    properties: object({
      tech,
      quantity: str,
      thresholdDbm: num,
      areaKm2: num,
      villagesCovered: int,
      villagesNewlyCovered: nullable({ ...int, description: 'Villages covered here and not (in this technology) by the composite; null while it computes' }),
    }),
  })),
  summary: object({
    siteId: str,
    modelId: str,
    radiusM: num,
    cellArcSec: { ...num, description: 'Cell size of the DEM used, arc-seconds' },
    areaKm2: { ...num, description: 'Area where any technology reaches its threshold, km²' },
    villagesCovered: int,
    villagesNewlyCovered: nullable({ ...int, description: 'Villages without any signal in the composite that this site covers; null while it computes' }),
    newlyCoveredVillages: array(object({ id: str, name: str, population: int })),
    elapsedMs: num,
  }),
});
export type PreviewAnswer = Wire<typeof PreviewAnswer>;

const ModelLoss = object({
  modelId: str,
  name: str,
  lossDb: nullable({ ...num, description: 'Basic transmission loss, dB (two decimals); null when the model refused the input' }),
  warnings: array(str),
  error: { ...str, description: 'Why the model refused (impossible input)' },
}, ['error']);

/** GET /api/profile: the terrain profile from a site to a village and every model's loss on it. */
export const ProfileAnswer = object({
  from: object({ siteId: str, name: str, operator: str, lon: num, lat: num, groundM: num, antennaHeightM: num }),
  to: object({ villageId: str, name: str, lon: num, lat: num, groundM: num, rxHeightM: num }),
  chosenBy: { type: 'string', enum: ['given', 'best-server', 'nearest'], description: 'How the site was chosen: given in the query, the village\'s best server, or the nearest site' },
  distanceM: num,
  stepM: num,
  kFactor: num,
  distancesM: array(num, 'Per sample: distance from the site, metres'),
  groundM: array(num, 'Per sample: ground elevation, metres'),
  groundCurvedM: array(num, 'Per sample: ground + Earth bulge (what the ray meets), metres'),
  lineOfSight: object({
    clear: bool,
    minClearanceM: { ...num, description: 'Least clearance between the ray and the bulged ground, metres (negative = blocked)' },
    obstruction: nullable(object({ index: int, distanceM: num, groundCurvedM: num, clearanceM: num }, [], 'The first sample where the ray is blocked; null when clear')),
  }),
  fresnel: object({ freqMHz: num, radiusM: array(num) }, [], 'First Fresnel zone radius per sample at the site\'s lowest frequency'),
  losses: array(object({ freqMHz: num, techs: array(tech), models: array(ModelLoss) }), 'Per distinct frequency of the site: its technologies and each model\'s loss'),
});
export type ProfileAnswer = Wire<typeof ProfileAnswer>;

/** The schemas of this module by the name the OpenAPI document gives them (components.schemas). */
