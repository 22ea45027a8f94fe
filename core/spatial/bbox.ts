import type { Geometry } from 'geojson';
import type { BBox } from '../model/types';
import { InputError } from '../errors';

/**
 * The [west, south, east, north] extent of a GeoJSON geometry, degrees; null for an empty one.
 * Longitudes are taken as they are (no antimeridian unwrapping).
 *
 * @example
 * geometryBBox({ type: 'LineString', coordinates: [[106, 22], [106.5, 22.7]] }) // [106, 22, 106.5, 22.7]
 */
export function geometryBBox(geometry: Geometry | null): BBox | null {
  if (!geometry) return null;
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  extend(geometry, box);
  return box[0] <= box[2] ? box : null;
}

function extend(g: Geometry, box: BBox): void {
  switch (g.type) {
    case 'Point':
      addPosition(g.coordinates, box);
      return;
    case 'MultiPoint':
    case 'LineString':
      for (const p of g.coordinates) addPosition(p, box);
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of g.coordinates) for (const p of line) addPosition(p, box);
      return;
    case 'MultiPolygon':
      for (const poly of g.coordinates) for (const ring of poly) for (const p of ring) addPosition(p, box);
      return;
    case 'GeometryCollection':
      for (const child of g.geometries) extend(child, box);
  }
}

function addPosition(p: number[], box: BBox): void {
  const x = p[0];
  const y = p[1];
  if (x < box[0]) box[0] = x;
  if (y < box[1]) box[1] = y;
  if (x > box[2]) box[2] = x;
  if (y > box[3]) box[3] = y;
}

/**
 * Split a bbox that may cross the antimeridian (west > east, RFC 7946 §5.2) into one or two
 * ordinary boxes with west ≤ east.
 *
 * @example
 * splitAntimeridian([170, -10, -170, 10]) // [[170, -10, 180, 10], [-180, -10, -170, 10]]
 */
export function splitAntimeridian(b: BBox): BBox[] {
  if (b[0] <= b[2]) return [b];
  return [
    [b[0], b[1], 180, b[3]],
    [-180, b[1], b[2], b[3]],
  ];
}

/**
 * Parse and validate an OGC API `bbox` query value "west,south,east,north" (degrees, CRS84).
 * West greater than east is allowed and means the box crosses the antimeridian. Throws
 * {@link InputError} with a message naming the exact problem.
 *
 * @example
 * parseBBox('106.20,22.62,106.30,22.70') // [106.2, 22.62, 106.3, 22.7]
 * parseBBox('1,2,3') // throws "bbox: expected 4 comma-separated numbers west,south,east,north, got 3 values"
 */
export function parseBBox(text: string): BBox {
  const parts = text.split(',');
  if (parts.length !== 4) {
    throw new InputError(`bbox: expected 4 comma-separated numbers west,south,east,north, got ${parts.length} value${parts.length === 1 ? '' : 's'}`, 'bbox');
  }
  const names = ['west', 'south', 'east', 'north'];
  const v = parts.map((raw, i) => {
    const s = raw.trim();
    // decimal notation only: Number() would also read 0x69, 0b1, 1e2 and Infinity
    const n = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : NaN;
    if (!Number.isFinite(n)) throw new InputError(`bbox: ${names[i]} must be a decimal number of degrees, got "${raw}"`, 'bbox');
    return n;
  });
  const [west, south, east, north] = v;
  for (const [name, lon] of [['west', west], ['east', east]] as const) {
    if (lon < -180 || lon > 180) throw new InputError(`bbox: ${name} must be a longitude in [-180, 180], got ${lon}`, 'bbox');
  }
  for (const [name, lat] of [['south', south], ['north', north]] as const) {
    if (lat < -90 || lat > 90) throw new InputError(`bbox: ${name} must be a latitude in [-90, 90], got ${lat}`, 'bbox');
  }
  if (south > north) throw new InputError(`bbox: south (${south}) must not be greater than north (${north})`, 'bbox');
  return [west, south, east, north];
}
