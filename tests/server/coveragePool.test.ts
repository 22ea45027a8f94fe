import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveCoverageOptions } from '../../core/coverage/options';
import { CoverageCache, finishSiteCoverage } from '../../server/coverage/cache';
import { pathLossGrid, planRadials, siteCoverage } from '../../core/coverage';
import { InputError } from '../../core/errors';
import { computeProvinceCoverage, computeSiteCoverageParallel, CoveragePool, pathLossGridParallel } from '../../server/coverage';
import { smallProvince, SMALL } from './coverageEngine.helpers';

const same = (a: Float32Array, b: Float32Array): boolean => a.length === b.length && a.every((v, i) => v === b[i] || (Number.isNaN(v) && Number.isNaN(b[i])));

describe('CoveragePool', () => {
  const pool = new CoveragePool({ workers: 2 });
  afterAll(() => pool.close());
  const { dem, sites } = smallProvince();

  it('splits one site\'s radials over the workers with the single-thread result', async () => {
    const tx = { lon: sites[0].lon, lat: sites[0].lat, heightAglM: 30 };
    const a = pathLossGrid(dem, tx, 900, SMALL);
    const b = await pathLossGridParallel(dem, tx, 900, SMALL, { pool });
    expect([b.width, b.height, b.col0, b.row0]).toEqual([a.width, a.height, a.col0, a.row0]);
    expect(same(a.data, b.data)).toBe(true);
    const c = siteCoverage(dem, sites[0], SMALL);
    const d = await computeSiteCoverageParallel(dem, sites[0], SMALL, { pool });
    expect(Object.keys(d.levelDbm).sort()).toEqual(Object.keys(c.levelDbm).sort());
    for (const t of Object.keys(c.levelDbm) as (keyof typeof c.levelDbm)[]) expect(same(c.levelDbm[t]!, d.levelDbm[t]!)).toBe(true);
  });

  it('plans a sweep on the workers and this thread (bands of rows) the same as planRadials', async () => {
    for (const [i, radiusM, density] of [[0, 6000, 0.6], [1, 3000, 1]] as const) {
      const tx = { lon: sites[i].lon, lat: sites[i].lat, heightAglM: 30 };
      const a = planRadials(dem, tx, radiusM, density);
      const b = await pool.planRadials(dem, tx, radiusM, density);
      expect(b.cellPoint.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(b.need.buffer).toBeInstanceOf(SharedArrayBuffer);
      const { cellPoint: ac, need: an, ...ag } = a;
      const { cellPoint: bc, need: bn, ...bg } = b;
      expect(bg).toEqual(ag);
      expect(Array.from(bc)).toEqual(Array.from(ac));
      expect(Array.from(bn)).toEqual(Array.from(an));
      expect(ac.some((p) => p >= 0) && an.some((v) => v === 1)).toBe(true);
    }
  });

  it('computes whole sites on the workers, the same as on this thread', async () => {
    const one = siteCoverage(dem, sites[2], SMALL);
    const two = await pool.siteCoverage(dem, sites[2], SMALL);
    expect(two.siteId).toBe('s3');
    expect(same(one.levelDbm['3G']!, two.levelDbm['3G']!)).toBe(true);
  });

  it('finishes a site on the worker (quantised, floored, written to the cache) as this thread does, and the file reads back the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'covgap-finish-'));
    try {
      const thresholdsDbm = resolveCoverageOptions(SMALL).thresholdsDbm;
      const here = finishSiteCoverage(siteCoverage(dem, sites[1], SMALL), { thresholdsDbm, floorDb: 10, store: null });
      const there = await pool.siteCoverage(dem, sites[1], SMALL, { thresholdsDbm, floorDb: 10, store: { dir, key: 'k1' } });
      const raw = siteCoverage(dem, sites[1], SMALL);
      for (const t of Object.keys(here.levelDbm) as (keyof typeof here.levelDbm)[]) {
        expect(same(here.levelDbm[t]!, there.levelDbm[t]!), t).toBe(true);
        // it did something: fewer levels than the raw raster (the floor), each on the 0.1 dB grid
        const kept = (a: Float32Array) => a.filter((v) => v === v).length;
        expect(kept(there.levelDbm[t]!)).toBeLessThan(kept(raw.levelDbm[t]!));
        expect(there.levelDbm[t]!.every((v) => v !== v || Math.abs(v * 10 - Math.round(v * 10)) < 1e-3)).toBe(true);
      }
      const back = new CoverageCache(dir).get('k1', sites[1].id, sites[1].operator)!;
      expect(back).not.toBeNull();
      for (const t of Object.keys(here.levelDbm) as (keyof typeof here.levelDbm)[]) expect(same(back.levelDbm[t]!, there.levelDbm[t]!), t).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the province composite of the single-thread run', async () => {
    const single = await computeProvinceCoverage(dem, sites, SMALL);
    const pooled = await computeProvinceCoverage(dem, sites, SMALL, { pool });
    expect(pooled.computed).toBe(4);
    expect([...pooled.composite.layers.keys()].sort()).toEqual([...single.composite.layers.keys()].sort());
    for (const [key, layer] of single.composite.layers) {
      const p = pooled.composite.layers.get(key)!;
      expect(same(p.bestDbm, layer.bestDbm)).toBe(true);
      expect(Array.from(p.serverCount)).toEqual(Array.from(layer.serverCount));
      expect(Array.from(p.bestSite)).toEqual(Array.from(layer.bestSite));
    }
  });

  it('rejects with the worker\'s InputError for a site outside the DEM', async () => {
    const err = await pool.siteCoverage(dem, { ...sites[1], lon: 120 }, SMALL).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`pathLossGrid: the site (120, ${sites[1].lat}) is outside the DEM or on a void; load a DEM that covers it`);
  });

  it('fails the job of a worker that dies, replaces the worker and goes on', async () => {
    const solo = new CoveragePool({ workers: 1 });
    try {
      const job = solo.siteCoverage(dem, sites[2], SMALL);
      // the pool's only worker dies while the job is on it (as in a crash or out of memory)
      await (solo as unknown as { workers: { terminate(): Promise<number> }[] }).workers[0].terminate();
      await expect(job).rejects.toThrow(/^coverage worker exited unexpectedly with code \d+$/);
      const again = await solo.siteCoverage(dem, sites[2], SMALL);
      expect(same(again.levelDbm['3G']!, siteCoverage(dem, sites[2], SMALL).levelDbm['3G']!)).toBe(true);
    } finally {
      await solo.close();
    }
  });

  it('checks the worker count and the workers\' nice value', () => {
    expect(() => new CoveragePool({ workers: 0 })).toThrow('CoveragePool: workers must be an integer from 1 to 256, got 0');
    expect(() => new CoveragePool({ workers: 1, workerNice: 20 })).toThrow('CoveragePool: workerNice must be an integer from -20 to 19 or null, got 20');
    expect(() => new CoveragePool({ workers: 1, workerNice: 2.5 })).toThrow('CoveragePool: workerNice must be an integer from -20 to 19 or null, got 2.5');
  });

  // Linux keeps a nice value per thread (/proc/self/task/<tid>/stat, field 19)
  it.skipIf(process.platform !== 'linux')('gives its workers the nice value asked for', async () => {
    const niceOfThreads = (): number[] => readdirSync('/proc/self/task').flatMap((tid) => {
      try {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
      } catch {
        return []; // the thread ended meanwhile
      }
    });
    const before = niceOfThreads().filter((n) => n === 7).length;
    const niced = new CoveragePool({ workers: 1, workerNice: 7 });
    try {
      await niced.siteCoverage(dem, sites[0], SMALL); // the worker has started and set it
      expect(niceOfThreads().filter((n) => n === 7).length).toBe(before + 1);
    } finally {
      await niced.close();
    }
  });
});
