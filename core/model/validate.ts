/**
 * Validation of the data model at the edge: parsed JSON in, typed, copied collections out, or one
 * InputError naming the source and the JSON path of the first few problems, e.g.
 * `sites.geojson: features[3].properties.cells[1].tech: unknown technology "6G"; expected one of 2G, 3G, 4G, 5G`.
 *
 * Each validator checks the GeoJSON structure (geojson-validation plus exact-path checks of every
 * position), then the covgap rules of core/model/types.ts, and ids unique within the collection.
 * The input is never mutated: the result is a deep copy whose features carry `id = properties.id`,
 * without `__proto__`, `constructor` or `prototype` keys; JSON nested deeper than
 * MAX_JSON_DEPTH (32) levels is refused.
 */
import { SITE_BACKHAUL, SITE_LIMITS, SITE_POWER, SITE_STATUSES, TECHS } from './types';
import type { Communes, Outline, PowerLines, Sites, Villages } from './types';
import {
  cloneJson,
  describe,
  fail,
  FeatureProblem,
  isObject,
  optionalBoolean,
  optionalString,
  problemsError,
  requireCount,
  requireEnum,
  requireInRange,
  requirePositive,
  requireString,
  type Problem,
} from './validateCheck';
import { checkCollection, checkGeometry, checkWithGeojsonValidation, type GeometryType } from './validateGeometry';
import { representativePoint } from '../gaps/sampling';

type Props = Record<string, unknown>;

/** What differs between the four collections. */
interface Kind {
  /** Default source name in messages. */
  source: string;
  /** "a site", for messages. */
  what: string;
  geometry: readonly GeometryType[];
  /** Check the properties (their path is `path`), failing at the first problem. */
  checkProperties(p: Props, path: string): void;
}

/** Check every feature, collecting each invalid feature's first problem, then copy. */
function validateCollection(input: unknown, source: string, kind: Kind): unknown {
  // copy first (bounded depth, no __proto__/constructor/prototype keys), then check the copy: what
  // is checked is exactly what is returned
  const copy = cloneJson(input, source) as { features: Array<{ id?: unknown; properties: Props }> };
  let features: unknown[];
  try {
    features = checkCollection(copy);
  } catch (err) {
    if (err instanceof FeatureProblem) throw problemsError(source, [{ path: err.path, message: err.message }]);
    throw err;
  }
  const problems: Problem[] = [];
  const firstIndexById = new Map<string, number>();
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    const path = `features[${i}]`;
    try {
      if (!isObject(f)) fail(path, `expected a GeoJSON Feature object, got ${describe(f)}`);
      if (f.type !== 'Feature') fail(`${path}.type`, `expected "Feature", got ${describe(f.type)}`);
      checkGeometry(f.geometry, `${path}.geometry`, kind.geometry, kind.what);
      const p = f.properties;
      if (!isObject(p)) fail(`${path}.properties`, `expected an object, got ${describe(p)}`);
      const id = requireString(p, 'id', `${path}.properties`);
      kind.checkProperties(p, `${path}.properties`);
      optionalBoolean(p, 'synthetic', `${path}.properties`);
      optionalString(p, 'source', `${path}.properties`);
      checkWithGeojsonValidation(f, path);
      const first = firstIndexById.get(id);
      if (first !== undefined) fail(`${path}.properties.id`, `duplicate id ${describe(id)} (first used by features[${first}])`);
      firstIndexById.set(id, i);
    } catch (err) {
      if (!(err instanceof FeatureProblem)) throw err;
      problems.push({ path: err.path, message: err.message });
    }
  }
  if (problems.length > 0) throw problemsError(source, problems);

  for (const f of copy.features) f.id = f.properties.id;
  return copy;
}

/** Check one cell of a site. */
function checkCell(c: unknown, path: string): void {
  if (!isObject(c)) fail(path, `expected a cell object, got ${describe(c)}`);
  requireEnum(c, 'tech', path, TECHS, 'technology');
  requireInRange(c, 'freqMHz', path, 'MHz', SITE_LIMITS.freqMHz);
  requireInRange(c, 'eirpDbm', path, 'dBm', SITE_LIMITS.eirpDbm);
  const az = c.azimuthDeg;
  if (az !== undefined) {
    if (typeof az !== 'number' || !Number.isFinite(az) || az < 0 || az >= 360) {
      fail(`${path}.azimuthDeg`, `must be a number of degrees in [0, 360), got ${describe(az)}`);
    }
  }
  const bw = c.beamwidthDeg;
  if (bw !== undefined) {
    if (typeof bw !== 'number' || !Number.isFinite(bw) || bw <= 0 || bw > 360) {
      fail(`${path}.beamwidthDeg`, `must be a number of degrees in (0, 360], got ${describe(bw)}`);
    }
    if (az === undefined) fail(`${path}.beamwidthDeg`, 'given without azimuthDeg; an omni cell has neither, a sector has both');
  }
  const tilt = c.downtiltDeg;
  if (tilt !== undefined && (typeof tilt !== 'number' || !Number.isFinite(tilt) || tilt < -90 || tilt > 90)) {
    fail(`${path}.downtiltDeg`, `must be a number of degrees in [-90, 90], got ${describe(tilt)}`);
  }
}

