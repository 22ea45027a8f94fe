/**
 * Where a village is sampled on a composite grid: the cell containing its settlement point, or
 * the cells whose centres fall inside its polygon.
 */
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { GeoTransform } from '../coverage/types';

/** Index of the cell containing (lon, lat), −1 outside the grid. Cell edges belong to the cell east / south of them. */
export function cellIndexAt(width: number, height: number, t: GeoTransform, lon: number, lat: number): number {
  const col = Math.floor((lon - t[0]) / t[1]);
  const row = Math.floor((lat - t[3]) / t[5]);
  if (!(col >= 0 && col < width && row >= 0 && row < height)) return -1;
  return row * width + col;
}

/** Even-odd point in polygon over all rings (holes included). */
export function pointInPolygon(rings: Position[][], lon: number, lat: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function polygonsOf(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/**
 * The representative point of a village: its Point, or for a polygon the area-weighted centroid of
 * its outer rings when that lies inside, else the middle of the inside part of the horizontal line
 * through the centroid (else the first vertex).
 */
export function representativePoint(g: Point | Polygon | MultiPolygon): [number, number] {
  if (g.type === 'Point') return [g.coordinates[0], g.coordinates[1]];
  const polys = polygonsOf(g);
  let a = 0, cx = 0, cy = 0;
  for (const p of polys) {
    const ring = p[0];
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      a += cross;
      cx += (ring[j][0] + ring[i][0]) * cross;
      cy += (ring[j][1] + ring[i][1]) * cross;
    }
  }
  const first = polys[0][0][0];
  if (a === 0) return [first[0], first[1]];
  cx /= 3 * a;
  cy /= 3 * a;
  if (polys.some((p) => pointInPolygon(p, cx, cy))) return [cx, cy];
  // crossings of the horizontal line y = cy: take the midpoint of the widest inside stretch
  const xs: number[] = [];
  for (const p of polys) {
    for (const ring of p) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const yi = ring[i][1], yj = ring[j][1];
        if (yi > cy !== yj > cy) xs.push(ring[i][0] + ((cy - yi) * (ring[j][0] - ring[i][0])) / (yj - yi));
      }
    }
  }
  xs.sort((u, v) => u - v);
  let best = -1, bx = first[0];
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1] - xs[i] > best) { best = xs[i + 1] - xs[i]; bx = (xs[i] + xs[i + 1]) / 2; }
  }
  return best >= 0 ? [bx, cy] : [first[0], first[1]];
}

/** Indices of the grid cells whose centres lie inside the polygon (ascending). */
export function cellsInPolygon(width: number, height: number, t: GeoTransform, g: Polygon | MultiPolygon): number[] {
  const out: number[] = [];
  for (const p of polygonsOf(g)) {
    let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
    for (const pos of p[0]) {
      if (pos[0] < w) w = pos[0];
      if (pos[0] > e) e = pos[0];
      if (pos[1] < s) s = pos[1];
      if (pos[1] > n) n = pos[1];
    }
    // the polygon's bbox in cell coordinates, clamped to the grid
    const c0 = Math.max(0, Math.floor((w - t[0]) / t[1] - 0.5));
    const c1 = Math.min(width - 1, Math.ceil((e - t[0]) / t[1] - 0.5));
    const r0 = Math.max(0, Math.floor((n - t[3]) / t[5] - 0.5));
    const r1 = Math.min(height - 1, Math.ceil((s - t[3]) / t[5] - 0.5));
    for (let r = r0; r <= r1; r++) {
      const lat = t[3] + (r + 0.5) * t[5];
      for (let c = c0; c <= c1; c++) {
        if (pointInPolygon(p, t[0] + (c + 0.5) * t[1], lat)) out.push(r * width + c);
      }
    }
  }
  if (out.length > 1) {
    out.sort((u, v) => u - v);
    let k = 1;
    for (let i = 1; i < out.length; i++) if (out[i] !== out[k - 1]) out[k++] = out[i];
    out.length = k;
  }
  return out;
}

/**
 * The grid cells a village is judged on: the cell of its representative point; with rule 'area'
 * and a polygon (its geometry, or its `boundary`), the cells whose centres lie inside it (a polygon smaller than a cell keeps the
 * point's cell). Empty when the village lies off the grid.
 *
 * @example
 * villageCells(feature.geometry, comp.width, comp.height, comp.transform, 'point') // [123456]
 */
export function villageCells(g: Point | Polygon | MultiPolygon, width: number, height: number, t: GeoTransform, rule: 'point' | 'area', boundary?: Polygon | MultiPolygon): number[] {
  const [lon, lat] = representativePoint(g);
  const pointCell = cellIndexAt(width, height, t, lon, lat);
  // the area: the geometry when it is the polygon, else the village's boundary (properties.boundary)
  const area = g.type !== 'Point' ? g : boundary;
  if (rule === 'area' && area && (area.type === 'Polygon' || area.type === 'MultiPolygon')) {
    const inside = cellsInPolygon(width, height, t, area);
    if (inside.length > 0) return inside;
  }
  return pointCell >= 0 ? [pointCell] : [];
}
