import { describe, expect, it } from 'vitest';
import { pathLossGrid } from '../../../core/coverage';
import { itmP2p } from '../../../core/propagation/itm/itmP2p';
import { ITM_DEFAULTS } from '../../../core/propagation/itm/options';
import { terrainProfile } from '../../../core/terrain/profile';
import { roughDem } from './synthDem';

describe('pathLossGrid (ITM radial sweep) against ITM point by point', () => {
  it.each([
    ['interpolated between exact samples (default)', {}],
    ['exact at every sample', { lossInterpolationFraction: 0 }],
  ])('median |difference| <= 1 dB over random cells within the radius, %s', (_label, extra) => {
    const cell = 3 / 3600;
    const dem = roughDem(401, 401, cell, 7);
    const tx = { lon: 106 + 200.5 * cell, lat: 23 - 200.5 * cell, heightAglM: 30 };
    const radiusM = 10000;
    const loss = pathLossGrid(dem, tx, 900, { radiusM, ...extra });
    let seed = 3;
    const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
    const diffs: number[] = [];
    while (diffs.length < 300) {
      const c = Math.floor(rnd() * loss.width);
      const r = Math.floor(rnd() * loss.height);
      const v = loss.data[r * loss.width + c];
      if (Number.isNaN(v)) continue;
      const lon = loss.transform[0] + (c + 0.5) * loss.transform[1];
      const lat = loss.transform[3] + (r + 0.5) * loss.transform[5];
      const p = terrainProfile(dem, [tx.lon, tx.lat], [lon, lat]);
      if (p.distanceM < 200) continue;
      const ref = itmP2p({ elevationsM: p.elevationsM, stepM: p.stepM, txHeightM: 30, rxHeightM: 1.5, freqMHz: 900 }, ITM_DEFAULTS);
      diffs.push(Math.abs(v - ref.lossDb));
    }
    diffs.sort((a, b) => a - b);
    const q = (f: number) => diffs[Math.floor(f * (diffs.length - 1))];
    console.log(`${_label}: ITM radial vs point-by-point over ${diffs.length} cells: median ${q(0.5).toFixed(3)} dB, p90 ${q(0.9).toFixed(3)} dB, max ${q(1).toFixed(3)} dB`);
    expect(q(0.5)).toBeLessThanOrEqual(1);
    expect(Number.isFinite(q(1))).toBe(true);
  });
});
