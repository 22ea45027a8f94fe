import { describe, expect, it } from 'vitest';
import { asGrid, bestSiteId, compositeKey, createComposite, registerSite, DEFAULT_COVERAGE_OPTIONS, mergeSiteCoverage, pathLossGrid, resolveCoverageOptions, siteCoverage } from '../../../core/coverage';
import type { SiteCoverage } from '../../../core/coverage';
import { roughDem } from './synthDem';

const T = [100, 1, 0, 20, 0, -1] as const;
function cov(id: string, operator: string, col0: number, row0: number, values: number[]): SiteCoverage {
  return { siteId: id, operator, width: 2, height: 1, col0, row0, transform: [T[0] + col0, 1, 0, T[3] - row0, 0, -1], levelDbm: { '4G': Float32Array.from(values) } };
}

describe('composite', () => {
  it('keeps the best level, counts servers above threshold, per operator', () => {
    const comp = createComposite({ width: 3, height: 2, transform: [...T] }, DEFAULT_COVERAGE_OPTIONS.thresholdsDbm);
    mergeSiteCoverage(comp, cov('a', 'Viettel', 0, 0, [-100, -120]));
    mergeSiteCoverage(comp, cov('b', 'MobiFone', 1, 0, [-90, NaN]));
    const all = comp.layers.get(compositeKey('4G'))!;
    expect(Array.from(all.bestDbm.slice(0, 3))).toEqual([-100, -90, NaN]);
    expect([0, 1, 2].map((j) => bestSiteId(asGrid(comp), asGrid(comp).layer('4G')!, j))).toEqual(['a', 'b', null]);
    expect(comp.siteIds).toEqual(['a', 'b']);
    expect(Array.from(all.serverCount.slice(0, 3))).toEqual([1, 1, 0]);
    const v = comp.layers.get(compositeKey('4G', 'Viettel'))!;
    expect(Array.from(v.bestDbm.slice(0, 3))).toEqual([-100, -120, NaN]);
    expect(v.serverCount[1]).toBe(0);
  });
  it('refuses a misaligned raster with an exact message', () => {
    const comp = createComposite({ width: 3, height: 2, transform: [...T] }, DEFAULT_COVERAGE_OPTIONS.thresholdsDbm);
    const c = cov('x', 'V', 0, 0, [1, 2]);
    c.transform[0] += 0.5;
    expect(() => mergeSiteCoverage(comp, c)).toThrow("mergeSiteCoverage: site x's raster is not aligned with the composite grid (offset 0.500, 0.000 cells)");
  });
});

describe('options and siteCoverage', () => {
  it('rejects unknown options and bad values with exact messages', () => {
    expect(() => resolveCoverageOptions({ radius: 1 } as never)).toThrow('coverage has no option "radius"; known options: ');
    expect(() => resolveCoverageOptions({ radiusM: -1 })).toThrow('coverage option radiusM must be a number greater than 0, got -1');
    expect(() => resolveCoverageOptions({ lossInterpolationFraction: 0.6 })).toThrow('coverage option lossInterpolationFraction must be a number from 0 to 0.5, got 0.6');
    expect(resolveCoverageOptions({ lossInterpolationFraction: 0 }).lossInterpolationFraction).toBe(0);
    expect(() => resolveCoverageOptions({ modelId: 'foo' })).toThrow('coverage option modelId must be one of fspl, hata, cost231, p526, itm, got "foo"');
  });
  it('loss grows with distance on average; sector points its beam; NaN outside the radius', () => {
    const cell = 3 / 3600;
    const dem = roughDem(121, 121, cell, 5);
    const lon = 106 + 60.5 * cell;
    const lat = 23 - 60.5 * cell;
    const loss = pathLossGrid(dem, { lon, lat, heightAglM: 30 }, 1800, { radiusM: 2000, modelId: 'fspl' });
    expect(Number.isNaN(loss.data[0])).toBe(true); // corner is beyond 2 km
    const site = { id: 's', name: 's', operator: 'Viettel', antennaHeightM: 30, status: 'existing' as const, power: 'grid' as const, backhaul: 'fiber' as const, lon, lat,
      cells: [{ tech: '4G' as const, freqMHz: 1800, eirpDbm: 60, azimuthDeg: 90, beamwidthDeg: 65 }] };
    const sc = siteCoverage(dem, site, { radiusM: 2000, modelId: 'fspl' });
    const g = sc.levelDbm['4G']!;
    const mid = Math.floor(sc.height / 2) * sc.width;
    const east = g[mid + Math.floor(sc.width / 2) + 15];
    const west = g[mid + Math.floor(sc.width / 2) - 15];
    expect(east - west).toBeGreaterThan(15); // front-to-back 30 dB at equal distance, less the vertical attenuation in front
    expect(east - west).toBeLessThanOrEqual(30.5);
  });
});

describe('mergeSiteCoverage order', () => {
  it('addresses sites by id: a site table registered in another order gives the same best sites', () => {
    const grid = { width: 2, height: 1, transform: [0, 1, 0, 0, 0, -1] as [number, number, number, number, number, number] };
    const cov = (id: string, values: number[]) => ({ siteId: id, operator: 'A', width: 2, height: 1, transform: grid.transform, col0: 0, row0: 0, levelDbm: { '4G': Float32Array.from(values) } });
    const forward = createComposite(grid, DEFAULT_COVERAGE_OPTIONS.thresholdsDbm);
    const backward = createComposite(grid, DEFAULT_COVERAGE_OPTIONS.thresholdsDbm);
    for (const id of ['x', 'y', 'z']) registerSite(forward, id);
    for (const id of ['z', 'y', 'x']) registerSite(backward, id);
    for (const c of [forward, backward]) {
      mergeSiteCoverage(c, cov('z', [-80, -90]));
      mergeSiteCoverage(c, cov('y', [-80, -85]));
      const l = c.layers.get('4G')!;
      expect([bestSiteId(asGrid(c), asGrid(c).layer('4G')!, 0), bestSiteId(asGrid(c), asGrid(c).layer('4G')!, 1)]).toEqual(['y', 'y']); // a tie at cell 0 goes to 'y' < 'z'
    }
    expect(registerSite(forward, 'y')).toBe(1);
    expect(forward.siteIds).toEqual(['x', 'y', 'z']);
  });
  it('gives the same composite whatever order the sites are merged in (ties to the smaller id)', () => {
    const grid = { width: 3, height: 1, transform: [0, 1, 0, 0, 0, -1] as [number, number, number, number, number, number] };
    const cov = (id: string, values: number[]) => ({
      siteId: id, operator: 'A', width: 3, height: 1, transform: grid.transform, col0: 0, row0: 0,
      levelDbm: { '4G': Float32Array.from(values) },
    });
    const a = cov('a', [-90, -100, NaN]);
    const b = cov('b', [-90, -95, -120]);
    const one = createComposite(grid, DEFAULT_COVERAGE_OPTIONS.thresholdsDbm);
    mergeSiteCoverage(one, a);
    mergeSiteCoverage(one, b);
    const two = createComposite(grid, DEFAULT_COVERAGE_OPTIONS.thresholdsDbm);
    mergeSiteCoverage(two, b);
    mergeSiteCoverage(two, a);
    for (const c of [one, two]) {
      const l = c.layers.get('4G')!;
      expect([0, 1, 2].map((j) => bestSiteId(asGrid(c), asGrid(c).layer('4G')!, j))).toEqual(['a', 'b', 'b']);
      expect(Array.from(l.bestDbm)).toEqual([-90, -95, -120]);
      expect(Array.from(l.serverCount)).toEqual([2, 2, 0]);
    }
  });
});
