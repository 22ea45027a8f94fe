/**
 * Line-of-sight grid around a site by radial sweeps: a cell is visible when the ray from the
 * antenna to a receiver `rxHeightM` above the cell's ground clears every sample between them,
 * with the Earth bulge of the effective radius k·R (k = 4/3 ≙ gdal_viewshed `-cc 0.75`).
 */
import type { DemGrid } from '../model/types';
import { ITU_EARTH_RADIUS_M } from '../geo/geodesy';
import { resolveCoverageOptions, type CoverageOptions } from './options';
import { planRadials, sampleRadial } from './radials';
import type { RasterWindow, Transmitter } from './types';

/** 1 visible, 0 hidden, 255 outside the radius or on a void. */
export interface ViewshedRaster extends RasterWindow {
  data: Uint8Array;
}

/**
 * Visible / hidden per DEM cell within `options.radiusM` of `tx` (uses rxHeightM, kFactor,
 * radiusM, radialDensity). Each cell takes the radial sample nearest its centre; the running
 * maximum of the elevation angle along the radial decides, O(1) per sample.
 *
 * @example
 * const vs = viewshed(dem, { lon: 106.25, lat: 22.66, heightAglM: 30 }, { radiusM: 5000 });
 * vs.data[row * vs.width + col] === 1 // visible
 */
export function viewshed(dem: DemGrid, tx: Transmitter, options: Partial<CoverageOptions> = {}): ViewshedRaster {
  const o = resolveCoverageOptions(options);
  const plan = planRadials(dem, tx, o.radiusM, o.radialDensity);
  const n = plan.samplesPerRadial;
  const visible = new Uint8Array(plan.radialCount * n);
  const z = new Float64Array(n);
  const twoKR = 2 * o.kFactor * ITU_EARTH_RADIUS_M;
  const s = plan.stepM;
  for (let k = 0; k < plan.radialCount; k++) {
    const base = k * n;
    sampleRadial(dem, tx, plan, k, z);
    const zTx = z[0] + tx.heightAglM;
    let maxAngle = -Infinity;
    for (let i = 1; i < n; i++) {
      const x = i * s;
      const drop = x / twoKR;
      const target = (z[i] + o.rxHeightM - zTx) / x - drop;
      visible[base + i] = target >= maxAngle ? 1 : 0;
      const ground = (z[i] - zTx) / x - drop;
      if (ground > maxAngle) maxAngle = ground;
    }
  }
  const data = new Uint8Array(plan.width * plan.height).fill(255);
  const cp = plan.cellPoint;
  for (let c = 0; c < data.length; c++) if (cp[c] >= 0) data[c] = visible[cp[c]];
  return { width: plan.width, height: plan.height, transform: plan.transform, col0: plan.col0, row0: plan.row0, data };
}
