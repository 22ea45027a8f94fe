/**
 * Turns API features into what the map sources need. MapLibre flattens nested values (arrays,
 * objects) when it hands features back from queryRenderedFeatures, so every per-site fact a layer
 * filters or colours by is precomputed here as a flat string, number or boolean.
 */
import type { Feature, FeatureCollection, Point, Polygon, MultiPolygon, Position } from 'geojson';
import { TECHS, type Cell, type Tech, type SiteProperties, type CommuneProperties } from '../../core/model/types';
import { operatorKey, type OperatorKey } from './colors';

/** The flat properties of a site on the map. */
export interface SiteMapProperties {
  id: string;
  name: string;
  operator: string;
  operatorKey: OperatorKey;
  status: string;
  /** Technologies present, in generation order, comma-separated: "2G,4G,5G" ('' when none). */
  techs: string;
  /** The newest technology present, '' when the site has no cells. */
  topTech: Tech | '';
  has5G: boolean;
  antennaHeightM: number;
  power: string;
  backhaul: string;
  synthetic: boolean;
}

/**
 * The technologies of a list of cells, sorted by generation, without duplicates.
 *
 * @example
 * siteTechs([{ tech: '4G', freqMHz: 1800, eirpDbm: 60 }, { tech: '2G', freqMHz: 900, eirpDbm: 55 }]) // ['2G', '4G']
 */
export function siteTechs(cells: readonly Cell[] | undefined): Tech[] {
  if (!Array.isArray(cells)) return [];
  return TECHS.filter((tech) => cells.some((c) => c && c.tech === tech));
}

/**
 * Flattens site features for the map (see SiteMapProperties). Does not mutate its input.
 *
 * @example
 * prepareSites(sites).features[0].properties.techs // '2G,3G,4G'
 */
export function prepareSites(sites: FeatureCollection<Point, SiteProperties>): FeatureCollection<Point, SiteMapProperties> {
  const features = sites.features.map((f): Feature<Point, SiteMapProperties> => {
    const p = f.properties;
    const techs = siteTechs(p.cells);
    return {
      type: 'Feature',
      id: f.id,
      geometry: f.geometry,
      properties: {
        id: String(p.id),
        name: p.name ?? '',
        operator: p.operator ?? '',
        operatorKey: operatorKey(p.operator ?? ''),
        status: p.status ?? 'existing',
        techs: techs.join(','),
        topTech: techs.length ? techs[techs.length - 1] : '',
        has5G: techs.includes('5G'),
        antennaHeightM: p.antennaHeightM,
        power: p.power ?? 'none',
        backhaul: p.backhaul ?? 'none',
        synthetic: p.synthetic === true,
      },
    };
  });
  return { type: 'FeatureCollection', features };
}

/** Signed area (in squared degrees, enough to compare rings) of a closed ring. */
function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return sum / 2;
}

/** True when the point is inside the ring (even-odd rule). */
function inRing(x: number, y: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * A point inside a polygon for its label: the centroid of the largest part's outer ring when it
 * lies inside that part, otherwise the midpoint of the widest horizontal chord through the ring's
 * vertical middle (always inside).
 *
 * @example
 * labelPoint({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] }) // [1, 1]
 */
export function labelPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best = polygons[0];
  let bestArea = -1;
  for (const poly of polygons) {
    const a = Math.abs(ringArea(poly[0]));
    if (a > bestArea) [best, bestArea] = [poly, a];
  }
  const ring = best[0];
  // centroid of the outer ring (shoelace)
  let cx = 0;
  let cy = 0;
  let a2 = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    a2 += cross;
    cx += (ring[j][0] + ring[i][0]) * cross;
    cy += (ring[j][1] + ring[i][1]) * cross;
  }
  if (a2 !== 0) {
    cx /= 3 * a2;
    cy /= 3 * a2;
    if (inRing(cx, cy, ring) && !best.slice(1).some((hole) => inRing(cx, cy, hole))) return [cx, cy];
  }
  // fallback: widest chord at the vertical middle of the ring
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [, y] of ring) [minY, maxY] = [Math.min(minY, y), Math.max(maxY, y)];
  const y = (minY + maxY) / 2;
  const xs: number[] = [];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
  }
  xs.sort((p, q) => p - q);
  let mid = ring[0][0];
  let widest = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1] - xs[i] > widest) [widest, mid] = [xs[i + 1] - xs[i], (xs[i] + xs[i + 1]) / 2];
  }
  return [mid, y];
}

/** Properties of a commune label point. */
export interface CommuneLabelProperties {
  id: string;
  name: string;
  kind: string;
}

/**
 * One label point per commune (see labelPoint), so each name is drawn once, not once per tile.
 *
 * @example
 * communeLabelPoints(communes).features.length === communes.features.length // true
 */
export function communeLabelPoints(
  communes: FeatureCollection<Polygon | MultiPolygon, CommuneProperties>,
): FeatureCollection<Point, CommuneLabelProperties> {
  return {
    type: 'FeatureCollection',
    features: communes.features.map((f) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: labelPoint(f.geometry) },
      properties: { id: String(f.properties.id), name: f.properties.name, kind: f.properties.kind ?? '' },
    })),
  };
}

/**
 * The bounding box [west, south, east, north] of all coordinates of a feature collection, or null
 * when it has none.
 *
 * @example
 * collectionBBox(communes) // [105.27, 22.36, 106.84, 23.12]
 */
export function collectionBBox(fc: FeatureCollection): [number, number, number, number] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      const [x, y] = c as number[];
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
      return;
    }
    for (const child of c) visit(child);
  };
  for (const f of fc.features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  return w === Infinity ? null : [w, s, e, n];
}

/** Twice the signed area of a ring in degrees² (shoelace): > 0 counter-clockwise. */
function ringArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return s;
}

/** The world in Web Mercator's latitude range, counter-clockwise. */
const WORLD_RING: Position[] = [[-180, -85.0511], [180, -85.0511], [180, 85.0511], [-180, 85.0511], [-180, -85.0511]];

/**
 * A polygon covering everything outside the outline (the world with the outline's polygons as
 * holes), for dimming the map outside the province. Holes are the outer rings of the outline's
 * polygons, wound clockwise against the counter-clockwise world ring (MapLibre tells holes from
 * polygons by their winding). Null when the outline has no polygon.
 *
 * @example
 * const mask = outsideMask(province); // FeatureCollection with one Polygon, or null
 */
export function outsideMask(outline: FeatureCollection): FeatureCollection<Polygon> | null {
  const holes: Position[][] = [];
  for (const f of outline.features) {
    const g = f.geometry;
    const polys = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
    for (const poly of polys) {
      const ring = poly[0];
      if (!ring || ring.length < 4) continue;
      holes.push(ringArea2(ring) > 0 ? [...ring].reverse() : ring);
    }
  }
  if (holes.length === 0) return null;
  return {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [WORLD_RING, ...holes] } }],
  };
}
