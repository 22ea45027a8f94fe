import { describe, expect, it } from 'vitest';
import { curveBounds } from '../../../core/siting/curve';
import { planSiting } from '../../../core/siting';

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

  it('is capped by a bound proven for the whole plan, and never falls as stations are added: an optimal plan reads the same on the curve', async () => {
    let s = 11;
    const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
    let tightened = 0;
    for (let trial = 0; trial < 20; trial++) {
      const n = 14, m = 9, k = 4;
      const weights = Array.from({ length: n }, () => 1 + Math.floor(rnd() * 9));
      const serves = Array.from({ length: m }, () => Array.from({ length: n }, (_, i) => i).filter(() => rnd() < 0.3));
      const instance = { weights, candidates: serves.map((v, j) => ({ id: `c${j}`, cost: 1, serves: Int32Array.from(v) })) };
      const r = await planSiting(instance, { kind: 'k', k });
      const loose = curveBounds(instance, r.chosenIndex);
      const bounds = curveBounds(instance, r.chosenIndex, r.bound);
      const optK = bruteBest(weights, serves, k);
      expect(r.bound, `trial ${trial}`).toBeGreaterThanOrEqual(optK);
      bounds.forEach((b, j) => {
        expect(b).toBeGreaterThanOrEqual(bruteBest(weights, serves, j + 1));
        expect(b).toBeLessThanOrEqual(Math.min(loose[j], r.bound));
        if (j > 0) expect(b).toBeGreaterThanOrEqual(bounds[j - 1]);
      });
      if (r.optimal && r.chosenIndex.length === k) expect(bounds.at(-1)).toBe(r.objective);
      if (bounds.some((b, j) => b < loose[j])) tightened++;
    }
    expect(tightened).toBeGreaterThan(0); // the cap does change some curves
  });
});
