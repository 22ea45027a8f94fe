/**
 * Property (fast-check): a bbox query of the in-memory repository returns exactly the features
 * inside — every point in the box (edges included, boxes across the antimeridian too) and no
 * other; lines whose bounding box meets the box — in the collection's order.
 */
import fc from 'fast-check';
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geometryBBox, splitAntimeridian } from '../../core/spatial/bbox';
import type { BBox } from '../../core/model/types';
import { COLLECTION_DEFS } from '../../server/data/collections';
import { createMemoryRepository } from '../../server/data/memoryRepository';

const lon = fc.double({ min: -180, max: 180, noNaN: true });
const lat = fc.double({ min: -90, max: 90, noNaN: true });
// coordinates on a coarse grid as well, so that points fall exactly on box edges
const coarse = (a: fc.Arbitrary<number>) => fc.oneof(a, a.map((v) => Math.round(v)));
const point = fc.tuple(coarse(lon), coarse(lat));
const box = fc.tuple(coarse(lon), coarse(lon), coarse(lat), coarse(lat)).map(([w, e, s, n]): BBox => [w, Math.min(s, n), e, Math.max(s, n)]);

const meets = (a: BBox, b: BBox): boolean => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
const inside = (b: BBox, f: Feature): boolean => {
  const fb = geometryBBox(f.geometry);
  return fb !== null && splitAntimeridian(b).some((part) => meets(part, fb));
};

describe('bbox queries of the memory repository', () => {
  const def = COLLECTION_DEFS.find((d) => d.id === 'power-lines')!;
  it('return exactly the features inside the box, in collection order', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.oneof(point.map((p) => ({ type: 'Point' as const, coordinates: p })), fc.array(point, { minLength: 2, maxLength: 4 }).map((c) => ({ type: 'LineString' as const, coordinates: c }))), { maxLength: 60 }),
      box,
      async (geometries, b) => {
        const features: Feature[] = geometries.map((g, i) => ({ type: 'Feature', geometry: g, properties: { id: `F${i}` } }));
        const repo = createMemoryRepository([{ def, features }]);
        const got = await repo.list(def.id, { bbox: b, limit: 10_000, offset: 0 });
        const want = features.filter((f) => inside(b, f)).map((f) => f.properties!.id);
        expect(got!.features.map((f) => f.id)).toEqual(want);
        expect(got!.numberMatched).toBe(want.length);
        // a point is matched exactly when it lies in the box (edges included)
        for (const f of features) {
          if (f.geometry.type !== 'Point') continue;
          const [x, y] = f.geometry.coordinates;
          const inBox = y >= b[1] && y <= b[3] && (b[0] <= b[2] ? x >= b[0] && x <= b[2] : x >= b[0] || x <= b[2]);
          expect(want.includes(f.properties!.id)).toBe(inBox);
        }
      },
    ), { seed: 20261203, numRuns: 400 });
  });
});
