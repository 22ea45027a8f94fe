/**
 * RFC 7946 §3.1.6 winding, checked independently of the code under test: the shoelace sum of each
 * ring on the lon/lat plane, positive for counterclockwise.
 */
import type { Geometry, Position } from 'geojson';

/** Twice the signed area of a closed ring (lon/lat plane): > 0 counterclockwise, < 0 clockwise. */
export function ringSignedArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum;
}

/**
 * The rings of a geometry that break the right-hand rule (exterior counterclockwise, holes
 * clockwise), as "polygon P ring R: exterior clockwise" lines; [] for none (and for non-polygons).
 *
 * @example
 * expect(windingProblems(feature.geometry)).toEqual([]);
 */
export function windingProblems(g: Geometry | null): string[] {
  if (!g) return [];
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(windingProblems);
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  const out: string[] = [];
  polys.forEach((rings, p) =>
    rings.forEach((ring, r) => {
      const a = ringSignedArea2(ring);
      if (r === 0 && !(a > 0)) out.push(`polygon ${p} ring 0: exterior ${a < 0 ? 'clockwise' : 'degenerate'}`);
      if (r > 0 && !(a < 0)) out.push(`polygon ${p} ring ${r}: hole ${a > 0 ? 'counterclockwise' : 'degenerate'}`);
    }),
  );
  return out;
}
