import type { Valley } from './network';
import { M_PER_DEG } from './lib/geo';

/**
 * The valley network rasterised on a coarse grid: for each node, how far up the valley side it is
 * (`sideS`: 0 on a valley floor, 1 on open mountain) and the blended floor elevation of the
 * valleys near it. The fine DEM interpolates these bilinearly.
 */
export interface ValleyField {
  width: number;
  height: number;
  /** Longitude and latitude of node (0, 0), degrees. */
  lon0: number;
  lat0: number;
  /** Node spacing, degrees (lat step is negative: rows go south). */
  stepLon: number;
  stepLat: number;
  sideS: Float32Array;
  floorM: Float32Array;
}

/**
 * Splats each valley segment onto the nodes within its reach. `fallbackFloorM(lon, lat)` gives the
 * floor where no valley reaches (it only matters where sideS is 1).
 */
export function buildValleyField(
  valleys: Valley[],
  grid: { width: number; height: number; lon0: number; lat0: number; stepLon: number; stepLat: number },
  fallbackFloorM: (lon: number, lat: number) => number,
): ValleyField {
  const { width, height, lon0, lat0, stepLon, stepLat } = grid;
  const n = width * height;
  const sideS = new Float32Array(n).fill(1);
  const sumW = new Float64Array(n);
  const sumWF = new Float64Array(n);
  const k = Math.cos(((lat0 + (stepLat * height) / 2) * Math.PI) / 180); // metres per degree lon / M_PER_DEG

  for (const v of valleys) {
    const reachM = v.floorHalfWidthM + v.sideWidthM;
    const segs = Math.max(1, v.line.length - 1);
    for (let sgi = 0; sgi < segs; sgi++) {
      const a = v.line[sgi];
      const b = v.line[Math.min(sgi + 1, v.line.length - 1)];
      const fa = v.floorsM[sgi];
      const fb = v.floorsM[Math.min(sgi + 1, v.line.length - 1)];
      const rLon = reachM / (M_PER_DEG * k);
      const rLat = reachM / M_PER_DEG;
      const i0 = Math.max(0, Math.floor((Math.min(a[0], b[0]) - rLon - lon0) / stepLon));
      const i1 = Math.min(width - 1, Math.ceil((Math.max(a[0], b[0]) + rLon - lon0) / stepLon));
      const j0 = Math.max(0, Math.floor((Math.max(a[1], b[1]) + rLat - lat0) / stepLat));
      const j1 = Math.min(height - 1, Math.ceil((Math.min(a[1], b[1]) - rLat - lat0) / stepLat));
      const ux = (b[0] - a[0]) * k;
      const uy = b[1] - a[1];
      const len2 = ux * ux + uy * uy;
      // distance of every node in the segment's reach, then side position and floor weight
      for (let j = j0; j <= j1; j++) {
        const wy = lat0 + j * stepLat - a[1];
        for (let i = i0; i <= i1; i++) {
          const wx = (lon0 + i * stepLon - a[0]) * k;
          let t = len2 > 0 ? (wx * ux + wy * uy) / len2 : 0;
          t = t < 0 ? 0 : t > 1 ? 1 : t;
          const dx = wx - t * ux;
          const dy = wy - t * uy;
          const dM = Math.sqrt(dx * dx + dy * dy) * M_PER_DEG;
          if (dM >= reachM) continue;
          let tt = (dM - v.floorHalfWidthM) / v.sideWidthM;
          tt = tt < 0 ? 0 : tt;
          const s = tt * tt * (3 - 2 * tt);
          const idx = j * width + i;
          if (s < sideS[idx]) sideS[idx] = s;
          const w = (1 - tt) * (1 - tt) * (1 - tt) + 1e-6;
          sumW[idx] += w;
          sumWF[idx] += w * (fa + (fb - fa) * t);
        }
      }
    }
  }
  const floorM = new Float32Array(n);
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const idx = j * width + i;
      floorM[idx] = sumW[idx] > 0 ? sumWF[idx] / sumW[idx] : fallbackFloorM(lon0 + i * stepLon, lat0 + j * stepLat);
    }
  }
  return { width, height, lon0, lat0, stepLon, stepLat, sideS, floorM };
}
