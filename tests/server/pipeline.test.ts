import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asGrid, bestSiteId, compositeKey, createComposite, mergeSiteCoverage } from '../../core/coverage';
import { CoveragePipeline, coverageSite, PIPELINE_SETTINGS } from '../../server/coverage';
import { coverageDem, coverageSites } from './coverageApi.helpers';

const dem = coverageDem(); // 0.001° cells (3.6″): the pipeline keeps it as is at cellArcSec 3
const sites = coverageSites().features.map(coverageSite);
const small = { coverage: { radiusM: 6000 } };
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'covgap-pipeline-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the coverage pipeline', () => {
  it('owns the coverage grid: a 1″ DEM is averaged to 3″, a coarser one kept', () => {
    const fine = { ...dem, transform: [106, 1 / 3600, 0, 22.7, 0, -1 / 3600] as typeof dem.transform };
    const p = new CoveragePipeline(fine, { dataDir: null, workers: 0 });
    expect(p.dem.width).toBe(Math.ceil(dem.width / 3));
    expect(p.dem.transform[1]).toBeCloseTo(3 / 3600, 12);
    expect(p.options.modelId).toBe(PIPELINE_SETTINGS.coverage.modelId);
    expect(new CoveragePipeline(dem, { dataDir: null, workers: 0 }).dem).toBe(dem);
    expect(() => new CoveragePipeline(dem, { dataDir: null, workers: 0, settings: { floorBelowThresholdDb: -1 } })).toThrow(
      'coverage pipeline: floorBelowThresholdDb must be a number of dB >= 0, got -1',
    );
  });

  it('computes a site once, then reads it from the cache; the composite of the sites is the merge of site()', async () => {
    const dataDir = tempDir();
    const p = new CoveragePipeline(dem, { dataDir, workers: 0, settings: small });
    const first = await p.site(sites[0]);
    expect(p.computed).toBe(1);
    const again = await p.site(sites[0]);
    expect(p.computed).toBe(1);
    expect(Array.from(again.levelDbm['4G']!)).toEqual(Array.from(first.levelDbm['4G']!));
    // stored as the composite merges it: 0.1 dB steps, nothing 30 dB below the threshold
    const thr = p.options.thresholdsDbm['4G'];
    for (const v of first.levelDbm['4G']!) if (v === v) {
      expect(Math.abs(v * 10 - Math.round(v * 10))).toBeLessThan(1e-3);
      expect(v).toBeGreaterThanOrEqual(thr - 30);
    }

    const run = await p.composite(sites);
    const byHand = createComposite(p.dem, p.options.thresholdsDbm);
    for (const s of [...sites].reverse()) mergeSiteCoverage(byHand, await p.site(s));
    const a = run.composite.layers.get(compositeKey('4G'))!;
    const b = byHand.layers.get(compositeKey('4G'))!;
    expect(Array.from(a.bestDbm)).toEqual(Array.from(b.bestDbm));
    expect(Array.from(a.serverCount)).toEqual(Array.from(b.serverCount));
    for (let j = 0; j < a.bestSite.length; j += 97) expect(bestSiteId(asGrid(run.composite), asGrid(run.composite).layer('4G')!, j)).toBe(bestSiteId(asGrid(byHand), asGrid(byHand).layer('4G')!, j));
  });

  it('version changes with a site, not with the order of the calls; a second pipeline on the same settings agrees', () => {
    const p = new CoveragePipeline(dem, { dataDir: null, workers: 0, settings: small });
    const q = new CoveragePipeline(dem, { dataDir: null, workers: 0, settings: small });
    expect(q.version(sites)).toBe(p.version(sites));
    expect(p.siteKey(sites[1])).toBe(q.siteKey(sites[1]));
    const moved = sites.map((s, i) => (i === 1 ? { ...s, antennaHeightM: s.antennaHeightM + 5 } : s));
    expect(p.version(moved)).not.toBe(p.version(sites));
    expect(p.siteKey(moved[1])).not.toBe(p.siteKey(sites[1]));
    const wider = new CoveragePipeline(dem, { dataDir: null, workers: 0, settings: { coverage: { radiusM: 7000 } } });
    expect(wider.siteKey(sites[1])).not.toBe(p.siteKey(sites[1]));
  });

  it('refuses an impossible site with an InputError and computes nothing', async () => {
    const p = new CoveragePipeline(dem, { dataDir: tempDir(), workers: 0, settings: small });
    await expect(p.site({ ...sites[0], lon: 120, lat: 10 })).rejects.toMatchObject({ name: 'InputError' });
    expect(p.computed).toBe(0);
  });
});

describe('the pipeline keeps rasters in memory', () => {
  it('a second site() is served from memory even when the disk file is gone; evict() forgets both', async () => {
    const dataDir = tempDir();
    const p = new CoveragePipeline(dem, { dataDir, workers: 0, settings: small });
    const first = await p.site(sites[2]);
    rmSync(p.cache!.pathOf(p.siteKey(sites[2])));
    expect(await p.site(sites[2])).toBe(first); // the same object: from memory
    expect(p.computed).toBe(1);
    p.evict(sites[2]);
    await p.site(sites[2]);
    expect(p.computed).toBe(2);
    const none = new CoveragePipeline(dem, { dataDir: tempDir(), workers: 0, settings: small, memoryBytes: 0 });
    const a = await none.site(sites[2]);
    expect(await none.site(sites[2])).not.toBe(a); // read back from disk
    expect(none.computed).toBe(1);
  });
  it('levelsAt: the levels at a few cells equal site() there (quantised, floored), on this thread and on the workers', async () => {
    const cells = new Int32Array(400);
    let r = 5;
    const rnd = () => ((r = (Math.imul(r, 1664525) + 1013904223) >>> 0) / 4294967296);
    for (let q = 0; q < cells.length; q++) cells[q] = Math.floor(rnd() * dem.width * dem.height);
    for (const workers of [0, 2]) {
      const p = new CoveragePipeline(dem, { dataDir: null, workers, settings: small });
      try {
        for (const s of sites.slice(0, 3)) {
          const full = await p.site(s);
          const levels = await p.levelsAt(s, cells);
          let valued = 0;
          for (const t of Object.keys(full.levelDbm) as (keyof typeof full.levelDbm)[]) {
            const a = full.levelDbm[t]!;
            cells.forEach((g, q) => {
              const row = Math.floor(g / dem.width) - full.row0;
              const col = (g % dem.width) - full.col0;
              const want = row >= 0 && row < full.height && col >= 0 && col < full.width ? a[row * full.width + col] : NaN;
              const got = levels[t]![q];
              expect(Object.is(want, got) || (Number.isNaN(want) && Number.isNaN(got)), `${s.id} ${t} cell ${g} (${workers} workers): ${want} vs ${got}`).toBe(true);
              if (want === want) valued++;
            });
          }
          expect(valued).toBeGreaterThan(5);
          // asked again: the same answer from memory
          expect(await p.levelsAt(s, cells)).toBe(levels);
        }
      } finally {
        await p.close();
      }
    }
  });
});
