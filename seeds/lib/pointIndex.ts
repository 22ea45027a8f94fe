import { M_PER_DEG } from './geo';

/**
 * A hash grid of points for "is anything within r metres?" questions while points are added.
 * Cell size equals the largest radius asked.
 */
export class PointIndex {
  private cells = new Map<number, number[]>();
  private xs: number[] = [];
  private ys: number[] = [];
  private readonly cellDeg: number;
  private readonly k: number;
  constructor(cellM: number, latDeg: number) {
    this.cellDeg = cellM / M_PER_DEG;
    this.k = Math.cos((latDeg * Math.PI) / 180);
  }
  private key(cx: number, cy: number): number {
    return cx * 100003 + cy;
  }
  add(lon: number, lat: number): void {
    const cx = Math.floor((lon * this.k) / this.cellDeg);
    const cy = Math.floor(lat / this.cellDeg);
    const key = this.key(cx, cy);
    let list = this.cells.get(key);
    if (!list) this.cells.set(key, (list = []));
    list.push(this.xs.length);
    this.xs.push(lon);
    this.ys.push(lat);
  }
  /** True when a stored point lies within rM metres (rM at most the cell size). */
  hasWithin(lon: number, lat: number, rM: number): boolean {
    const cx = Math.floor((lon * this.k) / this.cellDeg);
    const cy = Math.floor(lat / this.cellDeg);
    const r2 = (rM / M_PER_DEG) ** 2;
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      const list = this.cells.get(this.key(cx + dx, cy + dy));
      if (!list) continue;
      for (const i of list) {
        const ex = (this.xs[i] - lon) * this.k;
        const ey = this.ys[i] - lat;
        if (ex * ex + ey * ey < r2) return true;
      }
    }
    return false;
  }
}
