/**
 * Validation of the data model at the edge: parsed JSON in, typed, copied collections out, or one
 * InputError naming the source and the JSON path of the first few problems (InputProblemsError: every
 * problem of every feature, each check of a feature made whatever the others found), e.g.
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
  /** Check the properties (their path is `path`), each independent check through `attempt`. */
  checkProperties(p: Props, path: string, attempt: Attempt): void;
}

/** Runs one check of a feature: a problem it finds is recorded and the next check runs; true when it passed. */
type Attempt = (check: () => unknown) => boolean;

/** Check every feature, collecting every problem of each (a check that depends on another runs only when that one passed), then copy. */
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
  const attempt: Attempt = (check) => {
    try {
      check();
      return true;
    } catch (err) {
      if (!(err instanceof FeatureProblem)) throw err;
      problems.push({ path: err.path, message: err.message });
      return false;
    }
  };
  const firstIndexById = new Map<string, number>();
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    const path = `features[${i}]`;
    const before = problems.length;
    if (!isObject(f)) {
      attempt(() => fail(path, `expected a GeoJSON Feature object, got ${describe(f)}`));
      continue;
    }
    attempt(() => f.type === 'Feature' || fail(`${path}.type`, `expected "Feature", got ${describe(f.type)}`));
    attempt(() => checkGeometry(f.geometry, `${path}.geometry`, kind.geometry, kind.what));
    const p = f.properties;
    if (!isObject(p)) {
      attempt(() => fail(`${path}.properties`, `expected an object, got ${describe(p)}`));
      continue;
    }
    let id: string | undefined;
    attempt(() => (id = requireString(p, 'id', `${path}.properties`)));
    kind.checkProperties(p, `${path}.properties`, attempt);
    attempt(() => optionalBoolean(p, 'synthetic', `${path}.properties`));
    attempt(() => optionalString(p, 'source', `${path}.properties`));
    // the generic GeoJSON check only when the exact ones found nothing (it would say the same again)
    if (problems.length === before) attempt(() => checkWithGeojsonValidation(f, path));
    if (id === undefined) continue;
    const first = firstIndexById.get(id);
    if (first !== undefined) attempt(() => fail(`${path}.properties.id`, `duplicate id ${describe(id)} (first used by features[${first}])`));
    else firstIndexById.set(id, i);
  }
  if (problems.length > 0) throw problemsError(source, problems);

  for (const f of copy.features) f.id = f.properties.id;
  return copy;
}

/** Check one cell of a site. */
function checkCell(c: unknown, path: string, attempt: Attempt): void {
  if (!isObject(c)) {
    attempt(() => fail(path, `expected a cell object, got ${describe(c)}`));
    return;
  }
  attempt(() => requireEnum(c, 'tech', path, TECHS, 'technology'));
  attempt(() => requireInRange(c, 'freqMHz', path, 'MHz', SITE_LIMITS.freqMHz));
  attempt(() => requireInRange(c, 'eirpDbm', path, 'dBm', SITE_LIMITS.eirpDbm));
  const az = c.azimuthDeg;
  attempt(() => {
    if (az !== undefined && (typeof az !== 'number' || !Number.isFinite(az) || az < 0 || az >= 360)) {
      fail(`${path}.azimuthDeg`, `must be a number of degrees in [0, 360), got ${describe(az)}`);
    }
  });
  const bw = c.beamwidthDeg;
  attempt(() => {
    if (bw === undefined) return;
    if (typeof bw !== 'number' || !Number.isFinite(bw) || bw <= 0 || bw > 360) {
      fail(`${path}.beamwidthDeg`, `must be a number of degrees in (0, 360], got ${describe(bw)}`);
    }
    if (az === undefined) fail(`${path}.beamwidthDeg`, 'given without azimuthDeg; an omni cell has neither, a sector has both');
  });
  const tilt = c.downtiltDeg;
  attempt(() => {
    if (tilt !== undefined && (typeof tilt !== 'number' || !Number.isFinite(tilt) || tilt < -90 || tilt > 90)) {
      fail(`${path}.downtiltDeg`, `must be a number of degrees in [-90, 90], got ${describe(tilt)}`);
    }
  });
}

