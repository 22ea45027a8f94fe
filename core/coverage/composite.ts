/**
 * Composite coverage over a province grid: per layer (a technology, or a technology and an
 * operator) the best level (dBm), the number of servers at or above the threshold and the best
 * site. Sites are addressed by their stable id: the layers hold a number per cell that indexes the
 * composite's own site table (`siteIds`), never the position of a site in some caller's array.
 * Site rasters are merged one by one as they come (a worker pool feeds them), in any order: the
 * best level is a maximum, ties go to the smaller site id, counts add up.
 */
import { InputError } from '../errors';
import type { Tech } from '../model/types';
import type { GeoTransform, SiteCoverage } from './types';

export interface CompositeLayer {
  tech: Tech;
  /** Operator, or null for the all-operators layer. */
  operator: string | null;
  /** Best level per cell, dBm; NaN where no site reaches. */
  bestDbm: Float32Array;
  /** Number of sites at or above the threshold per cell (saturates at 65535). */
  serverCount: Uint16Array;
  /** The best site per cell as an index into the composite's `siteIds`, −1 where none. */
  bestSite: Int32Array;
}

export interface Composite {
  width: number;
  height: number;
  transform: GeoTransform;
  thresholdsDbm: Readonly<Record<Tech, number>>;
  /** Layers by key: compositeKey(tech) or compositeKey(tech, operator); created on first use. */
  layers: Map<string, CompositeLayer>;
  /** The site table: `bestSite` values index it. Append-only (registerSite). */
  siteIds: string[];
  /** Site id → its number in `siteIds`. */
  siteNumbers: Map<string, number>;
}

/**
 * The number of site `id` in the composite's site table, appended when new. Registering a list of
 * ids first (in a stable order) makes the stored numbers independent of the merge order.
 *
 * @example
 * for (const s of sites) registerSite(comp, s.id);
 */
export function registerSite(comp: Composite, id: string): number {
  let n = comp.siteNumbers.get(id);
  if (n === undefined) {
    n = comp.siteIds.length;
    comp.siteIds.push(id);
    comp.siteNumbers.set(id, n);
  }
  return n;
}

/** One layer of a coverage grid, read cell by cell (`j` = row × width + col). */
export interface LayerReader {
  readonly tech: Tech;
  readonly operator: string | null;
  /** Best level, dBm; NaN where no site reaches. */
  best(j: number): number;
  /** Sites at or above the threshold. */
  count(j: number): number;
  /** The best site's number in the grid's `siteIds`, −1 where none. */
  site(j: number): number;
}

/**
 * What readers of coverage need, whatever holds it: a dense composite (the baseline, `asGrid`) or a
 * scenario's overlay of what differs from its base (overlay.ts).
 */
export interface CoverageGrid {
  readonly width: number;
  readonly height: number;
  readonly transform: GeoTransform;
  readonly thresholdsDbm: Readonly<Record<Tech, number>>;
  /** The site table the layers' site numbers index. */
  readonly siteIds: readonly string[];
  /** Keys of the layers present ("4G", "4G|Viettel"), in a stable order. */
  layerKeys(): string[];
  layer(key: string): LayerReader | undefined;
}

class DenseLayer implements LayerReader {
  readonly tech: Tech;
  readonly operator: string | null;
  /** The arrays read (hot loops that know the layer is dense read them directly: denseArrays). */
  readonly _l: CompositeLayer;
  constructor(l: CompositeLayer) {
    this._l = l;
    this.tech = l.tech;
    this.operator = l.operator;
  }
  best(j: number): number {
    return this._l.bestDbm[j];
  }
  count(j: number): number {
    return this._l.serverCount[j];
  }
  site(j: number): number {
    return this._l.bestSite[j];
  }
}

/** The typed arrays behind a dense layer's reader, or null for any other reader. */
export function denseArrays(layer: LayerReader | undefined): CompositeLayer | null {
  return layer instanceof DenseLayer ? layer._l : null;
}

const grids = new WeakMap<Composite, CoverageGrid>();

/**
 * The reader of a dense composite (memoised), or the grid itself.
 *
 * @example
 * const grid = asGrid(composite);
 * grid.layer('4G')?.best(row * grid.width + col) // dBm
 */
export function asGrid(c: Composite | CoverageGrid): CoverageGrid {
  if (typeof (c as CoverageGrid).layer === 'function') return c as CoverageGrid;
  const comp = c as Composite;
  let g = grids.get(comp);
  if (!g) {
    const readers = new Map<string, DenseLayer>();
    g = {
      width: comp.width, height: comp.height, transform: comp.transform, thresholdsDbm: comp.thresholdsDbm, siteIds: comp.siteIds,
      layerKeys: () => [...comp.layers.keys()],
      layer: (key) => {
        const l = comp.layers.get(key);
        if (!l) return undefined;
        let r = readers.get(key);
        if (!r) readers.set(key, (r = new DenseLayer(l)));
        return r;
      },
    };
    grids.set(comp, g);
  }
  return g;
}

/**
 * Id of the best site of a layer at cell `j`, or null where none.
 *
 * @example
 * bestSiteId(grid, grid.layer('4G')!, row * grid.width + col) // 'CB-0412'
 */
