/**
 * The demo's synthetic hamlet boundaries (seeds/boundaries.ts) as written to geodata/: one per
 * village, labelled synthetic, a closed counterclockwise ring around the settlement point, inside
 * the commune, no two overlapping, and the same when made again from the same villages.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CommuneFeature, VillageFeature } from '../../core/model/types';
import { addHamletBoundaries } from '../../seeds/boundaries';
import { distanceM, pointInPolygon } from '../../seeds/lib/geo';

/** seeds/seed.ts's DEFAULT_SEED (that module runs the seed when imported). */
const DEFAULT_SEED = 20250701;
const read = <T>(p: string): T[] => (JSON.parse(readFileSync(p, 'utf8')) as { features: T[] }).features;
const villages = read<VillageFeature>('geodata/villages.geojson');
const communes = read<CommuneFeature>('geodata/communes.geojson');

describe('synthetic hamlet boundaries of the demo', () => {
  it('every village has one, labelled synthetic, a closed counterclockwise ring around its settlement point', () => {
    expect(villages).toHaveLength(2000);
    for (const v of villages) {
      const b = v.properties.boundary!;
      expect(v.properties.boundarySynthetic, v.properties.id).toBe(true);
      expect(b.type).toBe('Polygon');
      const ring = (b.coordinates as number[][][])[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      let area2 = 0;
      for (let i = 0; i + 1 < ring.length; i++) area2 += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
      expect(area2, v.properties.id).toBeGreaterThan(0);
      const [lon, lat] = v.geometry.coordinates as number[];
      expect(pointInPolygon(lon, lat, b), v.properties.id).toBe(true);
    }
  });

  it('lies inside its commune (every vertex and edge midpoint), and reaches less than half-way to the nearest other hamlet', () => {
    const byId = new Map(communes.map((c) => [c.properties.id, c.geometry]));
    const pts = villages.map((v) => v.geometry.coordinates as number[]);
    let outside = 0;
    villages.forEach((v, i) => {
      const ring = (v.properties.boundary!.coordinates as number[][][])[0];
      const commune = byId.get(v.properties.communeId)!;
      for (let k = 0; k + 1 < ring.length; k++) {
        if (!pointInPolygon(ring[k][0], ring[k][1], commune)) outside++;
        if (!pointInPolygon((ring[k][0] + ring[k + 1][0]) / 2, (ring[k][1] + ring[k + 1][1]) / 2, commune)) outside++;
      }
      let nearest = Infinity;
      pts.forEach((p, j) => {
        if (j !== i && Math.abs(p[1] - pts[i][1]) < 0.05) nearest = Math.min(nearest, distanceM(pts[i][0], pts[i][1], p[0], p[1]));
      });
      const reach = Math.max(...ring.map((q) => distanceM(pts[i][0], pts[i][1], q[0], q[1])));
      expect(reach, v.properties.id).toBeLessThan(0.5 * nearest);
    });
    expect(outside).toBe(0);
  });

  it('is made again the same from the same villages and seed', () => {
    const bare = villages.map((v) => {
      const { boundary: _b, boundarySynthetic: _s, ...properties } = v.properties;
      return { ...v, properties } as VillageFeature;
    });
    addHamletBoundaries(bare, communes, { seed: DEFAULT_SEED });
    expect(bare.map((v) => v.properties.boundary)).toEqual(villages.map((v) => v.properties.boundary));
  });
});
