import type { MultiPolygon, Polygon, Position } from 'geojson';
import { SEED_METRES_PER_DEGREE as M_PER_DEG } from '../../core/geo/geodesy';

/** Metres per degree, rounded to the metre: the seed's generators are frozen on it (core/geo/geodesy.ts). */
export { M_PER_DEG };

/** Great-circle-free local distance in metres between two [lon, lat] points (equirectangular, fine below ~50 km). */
export function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const k = Math.cos(((lat1 + lat2) / 2) * (Math.PI / 180));
  const dx = (lon2 - lon1) * k * M_PER_DEG;
  const dy = (lat2 - lat1) * M_PER_DEG;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Distance in metres from point p to segment a–b (all [lon, lat]), local equirectangular. */
export function pointSegmentDistanceM(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const k = Math.cos(py * (Math.PI / 180));
  const ux = (bx - ax) * k;
  const uy = by - ay;
  const wx = (px - ax) * k;
  const wy = py - ay;
  const len2 = ux * ux + uy * uy;
  let t = len2 > 0 ? (wx * ux + wy * uy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const dx = wx - t * ux;
  const dy = wy - t * uy;
  return Math.sqrt(dx * dx + dy * dy) * M_PER_DEG;
}

/** Distance in metres from a point to a polyline. */
export function pointLineDistanceM(px: number, py: number, line: Position[]): number {
  let best = Infinity;
  for (let i = 1; i < line.length; i++) {
    const d = pointSegmentDistanceM(px, py, line[i - 1][0], line[i - 1][1], line[i][0], line[i][1]);
    if (d < best) best = d;
  }
  return best;
}

function inRing(x: number, y: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0];
    const yi = ring[i][1];
    const xj = ring[j][0];
    const yj = ring[j][1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Even-odd point-in-polygon for a Polygon or MultiPolygon (holes respected). */
export function pointInPolygon(x: number, y: number, g: Polygon | MultiPolygon): boolean {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys) {
    if (!inRing(x, y, poly[0])) continue;
    let hole = false;
    for (let r = 1; r < poly.length; r++) if (inRing(x, y, poly[r])) hole = true;
    if (!hole) return true;
  }
  return false;
}

/** Rounds a coordinate to 6 decimals (about 0.1 m), the precision of every written file. */
export function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
