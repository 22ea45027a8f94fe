import { describe, expect, it } from 'vitest';
import { DEFAULT_SECTOR_PATTERN, horizontalAttenuationDb, omniAttenuationDb, sectorAttenuationDb, verticalAttenuationDb } from '../../../core/antenna/pattern';

describe('3GPP parabolic sector pattern (TR 38.901 Table 7.3-1)', () => {
  it('is 3 dB down at half the beamwidth, 12 dB at the full beamwidth, capped at A_m', () => {
    expect(horizontalAttenuationDb(32.5, 65, 30)).toBeCloseTo(3, 12);
    expect(horizontalAttenuationDb(-32.5, 65, 30)).toBeCloseTo(3, 12);
    expect(horizontalAttenuationDb(65, 65, 30)).toBeCloseTo(12, 12);
    expect(horizontalAttenuationDb(180, 65, 30)).toBe(30);
    expect(horizontalAttenuationDb(120, 65, 25)).toBe(25); // 36.814 front-to-back
    expect(horizontalAttenuationDb(360 + 32.5, 65, 30)).toBeCloseTo(3, 9); // wraps
  });
  it('horizontal: the same bits as the plain modulo, inside (−360, 360) where it is skipped and beyond', () => {
    const reference = (x: number): number => {
      let phi = x % 360;
      if (phi > 180) phi -= 360;
      else if (phi <= -180) phi += 360;
      const r = phi / 65;
      const a = 12 * r * r;
      return a < 30 ? a : 30;
    };
    const offsets = [NaN, 0, -0, 1e-300, -1e-300, 179.99999999999997, 180, -180, 359.99999999999994, 360, -360, -359.99999999999994, 540, -540, 719.9, -719.9, 1e6 + 0.1];
    for (let i = 0; i < 2000; i++) offsets.push((i * 7919.123) % 1440 - 720);
    for (const x of offsets) expect(Object.is(horizontalAttenuationDb(x, 65, 30), reference(x))).toBe(true);
  });
  it('vertical: 3 dB at θtilt ± θ3dB/2, side lobe cap', () => {
    expect(verticalAttenuationDb(11, 10, 6, 30)).toBeCloseTo(3, 12);
    expect(verticalAttenuationDb(1, 10, 6, 30)).toBeCloseTo(3, 12);
    expect(verticalAttenuationDb(6, 10, 6, 30)).toBe(0);
    expect(verticalAttenuationDb(-60, 10, 6, 20)).toBe(20);
  });
  it('combined = min(A_H + A_V, A_m)', () => {
    const p = { ...DEFAULT_SECTOR_PATTERN, downtiltDeg: 4 };
    expect(sectorAttenuationDb(32.5, 9, p)).toBeCloseTo(6, 12);
    expect(sectorAttenuationDb(0, 4, p)).toBe(0);
    expect(sectorAttenuationDb(100, 40, p)).toBe(30);
  });
  it('omni: flat unless a vertical beam is given', () => {
    expect(omniAttenuationDb(20, Infinity, 0, 30)).toBe(0);
    expect(omniAttenuationDb(5, 10, 0, 30)).toBeCloseTo(3, 12);
  });
});