export function bestSiteId(grid: CoverageGrid, layer: LayerReader, j: number): string | null {
  const n = layer.site(j);
  return n >= 0 ? (grid.siteIds[n] ?? null) : null;
}

/** Key of a layer: "4G" for all operators, "4G|Viettel" for one. */
export function compositeKey(tech: Tech, operator?: string | null): string {
  return operator ? `${tech}|${operator}` : tech;
}

/**
 * An empty composite over a grid (e.g. the province DEM's transform and size).
 *
 * @example
 * const comp = createComposite({ width: dem.width, height: dem.height, transform: dem.transform }, DEFAULT_COVERAGE_OPTIONS.thresholdsDbm);
 */
export function createComposite(
  grid: { width: number; height: number; transform: readonly number[] },
  thresholdsDbm: Readonly<Record<Tech, number>>,
): Composite {
  if (!(Number.isInteger(grid.width) && grid.width > 0 && Number.isInteger(grid.height) && grid.height > 0)) {
    throw new InputError(`createComposite: width and height must be positive integers, got ${grid.width} × ${grid.height}`, 'grid');
  }
  return { width: grid.width, height: grid.height, transform: [...grid.transform] as GeoTransform, thresholdsDbm, layers: new Map(), siteIds: [], siteNumbers: new Map() };
}

function layerFor(comp: Composite, tech: Tech, operator: string | null): CompositeLayer {
  const key = compositeKey(tech, operator);
  let layer = comp.layers.get(key);
  if (!layer) {
    const n = comp.width * comp.height;
    layer = { tech, operator, bestDbm: new Float32Array(n).fill(NaN), serverCount: new Uint16Array(n), bestSite: new Int32Array(n).fill(-1) };
    comp.layers.set(key, layer);
  }
  return layer;
}

/**
 * Merges one site's coverage into the composite (all-operators layer and the site operator's
 * layer, for every technology it has). The site raster must be on the composite's grid (same cell
 * size, aligned to within 1 % of a cell).
 *
 * @example
 * for (const s of sites) mergeSiteCoverage(comp, siteCoverage(dem, s));
 */
export function mergeSiteCoverage(comp: Composite, cov: SiteCoverage): void {
  const t = comp.transform;
  const s = cov.transform;
  if (Math.abs(s[1] - t[1]) > 1e-9 * Math.abs(t[1]) + 1e-12 || Math.abs(s[5] - t[5]) > 1e-9 * Math.abs(t[5]) + 1e-12) {
    throw new InputError(`mergeSiteCoverage: site ${cov.siteId} has cells of ${s[1]} × ${s[5]}°, the composite ${t[1]} × ${t[5]}°; compute coverage on the composite's DEM`, 'cov.transform');
  }
  const fc = (s[0] - t[0]) / t[1];
  const fr = (s[3] - t[3]) / t[5];
  const dc = Math.round(fc);
  const dr = Math.round(fr);
  if (Math.abs(fc - dc) > 0.01 || Math.abs(fr - dr) > 0.01) {
    throw new InputError(`mergeSiteCoverage: site ${cov.siteId}'s raster is not aligned with the composite grid (offset ${fc.toFixed(3)}, ${fr.toFixed(3)} cells)`, 'cov.transform');
  }
  const siteNumber = registerSite(comp, cov.siteId);
  for (const tech of Object.keys(cov.levelDbm) as Tech[]) {
    const level = cov.levelDbm[tech] as Float32Array;
    const threshold = comp.thresholdsDbm[tech];
    mergeInto(comp, layerFor(comp, tech, null), layerFor(comp, tech, cov.operator), level, cov.width, cov.height, dc, dr, threshold, siteNumber);
  }
}

/** Merges one level raster into two layers (all operators and the site's) in one pass. */
function mergeInto(
  comp: Composite, all: CompositeLayer, own: CompositeLayer, level: Float32Array, w: number, h: number,
  dc: number, dr: number, threshold: number, siteNumber: number,
): void {
  const r0 = Math.max(0, -dr);
  const r1 = Math.min(h, comp.height - dr);
  const c0 = Math.max(0, -dc);
  const c1 = Math.min(w, comp.width - dc);
  for (let r = r0; r < r1; r++) {
    const src = r * w;
    const dst = (r + dr) * comp.width + dc;
    for (let c = c0; c < c1; c++) {
      const v = level[src + c];
      if (v !== v) continue;
      const j = dst + c;
      update(comp, all, j, v, threshold, siteNumber);
      update(comp, own, j, v, threshold, siteNumber);
    }
  }
}

function update(comp: Composite, layer: CompositeLayer, j: number, v: number, threshold: number, siteNumber: number): void {
  const b = layer.bestDbm[j];
  if (!(v <= b)) {
    layer.bestDbm[j] = v;
    layer.bestSite[j] = siteNumber;
  } else if (v === b && siteNumber !== layer.bestSite[j] && comp.siteIds[siteNumber] < comp.siteIds[layer.bestSite[j]]) {
    // ties go to the smaller id: neither the merge order nor the site table's order matters
    layer.bestSite[j] = siteNumber;
  }
  if (v >= threshold && layer.serverCount[j] < 65535) layer.serverCount[j]++;
}
