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
