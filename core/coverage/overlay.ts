/**
 * A scenario's coverage as what differs from its base: the base grid (the baseline's dense
 * composite) and, per layer, a sparse patch of the cells whose best level, server count or best
 * site changed. Derived by recomputing only the windows of the changed sites: a removed site (or
 * the old version of a modified one) is taken out of the server count, and where it was the best
 * server the best is found again among the remaining sites there; an added site (or the new
 * version) is merged as mergeSiteCoverage would. The result reads cell for cell like the dense
 * composite of the edited network (tests/core/coverage/overlay.test.ts), at a fraction of its
 * memory.
 */
import { InputError } from '../errors';
import type { Tech } from '../model/types';
import { compositeKey, denseArrays, type CoverageGrid, type LayerReader } from './composite';
import type { SiteCoverage } from './types';

/** Cells per chunk of the patch's lookup table (2^10). */
const CHUNK_SHIFT = 10;

export interface OverlayChange {
  /** Rasters of the sites taken out: removed ones and the old versions of modified ones. */
  removed: readonly SiteCoverage[];
  /** Rasters of the sites put in: added ones and the new versions of modified ones. */
  added: readonly SiteCoverage[];
  /**
   * Rasters of the unchanged sites whose windows meet one of `recomputeWindows(base, removed)`: where a
   * removed site was the best server, the best is chosen again among them.
   */
  others: readonly SiteCoverage[];
}

/** A window of grid cells: columns [col0, col1), rows [row0, row1). */
export interface CellWindow {
  col0: number;
  row0: number;
  col1: number;
  row1: number;
}

/** Where a raster lies on the grid: its offset (dc, dr) and the part of it inside (rows r0–r1, columns c0–c1, end excluded). */
function placement(grid: { width: number; height: number; transform: readonly number[] }, cov: SiteCoverage): { dc: number; dr: number; r0: number; r1: number; c0: number; c1: number } {
  const t = grid.transform;
  const dc = Math.round((cov.transform[0] - t[0]) / t[1]);
  const dr = Math.round((cov.transform[3] - t[3]) / t[5]);
  return { dc, dr, r0: Math.max(0, -dr), r1: Math.min(cov.height, grid.height - dr), c0: Math.max(0, -dc), c1: Math.min(cov.width, grid.width - dc) };
}

/** The cells of one raster on the grid: calls `fn(j, value)` for each value that is not NaN. */
function eachCell(grid: { width: number; height: number; transform: readonly number[] }, cov: SiteCoverage, level: Float32Array, fn: (j: number, v: number) => void): void {
  const w = placement(grid, cov);
  for (let r = w.r0; r < w.r1; r++) {
    for (let c = w.c0, src = r * cov.width + c, j = (r + w.dr) * grid.width + w.dc + c; c < w.c1; c++, src++, j++) {
      const v = level[src];
      if (v === v) fn(j, v);
    }
  }
}

/** The layer keys a raster contributes to: each technology, all operators and its own. */
function keysOf(cov: SiteCoverage): [string, Tech, string | null][] {
  const out: [string, Tech, string | null][] = [];
  for (const tech of Object.keys(cov.levelDbm) as Tech[]) {
    out.push([compositeKey(tech), tech, null], [compositeKey(tech, cov.operator), tech, cov.operator]);
  }
  return out;
}

/** Whether `cov` contributes to the layer (tech, operator). */
const contributes = (cov: SiteCoverage, tech: Tech, operator: string | null): boolean => cov.levelDbm[tech] !== undefined && (operator === null || cov.operator === operator);

/**
 * Per removed site, the window of the cells where it is the best server of some layer of `base`
 * (there the best must be found again among the other sites); sites that are nowhere best give
 * none.
 *
 * @example
 * const ws = recomputeWindows(baseline, removed); // then load the rasters of the sites that reach one
 */
