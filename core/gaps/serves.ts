/**
 * The one rule "does this site serve this village", for every part that asks it: the gap analysis
 * (villageStatus), the siting optimiser, station costs, the coverage preview, the comparison, the
 * work orders, the report and the seed's calibration.
 *
 * The rule. A village is judged on its cells of the coverage grid (sampling.ts villageCells): the
 * cell of its settlement point (rule 'point', the default), or with rule 'area' the cells whose
 * centres lie inside its boundary (a boundary smaller than a cell keeps the point's cell). A cell
 * has signal when some technology in scope reaches its threshold there (the technology thresholds:
 * the gap options' `thresholdsDbm`, else the composite's). The village has signal when at least
 * `cellsNeeded(n, minAreaShare)` of its n cells have it — all of one cell for a point. A site
 * serves a village without signal when, its levels added to the network's (the composite keeps the
 * best), the village reaches that count: a cell counts when the network already had signal there
 * or the site's level reaches the threshold.
 *
 * A plan's stations serve villages in build order: each village is credited to the first station
 * that serves it (`creditInOrder`); that is what a station "newly serves" and how its cost is split.
 */
import { asGrid, compositeKey, type Composite, type CoverageGrid } from '../coverage/composite';
import type { GeoTransform } from '../coverage/types';
import { METRES_PER_DEGREE } from '../geo/geodesy';
import { TECHS, type Tech, type VillageFeature } from '../model/types';
import type { GapOptions } from './options';
import { representativePoint, villageCells } from './sampling';
import type { VillageStatus } from './types';

/**
 * The threshold per technology: the gap options' `thresholdsDbm`, else the composite's.
 *
 * @example
 * thresholdsFor(composite, resolveGapOptions({ thresholdsDbm: { '4G': -105 } }))['4G'] // -105
 */
export function thresholdsFor(composite: Pick<Composite | CoverageGrid, 'thresholdsDbm'>, o: Pick<GapOptions, 'thresholdsDbm'>): Record<Tech, number> {
  const out = {} as Record<Tech, number>;
  for (const t of TECHS) out[t] = o.thresholdsDbm?.[t] ?? composite.thresholdsDbm[t];
  return out;
}

/**
 * True when the status has signal in the scope of `tech` and `operator` (null = any).
 *
 * @example
 * hasSignal(status, '4G', 'Viettel') // Viettel 4G reaches the village
 */
export function hasSignal(s: VillageStatus, tech: Tech | null, operator: string | null): boolean {
  if (tech && operator) return s.byLayer[compositeKey(tech, operator)] ?? false;
  if (tech) return s.byTech[tech];
  if (operator) return s.byOperator[operator] ?? false;
  return s.covered;
}

/**
 * How many of a village's `n` cells must have signal: `minAreaShare` of them, at least one; a
 * village off the grid (n = 0) never has signal.
 *
 * @example
 * cellsNeeded(1, 0.5) // 1: a point village needs its cell
 * cellsNeeded(10, 0.5) // 5 (less a hair, so that 5 of 10 is enough)
 */
export function cellsNeeded(n: number, minAreaShare: number): number {
  return n > 0 ? Math.max(1, minAreaShare * n - 1e-9) : Infinity;
}

/** The villages' cells, concatenated: village v owns cells[start[v] … start[v+1]). */
export interface GapCells {
  start: Int32Array;
  /** Grid cell indices (row · width + col). */
  cells: Int32Array;
  /** Per cell: 1 when the network already has signal there (in scope). */
  baseHit: Uint8Array;
  /** Per village: the number of cells with signal it needs (cellsNeeded). */
  need: Float64Array;
  /** Per village: its representative point, and how far its cells' centres reach from it, metres. */
  lon: Float64Array;
  lat: Float64Array;
  extentM: Float64Array;
}

/** The technologies that count and their thresholds, dBm. */
export interface ServeScope {
  techs: readonly Tech[];
  thresholdsDbm: Readonly<Record<Tech, number>>;
}

/** The grid the cells index (a composite, or the pipeline's coverage DEM). */
export interface CellGrid {
  width: number;
  height: number;
  transform: GeoTransform;
}

/**
 * The cells table of `villages` on `grid` under the rule of `o`; `baseHit(cell)` says whether the
 * network already has signal in a cell (none: a site judged alone). Villages off the grid are left
 * out and listed in `offGrid` (indices into `villages`); `index[v]` is row v's village.
 *
 * @example
 * const { table, index } = villageCellTable(villages, dem, resolveGapOptions({}));
 */
export function villageCellTable(
  villages: readonly VillageFeature[], grid: CellGrid, o: Pick<GapOptions, 'rule' | 'minAreaShare'>, baseHit: (cell: number) => boolean = () => false,
): { table: GapCells; index: number[]; offGrid: number[] } {
  const starts = [0], cellList: number[] = [], hits: number[] = [], need: number[] = [], lon: number[] = [], lat: number[] = [], extent: number[] = [];
  const index: number[] = [], offGrid: number[] = [];
  const t = grid.transform;
  villages.forEach((v, i) => {
    const cells = villageCells(v.geometry, grid.width, grid.height, t, o.rule, v.properties.boundary);
    if (cells.length === 0) {
      offGrid.push(i);
      return;
    }
    const [x, y] = representativePoint(v.geometry);
    const mLon = METRES_PER_DEGREE * Math.cos((y * Math.PI) / 180);
    let far = 0;
    for (const c of cells) {
      cellList.push(c);
      hits.push(baseHit(c) ? 1 : 0);
      const dx = (t[0] + ((c % grid.width) + 0.5) * t[1] - x) * mLon, dy = (t[3] + (Math.floor(c / grid.width) + 0.5) * t[5] - y) * METRES_PER_DEGREE;
      far = Math.max(far, Math.sqrt(dx * dx + dy * dy));
    }
    starts.push(cellList.length);
    need.push(cellsNeeded(cells.length, o.minAreaShare));
    lon.push(x);
    lat.push(y);
    extent.push(far);
    index.push(i);
  });
  const table: GapCells = {
    start: Int32Array.from(starts), cells: Int32Array.from(cellList), baseHit: Uint8Array.from(hits), need: Float64Array.from(need),
    lon: Float64Array.from(lon), lat: Float64Array.from(lat), extentM: Float64Array.from(extent),
  };
  return { table, index, offGrid };
}

