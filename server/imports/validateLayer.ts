/**
 * One check of an imported layer, whatever its format: the features as read become the layer's
 * FeatureCollection, validated by core/model/validate (every problem of every feature, with its
 * index and field), plus what only an import needs to say:
 *
 *  - attributes from a .dbf, a GeoPackage or KML ExtendedData come as text or truncated names
 *    (`POPULATION`, `electrifie`): known fields are matched by name (any case, the first 10
 *    characters for a .dbf) and clean numbers, booleans and JSON cells read from text;
 *  - coordinates that look projected (metres) or swapped ([lat, lon]) are said to be so;
 *  - points outside the terrain (the DEM) are refused, since nothing can be computed there;
 *  - self-intersecting polygon rings are refused (@turf/kinks);
 *
 * the last two for every feature whose geometry is valid, whatever else is wrong with it or others.
 *
 * Polygons are rewound to RFC 7946 (exterior counterclockwise), as the file loaders do.
 */
import kinks from '@turf/kinks';
import rewind from '@turf/rewind';
import type { Feature, FeatureCollection, Geometry, Polygon, MultiPolygon } from 'geojson';
import { InputProblemsError } from '../../core/errors';
import type { DemGrid } from '../../core/model/types';
import { validateCommunes, validatePowerLines, validateSites, validateVillages } from '../../core/model/validate';
import type { DatasetLayer } from '../data/store/datasets';
import { problemFromPath, type ImportProblem } from './problems';

type VectorLayer = Exclude<DatasetLayer, 'dem'>;

const VALIDATORS: Record<VectorLayer, (input: unknown, source: string) => FeatureCollection> = {
  sites: validateSites,
  villages: validateVillages,
  communes: validateCommunes,
  'power-lines': validatePowerLines,
};

/** The properties of each layer with their type, for reading attributes that came as text. */
const FIELDS: Record<VectorLayer, Record<string, 'string' | 'number' | 'boolean' | 'json'>> = {
  sites: { id: 'string', name: 'string', operator: 'string', antennaHeightM: 'number', status: 'string', power: 'string', backhaul: 'string', cells: 'json', communeId: 'string', source: 'string', synthetic: 'boolean' },
  villages: { id: 'string', name: 'string', communeId: 'string', population: 'number', households: 'number', electrified: 'boolean', fixedBroadband: 'boolean', especiallyDifficult: 'boolean', boundarySynthetic: 'boolean', source: 'string', synthetic: 'boolean' },
  communes: { id: 'string', name: 'string', kind: 'string', population: 'number', households: 'number', areaKm2: 'number', slug: 'string', mergedFrom: 'json', source: 'string', synthetic: 'boolean' },
  'power-lines': { id: 'string', name: 'string', voltageKv: 'number', source: 'string', synthetic: 'boolean' },
};

/** Where a DEM lies: its size and geotransform (its heights are not needed to check positions). */
export type DemExtent = Pick<DemGrid, 'width' | 'height' | 'transform'>;

export interface LayerCheck {
  /** The terrain: points must lie on it. */
  dem: DemExtent | null;
  /** Attributes may come as text (Shapefile, GeoPackage, KML): read typed values from them. */
  typedFromText: boolean;
  /** Most features a file may hold. */
  maxFeatures: number;
}

/**
 * @example
 * const out = validateLayer('villages', read.features, { dem, typedFromText: true, maxFeatures: 200000 });
 * if ('problems' in out) refuse(out.problems);
 */
export function validateLayer(layer: VectorLayer, features: unknown[], check: LayerCheck): { collection: FeatureCollection } | { problems: ImportProblem[] } {
  if (features.length > check.maxFeatures) return { problems: [{ field: '', message: `${features.length} features is more than the limit of ${check.maxFeatures} (IMPORT_MAX_FEATURES); split the file` }] };
  if (features.length === 0) return { problems: [{ field: '', message: `the file has no features; an import replaces the ${layer} layer with what it holds, and an empty layer is refused` }] };
  const input = check.typedFromText ? features.map((f) => typedFeature(layer, f)) : features;
  // coordinates that are not longitude, latitude: said before the validator's generic message
  const hinted = new Map<number, ImportProblem>();
  input.forEach((f, i) => {
    const hint = coordinateHint(f, i);
    if (hint) hinted.set(i, hint);
  });
  let collection: FeatureCollection | null = null;
  const problems: ImportProblem[] = [];
  try {
    collection = VALIDATORS[layer]({ type: 'FeatureCollection', features: input }, layer);
  } catch (err) {
    if (!(err instanceof InputProblemsError)) throw err;
    for (const p of err.problems) {
      const problem = problemFromPath(p.path, p.message);
      // a hinted feature's coordinates: the hint says it better than the validator
      if (problem.feature === undefined || !hinted.has(problem.feature) || !problem.field.startsWith('geometry')) problems.push(problem);
    }
  }
  problems.push(...hinted.values());
  // the terrain and the rings of every feature whose geometry (and boundary) is valid
  const badShape = new Set(problems.filter((p) => p.feature !== undefined && /^(geometry|properties\.boundary|properties$|$)/.test(p.field)).map((p) => p.feature as number));
  const checked = collection ? collection.features : (input as Feature[]);
  // where the file had the polygon: as the geometry (a village's, made its boundary), or as boundary
  const asGeometry = input.map((f) => /Polygon$/.test(String((f as { geometry?: { type?: unknown } } | null)?.geometry?.type)));
  checked.forEach((f, i) => {
    if (badShape.has(i) || typeof f !== 'object' || f === null) return;
    const p = (check.dem ? offTerrain(f, i, check.dem) : null) ?? selfIntersection(f, i, asGeometry[i]);
    if (p) problems.push(p);
  });
  if (problems.length > 0 || !collection) return { problems: problems.sort((a, b) => (a.feature ?? -1) - (b.feature ?? -1)) };
  for (const f of collection.features) {
    for (const g of [f.geometry, f.properties?.boundary as Geometry | undefined]) {
      if (g?.type === 'Polygon' || g?.type === 'MultiPolygon') rewind(g, { mutate: true });
    }
  }
  return { collection };
}