const SITE: Kind = {
  source: 'sites',
  what: 'a site',
  geometry: ['Point'],
  checkProperties(p, path) {
    requireString(p, 'name', path);
    requireString(p, 'operator', path);
    requireInRange(p, 'antennaHeightM', path, 'metres above ground', SITE_LIMITS.antennaHeightM);
    requireEnum(p, 'status', path, SITE_STATUSES, 'status');
    requireEnum(p, 'power', path, SITE_POWER, 'power');
    requireEnum(p, 'backhaul', path, SITE_BACKHAUL, 'backhaul');
    const cells = p.cells;
    if (cells === undefined) fail(`${path}.cells`, 'missing; expected an array of cells');
    if (!Array.isArray(cells)) fail(`${path}.cells`, `expected an array of cells, got ${describe(cells)}`);
    if (cells.length === 0) fail(`${path}.cells`, 'a site needs at least one cell, got an empty array');
    for (let i = 0; i < cells.length; i++) checkCell(cells[i], `${path}.cells[${i}]`);
    optionalString(p, 'communeId', path, true);
  },
};

const VILLAGE: Kind = {
  source: 'villages',
  what: 'a village',
  geometry: ['Point', 'Polygon', 'MultiPolygon'],
  checkProperties(p, path) {
    requireString(p, 'name', path);
    requireString(p, 'communeId', path);
    requireCount(p, 'population', path);
    requireCount(p, 'households', path);
    const el = p.electrified;
    if (typeof el !== 'boolean') fail(`${path}.electrified`, `expected true or false, got ${describe(el)}`);
    const fb = p.fixedBroadband;
    if (fb !== undefined && fb !== null && typeof fb !== 'boolean') {
      fail(`${path}.fixedBroadband`, `expected true, false or null (unknown), got ${describe(fb)}`);
    }
    if (p.boundary !== undefined) checkGeometry(p.boundary, `${path}.boundary`, ['Polygon', 'MultiPolygon'], 'a village boundary');
    optionalBoolean(p, 'boundarySynthetic', path);
  },
};

const COMMUNE: Kind = {
  source: 'communes',
  what: 'a commune',
  geometry: ['Polygon', 'MultiPolygon'],
  checkProperties(p, path) {
    requireString(p, 'name', path);
    requireString(p, 'kind', path);
    requireCount(p, 'population', path);
    requireCount(p, 'households', path);
    requirePositive(p, 'areaKm2', path, '(km²)');
    optionalString(p, 'slug', path);
    const merged = p.mergedFrom;
    if (merged !== undefined && (!Array.isArray(merged) || merged.some((m) => typeof m !== 'string'))) {
      fail(`${path}.mergedFrom`, `expected an array of strings, got ${describe(merged)}`);
    }
  },
};

const OUTLINE: Kind = {
  source: 'outline',
  what: 'an outline',
  geometry: ['Polygon', 'MultiPolygon'],
  checkProperties(p, path) {
    requireString(p, 'name', path);
    optionalString(p, 'licence', path);
  },
};

const POWER_LINE: Kind = {
  source: 'power-lines',
  what: 'a power line',
  geometry: ['LineString', 'MultiLineString'],
  checkProperties(p, path) {
    requirePositive(p, 'voltageKv', path, '(kV)');
    optionalString(p, 'name', path);
  },
};

/**
 * Validate parsed JSON as a sites FeatureCollection; returns a new object.
 *
 * @example
 * const sites = validateSites(JSON.parse(text), 'sites.geojson');
 */
export function validateSites(input: unknown, source = SITE.source): Sites {
  return validateCollection(input, source, SITE) as Sites;
}

/**
 * Validate parsed JSON as a villages FeatureCollection; returns a new object in which a missing
 * `fixedBroadband` reads null (unknown).
 *
 * @example
 * const villages = validateVillages(JSON.parse(text), 'villages.geojson');
 */
export function validateVillages(input: unknown, source = VILLAGE.source): Villages {
  const out = validateCollection(input, source, VILLAGE) as Villages;
  for (const f of out.features) {
    if (f.properties.fixedBroadband === undefined) f.properties.fixedBroadband = null;
    // a village given as its polygon: the polygon is its boundary, its representative point the settlement
    if (f.geometry.type !== 'Point') {
      f.properties.boundary ??= f.geometry;
      f.geometry = { type: 'Point', coordinates: representativePoint(f.geometry) };
    }
  }
  return out;
}

/**
 * Validate parsed JSON as a communes FeatureCollection; returns a new object.
 *
 * @example
 * const communes = validateCommunes(JSON.parse(text), 'communes.geojson');
 */
export function validateCommunes(input: unknown, source = COMMUNE.source): Communes {
  return validateCollection(input, source, COMMUNE) as Communes;
}

/**
 * Validate parsed JSON as the area's outline (a FeatureCollection of Polygon/MultiPolygon
 * features with an id and a name); returns a new object.
 *
 * @example
 * const outline = validateOutline(JSON.parse(text), 'province.geojson');
 */
export function validateOutline(input: unknown, source = OUTLINE.source): Outline {
  return validateCollection(input, source, OUTLINE) as Outline;
}

/**
 * Validate parsed JSON as a power-lines FeatureCollection; returns a new object.
 *
 * @example
 * const lines = validatePowerLines(JSON.parse(text), 'power-lines.geojson');
 */
export function validatePowerLines(input: unknown, source = POWER_LINE.source): PowerLines {
  return validateCollection(input, source, POWER_LINE) as PowerLines;
}
