import type { DemGrid } from '../model/types';

/**
 * Elevation at (lon, lat) by bilinear interpolation between the four surrounding cell centres
 * of a DEM (see {@link DemGrid} for the pixel-is-area convention). Outside the grid, or where a
 * neighbour holds no data, returns NaN.
 *
 * @example
 * sampleBilinear(dem, 106.2579, 22.6657) // metres above sea level
 */
export function sampleBilinear(dem: DemGrid, lon: number, lat: number): number {
  const t = dem.transform;
  // fractional cell coordinates relative to cell centres
  const fx = (lon - t[0]) / t[1] - 0.5;
  const fy = (lat - t[3]) / t[5] - 0.5;
  const w = dem.width;
  const h = dem.height;
  if (!(fx >= -0.5 && fy >= -0.5 && fx <= w - 0.5 && fy <= h - 0.5)) return NaN;
  // clamp to the outer half cell so that the grid's own edge cells answer
  const x = fx < 0 ? 0 : fx > w - 1 ? w - 1 : fx;
  const y = fy < 0 ? 0 : fy > h - 1 ? h - 1 : fy;
  const x0 = Math.min(Math.floor(x), w - 2 < 0 ? 0 : w - 2);
  const y0 = Math.min(Math.floor(y), h - 2 < 0 ? 0 : h - 2);
  const x1 = Math.min(x0 + 1, w - 1);
  const y1 = Math.min(y0 + 1, h - 1);
  const dx = x - x0;
  const dy = y - y0;
  const d = dem.data;
  const a = d[y0 * w + x0];
  const b = d[y0 * w + x1];
  const c = d[y1 * w + x0];
  const e = d[y1 * w + x1];
  return (a * (1 - dx) + b * dx) * (1 - dy) + (c * (1 - dx) + e * dx) * dy;
}

/** The DEM's extent [west, south, east, north] in degrees (cell edges, not centres). */
export function demBounds(dem: DemGrid): [number, number, number, number] {
  const t = dem.transform;
  const west = t[0];
  const north = t[3];
  const east = t[0] + dem.width * t[1];
  const south = t[3] + dem.height * t[5];
  return [west, south, east, north];
}

/** Minimum and maximum elevation of the DEM, ignoring NaN cells. */
export function demRange(dem: DemGrid): { minM: number; maxM: number } {
  let minM = Infinity;
  let maxM = -Infinity;
  const d = dem.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (v < minM) minM = v;
    if (v > maxM) maxM = v;
  }
  return { minM, maxM };
}