/** A feature whose attributes came as text, with the layer's fields found and typed. */
function typedFeature(layer: VectorLayer, f: unknown): unknown {
  if (typeof f !== 'object' || f === null) return f;
  const feature = f as { properties?: Record<string, unknown> | null };
  const props = feature.properties ?? {};
  const fields = FIELDS[layer];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    const name = Object.keys(fields).find((k) => k.toLowerCase() === key.toLowerCase() || (key.length === 10 && k.slice(0, 10).toLowerCase() === key.toLowerCase())) ?? key;
    if (value === null || value === '' || value === undefined) continue; // an empty .dbf cell: absent
    out[name] = typed(value, fields[name]);
  }
  return { ...feature, properties: out };
}

function typed(value: unknown, type: 'string' | 'number' | 'boolean' | 'json' | undefined): unknown {
  if (type === 'string' && typeof value === 'number') return String(value);
  if (typeof value !== 'string') {
    if (type === 'boolean' && (value === 0 || value === 1)) return value === 1;
    return value;
  }
  const s = value.trim();
  if (type === 'number' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s)) return Number(s);
  if (type === 'boolean') {
    if (/^(true|t|yes|y|1|có)$/i.test(s)) return true;
    if (/^(false|f|no|n|0|không)$/i.test(s)) return false;
  }
  if (type === 'json' && (s.startsWith('[') || s.startsWith('{'))) {
    try {
      return JSON.parse(s);
    } catch {
      return value;
    }
  }
  return value;
}

/** The first position of a geometry, if it has one. */
function firstPosition(g: unknown): unknown[] | null {
  let c: unknown = (g as { coordinates?: unknown } | null)?.coordinates;
  for (let depth = 0; depth < 4 && Array.isArray(c) && Array.isArray(c[0]); depth++) c = c[0];
  return Array.isArray(c) ? c : null;
}

/** Coordinates that are metres of a projected CRS, or [lat, lon] swapped. */
function coordinateHint(f: unknown, i: number): ImportProblem | null {
  const p = firstPosition((f as { geometry?: unknown } | null)?.geometry);
  if (!p || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return null;
  const [x, y] = p as number[];
  if (Math.abs(x) <= 180 && Math.abs(y) <= 90) return null;
  if (Math.abs(x) > 1000 && Math.abs(y) > 1000) {
    return { feature: i, field: 'geometry.coordinates', message: `[${x}, ${y}] looks like projected coordinates in metres (UTM, VN-2000), not WGS 84 longitude, latitude; reproject the file: ogr2ogr -t_srs EPSG:4326 out in` };
  }
  if (Math.abs(y) <= 180 && Math.abs(x) <= 90) {
    return { feature: i, field: 'geometry.coordinates', message: `[${x}, ${y}] looks like [latitude, longitude]: GeoJSON positions are [longitude, latitude] (RFC 7946 §3.1.1); swap them` };
  }
  return null;
}

/** A point (a site, a village's settlement) outside the DEM: nothing can be computed there. */
function offTerrain(f: Feature, i: number, dem: DemExtent): ImportProblem | null {
  if (f.geometry?.type !== 'Point') return null;
  const [lon, lat] = f.geometry.coordinates;
  const t = dem.transform;
  const west = t[0];
  const north = t[3];
  const east = west + dem.width * t[1];
  const south = north + dem.height * t[5];
  if (lon >= west && lon <= east && lat >= south && lat <= north) return null;
  const box = `${west.toFixed(4)}–${east.toFixed(4)} E, ${south.toFixed(4)}–${north.toFixed(4)} N`;
  const swapped = lat >= west && lat <= east && lon >= south && lon <= north;
  return {
    feature: i, field: 'geometry.coordinates',
    message: swapped
      ? `[${lon}, ${lat}] is off the terrain (${box}), but [${lat}, ${lon}] is on it: the position looks like [latitude, longitude]; GeoJSON is [longitude, latitude]`
      : `[${lon}, ${lat}] is outside the terrain (DEM ${box}): covgap cannot compute coverage there; import a DEM that covers it first`,
  };
}

/** A polygon whose rings cross themselves or each other. */
function selfIntersection(f: Feature, i: number, givenAsGeometry: boolean): ImportProblem | null {
  const g = (f.geometry?.type === 'Point' ? f.properties?.boundary : f.geometry) as Geometry | null | undefined;
  if (g?.type !== 'Polygon' && g?.type !== 'MultiPolygon') return null;
  const found = kinks(g as Polygon | MultiPolygon);
  if (found.features.length === 0) return null;
  const [lon, lat] = found.features[0].geometry.coordinates;
  return { feature: i, field: givenAsGeometry ? 'geometry' : 'properties.boundary', message: `the polygon intersects itself at [${lon.toFixed(6)}, ${lat.toFixed(6)}] (${found.features.length} crossing${found.features.length === 1 ? '' : 's'}); fix it in a GIS (QGIS: Vector → Geometry Tools → Check Validity; ogr2ogr -makevalid)` };
}
