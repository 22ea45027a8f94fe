/**
 * Village status: which villages receive mobile signal, per technology and per operator, read
 * from a composite coverage (core/coverage/composite.ts).
 */
import { compositeKey, type Composite, type CompositeLayer } from '../coverage/composite';
import { InputError } from '../errors';
import { TECHS, type Tech, type VillageFeature } from '../model/types';
import { resolveGapOptions, type GapOptions } from './options';
import { cellIndexAt, cellsInPolygon, representativePoint } from './sampling';
import type { VillageStatus } from './types';

/** Villages as a FeatureCollection or a plain array of features. */
export type VillageInput = { features: readonly VillageFeature[] } | readonly VillageFeature[];

export function villageFeatures(villages: VillageInput, fn: string): readonly VillageFeature[] {
  const list = Array.isArray(villages) ? villages : (villages as { features?: unknown })?.features;
  if (!Array.isArray(list)) throw new InputError(`${fn}: villages must be a FeatureCollection or an array of village features`, 'villages');
  return list as readonly VillageFeature[];
}

export function checkComposite(composite: Composite, fn: string): void {
  if (!composite || !(composite.layers instanceof Map) || !(composite.width > 0) || !(composite.height > 0)) {
    throw new InputError(`${fn}: composite must come from createComposite (width, height, transform, layers)`, 'composite');
  }
}

/** The threshold per technology: the option's, else the composite's. */
export function thresholdsFor(composite: Composite, o: GapOptions): Record<Tech, number> {
  const out = {} as Record<Tech, number>;
  for (const t of TECHS) out[t] = o.thresholdsDbm?.[t] ?? composite.thresholdsDbm[t];
  return out;
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
export function villageStatus(villages: VillageInput, composite: Composite, options: Partial<GapOptions> = {}): VillageStatus[] {
  const features = villageFeatures(villages, 'villageStatus');
  checkComposite(composite, 'villageStatus');
  const o = resolveGapOptions(options);
  const thr = thresholdsFor(composite, o);
  const { width, height, transform } = composite;

  const layers = [...composite.layers.entries()];
  const operators = [...new Set(layers.map(([, l]) => l.operator).filter((op): op is string => op !== null))].sort();
  const anyLayers = o.techs.map((t) => composite.layers.get(compositeKey(t))).filter((l): l is CompositeLayer => !!l);
  const opLayers = new Map(operators.map((op) => [op, o.techs.map((t) => composite.layers.get(compositeKey(t, op))).filter((l): l is CompositeLayer => !!l)]));

  // count the cells in which any of the layers reaches its technology's threshold
  const countCovered = (group: readonly CompositeLayer[], cells: readonly number[]): number => {
    let n = 0;
    for (const c of cells) {
      for (const l of group) {
        if (l.bestDbm[c] >= thr[l.tech]) { n++; break; }
      }
    }
    return n;
  };

  return features.map((f, index) => {
    const p = f?.properties;
    const g = f?.geometry;
    if (!p || !g || (g.type !== 'Point' && g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      throw new InputError(`villageStatus: villages[${index}] must be a Feature with properties and a Point, Polygon or MultiPolygon geometry`, `villages.features[${index}]`);
    }
    const [lon, lat] = representativePoint(g);
    const pointCell = cellIndexAt(width, height, transform, lon, lat);
    let cells: number[] = pointCell >= 0 ? [pointCell] : [];
    if (o.rule === 'area' && g.type !== 'Point') {
      const inside = cellsInPolygon(width, height, transform, g);
      if (inside.length > 0) cells = inside;
    }
    const n = cells.length;
    const enough = (k: number) => n > 0 && k >= o.minAreaShare * n - 1e-9;

    const byLayer: Record<string, boolean> = {};
    for (const [key, l] of layers) byLayer[key] = enough(countCovered([l], cells));
    const byTech = {} as Record<Tech, boolean>;
    const bestDbm = {} as Record<Tech, number | null>;
    const bestSite = {} as Record<Tech, number>;
    for (const t of TECHS) {
      byTech[t] = byLayer[compositeKey(t)] ?? false;
      const l = composite.layers.get(compositeKey(t));
      let best = -Infinity, site = -1;
      if (l) {
        for (const c of cells) {
          const v = l.bestDbm[c];
          if (v > best) { best = v; site = l.bestSite[c]; }
        }
      }
      bestDbm[t] = best > -Infinity ? best : null;
      bestSite[t] = site;
    }
    const byOperator: Record<string, boolean> = {};
    for (const op of operators) byOperator[op] = enough(countCovered(opLayers.get(op) ?? [], cells));
    const k = countCovered(anyLayers, cells);
    return {
      id: String(p.id), index, lon, lat, inGrid: n > 0, covered: enough(k), byTech, byOperator, byLayer,
      bestDbm, bestSite, coveredShare: n > 0 ? k / n : 0,
    };
  });
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