const SITE: Kind = {
  source: 'sites',
  what: 'a site',
  geometry: ['Point'],
  checkProperties(p, path, attempt) {
    attempt(() => requireString(p, 'name', path));
    attempt(() => requireString(p, 'operator', path));
    attempt(() => requireInRange(p, 'antennaHeightM', path, 'metres above ground', SITE_LIMITS.antennaHeightM));
    attempt(() => requireEnum(p, 'status', path, SITE_STATUSES, 'status'));
    attempt(() => requireEnum(p, 'power', path, SITE_POWER, 'power'));
    attempt(() => requireEnum(p, 'backhaul', path, SITE_BACKHAUL, 'backhaul'));
    const cells = p.cells;
    const cellsOk = attempt(() => {
      if (cells === undefined) fail(`${path}.cells`, 'missing; expected an array of cells');
      if (!Array.isArray(cells)) fail(`${path}.cells`, `expected an array of cells, got ${describe(cells)}`);
      if (cells.length === 0) fail(`${path}.cells`, 'a site needs at least one cell, got an empty array');
    });
    if (cellsOk && Array.isArray(cells)) for (let i = 0; i < cells.length; i++) checkCell(cells[i], `${path}.cells[${i}]`, attempt);
    attempt(() => optionalString(p, 'communeId', path, true));
  },
};

const VILLAGE: Kind = {
  source: 'villages',
  what: 'a village',
  geometry: ['Point', 'Polygon', 'MultiPolygon'],
  checkProperties(p, path, attempt) {
    attempt(() => requireString(p, 'name', path));
    attempt(() => requireString(p, 'communeId', path));
    attempt(() => requireCount(p, 'population', path));
    attempt(() => requireCount(p, 'households', path));
    const el = p.electrified;
    attempt(() => typeof el === 'boolean' || fail(`${path}.electrified`, `expected true or false, got ${describe(el)}`));
    const fb = p.fixedBroadband;
    attempt(() => fb === undefined || fb === null || typeof fb === 'boolean' || fail(`${path}.fixedBroadband`, `expected true, false or null (unknown), got ${describe(fb)}`));
    if (p.boundary !== undefined) attempt(() => checkGeometry(p.boundary, `${path}.boundary`, ['Polygon', 'MultiPolygon'], 'a village boundary'));
    attempt(() => optionalBoolean(p, 'boundarySynthetic', path));
  },
};

const COMMUNE: Kind = {
  source: 'communes',
  what: 'a commune',
  geometry: ['Polygon', 'MultiPolygon'],
  checkProperties(p, path, attempt) {
    attempt(() => requireString(p, 'name', path));
    attempt(() => requireString(p, 'kind', path));
    attempt(() => requireCount(p, 'population', path));
    attempt(() => requireCount(p, 'households', path));
    attempt(() => requirePositive(p, 'areaKm2', path, '(km²)'));
    attempt(() => optionalString(p, 'slug', path));
    const merged = p.mergedFrom;
    attempt(() => {
      if (merged !== undefined && (!Array.isArray(merged) || merged.some((m) => typeof m !== 'string'))) {
        fail(`${path}.mergedFrom`, `expected an array of strings, got ${describe(merged)}`);
      }
    });
  },
};

const OUTLINE: Kind = {
  source: 'outline',
  what: 'an outline',
  geometry: ['Polygon', 'MultiPolygon'],
  checkProperties(p, path, attempt) {
    attempt(() => requireString(p, 'name', path));
    attempt(() => optionalString(p, 'licence', path));
  },
};

const POWER_LINE: Kind = {
  source: 'power-lines',
  what: 'a power line',
  geometry: ['LineString', 'MultiLineString'],
  checkProperties(p, path, attempt) {
    attempt(() => requirePositive(p, 'voltageKv', path, '(kV)'));
    attempt(() => optionalString(p, 'name', path));
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
