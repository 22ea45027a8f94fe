import { describe, expect, it } from 'vitest';
import { adjustLayout, type AdjustDeps, type AdjustInput } from '../../seeds/calib/adjust';

// A toy province on a line: villages at x = 0…39 km; a site covers the villages within 2.5 km of
// it. Sites start spread out; the places a site may move to are the "towns" at x = 100…, where it
// covers nothing (town 0) or the villages 20–22 near a relay spot (every 5th town).
const N_VILLAGES = 40;
const RADIUS_KM = 2.5;
type Place = { x: number };

function world(siteXs: number[], protectedIdx: number[] = []) {
  const at = siteXs.map((x) => ({ x }));
  const coverAt = (p: Place): number[] => {
    const out: number[] = [];
    for (let v = 0; v < N_VILLAGES; v++) if (Math.abs(v - p.x) <= RADIUS_KM) out.push(v);
    return out;
  };
  const calls: string[] = [];
  const deps: AdjustDeps<Place> = {
    propose: (s, attempt, pending) => {
      if (attempt >= 6) return null;
      // every 3rd proposal lands next to villages 20–22, which may be forbidden
      const x = attempt % 3 === 1 ? 21 : 100 + 10 * s + attempt;
      const taken = [...pending.values()].some((p) => p.x === x) || at.some((p) => p.x === x);
      return taken ? { x: x + 0.5 } : { x };
    },
    cover: async (s, p) => { calls.push(`${s}@${p.x}`); return coverAt(p); },
    commit: (s, p) => { at[s] = p; },
  };
  const input = (target: number, mustUncover: number[] = []): AdjustInput => ({
    villageIds: Array.from({ length: N_VILLAGES }, (_, v) => `V-${String(v).padStart(3, '0')}`),
    // remoteness grows with x: the far end is the hardest to reach
    remotenessM: Array.from({ length: N_VILLAGES }, (_, v) => v * 1000),
    mustUncover,
    covers: at.map(coverAt),
    siteIds: at.map((_, s) => `S-${s}`),
    protectedSites: new Set(protectedIdx),
    target,
  });
  return { at, deps, input, calls, coverAt };
}

// sites every 4 km from 1 to 37: every village has signal, from 1 site (or 2 at x = 3, 7, …, 35)
const SPREAD = [1, 5, 9, 13, 17, 21, 25, 29, 33, 37];

function uncoveredBy(at: Place[], coverAt: (p: Place) => number[]): number[] {
  const lit = new Set(at.flatMap(coverAt));
  return Array.from({ length: N_VILLAGES }, (_, v) => v).filter((v) => !lit.has(v));
}

describe('adjustLayout (the calibration search)', () => {
  it('reaches the exact target, with the must-uncover villages among the villages without signal', async () => {
    const w = world(SPREAD);
    const before = uncoveredBy(w.at, w.coverAt);
    const r = await adjustLayout(w.input(14, [10]), w.deps);
    expect(r.initiallyUncovered).toBe(before.length);
    expect(r.uncovered).toHaveLength(14);
    expect(r.uncovered).toContain(10);
    // the result matches the world after the moves, recomputed from scratch
    expect(uncoveredBy(w.at, w.coverAt)).toEqual(r.uncovered);
    expect(r.moves.length).toBeGreaterThan(0);
    // a move never lands where it would re-cover a village that must stay dark
    for (const m of r.moves) expect(w.coverAt(m.place).some((v) => r.uncovered.includes(v))).toBe(false);
  });

  it('takes the hardest-to-reach villages first (fewest covers, then the farthest)', async () => {
    const w = world(SPREAD);
    const r = await adjustLayout(w.input(3), w.deps);
    // 39…36 are the farthest with one cover, but moving their site (x = 37) would take all four
    // dark, past 3; the next is 34, whose site (x = 33) is the only one of 32, 33 and 34: exactly 3
    expect(r.uncovered).toEqual([32, 33, 34]);
    expect(r.moves.map((m) => m.site)).toEqual([8]);
    expect(r.moves[0].village).toBe(34);
  });

  it('never moves a protected site', async () => {
    const w = world(SPREAD, [8, 9]);
    const start = w.at.map((p) => p.x);
    const r = await adjustLayout(w.input(10), w.deps);
    expect(r.uncovered).toHaveLength(10);
    expect(r.moves.every((m) => m.site !== 8 && m.site !== 9)).toBe(true);
    expect(w.at[8].x).toBe(start[8]);
    expect(w.at[9].x).toBe(start[9]);
  });

  it('is deterministic: same input, same moves, whatever the parallelism', async () => {
    const runs = [];
    for (const parallel of [1, 2, 3]) {
      const w = world(SPREAD);
      const r = await adjustLayout(w.input(15, [2, 30]), w.deps, { parallel });
      runs.push(JSON.stringify({ moves: r.moves, uncovered: r.uncovered }));
    }
    expect(runs[1]).toBe(runs[0]);
    expect(runs[2]).toBe(runs[0]);
  });

  it('rejects a target it cannot reach, with the exact message', async () => {
    // every site protected: nothing can move
    const locked = world(SPREAD, SPREAD.map((_, s) => s));
    await expect(adjustLayout(locked.input(5), locked.deps)).rejects.toThrow(
      'calibrate: only 0 villages without signal can be reached (target 5): every other village is covered by a protected site or by more than 4 sites, would overshoot the target, or has no site that can be placed elsewhere',
    );
    // without the site at x = 37, villages 36…39 are dark from the start
    const w = world(SPREAD.slice(0, -1));
    await expect(adjustLayout(w.input(3), w.deps)).rejects.toThrow(
      'calibrate: the layout already leaves 4 villages without signal and 0 more must lose it, more than the target 3; the calibration only takes signal away',
    );
    await expect(adjustLayout(w.input(41), w.deps)).rejects.toThrow('calibrate: the target must be a whole number of villages from 0 to 40, got 41');
    const guarded = world(SPREAD, [2]);
    await expect(adjustLayout(guarded.input(6, [9]), guarded.deps)).rejects.toThrow(
      'calibrate: 1 villages that must end up without signal still have it: V-009 (covered by protected site S-2)',
    );
  });

  it('does not commit a step whose sites find no place, and says why for a must-uncover village', async () => {
    const w = world(SPREAD);
    // no proposals at all: nothing can move
    const stuck: AdjustDeps<Place> = { ...w.deps, propose: () => null };
    await expect(adjustLayout(w.input(5, [20]), stuck)).rejects.toThrow(
      'calibrate: 1 villages that must end up without signal still have it: V-020 (no place found for site S-5 that leaves it without signal)',
    );
    expect(w.at.map((p) => p.x)).toEqual(SPREAD);
  });
});
