import type { DemGrid } from '../../core/model/types';
import { M_PER_DEG } from './geo';

/** Elevation of the cell containing (lon, lat), metres; NaN outside. */
export function elevationAt(dem: DemGrid, lon: number, lat: number): number {
  const col = Math.floor((lon - dem.transform[0]) / dem.transform[1]);
  const row = Math.floor((lat - dem.transform[3]) / dem.transform[5]);
  if (col < 0 || row < 0 || col >= dem.width || row >= dem.height) return NaN;
  return dem.data[row * dem.width + col];
}

/** Slope at (lon, lat) in degrees, from elevations `span` cells either side. */
export function slopeDegAt(dem: DemGrid, lon: number, lat: number, span = 3): number {
  const t = dem.transform;
  const dxM = t[1] * span * 2 * M_PER_DEG * Math.cos((lat * Math.PI) / 180);
  const dyM = -t[5] * span * 2 * M_PER_DEG;
  const e = elevationAt(dem, lon + t[1] * span, lat);
  const w = elevationAt(dem, lon - t[1] * span, lat);
  const n = elevationAt(dem, lon, lat - t[5] * span);
  const s = elevationAt(dem, lon, lat + t[5] * span);
  const gx = (e - w) / dxM;
  const gy = (n - s) / dyM;
  return (Math.atan(Math.sqrt(gx * gx + gy * gy)) * 180) / Math.PI;
}
