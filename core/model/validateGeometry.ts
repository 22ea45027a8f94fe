/**
 * GeoJSON structure checks of the data-model validators: the collection and feature envelope
 * (checked with geojson-validation, then with exact paths here) and every position of a geometry
 * (finite numbers, longitude in [-180, 180], latitude in [-90, 90], closed rings).
 */
import gjv from 'geojson-validation';
import { describe, fail, isObject } from './validateCheck';

export type GeometryType = 'Point' | 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon';

/** How deep the coordinate arrays of each geometry type nest (0 = one position). */
const DEPTH: Record<GeometryType, number> = { Point: 0, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/** Check one position `[lon, lat]` or `[lon, lat, alt]`. */
function checkPosition(p: unknown, path: string): void {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3) {
    fail(path, `expected a position [lon, lat], got ${Array.isArray(p) ? `an array of ${p.length}` : describe(p)}`);
  }
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${path}[${i}]`, `must be a finite number, got ${describe(v)}`);
  }
  const lon = p[0] as number;
  const lat = p[1] as number;
  if (lon < -180 || lon > 180) fail(path, `longitude ${lon} is outside [-180, 180]`);
  if (lat < -90 || lat > 90) fail(path, `latitude ${lat} is outside [-90, 90] (positions are [lon, lat])`);
}

/** Check a list of positions: a LineString (at least 2) or a linear ring (at least 4, closed). */
function checkLine(line: unknown, path: string, ring: boolean): void {
  if (!Array.isArray(line)) fail(path, `expected an array of positions, got ${describe(line)}`);
  const minCount = ring ? 4 : 2;
  if (line.length < minCount) {
    fail(path, `a ${ring ? 'polygon ring' : 'line'} needs at least ${minCount} positions, got ${line.length}`);
  }
  for (let i = 0; i < line.length; i++) checkPosition(line[i], `${path}[${i}]`);
  if (ring) {
    const a = line[0] as number[];
    const b = line[line.length - 1] as number[];
    if (a[0] !== b[0] || a[1] !== b[1]) fail(path, 'polygon ring is not closed: its first and last positions differ');
  }
}

/** Check an array of rings (a Polygon) or of lines (a MultiLineString). */
function checkLines(lines: unknown, path: string, rings: boolean): void {
  if (!Array.isArray(lines)) fail(path, `expected an array of ${rings ? 'rings' : 'lines'}, got ${describe(lines)}`);
  if (lines.length === 0) fail(path, `expected at least one ${rings ? 'ring' : 'line'}, got an empty array`);
  for (let i = 0; i < lines.length; i++) checkLine(lines[i], `${path}[${i}]`, rings);
}

/**
 * Check a feature's geometry: present, of one of `allowed` types, every position valid.
 * `what` names the feature kind in messages ("a site").
 */
export function checkGeometry(geometry: unknown, path: string, allowed: readonly GeometryType[], what: string): void {
  const list = allowed.join(', ');
  if (geometry === undefined || geometry === null) fail(path, `missing; ${what} needs a ${allowed.length > 1 ? `geometry (${list})` : `${list} geometry`}`);
  if (!isObject(geometry)) fail(path, `expected a GeoJSON geometry object, got ${describe(geometry)}`);
  const type = geometry.type;
  if (!allowed.includes(type as GeometryType)) {
    fail(`${path}.type`, `expected ${allowed.length > 1 ? `one of ${list}` : list}, got ${describe(type)}`);
  }
  const coords = geometry.coordinates;
  const cpath = `${path}.coordinates`;
  switch (DEPTH[type as GeometryType]) {
    case 0:
      checkPosition(coords, cpath);
      break;
    case 1:
      checkLine(coords, cpath, false);
      break;
    case 2:
      checkLines(coords, cpath, type === 'Polygon');
      break;
    default: {
      if (!Array.isArray(coords)) fail(cpath, `expected an array of polygons, got ${describe(coords)}`);
      if (coords.length === 0) fail(cpath, 'expected at least one polygon, got an empty array');
      for (let i = 0; i < coords.length; i++) checkLines(coords[i], `${cpath}[${i}]`, true);
    }
  }
}

/**
 * Check the envelope of a feature with geojson-validation, after our own checks (which give the
 * exact path) have passed; anything it still finds (a bad bbox, say) is reported as it words it.
 */
export function checkWithGeojsonValidation(feature: unknown, path: string): void {
  let trace: string[];
  try {
    trace = gjv.isFeature(feature, true) as string[];
  } catch (err) {
    trace = [String(err)];
  }
  if (trace.length > 0) fail(path, `not a valid GeoJSON Feature: ${trace.join('; ')}`);
}

/** Check the top-level object: a FeatureCollection with a features array. */
export function checkCollection(input: unknown): unknown[] {
  const expected = 'expected a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]})';
  if (!isObject(input)) fail('', `${expected}, got ${describe(input)}`);
  if (input.type !== 'FeatureCollection') {
    fail('', `${expected}, got ${input.type === undefined ? 'an object without "type"' : `"type": ${describe(input.type)}`}`);
  }
  if (!Array.isArray(input.features)) fail('', `${expected}, got "features": ${describe(input.features)}`);
  return input.features;
}
