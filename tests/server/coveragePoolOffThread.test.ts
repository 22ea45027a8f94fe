/**
 * A preview must not block the server (issue 12, finding 5): by default the pool's split sweeps
 * run on the workers only, so the calling thread (the server's event loop) computes no part of
 * them; the CLI's `callerTakesParts` keeps its one-site speed path. Many concurrent split jobs
 * share one 'message' listener per worker (no MaxListenersExceededWarning).
 *
 * The core's sweep functions are wrapped here to count the calls made on this thread; the workers
 * run their own bundle, which the wrap does not reach.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { siteCoverage } from '../../core/coverage';
import { computeSiteCoverageParallel, CoveragePool } from '../../server/coverage';
import { smallProvince, SMALL } from './coverageEngine.helpers';

const calls = vi.hoisted(() => ({ radials: 0, rows: 0 }));
vi.mock('../../core/coverage/radialLosses', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../core/coverage/radialLosses')>();
  return { ...real, radialLossRange: (...a: Parameters<typeof real.radialLossRange>) => { calls.radials++; return real.radialLossRange(...a); } };
});
vi.mock('../../core/coverage/radials', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../core/coverage/radials')>();
  return { ...real, planRows: (...a: Parameters<typeof real.planRows>) => { calls.rows++; return real.planRows(...a); } };
});

const same = (a: Float32Array, b: Float32Array): boolean => a.length === b.length && a.every((v, i) => v === b[i] || (Number.isNaN(v) && Number.isNaN(b[i])));

describe('CoveragePool split sweeps and the calling thread', () => {
  const { dem, sites } = smallProvince();
  const pool = new CoveragePool({ workers: 2 });
  afterAll(() => pool.close());

  it('by default this thread computes no part of a site split over the pool, with the single-thread result', async () => {
    const reference = siteCoverage(dem, sites[0], SMALL);
    calls.radials = 0;
    calls.rows = 0;
    const pooled = await computeSiteCoverageParallel(dem, sites[0], SMALL, { pool });
    expect(calls).toEqual({ radials: 0, rows: 0 });
    for (const t of Object.keys(reference.levelDbm) as (keyof typeof reference.levelDbm)[]) expect(same(reference.levelDbm[t]!, pooled.levelDbm[t]!)).toBe(true);
  });

  it('with callerTakesParts (the CLI) this thread takes parts too', async () => {
    const cli = new CoveragePool({ workers: 1, callerTakesParts: true });
    try {
      calls.radials = 0;
      calls.rows = 0;
      await computeSiteCoverageParallel(dem, sites[1], SMALL, { pool: cli });
      // the first parts are claimed here before the worker has even read its message
      expect(calls.radials).toBeGreaterThan(0);
      expect(calls.rows).toBeGreaterThan(0);
    } finally {
      await cli.close();
    }
  });

  it('twelve concurrent split jobs: one message listener per worker, no MaxListenersExceededWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const workers = (pool as unknown as { workers: { listenerCount(e: string): number }[] }).workers;
      // the most 'message' listeners a worker had, sampled on every turn of the event loop
      let most = 0;
      let running = true;
      const sample = (): void => {
        most = Math.max(most, ...workers.map((w) => w.listenerCount('message')));
        if (running) setImmediate(sample);
      };
      sample();
      const jobs = Array.from({ length: 12 }, (_, i) => computeSiteCoverageParallel(dem, sites[i % sites.length], { ...SMALL, radiusM: 8000 }, { pool }));
      const answers = await Promise.all(jobs);
      running = false;
      expect(most).toBe(1);
      expect(answers).toHaveLength(12);
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
