import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { CommuneFeature } from '../core/model/types';
import { distanceM, M_PER_DEG, pointInPolygon, pointLineDistanceM, round6 } from './lib/geo';
import { type Rng, mulberry32, uniform, deriveSeed } from './lib/prng';
import type { Town } from './real';

/**
 * The valley network that shapes the terrain and everything placed on it: road corridors between
 * towns (the main river valleys), side valleys reaching into every commune, and enclosed karst
 * basins far from both.
 */
export interface Valley {
  kind: 'corridor' | 'spur' | 'basin';
  /** Polyline [lon, lat]; a basin is a single point. */
  line: Position[];
  /** Valley floor elevation at each vertex, metres. */
  floorsM: number[];
  /** Half width of the flat floor, metres. */
  floorHalfWidthM: number;
  /** Width of the valley sides, from floor to the mountain surface, metres. */
  sideWidthM: number;
}

export interface NetworkOptions {
  seed: number;
  /** Extra corridor edges beyond the towns' spanning tree (loops in the road net). Default 3. */
  extraCorridors?: number;
  /** Valley-floor climb of side valleys, metres per metre. Default 0.03. */
  spurGradient?: number;
  /** Number of karst basins to try. Default 70. */
  basinTries?: number;
}

/** West-to-east weight: 1 in the high west of the province, 0 in the lower east. */
export function westness(lon: number): number {
  const w = (106.55 - lon) / 1.1;
  return w < 0 ? 0 : w > 1 ? 1 : w;
}

/** Valley-floor elevation under a town, metres: low in the east (~200 m), higher in the west. */
function townFloorM(t: Town, rng: Rng): number {
  return Math.round(195 + 170 * westness(t.lon) + uniform(rng, 0, 40));
}

// meandering polyline between a and b by midpoint displacement
function meander(a: Position, b: Position, rng: Rng, depth: number, rough: number): Position[] {
  if (depth === 0) return [a, b];
  const k = Math.cos((a[1] * Math.PI) / 180);
  const dx = (b[0] - a[0]) * k;
  const dy = b[1] - a[1];
  const off = uniform(rng, -rough, rough);
  const mid: Position = [(a[0] + b[0]) / 2 - (dy * off) / k, (a[1] + b[1]) / 2 + dx * off];
  const left = meander(a, mid, rng, depth - 1, rough);
  return left.concat(meander(mid, b, rng, depth - 1, rough).slice(1));
}

function lengthsM(line: Position[]): number[] {
  const out = [0];
  for (let i = 1; i < line.length; i++) out.push(out[i - 1] + distanceM(line[i - 1][0], line[i - 1][1], line[i][0], line[i][1]));
  return out;
}

/**
 * Builds the valley network from the towns and communes.
 *
 * @example
 * const valleys = buildNetwork(towns, communes, outline, { seed: 20250701 });
 */
