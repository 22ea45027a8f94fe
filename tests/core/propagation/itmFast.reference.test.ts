/**
 * The fast ITM paths held directly against the reference: FastItm (itmFast.ts) against
 * longleyRice() on the same inputs, and the radial sweep (ItmRadial, itmRadial.ts) against NTIA's
 * point-to-point chain itmP2p() (quickPfl → longleyRice → variability) on every prefix of seeded
 * radial profiles. Median, p90, p99 and max of |Δ| are bounded a little above what the engine gives
 * (figures measured 2026-12-07, also in bench/README.md "Accuracy of the fast paths").
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COVERAGE_OPTIONS } from '../../../core/coverage/options';
import { PropagationMode } from '../../../core/propagation/itm/constants';
import { FastItm } from '../../../core/propagation/itm/itmFast';
import { itmP2p } from '../../../core/propagation/itm/itmP2p';
import { ItmRadial } from '../../../core/propagation/itm/itmRadial';
import { longleyRice } from '../../../core/propagation/itm/longleyRice';
import { ITM_DEFAULTS } from '../../../core/propagation/itm/options';
import { absQuantiles, fastPathOf, roughProfile, seededPaths, seededRandom } from './itmPaths';

describe('FastItm against longleyRice() (same inputs)', () => {
  it('equal to rounding on 600 seeded paths of every mode: max |Δ| ≤ 1e-11 dB', () => {
    const itm = new FastItm();
    const diffs: number[] = [];
    const modes = new Set<PropagationMode>();
    for (const { input: i } of seededPaths(600, 41)) {
      const ref = longleyRice(i);
      modes.add(ref.mode);
      const fast = itm.referenceAttenuationDb(fastPathOf(i));
      diffs.push(fast - ref.referenceAttenuationDb);
    }
    // the three regimes of A_ref (and so the three branches of the fast path) are all exercised
    expect([...modes].sort()).toEqual([PropagationMode.lineOfSight, PropagationMode.diffraction, PropagationMode.troposcatter]);
    // measured: median 0, p90 2.8e-14, p99 9.9e-14, max 2.4e-13 dB (the same formulas; only
    // Δh^¼ as √√Δh and reassociated sums differ in the last bits)
    const q = absQuantiles(diffs);
    expect(q(0.5)).toBeLessThanOrEqual(1e-12);
    expect(q(0.9)).toBeLessThanOrEqual(1e-12);
    expect(q(0.99)).toBeLessThanOrEqual(1e-12);
    expect(q(1)).toBeLessThanOrEqual(1e-11);
  });
});

/**
 * Bounds of |sweep − itmP2p| (dB) per configuration, each a little above the measured figure
 * (in the comment: median / p90 / p99 / max). Where the tail comes from:
 *  - Δh between checkpoints, worst in the near zone: Δh is exact at sample 1 (0 m) and then every
 *    20 % of the distance but at least 16 samples apart, linear in between, while ITM's Δh rises
 *    steeply over a short path (its 1 − 0.8 e^(−d/50 km) divisor) and its line-of-sight loss
 *    depends strongly on Δh. At 3″ the worst is sample 8 (720 m, 2100 MHz): Δh 264 m in the sweep
 *    against 29 m in ITM, loss 135.2 against 97.0 dB (38 dB). With exact evaluation 78 of the
 *    10,560 3″ samples are off by more than 10 dB: 56 in samples 3–16, the rest before sample 38
 *    (3.4 km). Evaluating the loss exactly (fraction 0) does not change the max: it is Δh;
 *  - the loss interpolation near horizons (default fraction 0.06): a hollow behind a crest just
 *    before the receiver (its horizon 30–450 m away, creeping by ≤ 2 samples a step so the regime
 *    holds) is bridged by a straight line between its two ends while ITM's loss peaks 20–35 dB
 *    higher inside. 1″ worst: sample 576 (17.3 km, receiver horizon 150 m), 190.9 against
 *    222.3 dB (31 dB); with fraction 0 the 1″ max is 6.7 dB (sample 309, Δh 1082 against 915 m).
 */
const RADIAL_CASES = [
  // label, step (m), loss interpolation fraction, radials, every k-th sample, bounds [median, p90, p99, max]
  ['3″ (90 m), default interpolation 0.06', 90, DEFAULT_COVERAGE_OPTIONS.lossInterpolationFraction, 16, 1, [0.25, 3.5, 16, 42]], // 0.202 / 3.20 / 14.5 / 38.2
  ['3″ (90 m), exact at every sample', 90, 0, 16, 1, [0.06, 0.6, 8, 42]], // 0.049 / 0.527 / 7.18 / 38.2
  ['1″ (30 m), default interpolation 0.06', 30, DEFAULT_COVERAGE_OPTIONS.lossInterpolationFraction, 6, 3, [0.45, 7, 23, 35]], // 0.354 / 6.21 / 20.6 / 31.4
  ['1″ (30 m), exact at every sample', 30, 0, 6, 3, [0.05, 0.4, 2, 7.5]], // 0.042 / 0.318 / 1.69 / 6.75
] as const;

describe('ItmRadial against itmP2p() on every prefix of seeded 20 km radials (30 m / 1.5 m, 900/1800/2100 MHz)', () => {
  it.each(RADIAL_CASES)('%s', (_label, stepM, fraction, radials, every, [median, p90, p99, max]) => {
    const rnd = seededRandom(stepM * 7 + 1);
    const n = Math.round(20000 / stepM) + 1;
    const freqsMHz = [900, 1800, 2100];
    const sweep = new ItmRadial(n, {
      freqsMHz, txHeightM: 30, rxHeightM: 1.5, options: ITM_DEFAULTS,
      deltaHSpacingFraction: DEFAULT_COVERAGE_OPTIONS.deltaHSpacingFraction,
      deltaHMinSpacingSteps: DEFAULT_COVERAGE_OPTIONS.deltaHMinSpacingSteps,
      lossInterpolationFraction: fraction,
    });
    const need = new Uint8Array(n).fill(1);
    const outs = freqsMHz.map(() => new Float32Array(n));
    const diffs: number[] = [];
    for (let r = 0; r < radials; r++) {
      const z = roughProfile(rnd, n, stepM);
      sweep.run(z, n, stepM, need, 0, outs, 0);
      for (let i = 3; i < n; i += every) {
        freqsMHz.forEach((freqMHz, f) => {
          const ref = itmP2p({ elevationsM: z.subarray(0, i + 1), stepM, txHeightM: 30, rxHeightM: 1.5, freqMHz }, ITM_DEFAULTS);
          diffs.push(outs[f][i] - ref.lossDb);
        });
      }
    }
    const q = absQuantiles(diffs);
    console.log(`${_label}: ${diffs.length} samples, |Δ| median ${q(0.5).toFixed(3)}, p90 ${q(0.9).toFixed(3)}, p99 ${q(0.99).toFixed(3)}, max ${q(1).toFixed(3)} dB`);
    expect(q(0.5)).toBeLessThanOrEqual(median);
    expect(q(0.9)).toBeLessThanOrEqual(p90);
    expect(q(0.99)).toBeLessThanOrEqual(p99);
    expect(q(1)).toBeLessThanOrEqual(max);
  });
});
