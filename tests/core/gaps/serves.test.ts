/**
 * The one rule "does this site serve this village" (core/gaps/serves.ts): what it says a new site
 * brings to signal is exactly what the gap analysis (villageStatus) finds once the site is merged
 * into the composite — for the point rule and the area rule, for any signal and for one technology.
 */
import { describe, expect, it } from 'vitest';
import { createComposite, mergeSiteCoverage, type SiteCoverage } from '../../../core/coverage';
import { DEFAULT_COVERAGE_OPTIONS } from '../../../core/coverage/options';
import { levelsAtCells } from '../../../core/coverage/levelsAt';
import {
  cellsNeeded, cellsOf, creditInOrder, gapCellTable, resolveGapOptions, servedBy, villageCellTable, villagesWithin, villageStatus, type GapCells, type GapOptions,
} from '../../../core/gaps';
import type { Tech } from '../../../core/model/types';
import { H, makeVillages, T, W } from './fixture';

/** A full-grid raster of one site: level(d) for d ≤ radius cells, NaN beyond (as the fixture's). */
function raster(col: number, row: number, radius: number, level: (d: number) => number): Float32Array {
  const a = new Float32Array(W * H).fill(NaN);
  for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) {
    const d = Math.hypot(c - col, r - row);
    if (d <= radius) a[r * W + c] = level(d);
  }
  return a;
}
const cov = (siteId: string, operator: string, levelDbm: SiteCoverage['levelDbm']): SiteCoverage => ({ siteId, operator, width: W, height: H, col0: 0, row0: 0, transform: [...T], levelDbm });
const network = [
  cov('S-B', 'MobiFone', { '4G': raster(10, 9, 6, (d) => -82 - 6 * d) }),
  cov('S-C', 'Viettel', { '2G': raster(2, 18, 3, (d) => -95 - 8 * d) }),
  // a weak 2G site on the polygon village V6: 3 of its 9 cells at the threshold
  cov('S-D', 'Viettel', { '2G': raster(6, 1, 1, () => -95) }),
];
/**
 * The new site: 4G and 2G from cell (5, 3), reaching 2 cells: V1 and V2, and 3 of V6's 9 cells —
 * with S-D's 3 (one shared) 5 of 9 have 2G, so V6 gains signal under "half" but not under 0.8, nor
 * by its point (its middle cell), nor in 4G (S-D has none).
 */
const station = cov('NEW', 'Viettel', { '4G': raster(5, 3, 2, (d) => -90 - 5 * d), '2G': raster(5, 3, 2, (d) => -80 - 5 * d) });

function compositeOf(sites: SiteCoverage[]) {
  const comp = createComposite({ width: W, height: H, transform: T }, DEFAULT_COVERAGE_OPTIONS.thresholdsDbm);
  for (const s of sites) mergeSiteCoverage(comp, s);
  return comp;
}

describe('the one rule: a site serves a village', () => {
  const villages = makeVillages().features;
  const cases: [string, Partial<GapOptions>, string[]][] = [
    ['point', { rule: 'point' }, ['V1', 'V2']], ['area, half', { rule: 'area', minAreaShare: 0.5 }, ['V1', 'V2', 'V6']],
    ['area, 0.8', { rule: 'area', minAreaShare: 0.8 }, ['V1', 'V2']], ['area, half, 4G only', { rule: 'area', minAreaShare: 0.5, tech: '4G' }, ['V1', 'V2']],
    ['point, Viettel only', { rule: 'point', operator: 'Viettel' }, ['V1', 'V2']],
  ];
  it.each(cases)('%s: the villages it serves are those the gap analysis finds gained once it is merged', (_, options, expected) => {
    const o = resolveGapOptions(options);
    const before = compositeOf(network);
    const statusBefore = villageStatus(villages, before, o);
    const gaps = gapCellTable(villages, statusBefore, before, o);
    const rows = villagesWithin(gaps.table, 106.055, 22.965, 8000);
    const levels = levelsAtCells(station, { width: W }, cellsOf(gaps.table, rows));
    const served = servedBy(levels, rows, gaps.table, gaps.scope).map((v) => villages[gaps.index[v]].properties.id).sort();

    const after = villageStatus(villages, compositeOf([...network, station]), o);
    const scope = (s: (typeof after)[number]) => (o.tech ? s.byTech[o.tech] : o.operator ? s.byOperator[o.operator] : s.covered) ?? false;
    const gained = after.filter((s, i) => scope(s) && !scope(statusBefore[i])).map((s) => s.id).sort();
    expect(served).toEqual(gained);
    expect(served).toEqual(expected);
  });

  it('counts what the network already gives an area village: S-D\'s 3 cells of V6 and the new site\'s make the share', () => {
    const o = resolveGapOptions({ rule: 'area', minAreaShare: 0.8 });
    const before = compositeOf(network);
    const gaps = gapCellTable(villages, villageStatus(villages, before, o), before, o);
    const v6 = gaps.index.indexOf(5);
    expect(v6).toBeGreaterThanOrEqual(0);
    const own = Array.from(gaps.table.baseHit.subarray(gaps.table.start[v6], gaps.table.start[v6 + 1]));
    expect(own.filter((x) => x === 1)).toHaveLength(3);
    expect(gaps.table.need[v6]).toBeCloseTo(0.8 * 9, 6);
  });
});

