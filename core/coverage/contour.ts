/**
 * Contours of a raster at a level, as GeoJSON polygons: marching squares over the cell centres
 * with linear interpolation along the square edges, the grid padded with "below" so every contour
 * closes. Each segment is oriented with the region ≥ level on its left, so rings chain by edge id
 * (every crossing is the end of one segment and the start of the next) and come out counter-
 * clockwise around covered areas and clockwise around holes, as RFC 7946 asks. Saddles are
 * resolved by the mean of the four corners.
 */
import type { MultiPolygon, Position } from 'geojson';
import { InputError } from '../errors';
import type { GeoTransform } from './types';

export interface ContourGrid {
  width: number;
  height: number;
  /** North-up GDAL geotransform of the grid (t[1] > 0, t[5] < 0). */
  transform: readonly number[];
  /** Row-major values; NaN counts as below the level. */
  data: ArrayLike<number>;
}

/**
 * The region where `grid` ≥ `level`, as a MultiPolygon (empty coordinates when none).
 *
 * @example
 * const mp = contourPolygons({ width, height, transform, data: level4g }, -110);
 * mp.coordinates.length // number of separate covered areas
 */
export function contourPolygons(grid: ContourGrid, level: number): MultiPolygon {
  const { width: w, height: h, data } = grid;
  const t = grid.transform as GeoTransform;
  if (!(Number.isInteger(w) && w > 0 && Number.isInteger(h) && h > 0) || data.length !== w * h) {
    throw new InputError(`contourPolygons: expected width × height = data.length with positive integers, got ${w} × ${h} and ${data.length}`, 'grid');
  }
  if (!(t[1] > 0 && t[5] < 0)) throw new InputError('contourPolygons: the grid must be north-up (transform[1] > 0, transform[5] < 0)', 'grid.transform');
  if (!Number.isFinite(level)) throw new InputError(`contourPolygons: level must be a finite number, got ${level}`, 'level');

  // padded grid of corners: (w + 2) × (h + 2); edge ids 2·(r·W + c) (horizontal) and +1 (vertical)
  const W = w + 2;
  const H = h + 2;
  const next = new Int32Array(2 * W * H).fill(-1);
  const px = new Float64Array(2 * W * H);
  const py = new Float64Array(2 * W * H);
  const val = (c: number, r: number): number => (c < 0 || r < 0 || c >= w || r >= h ? NaN : data[r * w + c]);
  const inside = (v: number): boolean => v >= level;
  // crossing on the edge from corner (c0, r0) value v0 to (c1, r1) value v1, in grid units
  const cross = (id: number, c0: number, r0: number, v0: number, c1: number, r1: number, v1: number): void => {
    const f = v0 === v0 && v1 === v1 && v0 !== v1 ? Math.min(1, Math.max(0, (level - v0) / (v1 - v0))) : 0.5;
    px[id] = c0 + f * (c1 - c0);
    py[id] = r0 + f * (r1 - r0);
  };
  const hId = (c: number, r: number): number => 2 * ((r + 1) * W + (c + 1));
  const vId = (c: number, r: number): number => 2 * ((r + 1) * W + (c + 1)) + 1;
  const ids = new Int32Array(4);
  const cs = new Int32Array(8);
  const vs = new Float64Array(4);
  const ins = new Uint8Array(4);
  const kind = new Int8Array(4); // per edge: +1 in→out, −1 out→in, 0 none

  // each square (c, r)…(c + 1, r + 1); corners walked counter-clockwise on the map:
  // bottom-left, bottom-right, top-right, top-left
  for (let r = -1; r < h; r++) {
    for (let c = -1; c < w; c++) {
      cs[0] = c; cs[1] = r + 1; cs[2] = c + 1; cs[3] = r + 1; cs[4] = c + 1; cs[5] = r; cs[6] = c; cs[7] = r;
      let nIn = 0;
      for (let k = 0; k < 4; k++) {
        vs[k] = val(cs[2 * k], cs[2 * k + 1]);
        ins[k] = inside(vs[k]) ? 1 : 0;
        nIn += ins[k];
      }
      if (nIn === 0 || nIn === 4) continue;
      // edges in the same order: bottom, right, top, left
      ids[0] = hId(c, r + 1); ids[1] = vId(c + 1, r); ids[2] = hId(c, r); ids[3] = vId(c, r);
      const crossings: number[] = [];
      for (let k = 0; k < 4; k++) {
        const k1 = (k + 1) & 3;
        kind[k] = ins[k] === ins[k1] ? 0 : ins[k] ? 1 : -1;
        if (kind[k] !== 0) {
          cross(ids[k], cs[2 * k], cs[2 * k + 1], vs[k], cs[2 * k1], cs[2 * k1 + 1], vs[k1]);
          crossings.push(k);
        }
      }
      if (crossings.length === 2) {
        const a = kind[crossings[0]] === 1 ? crossings[0] : crossings[1];
        const b = a === crossings[0] ? crossings[1] : crossings[0];
        next[ids[a]] = ids[b];
        continue;
      }
      // saddle: join the inside corners through the centre when the centre is inside
      let sum = 0;
      let nValid = 0;
      for (let k = 0; k < 4; k++) if (vs[k] === vs[k]) { sum += vs[k]; nValid++; }
      const joined = nValid === 4 && sum / 4 >= level;
      for (const k of crossings) {
        if (kind[k] !== 1) continue;
        // in→out at k pairs with the following out→in (joined) or the preceding one (separated)
        const partner = joined ? (k + 1) & 3 : (k + 3) & 3;
        next[ids[k]] = ids[partner];
      }
    }
  }

  // chain segments into rings, in map coordinates (cell centres)
  const rings: Position[][] = [];
  const areas: number[] = [];
  for (let start = 0; start < next.length; start++) {
    if (next[start] < 0) continue;
    const ring: Position[] = [];
    let e = start;
    while (next[e] >= 0) {
      ring.push([t[0] + (px[e] + 0.5) * t[1], t[3] + (py[e] + 0.5) * t[5]]);
      const n = next[e];
      next[e] = -1;
      e = n;
    }
    const simplified = dropCollinear(ring);
    if (simplified.length < 3) continue;
    simplified.push(simplified[0]);
    rings.push(simplified);
    areas.push(signedArea(simplified));
  }

  // outer rings (counter-clockwise, area > 0) take the holes they contain, the smallest first
  const outers = rings.map((_, i) => i).filter((i) => areas[i] > 0).sort((a, b) => areas[a] - areas[b]);
  const polys = new Map<number, Position[][]>(outers.map((i) => [i, [rings[i]]]));
  for (let i = 0; i < rings.length; i++) {
    if (areas[i] >= 0) continue;
    const p = rings[i][0];
    const owner = outers.find((o) => areas[o] > -areas[i] && pointInRing(p, rings[o]));
    if (owner !== undefined) polys.get(owner)!.push(rings[i]);
  }
  return { type: 'MultiPolygon', coordinates: [...polys.values()] };
}

/** Removes vertices on the straight line between their neighbours (open ring, no repeat). */
function dropCollinear(ring: Position[]): Position[] {
  const n = ring.length;
  if (n < 4) return ring;
  const out: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = ring[(i + n - 1) % n];
    const b = ring[i];
    const c = ring[(i + 1) % n];
    const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    const scale = Math.abs(c[0] - a[0]) + Math.abs(c[1] - a[1]);
    if (Math.abs(cross) > 1e-12 * scale * scale) out.push(b);
  }
  return out;
}

/** Shoelace area in degrees², positive when counter-clockwise (lon east, lat north). */
function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

function pointInRing(p: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}
