/**
 * `covgap coverage --threads`: the worker pool gives the same raster as one thread, and the
 * default picks the pool only for large jobs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_COVERAGE_OPTIONS } from '../../core/coverage/options';
import { coverageThreads, POOL_MIN_SAMPLES, radialSamples } from '../../server/cli/coverage';
import { parseGeoTiffDem } from '../../server/data/dem';
import { covgap } from './run';

const dir = mkdtempSync(join(tmpdir(), 'covgap-cli-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// a 3″ tile of rough hills (not smooth: ridges make radials differ, so a misplaced chunk shows)
const hgt = join(dir, 'N22E106.hgt');
{
  const side = 1201;
  const view = new DataView(new ArrayBuffer(side * side * 2));
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const h = 500 + 220 * Math.sin(c * 0.13) * Math.cos(r * 0.11) + 90 * Math.sin((c + 2 * r) * 0.37) + ((c * 7919 + r * 104729) % 23);
      view.setInt16(2 * (r * side + c), Math.round(h), false);
    }
  }
  writeFileSync(hgt, new Uint8Array(view.buffer));
}
const common = ['--model', 'itm', '--dem', hgt, '--site', '106.5,22.5', '--tx-height', '30', '--rx-height', '1.5', '--freq', '900', '--eirp', '60', '--radius-km', '6'];

describe('covgap coverage --threads', () => {
  it('writes the same raster with the pool (--threads 2, 3) as with one thread', async () => {
    const rasters = [];
    for (const threads of ['1', '2', '3']) {
      const out = join(dir, `t${threads}.tif`);
      const r = covgap('coverage', ...common, '--threads', threads, '--out', out);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      rasters.push(await parseGeoTiffDem(readFileSync(out), out));
    }
    const [one, ...pooled] = rasters;
    let valid = 0;
    for (let i = 0; i < one.data.length; i++) if (!Number.isNaN(one.data[i])) valid++;
    expect(valid).toBeGreaterThan(10000);
    for (const p of pooled) {
      expect([p.width, p.height]).toEqual([one.width, one.height]);
      expect(p.transform).toEqual(one.transform);
      // bit for bit, NaN where NaN
      expect(Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength).equals(Buffer.from(one.data.buffer, one.data.byteOffset, one.data.byteLength))).toBe(true);
    }
  });

  it('refuses a bad --threads with an exact message', () => {
    for (const bad of ['0', '1.5', 'two', '300']) {
      const r = covgap('coverage', ...common, '--threads', bad, '--out', join(dir, 'x.tif'));
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`covgap coverage: --threads must be an integer >= 1 and <= 256, got ${JSON.stringify(bad)}\n`);
    }
  });

  it('documents --threads in --help', () => {
    const r = covgap('coverage', '--help');
    expect(r.stdout).toContain('--threads N');
    expect(r.stdout).toContain('1 = no worker');
  });

  it('uses every core for large jobs only, unless told', () => {
    // 20 km at 1″ (≈ 1.7 million samples) takes the pool; 20 km at 3″ (≈ 0.2 million) does not
    const s1 = radialSamples(20000, 1 / 3600, 22.5);
    const s3 = radialSamples(20000, 1 / 1200, 22.5);
    expect(s1).toBeGreaterThan(1.5e6);
    expect(s1).toBeLessThan(1.9e6);
    expect(DEFAULT_COVERAGE_OPTIONS.radialDensity).toBe(0.6); // radialSamples assumes it
    expect(s3).toBeCloseTo(s1 / 9, -3);
    expect(coverageThreads(undefined, s1, 2)).toBe(2);
    expect(coverageThreads(undefined, s3, 2)).toBe(1);
    expect(coverageThreads(undefined, POOL_MIN_SAMPLES, 8)).toBe(8);
    expect(coverageThreads(undefined, s1, 0)).toBe(1);
    expect(coverageThreads(1, s1, 2)).toBe(1);
    expect(coverageThreads(3, 10, 2)).toBe(3);
  });
});
