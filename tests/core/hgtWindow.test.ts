/**
 * Reading part of an SRTM tile (parseHgtWindow) for a sweep's reach (sweepWindow): the cells read
 * equal parseHgt's, the rest is NaN, and a sweep over the partial tile gives the same losses, bit
 * for bit, as over the whole tile.
 */
import { describe, expect, it } from 'vitest';
import { pathLossGrid } from '../../core/coverage';
import { sweepWindow } from '../../core/coverage/radials';
import { hgtTransform, parseHgt, parseHgtWindow } from '../../core/formats/hgt';
import { inputErrorMessage } from '../helpers/inputError';

const SIDE = 1201;
const bytes = new Uint8Array(SIDE * SIDE * 2);
{
  const view = new DataView(bytes.buffer);
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      const v = r === 500 && c === 520 ? -32768 : Math.round(300 + 200 * Math.sin(r / 37) * Math.cos(c / 23) + ((r * 7 + c * 13) % 17) - r / 5);
      view.setInt16(2 * (r * SIDE + c), v, false);
    }
  }
}
const whole = parseHgt(bytes, 'N22E106.hgt');
const rowsOf = (row0: number, row1: number): Uint8Array => bytes.subarray(row0 * SIDE * 2, (row1 + 1) * SIDE * 2);

describe('parseHgtWindow', () => {
  it('decodes the window like parseHgt (voids NaN, negative values), NaN elsewhere, same grid', () => {
    const w = { row0: 480, row1: 530, col0: 500, col1: 560 };
    const dem = parseHgtWindow(rowsOf(w.row0, w.row1), 'N22E106.hgt', SIDE, w);
    expect([dem.width, dem.height]).toEqual([SIDE, SIDE]);
    expect(dem.transform).toEqual(whole.transform);
    expect(dem.transform).toEqual(hgtTransform(106, 22, SIDE));
    let inside = 0;
    for (let r = 0; r < SIDE; r++) {
      for (let c = 0; c < SIDE; c++) {
        const v = dem.data[r * SIDE + c];
        if (r >= w.row0 && r <= w.row1 && c >= w.col0 && c <= w.col1) {
          inside++;
          if (r === 500 && c === 520) expect(v).toBeNaN();
          else expect(v).toBe(whole.data[r * SIDE + c]);
        } else if (v === v) {
          throw new Error(`cell ${r},${c} outside the window holds ${v}`);
        }
      }
    }
    expect(inside).toBe(51 * 61);
    expect(whole.data[1200 * SIDE + 1200]).toBeLessThan(100); // the test tile does go low
  });

  it('leaves the cells outside the window at 0 with fillOutside: false, the window as decoded', () => {
    const w = { row0: 480, row1: 530, col0: 500, col1: 560 };
    const filled = parseHgtWindow(rowsOf(w.row0, w.row1), 'N22E106.hgt', SIDE, w);
    const bare = parseHgtWindow(rowsOf(w.row0, w.row1), 'N22E106.hgt', SIDE, w, { fillOutside: false });
    let outside = 0;
    for (let i = 0; i < SIDE * SIDE; i++) {
      const r = Math.floor(i / SIDE);
      const c = i % SIDE;
      if (r >= w.row0 && r <= w.row1 && c >= w.col0 && c <= w.col1) expect(Object.is(bare.data[i], filled.data[i])).toBe(true);
      else if (bare.data[i] === 0) outside++;
    }
    expect(outside).toBe(SIDE * SIDE - 51 * 61);
  });

  it('puts the grid on a SharedArrayBuffer when asked', () => {
    const w = { row0: 0, row1: 1, col0: 0, col1: 3 };
    expect(parseHgtWindow(rowsOf(0, 1), 'N22E106.hgt', SIDE, w, { shared: true }).data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(parseHgtWindow(rowsOf(0, 1), 'N22E106.hgt', SIDE, w).data.buffer).toBeInstanceOf(ArrayBuffer);
  });

  it('refuses a bad window or byte count with exact messages', () => {
    expect(inputErrorMessage(() => parseHgtWindow(rowsOf(5, 4), 'N22E106.hgt', SIDE, { row0: 5, row1: 4, col0: 0, col1: 1 }))).toBe(
      'parseHgtWindow: window must hold integer rows and columns with 0 <= row0 <= row1 < 1201 and 0 <= col0 <= col1 < 1201, got {"row0":5,"row1":4,"col0":0,"col1":1}',
    );
    expect(inputErrorMessage(() => parseHgtWindow(rowsOf(0, 0), 'N22E106.hgt', SIDE, { row0: 0, row1: 1, col0: 0, col1: 1 }))).toBe(
      'N22E106.hgt: expected 4804 bytes for rows 0..1, got 2402',
    );
    expect(inputErrorMessage(() => parseHgtWindow(rowsOf(0, 0), 'N22E106.hgt', 1000, { row0: 0, row1: 0, col0: 0, col1: 1 }))).toBe(
      'parseHgtWindow: side must be 1201 or 3601, got 1000',
    );
  });
});

describe('sweepWindow', () => {
  it('covers every cell a sweep reads: the same losses, bit for bit, from the partial tile', () => {
    for (const [lon, lat, radiusM] of [[106.45, 22.55, 6000], [106.02, 22.97, 5000]] as const) {
      const tx = { lon, lat, heightAglM: 30 };
      const w = sweepWindow(whole.transform, SIDE, SIDE, tx, radiusM);
      expect(w).not.toBeNull();
      const part = parseHgtWindow(rowsOf(w!.row0, w!.row1), 'N22E106.hgt', SIDE, w!);
      // and with the cells outside the window left at 0 (untouched, as the CLI reads it): a sweep
      // that read one of them would see sea level instead of a void
      const bare = parseHgtWindow(rowsOf(w!.row0, w!.row1), 'N22E106.hgt', SIDE, w!, { fillOutside: false });
      const a = pathLossGrid(whole, tx, 900, { radiusM });
      for (const dem of [part, bare]) {
        const b = pathLossGrid(dem, tx, 900, { radiusM });
        expect([b.width, b.height, b.col0, b.row0]).toEqual([a.width, a.height, a.col0, a.row0]);
        expect(Buffer.from(b.data.buffer).equals(Buffer.from(a.data.buffer))).toBe(true);
      }
      // and the window is not much larger than the disc's square
      const cells = radiusM / (92.6 * Math.cos((lat * Math.PI) / 180));
      expect(w!.col1 - w!.col0).toBeLessThan(2 * cells + 16);
    }
  });

  it('is null for a site off the grid', () => {
    expect(sweepWindow(whole.transform, SIDE, SIDE, { lon: 110, lat: 22.5, heightAglM: 30 }, 5000)).toBeNull();
  });
});
