/**
 * Coarser DEMs by block averaging (e.g. a 1″ DEM to 3″ for province-wide coverage).
 */
import { InputError } from '../errors';
import type { DemGrid } from '../model/types';

/**
 * Averages `factor` × `factor` blocks of `dem` into one cell (no-data cells skipped; a block of
 * voids stays NaN). The result covers the same area: partial blocks at the east and south edges
 * average the cells they hold. Pixel-is-area, same origin, cells `factor` times larger.
 *
 * @example
 * const dem3 = downsampleDem(dem1, 3); // 3601 × 3601 at 1″ → 1201 × 1201 at 3″
 */
export function downsampleDem(dem: DemGrid, factor: number): DemGrid {
  if (!Number.isInteger(factor) || factor < 1) {
    throw new InputError(`downsampleDem: factor must be a positive integer, got ${String(factor)}`, 'factor');
  }
  const w = Math.ceil(dem.width / factor);
  const h = Math.ceil(dem.height / factor);
  const data = new Float32Array(w * h);
  const sum = new Float64Array(w);
  const count = new Uint32Array(w);
  const src = dem.data;
  for (let r = 0; r < h; r++) {
    sum.fill(0);
    count.fill(0);
    const r1 = Math.min(dem.height, (r + 1) * factor);
    for (let sr = r * factor; sr < r1; sr++) {
      const row = sr * dem.width;
      for (let sc = 0; sc < dem.width; sc++) {
        const v = src[row + sc];
        if (v !== v) continue;
        const c = (sc / factor) | 0;
        sum[c] += v;
        count[c]++;
      }
    }
    for (let c = 0; c < w; c++) data[r * w + c] = count[c] > 0 ? sum[c] / count[c] : NaN;
  }
  const t = dem.transform;
  return { width: w, height: h, data, transform: [t[0], t[1] * factor, t[2] * factor, t[3], t[4] * factor, t[5] * factor] };
}
