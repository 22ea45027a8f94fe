import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveCoverageOptions, siteCoverage } from '../../core/coverage';
import {
  computeProvinceCoverage, CoverageCache, decodeCoverage, demFingerprint, encodeCoverage, quantizeCoverage, siteCacheKey,
} from '../../server/coverage';
import { ITM_DEFAULTS } from '../../core/propagation/itm/options';
import { smallProvince, SMALL } from './coverageEngine.helpers';

const dirs: string[] = [];
function tempCache(): CoverageCache {
  const dir = mkdtempSync(join(tmpdir(), 'covgap-cache-'));
  dirs.push(dir);
  return new CoverageCache(join(dir, 'coverage-cache'));
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('coverage cache file format', () => {
  it('round-trips a site raster to 0.1 dB, NaN kept, id and operator from the caller', () => {
    const { dem, sites } = smallProvince();
    const cov = siteCoverage(dem, sites[0], SMALL);
    const back = decodeCoverage(encodeCoverage(cov), 'other-id', 'Other');
    expect(back).not.toBeNull();
    expect(back!.siteId).toBe('other-id');
    expect(back!.operator).toBe('Other');
    expect([back!.width, back!.height, back!.col0, back!.row0]).toEqual([cov.width, cov.height, cov.col0, cov.row0]);
    expect(Object.keys(back!.levelDbm).sort()).toEqual(['2G', '4G']);
    const a = cov.levelDbm['4G']!;
    const b = back!.levelDbm['4G']!;
    let nan = 0;
    for (let i = 0; i < a.length; i++) {
      if (Number.isNaN(a[i])) {
        expect(b[i]).toBeNaN();
        nan++;
      } else {
        expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(0.05 + 1e-4);
      }
    }
    expect(nan).toBeGreaterThan(0); // corners outside the radius
    // a quantized raster survives exactly
    const q = quantizeCoverage(siteCoverage(dem, sites[0], SMALL));
    const q2 = decodeCoverage(encodeCoverage(q), 's1', 'A')!;
    expect(Array.from(q2.levelDbm['4G']!)).toEqual(Array.from(q.levelDbm['4G']!));
  });

  it('reads truncated, garbage or empty bytes as a miss', () => {
    const { dem, sites } = smallProvince();
    const bytes = encodeCoverage(siteCoverage(dem, sites[1], SMALL));
    expect(decodeCoverage(bytes.subarray(0, bytes.length - 10), 's', 'o')).toBeNull();
    expect(decodeCoverage(new Uint8Array(0), 's', 'o')).toBeNull();
    const flipped = Uint8Array.from(bytes);
    flipped[Math.floor(flipped.length / 2)] ^= 0xff;
    expect(decodeCoverage(flipped, 's', 'o')).toBeNull();
  });

  it('keys change with position, height, cells, options and DEM, not with id, name or operator', () => {
    const { dem, sites } = smallProvince();
    const o = resolveCoverageOptions(SMALL);
    const fp = demFingerprint(dem);
    const k = siteCacheKey(fp, sites[0], o);
    expect(siteCacheKey(fp, { ...sites[0], id: 'renamed', name: 'y', operator: 'Z' }, o)).toBe(k);
    expect(siteCacheKey(fp, { ...sites[0], lon: sites[0].lon + 1e-6 }, o)).not.toBe(k);
    expect(siteCacheKey(fp, { ...sites[0], antennaHeightM: 31 }, o)).not.toBe(k);
    expect(siteCacheKey(fp, { ...sites[0], cells: [{ ...sites[0].cells[0], eirpDbm: 61 }, sites[0].cells[1]] }, o)).not.toBe(k);
    expect(siteCacheKey(fp, sites[0], resolveCoverageOptions({ ...SMALL, itm: { ...ITM_DEFAULTS, climate: 1 } }))).not.toBe(k);
    const dem2 = { ...dem, data: Float32Array.from(dem.data) };
    expect(demFingerprint(dem2)).toBe(fp);
    dem2.data[12345] += 1;
    const dem3 = { ...dem2 };
    expect(demFingerprint(dem3)).not.toBe(fp);
  });
});

describe('computeProvinceCoverage with the cache', () => {
  it('computes every site once, then reads them all; one site changed → only it is recomputed', async () => {
    const { dem, sites } = smallProvince();
    const cache = tempCache();
    const cold = await computeProvinceCoverage(dem, sites, SMALL, { cache });
    expect([cold.computed, cold.cached]).toEqual([4, 0]);
    expect(readdirSync(cache.dir).filter((f) => f.endsWith('.cov'))).toHaveLength(4);
    expect(readdirSync(cache.dir).filter((f) => f.endsWith('.comp'))).toHaveLength(1);
    expect(readdirSync(cache.dir).filter((f) => f.endsWith('.tmp'))).toHaveLength(0);

    const warm = await computeProvinceCoverage(dem, sites, SMALL, { cache });
    expect([warm.computed, warm.cached]).toEqual([0, 4]);
    for (const [key, layer] of cold.composite.layers) {
      const w = warm.composite.layers.get(key)!;
      expect(Array.from(w.bestDbm)).toEqual(Array.from(layer.bestDbm));
      expect(Array.from(w.serverCount)).toEqual(Array.from(layer.serverCount));
      expect(Array.from(w.bestSite)).toEqual(Array.from(layer.bestSite));
    }

    // without the stored composite: every site from its file, the same composite
    for (const f of readdirSync(cache.dir).filter((name) => name.endsWith('.comp'))) rmSync(join(cache.dir, f));
    const perSite = await computeProvinceCoverage(dem, sites, SMALL, { cache });
    expect([perSite.computed, perSite.cached]).toEqual([0, 4]);
    for (const [key, layer] of cold.composite.layers) {
      expect(Array.from(perSite.composite.layers.get(key)!.bestSite)).toEqual(Array.from(layer.bestSite));
      expect(Array.from(perSite.composite.layers.get(key)!.bestDbm)).toEqual(Array.from(layer.bestDbm));
    }

    const moved = sites.map((s) => (s.id === 's3' ? { ...s, antennaHeightM: 45 } : s));
    const again = await computeProvinceCoverage(dem, moved, SMALL, { cache });
    expect([again.computed, again.cached]).toEqual([1, 3]);
  });

  it('recomputes a site whose file is corrupt or truncated, and rewrites it', async () => {
    const { dem, sites } = smallProvince();
    const cache = tempCache();
    await computeProvinceCoverage(dem, sites, SMALL, { cache });
    const o = resolveCoverageOptions(SMALL);
    const p2 = cache.pathOf(siteCacheKey(demFingerprint(dem), sites[1], o, { floorBelowThresholdDb: 30 }));
    const p4 = cache.pathOf(siteCacheKey(demFingerprint(dem), sites[3], o, { floorBelowThresholdDb: 30 }));
    const good = readFileSync(p2);
    writeFileSync(p2, good.subarray(0, 100));
    writeFileSync(p4, 'not a coverage file');
    // the stored composite is corrupt too, so the run goes back to the sites
    const comp = readdirSync(cache.dir).filter((f) => f.startsWith('province-') && f.endsWith('.comp'));
    expect(comp).toHaveLength(1);
    const compPath = join(cache.dir, comp[0]);
    writeFileSync(compPath, readFileSync(compPath).subarray(0, 1000));
    const run = await computeProvinceCoverage(dem, sites, SMALL, { cache });
    expect([run.computed, run.cached]).toEqual([2, 2]);
    expect(readFileSync(p2).equals(good)).toBe(true);
    const after = await computeProvinceCoverage(dem, sites, SMALL, { cache });
    expect([after.computed, after.cached]).toEqual([0, 4]);
  });

  it('reports progress up to total and skips a site outside the DEM with the reason', async () => {
    const { dem, sites } = smallProvince();
    const outside = { ...sites[1], id: 'far', lon: 120 };
    const seen: number[] = [];
    const run = await computeProvinceCoverage(dem, [...sites, outside], SMALL, { onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(run.skipped).toEqual([{ siteId: 'far', reason: `pathLossGrid: the site (120, ${outside.lat}) is outside the DEM or on a void; load a DEM that covers it` }]);
    expect(run.computed).toBe(4);
    const l4 = run.composite.layers.get('4G')!;
    expect(l4.serverCount.some((c) => c >= 2)).toBe(true);
    expect(run.composite.layers.has('4G|A')).toBe(true);
  });

  it('drops levels more than floorBelowThresholdDb below the threshold (default 30 dB) and checks it', async () => {
    const { dem, sites } = smallProvince();
    const floored = await computeProvinceCoverage(dem, sites, SMALL);
    const full = await computeProvinceCoverage(dem, sites, SMALL, { floorBelowThresholdDb: Infinity });
    const min = (a: Float32Array) => a.reduce((m, v) => (v < m ? v : m), Infinity);
    expect(min(floored.composite.layers.get('4G')!.bestDbm)).toBeGreaterThanOrEqual(-140);
    expect(min(full.composite.layers.get('4G')!.bestDbm)).toBeLessThan(-140);
    expect(Array.from(floored.composite.layers.get('4G')!.serverCount)).toEqual(Array.from(full.composite.layers.get('4G')!.serverCount));
    await expect(computeProvinceCoverage(dem, sites, SMALL, { floorBelowThresholdDb: -1 })).rejects.toThrow(
      'computeProvinceCoverage: floorBelowThresholdDb must be a number of dB >= 0, got -1',
    );
  });
});