export function buildNetwork(towns: Town[], communes: CommuneFeature[], outline: Polygon | MultiPolygon, options: NetworkOptions): Valley[] {
  const rng = mulberry32(deriveSeed(options.seed, 'network'));
  const extra = options.extraCorridors ?? 3; // a few loops, as roads close circuits between district seats
  const gradient = options.spurGradient ?? 0.03; // 3 %: mountain streams climb 30 m per km
  const basinTries = options.basinTries ?? 70; // enclosed karst basins (lũng) scattered in the mountains
  const floors = towns.map((t) => townFloorM(t, rng));
  const valleys: Valley[] = [];

  // corridors: minimum spanning tree over the towns (Prim), plus the shortest other edges
  const n = towns.length;
  const d = (i: number, j: number) => distanceM(towns[i].lon, towns[i].lat, towns[j].lon, towns[j].lat);
  const inTree = new Array<boolean>(n).fill(false);
  const edges: [number, number][] = [];
  inTree[0] = true;
  for (let k = 1; k < n; k++) {
    let best: [number, number] = [-1, -1];
    let bestD = Infinity;
    for (let i = 0; i < n; i++) if (inTree[i]) for (let j = 0; j < n; j++) if (!inTree[j] && d(i, j) < bestD) [bestD, best] = [d(i, j), [i, j]];
    inTree[best[1]] = true;
    edges.push(best);
  }
  const others: [number, number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (!edges.some(([a, b]) => (a === i && b === j) || (a === j && b === i))) others.push([d(i, j), i, j]);
  others.sort((p, q) => p[0] - q[0]);
  for (const [, i, j] of others.slice(0, extra)) edges.push([i, j]);
  for (const [i, j] of edges) {
    const line = meander([towns[i].lon, towns[i].lat], [towns[j].lon, towns[j].lat], rng, 5, 0.12);
    const len = lengthsM(line);
    const total = len[len.length - 1];
    valleys.push({ kind: 'corridor', line, floorsM: len.map((l) => floors[i] + ((floors[j] - floors[i]) * l) / total), floorHalfWidthM: 450, sideWidthM: 1800 });
  }
  const corridors = valleys.slice();

  // nearest point of the corridors to p, with its floor
  const nearestCorridor = (p: Position): { at: Position; floorM: number; dM: number } => {
    let best = { at: p, floorM: 300, dM: Infinity };
    for (const v of corridors) for (let i = 0; i < v.line.length; i++) {
      const dm = distanceM(p[0], p[1], v.line[i][0], v.line[i][1]);
      if (dm < best.dM) best = { at: v.line[i], floorM: v.floorsM[i], dM: dm };
    }
    return best;
  };
  const spur = (from: Position, to: Position, floorM: number, halfW: number) => {
    const line = meander(from, to, rng, 4, 0.15);
    const len = lengthsM(line);
    valleys.push({ kind: 'spur', line, floorsM: len.map((l) => floorM + Math.min(gradient * l, 450)), floorHalfWidthM: halfW, sideWidthM: 1300 });
    return { line, len };
  };

  // side valleys: one into the heart of every commune, with a few branches
  for (const c of communes) {
    const g = c.geometry;
    const ring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const p of ring) { minX = Math.min(minX, p[0]); maxX = Math.max(maxX, p[0]); minY = Math.min(minY, p[1]); maxY = Math.max(maxY, p[1]); }
    let heart: Position = [(minX + maxX) / 2, (minY + maxY) / 2];
    let bestClear = -1;
    for (let k = 0; k < 40; k++) {
      const p: Position = [uniform(rng, minX, maxX), uniform(rng, minY, maxY)];
      if (!pointInPolygon(p[0], p[1], g)) continue;
      const clear = pointLineDistanceM(p[0], p[1], ring);
      if (clear > bestClear) [bestClear, heart] = [clear, p];
    }
    const near = nearestCorridor(heart);
    let base = { line: [heart], len: [0] };
    let baseFloor = near.floorM;
    if (near.dM > 1500) base = spur(near.at, heart, near.floorM, 250);
    else baseFloor = near.floorM;
    const branches = 2 + Math.floor(rng.next() * 3);
    for (let b = 0; b < branches; b++) {
      const k = Math.floor(rng.next() * base.line.length);
      const from = base.line[k];
      const lengthM = uniform(rng, 2500, 7000);
      const ang = uniform(rng, 0, 2 * Math.PI);
      const to: Position = [from[0] + (Math.sin(ang) * lengthM) / (M_PER_DEG * Math.cos((from[1] * Math.PI) / 180)), from[1] + (Math.cos(ang) * lengthM) / M_PER_DEG];
      const f0 = base.line.length > 1 ? baseFloor + Math.min(gradient * base.len[k], 450) : baseFloor;
      spur(from, to, f0, 180);
    }
  }

  // karst basins: enclosed flats far from every valley, high up
  const [w, s, e, nn] = bboxOf(outline);
  for (let k = 0; k < basinTries; k++) {
    const p: Position = [uniform(rng, w, e), uniform(rng, s, nn)];
    if (!pointInPolygon(p[0], p[1], outline)) continue;
    let clear = Infinity;
    for (const v of valleys) clear = Math.min(clear, pointLineDistanceM(p[0], p[1], v.line));
    if (clear < 4500) continue;
    const floorM = Math.round(520 + 380 * westness(p[0]) + uniform(rng, 0, 160));
    valleys.push({ kind: 'basin', line: [p], floorsM: [floorM], floorHalfWidthM: uniform(rng, 250, 600), sideWidthM: 900 });
  }
  for (const v of valleys) v.line = v.line.map((p) => [round6(p[0]), round6(p[1])]);
  return valleys;
}

/** [west, south, east, north] of a polygon or multipolygon. */
export function bboxOf(g: Polygon | MultiPolygon): [number, number, number, number] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polys) for (const p of poly[0]) {
    if (p[0] < b[0]) b[0] = p[0];
    if (p[1] < b[1]) b[1] = p[1];
    if (p[0] > b[2]) b[2] = p[0];
    if (p[1] > b[3]) b[3] = p[1];
  }
  return b;
}
