/**
 * The ITM fast paths give, bit for bit, the numbers recorded in tests/fixtures/itm/fast-golden.json.
 * The demo's per-site rasters are cached under COVERAGE_ENGINE_VERSION and the seed is calibrated
 * on them, so a refactor of itmFast.ts / itmRadial.ts must not move a single bit. The file was
 * written by the engine as it stood at e1473a0 (module-level state, before the FastItm object);
 * regenerate it (REGEN=1 npx vitest run tests/core/propagation/itmFast.golden.test.ts) only for
 * a change that is meant to change the numbers, together with a new COVERAGE_ENGINE_VERSION.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pathLossGrid, pathLossGrids } from '../../../core/coverage';
import { FastItm } from '../../../core/propagation/itm/itmFast';
import { medianVariabilityDb } from '../../../core/propagation/itm/itmFastVariability';
import { ITM_DEFAULTS } from '../../../core/propagation/itm/options';
import { roughDem } from '../coverage/synthDem';
import { fastPathOf, seededPaths } from './itmPaths';

const GOLDEN = new URL('../../fixtures/itm/fast-golden.json', import.meta.url);
const REGEN = process.env.REGEN === '1';

interface GridDigest { width: number; height: number; finite: number; sha256: string }
interface Golden { fast: number[]; variability: number[]; grids: Record<string, GridDigest> }

/** A_ref of 300 seeded paths, each at its own frequency then at 1800 MHz (the geometry's caches hit). */
function fastValues(): { fast: number[]; variability: number[] } {
  const fast: number[] = [];
  const variability: number[] = [];
  const itm = new FastItm();
  for (const p of seededPaths(300, 23)) {
    for (const f of [p.freqMHz, 1800]) {
      const path = fastPathOf(p.input, f);
      fast.push(itm.referenceAttenuationDb(path));
      variability.push(medianVariabilityDb(path.distanceM, path.he0, path.he1, f, 5));
    }
  }
  return { fast, variability };
}

function digest(data: Float32Array, width: number, height: number): GridDigest {
  let finite = 0;
  for (const v of data) if (Number.isFinite(v)) finite++;
  const sha256 = createHash('sha256').update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)).digest('hex');
  return { width, height, finite, sha256 };
}

/** Loss rasters of the radial sweep on a seeded DEM: several frequencies, exact, non-median. */
function gridDigests(): Record<string, GridDigest> {
  const cell = 3 / 3600;
  const dem = roughDem(321, 321, cell, 7);
  const tx = { lon: 106 + 160.5 * cell, lat: 23 - 160.5 * cell, heightAglM: 30 };
  const out: Record<string, GridDigest> = {};
  const [a, b, c] = pathLossGrids(dem, tx, [900, 1800, 2100], { radiusM: 8000 });
  out['900+1800+2100 MHz, defaults: 900'] = digest(a.data, a.width, a.height);
  out['900+1800+2100 MHz, defaults: 1800'] = digest(b.data, b.width, b.height);
  out['900+1800+2100 MHz, defaults: 2100'] = digest(c.data, c.width, c.height);
  const exact = pathLossGrid(dem, { ...tx, heightAglM: 45 }, 900, { radiusM: 8000, lossInterpolationFraction: 0 });
  out['900 MHz, 45 m, exact at every sample'] = digest(exact.data, exact.width, exact.height);
  const itm = { ...ITM_DEFAULTS, timePct: 90, locationPct: 70, situationPct: 80 };
  const tails = pathLossGrid(dem, tx, 700, { radiusM: 8000, itm });
  out['700 MHz, time 90 % location 70 % situation 80 %'] = digest(tails.data, tails.width, tails.height);
  return out;
}

describe('ITM fast paths against the golden file (bit for bit)', () => {
  const golden: Golden | null = REGEN ? null : (JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden);

  if (REGEN) {
    it('regenerates tests/fixtures/itm/fast-golden.json', () => {
      const g: Golden = { ...fastValues(), grids: gridDigests() };
      writeFileSync(GOLDEN, `${JSON.stringify(g, null, 1)}\n`);
    });
    return;
  }

  it('FastItm.referenceAttenuationDb and medianVariabilityDb: 600 values identical', () => {
    const { fast, variability } = fastValues();
    expect(fast).toHaveLength(600);
    // Object.is: identical doubles (JSON keeps every bit of a finite double)
    const fastOff = fast.flatMap((v, i) => (Object.is(v, golden!.fast[i]) ? [] : [`#${i}: ${v} ≠ ${golden!.fast[i]}`]));
    const varOff = variability.flatMap((v, i) => (Object.is(v, golden!.variability[i]) ? [] : [`#${i}: ${v} ≠ ${golden!.variability[i]}`]));
    expect(fastOff).toEqual([]);
    expect(varOff).toEqual([]);
  });

  it('radial sweep loss rasters: identical bytes', () => {
    const grids = gridDigests();
    expect(Object.keys(grids)).toEqual(Object.keys(golden!.grids));
    for (const [name, d] of Object.entries(grids)) expect(d, name).toEqual(golden!.grids[name]);
  });
});
