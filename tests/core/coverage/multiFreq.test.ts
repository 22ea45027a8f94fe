import { describe, expect, it } from 'vitest';
import { pathLossGrid, pathLossGrids } from '../../../core/coverage';
import { roughDem } from './synthDem';

describe('pathLossGrids (several frequencies in one sweep)', () => {
  const cell = 3 / 3600;
  const dem = roughDem(161, 161, cell, 9);
  const tx = { lon: 106 + 80.5 * cell, lat: 23 - 80.5 * cell, heightAglM: 25 };

  it('equals one pathLossGrid per frequency, in the order given', () => {
    const [a, b] = pathLossGrids(dem, tx, [1800, 900], { radiusM: 5000 });
    const a1 = pathLossGrid(dem, tx, 1800, { radiusM: 5000 });
    const b1 = pathLossGrid(dem, tx, 900, { radiusM: 5000 });
    expect(Array.from(a.data)).toEqual(Array.from(a1.data));
    expect(Array.from(b.data)).toEqual(Array.from(b1.data));
    // the higher frequency loses more at the same cell
    const i = a.data.findIndex((v) => !Number.isNaN(v));
    expect(a.data[i]).toBeGreaterThan(b.data[i]);
  });

  it('rejects an empty frequency list with the exact message', () => {
    expect(() => pathLossGrids(dem, tx, [], { radiusM: 5000 })).toThrow('pathLossGrids: freqsMHz must be a non-empty array of MHz, got []');
  });
});
