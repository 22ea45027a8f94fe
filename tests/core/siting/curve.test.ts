import { describe, expect, it } from 'vitest';
import { curveBounds } from '../../../core/siting/curve';
import { planSiting } from '../../../core/siting';
import { cellsOf, servedBy, type GapCells } from '../../../core/siting/serves';

/** Best weight of any j-subset, by enumeration. */
function bruteBest(weights: number[], serves: number[][], j: number): number {
  let best = 0;
  const m = serves.length;
  const rec = (start: number, left: number, hit: Set<number>) => {
    let w = 0;
    for (const i of hit) w += weights[i];
    best = Math.max(best, w);
    if (left === 0) return;
    for (let c = start; c < m; c++) rec(c + 1, left - 1, new Set([...hit, ...serves[c]]));
  };
  rec(0, j, new Set());
  return best;
}

describe('curveBounds: a proven bound for every prefix of the build order', () => {
  it('is never below the best j-station plan (brute force) and never above the reachable weight', async () => {
    let s = 3;
    const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
    for (let trial = 0; trial < 20; trial++) {
      const n = 14, m = 9;
      const weights = Array.from({ length: n }, () => 1 + Math.floor(rnd() * 9));
      const serves = Array.from({ length: m }, () => Array.from({ length: n }, (_, i) => i).filter(() => rnd() < 0.25));
      const instance = { weights, candidates: serves.map((v, j) => ({ id: `c${j}`, cost: 1, serves: Int32Array.from(v) })) };
      const r = await planSiting(instance, { kind: 'k', k: 5 });
      const bounds = curveBounds(instance, r.chosenIndex);
      expect(bounds.length).toBe(r.chosenIndex.length);
      const reachable = weights.reduce((a, w, i) => a + (serves.some((v) => v.includes(i)) ? w : 0), 0);
      bounds.forEach((b, j) => {
        const opt = bruteBest(weights, serves, j + 1);
        expect(b, `trial ${trial}, ${j + 1} stations`).toBeGreaterThanOrEqual(opt);
        expect(b).toBeLessThanOrEqual(reachable);
        expect(b).toBeGreaterThanOrEqual(r.servedAfter[j]);
      });
    }
  });
});

describe('servedBy: the gap rule on a candidate\'s levels', () => {
  const gc: GapCells = {
    start: Int32Array.of(0, 1, 5, 6),
    cells: Int32Array.of(10, 20, 21, 22, 23, 30),
    baseHit: Uint8Array.of(0, 1, 0, 0, 0, 0),
    need: Float64Array.of(1, 2 - 1e-9, 1), // village 1: half of its 4 cells (area rule)
  };
  const scope = { techs: ['2G', '4G'] as const, thresholdsDbm: { '2G': -100, '3G': -105, '4G': -110, '5G': -110 } };

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
