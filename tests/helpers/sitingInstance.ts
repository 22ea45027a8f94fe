/**
 * Seeded random siting instances for tests and benchmarks: villages and candidates scattered in
 * the unit square, a candidate serving the villages within `radius`; weights and costs integers.
 */
import type { SitingInstance } from '../../core/siting';

export interface RandomInstanceOptions {
  villages: number;
  candidates: number;
  /** Service radius in unit-square units. */
  radius: number;
  seed: number;
  /** Weights: 1 each, or integers 1…maxWeight. Default 1 each. */
  maxWeight?: number;
  /** Costs: 1 each, or integers 1…maxCost. Default 1 each. */
  maxCost?: number;
}

/** mulberry32: a small seeded PRNG with uniform floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random instance (same options, same instance). */
export function randomInstance(o: RandomInstanceOptions): SitingInstance {
  const r = rng(o.seed);
  const vx = new Float64Array(o.villages);
  const vy = new Float64Array(o.villages);
  const weights: number[] = [];
  for (let i = 0; i < o.villages; i++) {
    vx[i] = r();
    vy[i] = r();
    weights.push(o.maxWeight ? 1 + Math.floor(r() * o.maxWeight) : 1);
  }
  const r2 = o.radius * o.radius;
  const candidates = [];
  for (let j = 0; j < o.candidates; j++) {
    const x = r();
    const y = r();
    const serves: number[] = [];
    for (let i = 0; i < o.villages; i++) if ((vx[i] - x) ** 2 + (vy[i] - y) ** 2 <= r2) serves.push(i);
    candidates.push({ id: `c${j}`, cost: o.maxCost ? 1 + Math.floor(r() * o.maxCost) : 1, serves: Int32Array.from(serves) });
  }
  return { weights, villageIds: weights.map((_, i) => `v${i}`), candidates };
}
