import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors';
import { hgtCorner, mosaicDems, parseHgt } from '../../core/formats/hgt';
import { sampleBilinear } from '../../core/terrain/sample';
import { inputErrorMessage } from '../helpers/inputError';

/** A synthetic tile: value = f(row, col), big-endian int16, with optional voids. */
function makeHgt(side: number, f: (row: number, col: number) => number): Uint8Array {
  const bytes = new Uint8Array(side * side * 2);
  const view = new DataView(bytes.buffer);
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) view.setInt16(2 * (r * side + c), f(r, c), false);
  return bytes;
}

const message = inputErrorMessage;

describe('parseHgt', () => {
  it('reads a 3″ tile: size, corners, a known value, voids and the pixel-is-area transform', () => {
    const bytes = makeHgt(1201, (r, c) => (r === 600 && c === 601 ? -32768 : r * 2 - c + 100));
    const dem = parseHgt(bytes, '/data/srtm/n22e106.hgt');
    expect([dem.width, dem.height]).toEqual([1201, 1201]);
    const res = 1 / 1200;
    expect(dem.transform[1]).toBeCloseTo(res, 12);
    expect(dem.transform[5]).toBeCloseTo(-res, 12);
    expect(dem.transform[0]).toBeCloseTo(106 - res / 2, 12);
    expect(dem.transform[3]).toBeCloseTo(23 + res / 2, 12);
    expect(dem.data[0]).toBe(100); // north-west corner sample
    expect(dem.data[1200]).toBe(100 - 1200); // north-east
    expect(dem.data[1200 * 1201]).toBe(100 + 2400); // south-west
    expect(dem.data[300 * 1201 + 7]).toBe(300 * 2 - 7 + 100);
    expect(dem.data[600 * 1201 + 601]).toBeNaN();
    // the centre of the north-west cell is exactly the tile's corner point (106 E, 23 N)
    expect(sampleBilinear(dem, 106, 23)).toBe(100);
    expect(sampleBilinear(dem, 107, 22)).toBeCloseTo(100 + 2400 - 1200, 6);
    expect(sampleBilinear(dem, 106 + 10 * res, 23 - 20 * res)).toBeCloseTo(100 + 40 - 10, 6);
  });

  it('reads a 1″ tile in the southern and western hemispheres', () => {
    const bytes = makeHgt(3601, (r, c) => (r === 0 && c === 0 ? 1234 : r === 3600 && c === 3600 ? -5 : 0));
    const dem = parseHgt(bytes, 'S05W072.HGT');
    expect(dem.width).toBe(3601);
    const res = 1 / 3600;
    expect(dem.transform[0]).toBeCloseTo(-72 - res / 2, 12);
    expect(dem.transform[3]).toBeCloseTo(-4 + res / 2, 12);
    expect(dem.data[0]).toBe(1234);
    expect(dem.data[3601 * 3601 - 1]).toBe(-5);
  });

  it('rejects wrong sizes and names', () => {
    expect(message(() => parseHgt(new Uint8Array(1000), 'N22E106.hgt'))).toBe(
      'N22E106.hgt: 1000 bytes is not an SRTM .hgt size; expected 2884802 bytes (1201×1201, 3″) or 25934402 bytes (3601×3601, 1″)',
    );
    expect(message(() => parseHgt(new Uint8Array(1201 * 1201 * 2), 'dem.hgt'))).toBe(
      'dem.hgt: an SRTM .hgt file must be named after its south-west corner, like N22E106.hgt or S05W072.hgt (latitude 2 digits, longitude 3 digits)',
    );
    expect(() => hgtCorner('N95E106.hgt')).toThrow(InputError);
    expect(hgtCorner('C:\\srtm\\N22W001.hgt')).toEqual({ lon: -1, lat: 22 });
  });
});

describe('mosaicDems', () => {
  it('joins four 3″ tiles, sharing edge rows and columns', () => {
    // elevation as a function of position, so shared edges agree
    const at = (lon: number, lat: number) => Math.round((lon - 105) * 1200) - Math.round((lat - 22) * 600);
    const tile = (lon0: number, lat0: number) =>
      parseHgt(makeHgt(1201, (r, c) => at(lon0 + c / 1200, lat0 + 1 - r / 1200)), `N${lat0}E${lon0}.hgt`);
    const dem = mosaicDems([tile(105, 22), tile(106, 23), tile(106, 22), tile(105, 23)]);
    expect([dem.width, dem.height]).toEqual([2401, 2401]);
    const res = 1 / 1200;
    expect(dem.transform[0]).toBeCloseTo(105 - res / 2, 9);
    expect(dem.transform[3]).toBeCloseTo(24 + res / 2, 9);
    let nan = 0;
    for (const v of dem.data) if (v !== v) nan++;
    expect(nan).toBe(0);
    for (const [lon, lat] of [[105, 24], [106, 23], [107, 22], [106.5, 22.25], [105.25, 23.75]]) {
      expect(sampleBilinear(dem, lon, lat)).toBeCloseTo(at(lon, lat), 6);
    }
  });

  it('leaves NaN where no tile covers and rejects mixed resolutions', () => {
    const a = parseHgt(makeHgt(1201, () => 1), 'N22E105.hgt');
    const b = parseHgt(makeHgt(1201, () => 2), 'N23E106.hgt');
    const dem = mosaicDems([a, b]);
    expect(sampleBilinear(dem, 105.5, 22.5)).toBe(1);
    expect(sampleBilinear(dem, 106.5, 23.5)).toBe(2);
    expect(sampleBilinear(dem, 105.5, 23.5)).toBeNaN();
    const fine = parseHgt(makeHgt(3601, () => 3), 'N22E106.hgt');
    expect(message(() => mosaicDems([a, fine]))).toBe(
      'mosaicDems: tiles have different resolutions (3″ and 1″); join only tiles of one resolution (all 1″ or all 3″), or resample them first',
    );
    expect(mosaicDems([a])).toBe(a);
  });
});
