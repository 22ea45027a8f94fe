import { describe, expect, it } from 'vitest';
import { decodeTerrainRgb, encodeTerrainRgb, TERRAIN_RGB_MAX_M, TERRAIN_RGB_MIN_M } from '../../core/terrain/terrainRgb';

describe('core/terrain/terrainRgb', () => {
  it('encodes known values (Mapbox terrain-RGB)', () => {
    const px = new Uint8Array(3);
    encodeTerrainRgb(0, px, 0);
    expect([...px]).toEqual([1, 134, 160]);
    encodeTerrainRgb(1931.4, px, 0);
    expect([...px]).toEqual([1, 210, 18]);
    encodeTerrainRgb(-10000, px, 0);
    expect([...px]).toEqual([0, 0, 0]);
  });

  it('round-trips to 0.1 m', () => {
    const px = new Uint8Array(6);
    for (const h of [-432.1, 0, 0.04, 200, 1931.4, 8848.86]) {
      encodeTerrainRgb(h, px, 3);
      expect(decodeTerrainRgb(px[3], px[4], px[5])).toBeCloseTo(h, 1);
      expect(Math.abs(decodeTerrainRgb(px[3], px[4], px[5]) - h)).toBeLessThanOrEqual(0.05 + 1e-9);
    }
  });

  it('NaN encodes 0 m; out of range is clamped', () => {
    const px = new Uint8Array(3);
    encodeTerrainRgb(NaN, px, 0);
    expect(decodeTerrainRgb(px[0], px[1], px[2])).toBe(0);
    encodeTerrainRgb(-20000, px, 0);
    expect(decodeTerrainRgb(px[0], px[1], px[2])).toBe(TERRAIN_RGB_MIN_M);
    encodeTerrainRgb(1e9, px, 0);
    expect(decodeTerrainRgb(px[0], px[1], px[2])).toBeCloseTo(TERRAIN_RGB_MAX_M, 1);
  });
});
