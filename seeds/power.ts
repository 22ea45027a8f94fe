import type { Position } from 'geojson';
import type { PowerLineFeature, VillageFeature } from '../core/model/types';
import { distanceM, pointSegmentDistanceM, round6 } from './lib/geo';
import type { Valley } from './network';

export interface PowerOptions {
  /** No feeder may pass closer than this to an unelectrified hamlet, metres. Default 3,200. */
  keepOutM?: number;
  /** A line leaving the backbone is a 35 kV feeder when at least this long, else 22 kV, metres. Default 2,500. */
  minFeederM?: number;
}

const SOURCE = 'covgap seed';

interface Link { dM: number; from: number; at: Position }

/**
 * Synthetic grid: a 110 kV backbone along the road corridors, then a spanning tree (Prim) that
 * joins every electrified hamlet to the nearest point of the grid already built, split into
 * 35 kV feeders (leaving the backbone) and 22 kV branches. No line comes within keepOutM of an
 * unelectrified hamlet.
 *
 * @example
 * const lines = buildPowerLines(valleys, villages, {});
 */
export function buildPowerLines(valleys: Valley[], villages: VillageFeature[], options: PowerOptions): PowerLineFeature[] {
  const keepOutM = options.keepOutM ?? 3200; // the published "several km" from any line, with margin
  const minFeederM = options.minFeederM ?? 2500; // shorter lines off the backbone are 22 kV
  const pts = villages.map((v) => (v.geometry as { coordinates: Position }).coordinates);
  const dark = villages.map((v, i) => (v.properties.electrified ? -1 : i)).filter((i) => i >= 0);
  const lit = villages.map((v, i) => (v.properties.electrified ? i : -1)).filter((i) => i >= 0);
  const backbone = valleys.filter((v) => v.kind === 'corridor').map((v) => v.line);
  const lines: PowerLineFeature[] = backbone.map((line, k) => ({
    type: 'Feature',
    id: `PL-110-${String(k + 1).padStart(2, '0')}`,
    properties: { id: `PL-110-${String(k + 1).padStart(2, '0')}`, voltageKv: 110, name: `110 kV backbone ${k + 1}`, synthetic: true, source: SOURCE },
    geometry: { type: 'LineString', coordinates: line.map((p) => [round6(p[0]), round6(p[1])]) },
  }));

  const clear = (a: Position, b: Position) => {
    for (const i of dark) if (pointSegmentDistanceM(pts[i][0], pts[i][1], a[0], a[1], b[0], b[1]) < keepOutM) return false;
    return true;
  };
  // nearest point of the backbone to p, reachable without crossing a keep-out zone
  const toBackbone = (p: Position): Link => {
    let best: Link = { dM: Infinity, from: -1, at: p };
    for (const line of backbone) for (let s = 1; s < line.length; s++) {
      const a = line[s - 1];
      const b = line[s];
      const k = Math.cos((p[1] * Math.PI) / 180);
      const ux = (b[0] - a[0]) * k, uy = b[1] - a[1];
      const len2 = ux * ux + uy * uy;
      let t = len2 > 0 ? (((p[0] - a[0]) * k) * ux + (p[1] - a[1]) * uy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const at: Position = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
      const dM = distanceM(p[0], p[1], at[0], at[1]);
      if (dM < best.dM && clear(p, at)) best = { dM, from: -1, at };
    }
    return best;
  };

  // Prim's tree from the backbone over the electrified hamlets
  const n = lit.length;
  const link: Link[] = lit.map((i) => toBackbone(pts[i]));
  const done = new Array<boolean>(n).fill(false);
  const parent: Link[] = new Array(n);
  for (let step = 0; step < n; step++) {
    let u = -1;
    for (let i = 0; i < n; i++) if (!done[i] && (u < 0 || link[i].dM < link[u].dM)) u = i;
    if (!Number.isFinite(link[u].dM)) throw new Error(`power: hamlet ${villages[lit[u]].properties.id} cannot be reached without passing an unelectrified hamlet`);
    done[u] = true;
    parent[u] = link[u];
    const pu = pts[lit[u]];
    for (let i = 0; i < n; i++) {
      if (done[i]) continue;
      const pi = pts[lit[i]];
      const dM = distanceM(pu[0], pu[1], pi[0], pi[1]);
      if (dM < link[i].dM && clear(pu, pi)) link[i] = { dM, from: u, at: pu };
    }
  }

  // split the tree into polylines: follow the first child, start a new line at every other one
  const children: number[][] = Array.from({ length: n }, () => []);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) (parent[i].from < 0 ? roots : children[parent[i].from]).push(i);
  let feeders = 0;
  let branches = 0;
  const emit = (start: Position, first: number, kv: number) => {
    const coords: Position[] = [start];
    const pending: number[] = [];
    for (let cur = first; cur >= 0; ) {
      coords.push(pts[lit[cur]]);
      const kids = children[cur];
      for (let k = 1; k < kids.length; k++) pending.push(kids[k]);
      cur = kids.length > 0 ? kids[0] : -1;
    }
    let lengthM = 0;
    for (let k = 1; k < coords.length; k++) lengthM += distanceM(coords[k - 1][0], coords[k - 1][1], coords[k][0], coords[k][1]);
    if (kv === 35 && lengthM < minFeederM) kv = 22; // a short drop off the backbone is a 22 kV spur
    const id = kv === 35 ? `PL-35-${String(++feeders).padStart(4, '0')}` : `PL-22-${String(++branches).padStart(4, '0')}`;
    lines.push({
      type: 'Feature',
      id,
      properties: { id, voltageKv: kv, synthetic: true, source: SOURCE },
      geometry: { type: 'LineString', coordinates: coords.map((p) => [round6(p[0]), round6(p[1])]) },
    });
    for (const k of pending) queue.push([pts[lit[parent[k].from]], k]);
  };
  const queue: [Position, number][] = [];
  for (const r of roots) emit(parent[r].at, r, 35);
  while (queue.length > 0) {
    const [start, k] = queue.shift()!;
    emit(start, k, 22);
  }
  return lines;
}
