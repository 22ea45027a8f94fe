/**
 * Nearest power line and nearest sites of a point. Indexes in degrees (flatbush over line segment
 * boxes, kdbush over site points); queries grow a search box (in metres, converted to degrees
 * conservatively) until the best candidate lies inside it, so the answer is exact.
 */
import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import { haversineDistanceM, METRES_PER_DEGREE as M_PER_DEG } from '../geo/geodesy';
import type { PowerLineFeature } from '../model/types';

const RAD = Math.PI / 180;

/** Half-widths in degrees of a box that holds every point within `rM` metres of latitude `lat`. */
function boxDeg(lat: number, rM: number): [number, number] {
  const dLat = rM / M_PER_DEG;
  const cosMin = Math.cos(Math.min(89.9, Math.abs(lat) + dLat) * RAD);
  return [Math.min(360, rM / (M_PER_DEG * cosMin)), dLat];
}

/** Power lines as segments, for the distance from a village to the nearest line. */
export class PowerLineIndex {
  private _seg: Float64Array;
  private _index: Flatbush | null;

  /**
   * @example
   * const idx = new PowerLineIndex(powerLines.features);
   * idx.distanceM(106.25, 22.67) // metres to the nearest line, null when there are none
   */
  constructor(lines: readonly PowerLineFeature[]) {
    let n = 0;
    const parts = (f: PowerLineFeature) => (f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates);
    for (const f of lines) for (const part of parts(f)) n += Math.max(0, part.length - 1);
    this._seg = new Float64Array(n * 4);
    this._index = n > 0 ? new Flatbush(n) : null;
    let k = 0;
    for (const f of lines) {
      for (const part of parts(f)) {
        for (let i = 0; i + 1 < part.length; i++) {
          const x0 = part[i][0], y0 = part[i][1], x1 = part[i + 1][0], y1 = part[i + 1][1];
          const j = 4 * k++;
          this._seg[j] = x0; this._seg[j + 1] = y0; this._seg[j + 2] = x1; this._seg[j + 3] = y1;
          this._index!.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
        }
      }
    }
    this._index?.finish();
  }

  /** Exact distance from a point to one segment on the equirectangular plane centred at the point. */
  private _segmentDistanceM(i: number, lon: number, lat: number, kx: number): number {
    const s = this._seg;
    const ax = (s[4 * i] - lon) * kx, ay = (s[4 * i + 1] - lat) * M_PER_DEG;
    const bx = (s[4 * i + 2] - lon) * kx, by = (s[4 * i + 3] - lat) * M_PER_DEG;
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    // projection of the origin (the point) on the segment, clamped to its ends
    let u = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
    u = u < 0 ? 0 : u > 1 ? 1 : u;
    const px = ax + u * dx, py = ay + u * dy;
    return Math.sqrt(px * px + py * py);
  }

  /** Distance to the nearest power line, metres; null when there are no lines. */
  distanceM(lon: number, lat: number): number | null {
    const idx = this._index;
    if (!idx) return null;
    const kx = M_PER_DEG * Math.cos(lat * RAD);
    for (let r = 1000; ; r *= 2) {
      const [dx, dy] = boxDeg(lat, r);
      let best = Infinity;
      for (const i of idx.search(lon - dx, lat - dy, lon + dx, lat + dy)) {
        const d = this._segmentDistanceM(i, lon, lat, kx);
        if (d < best) best = d;
      }
      const all = lon - dx <= idx.minX && lon + dx >= idx.maxX && lat - dy <= idx.minY && lat + dy >= idx.maxY;
      if (best <= r || all) return best;
    }
  }
}

/** A point index of sites (a subset of a site list, keeping the original indices). */
export class SiteIndex {
  private _lon: Float64Array;
  private _lat: Float64Array;
  private _orig: Int32Array;
  private _index: KDBush | null;
  private _bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];

  /**
   * @param points [lon, lat] of each site, in the original order
   * @param keep indices of the sites to index (e.g. one operator's)
   * @example
   * const idx = new SiteIndex(sites.features.map((s) => s.geometry.coordinates), [0, 2, 5]);
   * idx.nearest(106.2, 22.6, 3) // [{ index, distanceM }], nearest first
   */
  constructor(points: readonly (readonly number[])[], keep: readonly number[]) {
    const n = keep.length;
    this._lon = new Float64Array(n);
    this._lat = new Float64Array(n);
    this._orig = Int32Array.from(keep);
    this._index = n > 0 ? new KDBush(n) : null;
    const b = this._bbox;
    for (let i = 0; i < n; i++) {
      const p = points[keep[i]];
      this._lon[i] = p[0];
      this._lat[i] = p[1];
      this._index!.add(p[0], p[1]);
      if (p[0] < b[0]) b[0] = p[0];
      if (p[1] < b[1]) b[1] = p[1];
      if (p[0] > b[2]) b[2] = p[0];
      if (p[1] > b[3]) b[3] = p[1];
    }
    this._index?.finish();
  }

  /** Sites within `rM` metres (great circle), nearest first (ties by original index). */
  within(lon: number, lat: number, rM: number): { index: number; distanceM: number }[] {
    if (!this._index) return [];
    const [dx, dy] = boxDeg(lat, rM);
    const out: { index: number; distanceM: number }[] = [];
    const q = [lon, lat];
    for (const i of this._index.range(lon - dx, lat - dy, lon + dx, lat + dy)) {
      const d = haversineDistanceM(q, [this._lon[i], this._lat[i]]);
      if (d <= rM) out.push({ index: this._orig[i], distanceM: d });
    }
    return out.sort((a, b) => a.distanceM - b.distanceM || a.index - b.index);
  }

  /** The k nearest sites, nearest first (ties by original index). */
  nearest(lon: number, lat: number, k: number): { index: number; distanceM: number }[] {
    if (!this._index || k <= 0) return [];
    const b = this._bbox;
    for (let r = 2000; ; r *= 2) {
      const found = this.within(lon, lat, r);
      const [dx, dy] = boxDeg(lat, r);
      const all = lon - dx <= b[0] && lon + dx >= b[2] && lat - dy <= b[1] && lat + dy >= b[3];
      if (found.length >= k || all) {
        if (all && found.length < Math.min(k, this._orig.length)) return this.within(lon, lat, Infinity).slice(0, k);
        return found.slice(0, k);
      }
    }
  }
}