export function recomputeWindows(base: CoverageGrid, removed: readonly SiteCoverage[]): CellWindow[] {
  const out: CellWindow[] = [];
  const numbers = new Map(base.siteIds.map((id, n) => [id, n]));
  for (const cov of removed) {
    const n = numbers.get(cov.siteId);
    if (n === undefined) continue;
    let col0 = Infinity, row0 = Infinity, col1 = -Infinity, row1 = -Infinity;
    for (const [key, tech] of keysOf(cov)) {
      const layer = base.layer(key);
      if (!layer) continue;
      eachCell(base, cov, cov.levelDbm[tech] as Float32Array, (j) => {
        if (layer.site(j) !== n) return;
        const r = Math.floor(j / base.width), c = j - r * base.width;
        if (c < col0) col0 = c;
        if (c >= col1) col1 = c + 1;
        if (r < row0) row0 = r;
        if (r >= row1) row1 = r + 1;
      });
    }
    if (col1 >= 0) out.push({ col0, row0, col1, row1 });
  }
  return out;
}

/** One layer: the base's, with the cells of `idx` (sorted) replaced. */
class OverlayLayer implements LayerReader {
  readonly tech: Tech;
  readonly operator: string | null;
  readonly idx: Int32Array;
  readonly bestDbm: Float32Array;
  readonly serverCount: Uint16Array;
  readonly bestSite: Int32Array;
  /** chunkStart[c]..chunkStart[c+1]: the patched cells of chunk c (cells c·2^10 to (c+1)·2^10 − 1). */
  readonly chunkStart: Int32Array;
  private readonly _base: LayerReader | undefined;

  constructor(tech: Tech, operator: string | null, base: LayerReader | undefined, cells: number, idx: Int32Array, best: Float32Array, count: Uint16Array, site: Int32Array) {
    this.tech = tech;
    this.operator = operator;
    this._base = base;
    this.idx = idx;
    this.bestDbm = best;
    this.serverCount = count;
    this.bestSite = site;
    const chunks = (cells >> CHUNK_SHIFT) + 1;
    this.chunkStart = new Int32Array(chunks + 1);
    let k = 0;
    for (let c = 0; c <= chunks; c++) {
      while (k < idx.length && idx[k] >> CHUNK_SHIFT < c) k++;
      this.chunkStart[c] = k;
    }
  }