/**
 * The gap villages of a network under gap options `o` (its `tech` and `operator` narrow the scope):
 * those without signal in `status`, their cells on the composite with what the network's layers in
 * scope already give each cell, and the scope a site must reach. `index[v]` is row v's village
 * (into `villages`, parallel to `status`); `offGrid` the gap villages no site can be judged for.
 *
 * @example
 * const gaps = gapCellTable(villages, gaps.status(), composite, resolveGapOptions({}));
 * servedBy(levels, villagesWithin(gaps.table, lon, lat, 20000), gaps.table, gaps.scope)
 */
export function gapCellTable(
  villages: readonly VillageFeature[], status: readonly VillageStatus[], composite: Composite | CoverageGrid, o: GapOptions,
): { table: GapCells; index: number[]; offGrid: number[]; scope: ServeScope } {
  const scope: ServeScope = { techs: o.tech ? [o.tech] : [...o.techs], thresholdsDbm: thresholdsFor(composite, o) };
  const grid = asGrid(composite);
  const layers = grid.layerKeys().map((k) => grid.layer(k)!)
    .filter((l) => scope.techs.includes(l.tech) && (o.operator === null ? l.operator === null : l.operator === o.operator));
  const gap: number[] = [];
  status.forEach((s, i) => { if (!hasSignal(s, o.tech, o.operator)) gap.push(i); });
  const r = villageCellTable(gap.map((i) => villages[i]), composite, o, (c) => layers.some((l) => l.best(c) >= scope.thresholdsDbm[l.tech]));
  return { table: r.table, index: r.index.map((k) => gap[k]), offGrid: r.offGrid.map((k) => gap[k]), scope };
}

/**
 * The rows of `gc` a site at (lon, lat) whose signal reaches `radiusM` may serve: those with a
 * cell within that distance (a cell's size of margin).
 *
 * @example
 * villagesWithin(gc, 106.2, 22.7, 20000) // [3, 7, 12]
 */
export function villagesWithin(gc: GapCells, lon: number, lat: number, radiusM: number): number[] {
  const mLon = METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  const out: number[] = [];
  for (let v = 0; v < gc.need.length; v++) {
    const reach = radiusM + 1000 + gc.extentM[v];
    if (((gc.lon[v] - lon) * mLon) ** 2 + ((gc.lat[v] - lat) * METRES_PER_DEGREE) ** 2 <= reach * reach) out.push(v);
  }
  return out;
}

/**
 * The cells of `villages` (rows of `gc`), concatenated in that order: where to read a site's levels.
 *
 * @example
 * const cells = cellsOf(gc, [3, 7]); // village 3's cells then village 7's
 */
export function cellsOf(gc: GapCells, villages: readonly number[]): Int32Array {
  let n = 0;
  for (const v of villages) n += gc.start[v + 1] - gc.start[v];
  const out = new Int32Array(n);
  let k = 0;
  for (const v of villages) for (let j = gc.start[v]; j < gc.start[v + 1]; j++) out[k++] = gc.cells[j];
  return out;
}

/**
 * The rule itself: the villages among `villages` (rows of `gc`) that a site serves, given its
 * levels at `cellsOf(gc, villages)` (per technology, NaN where it does not reach).
 *
 * @example
 * servedBy(levels, [3, 7], gc, { techs: ['2G', '4G'], thresholdsDbm }) // [7]
 */
export function servedBy(
  levels: Partial<Record<Tech, ArrayLike<number>>>, villages: readonly number[], gc: GapCells, scope: ServeScope,
): number[] {
  const arrays = scope.techs.map((t) => [levels[t], scope.thresholdsDbm[t]] as const).filter(([a]) => a !== undefined) as [ArrayLike<number>, number][];
  const out: number[] = [];
  let k = 0;
  for (const v of villages) {
    let hits = 0;
    for (let j = gc.start[v]; j < gc.start[v + 1]; j++, k++) {
      if (gc.baseHit[j]) { hits++; continue; }
      for (const [a, thr] of arrays) if (a[k] >= thr) { hits++; break; }
    }
    if (hits >= gc.need[v]) out.push(v);
  }
  return out;
}

/**
 * What each station of a build order newly serves: every village credited to the first station
 * (in `serves`' order) that serves it.
 *
 * @example
 * creditInOrder([[1, 2], [2, 3]]) // [[1, 2], [3]]
 */
export function creditInOrder(serves: readonly (readonly number[])[]): number[][] {
  const taken = new Set<number>();
  return serves.map((s) => {
    const added = s.filter((v) => !taken.has(v));
    for (const v of added) taken.add(v);
    return added;
  });
}