describe('cellsNeeded, villagesWithin, creditInOrder', () => {
  it('a point needs its cell, an area its share (at least one cell), a village off the grid never has signal', () => {
    expect(cellsNeeded(1, 0.5)).toBe(1);
    expect(cellsNeeded(1, 1e-12)).toBe(1);
    expect(cellsNeeded(10, 0.5)).toBeCloseTo(5, 6);
    expect(cellsNeeded(10, 0.5)).toBeLessThan(5);
    expect(cellsNeeded(0, 0.5)).toBe(Infinity);
  });

  it('villagesWithin keeps the villages with a cell in reach, the polygon by its extent', () => {
    const { table, index } = villageCellTable(makeVillages().features, { width: W, height: H, transform: T }, resolveGapOptions({ rule: 'area' }));
    expect(index).toEqual([0, 1, 2, 3, 4, 5]);
    expect(table.extentM[0]).toBe(0);
    expect(table.extentM[5]).toBeGreaterThan(1000); // the 3 × 3-cell polygon: corner cells ≈ 1.5 km from its middle
    // from the far corner (V4's cell), 2 km: only V4
    expect(villagesWithin(table, 106.195, 22.805, 2000).map((v) => index[v])).toEqual([3]);
    // all of them from the middle with 20 km
    expect(villagesWithin(table, 106.1, 22.9, 20000)).toHaveLength(6);
  });

  it('creditInOrder gives each village to the first station of the build order that serves it', () => {
    expect(creditInOrder([[1, 2], [2, 3], [1], []])).toEqual([[1, 2], [3], [], []]);
  });
});

describe('servedBy: the gap rule on a candidate\'s levels', () => {
  const gc: GapCells = {
    start: Int32Array.of(0, 1, 5, 6),
    cells: Int32Array.of(10, 20, 21, 22, 23, 30),
    baseHit: Uint8Array.of(0, 1, 0, 0, 0, 0),
    need: Float64Array.of(1, cellsNeeded(4, 0.5), 1), // village 1: half of its 4 cells (area rule)
    lon: Float64Array.of(0, 0, 0), lat: Float64Array.of(0, 0, 0), extentM: Float64Array.of(0, 0, 0),
  };
  const scope = { techs: ['2G', '4G'] as Tech[], thresholdsDbm: { '2G': -100, '3G': -105, '4G': -110, '5G': -110 } };

  it('a point village needs its cell at a threshold; an area village its share, counting what the network already gives', () => {
    expect(Array.from(cellsOf(gc, [0, 2]))).toEqual([10, 30]);
    expect(servedBy({ '2G': [-99, -150], '4G': [NaN, -111] }, [0, 2], gc, scope)).toEqual([0]);
    expect(servedBy({ '4G': [-109, -109] }, [0, 2], gc, scope)).toEqual([0, 2]);
    // village 1: one cell has signal already; the candidate adds one more → 2 of 4 = the half it needs
    expect(servedBy({ '2G': [-120, NaN, -99, -130] }, [1], gc, scope)).toEqual([1]);
    expect(servedBy({ '2G': [-120, NaN, -101, -130] }, [1], gc, scope)).toEqual([]);
    // a technology out of scope does not count
    expect(servedBy({ '3G': [-50, -50] }, [0, 2], gc, scope)).toEqual([]);
  });
});
