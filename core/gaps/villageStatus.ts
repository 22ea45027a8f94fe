/**
 * Village status: which villages receive mobile signal, per technology and per operator, read
 * from a composite coverage (core/coverage/composite.ts).
 */
import { asGrid, compositeKey, type Composite, type CoverageGrid } from '../coverage/composite';
import { InputError } from '../errors';
import { TECHS, type Tech, type VillageFeature } from '../model/types';
import { resolveGapOptions, type GapOptions } from './options';
import { representativePoint, villageCells } from './sampling';
import { cellsNeeded, thresholdsFor } from './serves';
import type { VillageStatus } from './types';

/** Villages as a FeatureCollection or a plain array of features. */
export type VillageInput = { features: readonly VillageFeature[] } | readonly VillageFeature[];

export function villageFeatures(villages: VillageInput, fn: string): readonly VillageFeature[] {
  const list = Array.isArray(villages) ? villages : (villages as { features?: unknown })?.features;
  if (!Array.isArray(list)) throw new InputError(`${fn}: villages must be a FeatureCollection or an array of village features`, 'villages');
  return list as readonly VillageFeature[];
}

export function checkComposite(composite: Composite | CoverageGrid, fn: string): CoverageGrid {
  const ok = composite && (composite as Composite).layers instanceof Map || typeof (composite as CoverageGrid)?.layer === 'function';
  if (!ok || !(composite.width > 0) || !(composite.height > 0)) {
    throw new InputError(`${fn}: composite must come from createComposite (width, height, transform, layers) or be a CoverageGrid`, 'composite');
  }
  return asGrid(composite);
}

/**
 * Status of every village against a composite: covered by any technology, per technology, per
 * operator and per layer, with the best level and best site per technology. Sampled at the cell
 * containing the settlement point (rule 'point'); with rule 'area' a polygon village counts when
 * at least `minAreaShare` of the cells whose centres lie inside it have signal (a polygon smaller
 * than a cell falls back to its representative point). Does not modify its inputs.
 *
 * @example
 * const status = villageStatus(villages, composite, { rule: 'point' });
 * status.filter((s) => !s.covered).length // villages without any signal
 */
export function villageStatus(villages: VillageInput, composite: Composite | CoverageGrid, options: Partial<GapOptions> = {}): VillageStatus[] {
  const features = villageFeatures(villages, 'villageStatus');
  const grid = checkComposite(composite, 'villageStatus');
  const o = resolveGapOptions(options);
  const thr = thresholdsFor(composite, o);
  const { width, height, transform } = composite;

  // flat per-layer tables: threshold, operator index (−1 = all operators), counts towards "any"
  const layers = grid.layerKeys().map((key) => [key, grid.layer(key)!] as const);
  const nL = layers.length;
  const operators = [...new Set(layers.map(([, l]) => l.operator).filter((op): op is string => op !== null))].sort();
  const layerThr = new Float64Array(nL);
  const layerOp = new Int32Array(nL);
  const layerInTechs = new Uint8Array(nL);
  layers.forEach(([, l], j) => {
    layerThr[j] = thr[l.tech];
    layerOp[j] = l.operator === null ? -1 : operators.indexOf(l.operator);
    layerInTechs[j] = o.techs.includes(l.tech) ? 1 : 0;
  });
  const techLayer = TECHS.map((t) => layers.findIndex(([key]) => key === compositeKey(t)));
  const layerCount = new Int32Array(nL);
  const opCount = new Int32Array(operators.length);
  const opHit = new Uint8Array(operators.length);

  return features.map((f, index) => {
    const p = f?.properties;
    const g = f?.geometry;
    if (!p || !g || (g.type !== 'Point' && g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      throw new InputError(`villageStatus: villages[${index}] must be a Feature with properties and a Point, Polygon or MultiPolygon geometry`, `villages.features[${index}]`);
    }
    const [lon, lat] = representativePoint(g);
    // rule 'area': the boundary's cells (the geometry when it is the polygon, else properties.boundary)
    const cells = villageCells(g, width, height, transform, o.rule, p.boundary);
    const n = cells.length;
    const need = cellsNeeded(n, o.minAreaShare);

    // count, per layer, per operator and for "any", the cells at or above the threshold
    layerCount.fill(0);
    opCount.fill(0);
    let anyCount = 0;
    for (let k = 0; k < n; k++) {
      const c = cells[k];
      let anyHit = 0;
      opHit.fill(0);
      for (let j = 0; j < nL; j++) {
        if (!(layers[j][1].best(c) >= layerThr[j])) continue;
        layerCount[j]++;
        if (!layerInTechs[j]) continue;
        if (layerOp[j] < 0) anyHit = 1;
        else opHit[layerOp[j]] = 1;
      }
      anyCount += anyHit;
      for (let q = 0; q < opHit.length; q++) opCount[q] += opHit[q];
    }

    const byLayer: Record<string, boolean> = {};
    for (let j = 0; j < nL; j++) byLayer[layers[j][0]] = n > 0 && layerCount[j] >= need;
    const byOperator: Record<string, boolean> = {};
    for (let q = 0; q < operators.length; q++) byOperator[operators[q]] = n > 0 && opCount[q] >= need;
    const byTech = {} as Record<Tech, boolean>;
    const bestDbm = {} as Record<Tech, number | null>;
    const bestSite = {} as Record<Tech, string | null>;
    for (let ti = 0; ti < TECHS.length; ti++) {
      const t = TECHS[ti];
      const j = techLayer[ti];
      byTech[t] = j >= 0 && n > 0 && layerCount[j] >= need;
      let best = -Infinity, site = -1;
      if (j >= 0) {
        const l = layers[j][1];
        for (let k = 0; k < n; k++) {
          const v = l.best(cells[k]);
          if (v > best) { best = v; site = l.site(cells[k]); }
        }
      }
      bestDbm[t] = best > -Infinity ? best : null;
      bestSite[t] = site >= 0 ? (grid.siteIds[site] ?? null) : null;
    }
    return {
      id: String(p.id), index, lon, lat, inGrid: n > 0, covered: n > 0 && anyCount >= need, byTech, byOperator, byLayer,
      bestDbm, bestSite, coveredShare: n > 0 ? anyCount / n : 0,
    };
  });
}

export { hasSignal, thresholdsFor } from './serves';