  /** Position of cell j in the patch, or −1. */
  private _find(j: number): number {
    const c = j >> CHUNK_SHIFT;
    let lo = this.chunkStart[c], hi = this.chunkStart[c + 1] - 1;
    const idx = this.idx;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = idx[mid];
      if (v === j) return mid;
      if (v < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  best(j: number): number {
    const k = this._find(j);
    return k >= 0 ? this.bestDbm[k] : this._base ? this._base.best(j) : NaN;
  }
  count(j: number): number {
    const k = this._find(j);
    return k >= 0 ? this.serverCount[k] : this._base ? this._base.count(j) : 0;
  }
  site(j: number): number {
    const k = this._find(j);
    return k >= 0 ? this.bestSite[k] : this._base ? this._base.site(j) : -1;
  }

  /** Bytes held by the patch. */
  get bytes(): number {
    return this.idx.byteLength + this.bestDbm.byteLength + this.serverCount.byteLength + this.bestSite.byteLength + this.chunkStart.byteLength;
  }
}

/** A CoverageGrid made of a base grid and per-layer patches. */
export class OverlayGrid implements CoverageGrid {
  readonly width: number;
  readonly height: number;
  readonly transform: CoverageGrid['transform'];
  readonly thresholdsDbm: CoverageGrid['thresholdsDbm'];
  readonly siteIds: readonly string[];
  readonly base: CoverageGrid;
  private readonly _patched: Map<string, OverlayLayer>;
  private readonly _keys: string[];

  constructor(base: CoverageGrid, siteIds: readonly string[], patched: Map<string, OverlayLayer>) {
    this.base = base;
    this.width = base.width;
    this.height = base.height;
    this.transform = base.transform;
    this.thresholdsDbm = base.thresholdsDbm;
    this.siteIds = siteIds;
    this._patched = patched;
    const baseKeys = base.layerKeys();
    this._keys = [...baseKeys, ...[...patched.keys()].filter((k) => !baseKeys.includes(k)).sort()];
  }

  layerKeys(): string[] {
    return [...this._keys];
  }

  layer(key: string): LayerReader | undefined {
    return this._patched.get(key) ?? this.base.layer(key);
  }

  /** Cells patched, over all layers. */
  get patchedCells(): number {
    let n = 0;
    for (const l of this._patched.values()) n += l.idx.length;
    return n;
  }

  /** Bytes of the patches and the site table's own entries (the base is shared, not counted). */
  get bytes(): number {
    let n = 0;
    for (const l of this._patched.values()) n += l.bytes;
    for (let i = this.base.siteIds.length; i < this.siteIds.length; i++) n += 2 * this.siteIds[i].length + 16;
    return n;
  }
}

/**
 * The coverage of the network `base` is of, changed by `change`: removed rasters out, added ones
 * in, the best server found again among `others` where a removed one was best.
 *
 * @example
 * const ws = recomputeWindows(base, removed);
 * const grid = deriveGrid(base, { removed, added, others: sitesReaching(ws) });
 * grid.layer('4G')!.best(j)
 */
export function deriveGrid(base: CoverageGrid, change: OverlayChange): OverlayGrid {
  const { width, height } = base;
  const n = width * height;
  for (const cov of [...change.removed, ...change.added, ...change.others]) {
    const t = base.transform, s = cov.transform;
    if (Math.abs(s[1] - t[1]) > 1e-9 * Math.abs(t[1]) + 1e-12 || Math.abs(s[5] - t[5]) > 1e-9 * Math.abs(t[5]) + 1e-12) {
      throw new InputError(`deriveGrid: site ${cov.siteId} has cells of ${s[1]} × ${s[5]}°, the grid ${t[1]} × ${t[5]}°; compute it on the same coverage grid`, 'change');
    }
  }
  // the site table: the base's, then the new ids
  const siteIds = [...base.siteIds];
  const numbers = new Map(siteIds.map((id, i) => [id, i]));
  const numberOf = (id: string): number => {
    let k = numbers.get(id);
    if (k === undefined) {
      k = siteIds.length;
      siteIds.push(id);
      numbers.set(id, k);
    }
    return k;
  };
  for (const cov of change.added) numberOf(cov.siteId);

  const layers = new Map<string, [Tech, string | null]>();
  for (const cov of [...change.removed, ...change.added]) for (const [key, tech, op] of keysOf(cov)) layers.set(key, [tech, op]);

  // scratch over the whole grid, reused layer after layer; `touched` lists the cells in use
  const mark = new Uint8Array(n); // 1 touched, 2 touched and its best must be found again
  const best = new Float32Array(n);
  const count = new Int32Array(n);
  const site = new Int32Array(n);
  let touched = new Int32Array(1 << 16);
  let nTouched = 0;

  const patched = new Map<string, OverlayLayer>();
  for (const [key, [tech, operator]] of layers) {
    const baseLayer = base.layer(key);
    const dense = denseArrays(baseLayer);
    const threshold = base.thresholdsDbm[tech];
    nTouched = 0;
    // the base's values of a cell first touched (straight from the arrays when the base is dense)
    const touch = (j: number): void => {
      mark[j] = 1;
      if (nTouched === touched.length) {
        const grown = new Int32Array(touched.length * 2);
        grown.set(touched);
        touched = grown;
      }
      touched[nTouched++] = j;
      if (dense) {
        best[j] = dense.bestDbm[j];
        count[j] = dense.serverCount[j];
        site[j] = dense.bestSite[j];
      } else {
        best[j] = baseLayer ? baseLayer.best(j) : NaN;
        count[j] = baseLayer ? baseLayer.count(j) : 0;
        site[j] = baseLayer ? baseLayer.site(j) : -1;
      }
    };
    // out: the removed sites leave the count, and their cells as best server are found again
    for (const cov of change.removed) {
      if (!contributes(cov, tech, operator)) continue;
      const k = numbers.get(cov.siteId) ?? -2;
      const level = cov.levelDbm[tech] as Float32Array;
      const w = placement(base, cov);
      for (let r = w.r0; r < w.r1; r++) {
        for (let c = w.c0, src = r * cov.width + c, j = (r + w.dr) * width + w.dc + c; c < w.c1; c++, src++, j++) {
          const v = level[src];
          if (v !== v) continue;
          if (!mark[j]) {
            // below the threshold and not the best server here: taking it out changes nothing
            if (v < threshold && (dense ? dense.bestSite[j] : baseLayer ? baseLayer.site(j) : -1) !== k) continue;
            touch(j);
          }
          if (v >= threshold) count[j]--;
          if (site[j] === k) mark[j] = 2;
        }
      }
    }
    for (let i = 0; i < nTouched; i++) {
      const j = touched[i];
      if (mark[j] === 2) {
        best[j] = NaN;
        site[j] = -1;
      }
    }
    // the others only where a removed site was best; then the added ones, as a merge
    const offerAll = (covs: readonly SiteCoverage[], adding: boolean): void => {
      for (const cov of covs) {
        if (!contributes(cov, tech, operator)) continue;
        const k = numberOf(cov.siteId);
        const id = siteIds[k];
        const level = cov.levelDbm[tech] as Float32Array;
        const w = placement(base, cov);
        for (let r = w.r0; r < w.r1; r++) {
          for (let c = w.c0, src = r * cov.width + c, j = (r + w.dr) * width + w.dc + c; c < w.c1; c++, src++, j++) {
            const v = level[src];
            if (v !== v) continue;
            if (adding) {
              if (!mark[j]) {
                // below the threshold and weaker than the base's best: adding it changes nothing
                if (v < threshold) {
                  const b0 = dense ? dense.bestDbm[j] : baseLayer ? baseLayer.best(j) : NaN;
                  if (v < b0) continue;
                }
                touch(j);
              }
              if (v >= threshold && count[j] < 65535) count[j]++;
            } else if (mark[j] !== 2) continue;
            const b = best[j];
            if (!(v <= b)) {
              best[j] = v;
              site[j] = k;
            } else if (v === b && k !== site[j] && id < siteIds[site[j]]) {
              site[j] = k; // ties to the smaller id, as mergeSiteCoverage
            }
          }
        }
      }
    };
    offerAll(change.others, false);
    offerAll(change.added, true);
    // keep the cells that differ from the base, in cell order
    let nChanged = 0;
    const changed = new Int32Array(nTouched);
    for (let i = 0; i < nTouched; i++) {
      const j = touched[i];
      mark[j] = 0;
      const b0 = dense ? dense.bestDbm[j] : baseLayer ? baseLayer.best(j) : NaN;
      const c0 = dense ? dense.serverCount[j] : baseLayer ? baseLayer.count(j) : 0;
      const s0 = dense ? dense.bestSite[j] : baseLayer ? baseLayer.site(j) : -1;
      const same = (best[j] === b0 || (best[j] !== best[j] && b0 !== b0)) && count[j] === c0 && site[j] === s0;
      if (!same) changed[nChanged++] = j;
    }
    if (nChanged === 0 && baseLayer) continue;
    const idx = changed.slice(0, nChanged).sort();
    const pb = new Float32Array(idx.length), pc = new Uint16Array(idx.length), ps = new Int32Array(idx.length);
    for (let i = 0; i < idx.length; i++) {
      const j = idx[i];
      pb[i] = best[j];
      pc[i] = Math.max(0, count[j]);
      ps[i] = site[j];
    }
    patched.set(key, new OverlayLayer(tech, operator, baseLayer, n, idx, pb, pc, ps));
  }
  return new OverlayGrid(base, siteIds, patched);
}
