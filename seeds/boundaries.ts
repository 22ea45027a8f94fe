/**
 * Synthetic hamlet boundaries for the demo villages: the real register's boundaries are not
 * public, so each hamlet gets a made-up area around its settlement point — star-shaped (a radius
 * per direction, two smooth random harmonics), so the ring never crosses itself; sized by its
 * people and kept under half the distance to the nearest other hamlet (no two overlap); every
 * vertex and edge midpoint pulled in until it lies inside the hamlet's commune. Labelled
 * `boundarySynthetic: true`. Added after the sites are placed, from its own random stream, so
 * that nothing else the seed makes (nor its calibration, which judges villages by their points)
 * changes.
 */
import type { Polygon, Position } from 'geojson';
import type { CommuneFeature, VillageFeature } from '../core/model/types';
import { distanceM, M_PER_DEG, pointInPolygon, round6 } from './lib/geo';
import { deriveSeed, mulberry32, uniform } from './lib/prng';

export interface BoundaryOptions {
  seed: number;
  /** Vertices of a boundary. */
  vertices?: number; // 16: smooth enough at the zooms the map draws them
  /** Radius of a hamlet of `refPopulation` people, metres. */
  refRadiusM?: number; // 350: a few dozen houses with their gardens and nearest fields
  refPopulation?: number; // 300: a typical hamlet of the province
  /** Smallest and largest mean radius, metres. */
  minRadiusM?: number; // 120
  maxRadiusM?: number; // 900
  /** Share of the distance to the nearest other hamlet a boundary may reach (< 0.5: no overlap). */
  maxNeighbourShare?: number; // 0.45
}

/**
 * Adds `properties.boundary` (a Polygon, RFC 7946 counterclockwise) and `boundarySynthetic: true`
 * to every village, in place. Same seed and villages, same boundaries.
 *
 * @example
 * addHamletBoundaries(villages, communes, { seed: 20250701 });
 */
export function addHamletBoundaries(villages: VillageFeature[], communes: CommuneFeature[], options: BoundaryOptions): void {
  const rng = mulberry32(deriveSeed(options.seed, 'boundaries'));
  const n = options.vertices ?? 16;
  const refR = options.refRadiusM ?? 350;
  const refPop = options.refPopulation ?? 300;
  const minR = options.minRadiusM ?? 120;
  const maxR = options.maxRadiusM ?? 900;
  const share = options.maxNeighbourShare ?? 0.45;
  const communeById = new Map(communes.map((c) => [c.properties.id, c.geometry]));
  const points = villages.map((v) => v.geometry.coordinates as Position);

  // nearest other hamlet of each, by a sort on longitude and a sweep outwards
  const order = points.map((_, i) => i).sort((a, b) => points[a][0] - points[b][0]);
  const nearestM = new Float64Array(points.length).fill(Infinity);
  for (let oi = 0; oi < order.length; oi++) {
    const i = order[oi];
    const [x, y] = points[i];
    const kx = Math.cos((y * Math.PI) / 180) * M_PER_DEG;
    for (const dir of [-1, 1]) {
      for (let oj = oi + dir; oj >= 0 && oj < order.length; oj += dir) {
        const j = order[oj];
        if (Math.abs(points[j][0] - x) * kx > nearestM[i]) break;
        nearestM[i] = Math.min(nearestM[i], distanceM(x, y, points[j][0], points[j][1]));
      }
    }
  }

  villages.forEach((v, i) => {
    const [lon, lat] = points[i];
    const commune = communeById.get(v.properties.communeId);
    const a1 = uniform(rng, 0.08, 0.22);
    const a2 = uniform(rng, 0.04, 0.12);
    // the widest direction reaches mean × (1 + a1 + a2): that stays within the neighbour share
    const mean = Math.min(maxR, (share * nearestM[i]) / (1 + a1 + a2), Math.max(minR, refR * Math.sqrt(Math.max(1, v.properties.population) / refPop)));
    const p1 = uniform(rng, 0, 2 * Math.PI);
    const p2 = uniform(rng, 0, 2 * Math.PI);
    const turn = uniform(rng, 0, (2 * Math.PI) / n);
    const kLon = 1 / (M_PER_DEG * Math.cos((lat * Math.PI) / 180));
    const kLat = 1 / M_PER_DEG;
    // radius per direction; directions increase counterclockwise, so the ring is counterclockwise
    const angles = Array.from({ length: n }, (_, k) => turn + (2 * Math.PI * k) / n);
    const radii = angles.map((t) => mean * (1 + a1 * Math.sin(2 * t + p1) + a2 * Math.sin(3 * t + p2)));
    // as written (6 decimals), so that the check below holds for the file
    const at = (k: number): Position => [round6(lon + Math.cos(angles[k]) * radii[k] * kLon), round6(lat + Math.sin(angles[k]) * radii[k] * kLat)];
    const inside = (p: Position): boolean => !commune || pointInPolygon(p[0], p[1], commune);
    // pull vertices in until each, and the midpoints to its neighbours, lie in the commune
    for (let pass = 0; pass < 3; pass++) {
      for (let k = 0; k < n; k++) {
        for (let tries = 0; tries < 20; tries++) {
          const p = at(k);
          const prev = at((k + n - 1) % n);
          const next = at((k + 1) % n);
          const mid = (a: Position, b: Position): Position => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
          if (inside(p) && inside(mid(p, prev)) && inside(mid(p, next))) break;
          radii[k] *= 0.75;
        }
      }
    }
    const ring = angles.map((_, k) => at(k));
    ring.push([...ring[0]]);
    const boundary: Polygon = { type: 'Polygon', coordinates: [ring] };
    v.properties.boundary = boundary;
    v.properties.boundarySynthetic = true;
  });
}
