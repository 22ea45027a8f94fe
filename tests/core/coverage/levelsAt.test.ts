import { describe, expect, it } from 'vitest';
import { levelAt, levelsAtCells, sparseSiteCoverage } from '../../../core/coverage/levelsAt';
import { siteCoverage } from '../../../core/coverage/siteCoverage';
import type { SiteProperties } from '../../../core/model/types';
import { roughDem } from './synthDem';

const dem = roughDem(400, 400, 3 / 3600, 7);
const site: SiteProperties & { lon: number; lat: number } = {
  id: 'S1', name: 'S1', operator: 'Viettel', antennaHeightM: 35, status: 'candidate', power: 'solar', backhaul: 'microwave',
  lon: 106 + 200 * (3 / 3600), lat: 23 - 190 * (3 / 3600),
  cells: [
    { tech: '2G', freqMHz: 900, eirpDbm: 56 },
    { tech: '4G', freqMHz: 1800, eirpDbm: 61, azimuthDeg: 120, beamwidthDeg: 65, downtiltDeg: 2 },
    { tech: '4G', freqMHz: 1800, eirpDbm: 61, azimuthDeg: 300, beamwidthDeg: 65, downtiltDeg: 2 },
  ],
};

describe('sparseSiteCoverage: the levels at a few cells, as the full raster has them', () => {
  for (const modelId of ['itm', 'fspl', 'p526']) {
    it(`${modelId}: every sampled cell equals siteCoverage bit for bit, the others are absent`, () => {
      const options = { modelId, radiusM: 9000 };
      const full = siteCoverage(dem, site, options);
      // cells all over the window (and some outside it), with a seeded generator
      let s = 11;
      const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
      const cells = Int32Array.from({ length: 300 }, () => Math.floor(rnd() * dem.width * dem.height));
      const sparse = sparseSiteCoverage(dem, site, options, cells);
      expect(sparse.width).toBe(full.width);
      let compared = 0;
      let withValue = 0;
      for (const g of cells) {
        for (const t of ['2G', '4G'] as const) {
          const a = levelAt(full, dem, g, t);
          const b = levelAt(sparse, dem, g, t);
          expect(Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)), `${t} at cell ${g}: full ${a}, sparse ${b}`).toBe(true);
          compared++;
          if (a === a) withValue++;
        }
      }
      expect(compared).toBe(600);
      // a fair share of the cells lie within the radius (the window is ~ a quarter of the DEM)
      expect(withValue).toBeGreaterThan(60);
      // cells not asked for stay empty
      const asked = new Set(cells);
      let extra = 0;
      const l4 = sparse.levelDbm['4G']!;
      for (let i = 0; i < l4.length; i++) {
        if (l4[i] !== l4[i]) continue;
        const g = (sparse.row0 + Math.floor(i / sparse.width)) * dem.width + sparse.col0 + (i % sparse.width);
        if (!asked.has(g)) extra++;
      }
      expect(extra).toBe(0);
      const compact = levelsAtCells(sparse, dem, cells);
      expect(Object.keys(compact).sort()).toEqual(['2G', '4G']);
      expect(compact['2G']![5]).toEqual(levelAt(full, dem, cells[5], '2G'));
    });
  }

  it('refuses a cell that is not an index of the DEM', () => {
    expect(() => sparseSiteCoverage(dem, site, { radiusM: 5000 }, [1.5])).toThrow(/cells\[0\] must be a cell index/);
    expect(() => sparseSiteCoverage(dem, site, { radiusM: 5000 }, [-1])).toThrow(/cells\[0\]/);
  });
});
