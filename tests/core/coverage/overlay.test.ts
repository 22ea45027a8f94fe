/**
 * A scenario's overlay (core/coverage/overlay.ts) against the dense composite of the edited network
 * computed from scratch: every cell of every layer the same (best level, server count, best site).
 */
import { describe, expect, it } from 'vitest';
import { asGrid, createComposite, mergeSiteCoverage, resolveCoverageOptions, siteCoverage, type CoverageGrid, type SiteCoverage } from '../../../core/coverage';
import { deriveGrid, recomputeWindows } from '../../../core/coverage/overlay';
import type { Cell } from '../../../core/model/types';
import { roughDem } from './synthDem';

const cellDeg = 3 / 3600;
const dem = roughDem(160, 140, cellDeg, 7);
const o = resolveCoverageOptions({ radiusM: 2500, modelId: 'itm' });
const lonAt = (c: number) => 106 + c * cellDeg;
const latAt = (r: number) => 23 - r * cellDeg;
const cells = (techs: Cell['tech'][]): Cell[] => techs.map((tech) => ({ tech, freqMHz: tech === '2G' ? 900 : 1800, eirpDbm: tech === '2G' ? 56 : 61 }));
const site = (id: string, operator: string, c: number, r: number, techs: Cell['tech'][] = ['2G', '4G'], antennaHeightM = 30) => ({
  id, name: id, operator, antennaHeightM, status: 'existing' as const, power: 'grid' as const, backhaul: 'fiber' as const, lon: lonAt(c), lat: latAt(r), cells: cells(techs),
});
/** As the pipeline stores it: 0.1 dB steps (so ties between sites happen, as in the province). */
const cov = (s: ReturnType<typeof site>): SiteCoverage => {
  const c = siteCoverage(dem, s, o);
  for (const a of Object.values(c.levelDbm) as Float32Array[]) for (let i = 0; i < a.length; i++) if (a[i] === a[i]) a[i] = Math.round(a[i] * 10) / 10;
  return c;
};
const dense = (covs: SiteCoverage[]): CoverageGrid => {
  const comp = createComposite(dem, o.thresholdsDbm);
  for (const c of covs) mergeSiteCoverage(comp, c);
  return asGrid(comp);
};

const EMPTY = { best: () => NaN, count: () => 0, site: () => -1 };

/** Same levels, counts and best sites everywhere; a layer missing on one side reads as empty (a removed operator's layer stays, empty). */
function expectSameGrid(actual: CoverageGrid, expected: CoverageGrid): void {
  expect(expected.layerKeys().filter((k) => !actual.layerKeys().includes(k))).toEqual([]);
  let compared = 0;
  for (const key of actual.layerKeys()) {
    const a = actual.layer(key)!, e = expected.layer(key) ?? EMPTY;
    for (let j = 0; j < expected.width * expected.height; j++) {
      const ab = a.best(j), eb = e.best(j);
      if (!(ab === eb || (ab !== ab && eb !== eb))) throw new Error(`${key} cell ${j}: best ${ab} ≠ ${eb}`);
      if (a.count(j) !== e.count(j)) throw new Error(`${key} cell ${j}: count ${a.count(j)} ≠ ${e.count(j)}`);
      const as = a.site(j) < 0 ? null : actual.siteIds[a.site(j)], es = e.site(j) < 0 ? null : expected.siteIds[e.site(j)];
      if (as !== es) throw new Error(`${key} cell ${j}: best site ${as} ≠ ${es}`);
      compared++;
    }
  }
  expect(compared).toBeGreaterThan(0);
}

const A = site('A', 'Viettel', 40, 40);
const B = site('B', 'MobiFone', 70, 60, ['2G', '3G', '4G']);
const C = site('C', 'Viettel', 100, 50);
const D = site('D', 'Viettel', 60, 90, ['4G']);
const covA = cov(A), covB = cov(B), covC = cov(C), covD = cov(D);
const base = dense([covA, covB, covC, covD]);

describe('deriveGrid', () => {
  it('remove, modify (move, raise, re-equip) and add give the composite of the edited network, cell for cell', () => {
    const C2 = { ...C, lon: lonAt(95), lat: latAt(45), antennaHeightM: 45, cells: cells(['2G', '4G', '5G']) };
    const E = site('E', 'VNPT/Vinaphone', 120, 100, ['4G', '5G']);
    const F = site('F', 'Viettel', 52, 52); // between A and B: takes cells from both
    const covC2 = cov(C2), covE = cov(E), covF = cov(F);
    const removed = [covB, covC];
    const ws = recomputeWindows(base, removed);
    expect(ws).toHaveLength(2); // B and C are each best somewhere
    for (const w of ws) expect(w.col1 - w.col0).toBeLessThanOrEqual(covB.width);
    const grid = deriveGrid(base, { removed, added: [covC2, covE, covF], others: [covA, covD] });
    expectSameGrid(grid, dense([covA, covD, covC2, covE, covF]));
    // what differs is stored, not the grid: a fraction of the dense composite
    const denseBytes = base.layerKeys().length * base.width * base.height * 10;
    expect(grid.bytes).toBeLessThan(denseBytes);
    expect(grid.patchedCells).toBeGreaterThan(0);
  });

  it('a scenario that only adds needs no other site; one that only removes restores the others as best', () => {
    const G = site('G', 'MobiFone', 20, 120, ['2G']);
    const covG = cov(G);
    expect(recomputeWindows(base, [])).toEqual([]);
    expectSameGrid(deriveGrid(base, { removed: [], added: [covG], others: [] }), dense([covA, covB, covC, covD, covG]));
    expectSameGrid(deriveGrid(base, { removed: [covA], added: [], others: [covB, covC, covD] }), dense([covB, covC, covD]));
  });

  it('an unchanged network is an empty patch, and the base is not modified', () => {
    const before = base.layerKeys().map((k) => base.layer(k)!.best(40 * 160 + 40));
    const same = deriveGrid(base, { removed: [covA], added: [covA], others: [covB, covC, covD] });
    expect(same.patchedCells).toBe(0);
    expect(base.layerKeys().map((k) => base.layer(k)!.best(40 * 160 + 40))).toEqual(before);
  });

  it('refuses rasters of another grid', () => {
    const coarse = { ...covA, transform: [covA.transform[0], cellDeg * 2, 0, covA.transform[3], 0, -cellDeg * 2] as SiteCoverage['transform'] };
    expect(() => deriveGrid(base, { removed: [], added: [coarse], others: [] })).toThrow(/^deriveGrid: site A has cells of /);
  });
});
