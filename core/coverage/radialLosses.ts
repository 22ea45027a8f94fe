/**
 * Path loss on the radial samples of a plan, for a range of radials: the unit of work that
 * pathLossGrid runs over all radials and a worker pool splits (server/coverage/pool.ts).
 */
import type { DemGrid } from '../model/types';
import { freeSpaceLossDb } from '../propagation/fspl';
import { ItmRadial } from '../propagation/itm/itmRadial';
import { deygoutLossDb } from '../propagation/p526';
import { predict } from '../propagation/registry';
import type { CoverageOptions } from './options';
import { sampleRadial, type RadialPlan } from './radials';
import type { Transmitter } from './types';

/** Exact Δh on every DELTA_H_RADIALS-th radial, interpolated in azimuth on the ones between. */
export const DELTA_H_RADIALS = 4;

/**
 * Losses (dB) of radials k0 ≤ k < k1 at every needed sample, for each frequency f, written to
 * `outs[f][k · samplesPerRadial + i]` (other entries untouched). The geometry is shared between
 * the frequencies. ITM: the radial sweep of
 * propagation/itm/itmRadial.ts, with Δh computed on every 4th radial (k ≡ 0 mod 4) and interpolated
 * linearly in azimuth on the radials between (neighbours are at most 4 DEM cells apart).
 *
 * @example
 * const out = new Float32Array(plan.radialCount * plan.samplesPerRadial).fill(NaN);
 * radialLossRange(dem, tx, [900], resolveCoverageOptions(), plan, 0, plan.radialCount, [out]);
 */
export function radialLossRange(
  dem: DemGrid, tx: Transmitter, freqsMHz: readonly number[], o: CoverageOptions, plan: RadialPlan, k0: number, k1: number,
  outs: readonly Float32Array[],
): void {
  const n = plan.samplesPerRadial;
  const z = new Float64Array(n);
  const step = plan.stepM;
  if (o.modelId === 'itm') {
    const itm = new ItmRadial(n, {
      freqsMHz, txHeightM: tx.heightAglM, rxHeightM: o.rxHeightM, options: o.itm,
      deltaHSpacingFraction: o.deltaHSpacingFraction, deltaHMinSpacingSteps: o.deltaHMinSpacingSteps,
      lossInterpolationFraction: o.lossInterpolationFraction,
    });
    itmRange(dem, tx, plan, k0, k1, outs, itm, z);
    return;
  }
  for (let k = k0; k < k1; k++) {
    const base = k * n;
    sampleRadial(dem, tx, plan, k, z);
    for (let i = 1; i < n; i++) {
      if (!plan.need[base + i]) continue;
      const profile = { stepM: step, elevationsM: z.subarray(0, i + 1) };
      const distanceM = i * step;
      freqsMHz.forEach((freqMHz, f) => {
        outs[f][base + i] = o.modelId === 'p526'
          ? freeSpaceLossDb(freqMHz, distanceM) + deygoutLossDb(profile, tx.heightAglM, o.rxHeightM, freqMHz, o.kFactor, o.p526MaxEdges)
          : predict(o.modelId, { freqMHz, txHeightM: tx.heightAglM, rxHeightM: o.rxHeightM, distanceM, profile }).lossDb;
      });
    }
  }
}

function itmRange(
  dem: DemGrid, tx: Transmitter, plan: RadialPlan, k0: number, k1: number, outs: readonly Float32Array[], itm: ItmRadial, z: Float64Array,
): void {
  const n = plan.samplesPerRadial;
  const m = DELTA_H_RADIALS;
  const count = plan.radialCount; // a multiple of 8, so of m
  const dhLo = new Float64Array(n);
  const dhHi = new Float64Array(n);
  const dh = new Float64Array(n);
  let loK = -1;
  let hiK = -1;
  const profileDeltaH = (k: number, into: Float64Array): void => {
    sampleRadial(dem, tx, plan, k % count, z);
    itm.deltaHProfile(z, n, plan.stepM, into);
  };
  for (let k = k0; k < k1; k++) {
    const base = k * n;
    const key = k - (k % m);
    if (key !== loK) {
      if (key === hiK) dhLo.set(dhHi);
      else profileDeltaH(key, dhLo);
      loK = key;
      profileDeltaH(key + m, dhHi);
      hiK = key + m;
    }
    const t = (k - key) / m;
    for (let i = 0; i < n; i++) dh[i] = dhLo[i] + (dhHi[i] - dhLo[i]) * t;
    sampleRadial(dem, tx, plan, k, z);
    itm.run(z, n, plan.stepM, plan.need, base, outs, base, dh);
  }
}
