import { describe, expect, it } from 'vitest';
import { downsampleDem } from '../../../core/terrain/resample';

describe('downsampleDem', () => {
  it('averages blocks, skips voids, keeps partial edge blocks and the origin', () => {
    // 4 × 3 grid, factor 3 → 2 × 1
    const data = Float32Array.from([
      1, 2, 3, 10,
      4, NaN, 6, 20,
      7, 8, 9, NaN,
    ]);
    const dem = { width: 4, height: 3, data, transform: [100, 0.001, 0, 20, 0, -0.001] as [number, number, number, number, number, number] };
    const out = downsampleDem(dem, 3);
    expect([out.width, out.height]).toEqual([2, 1]);
    expect(out.data[0]).toBeCloseTo((1 + 2 + 3 + 4 + 6 + 7 + 8 + 9) / 8, 6);
    expect(out.data[1]).toBe(15);
    expect(out.transform).toEqual([100, 0.003, 0, 20, 0, -0.003]);
  });

  it('leaves a block of voids as NaN and checks the factor', () => {
    const dem = { width: 2, height: 2, data: new Float32Array(4).fill(NaN), transform: [0, 1, 0, 0, 0, -1] as [number, number, number, number, number, number] };
    expect(downsampleDem(dem, 2).data[0]).toBeNaN();
    expect(() => downsampleDem(dem, 1.5)).toThrow('downsampleDem: factor must be a positive integer, got 1.5');
  });
});
