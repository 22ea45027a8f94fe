/**
 * The work orders of a scenario: the stations it adds (new sites) and the existing sites it
 * changes (upgrades), per operator, in build order (the order of the scenario's edits), each with
 * its commune and the villages without signal in the baseline that it covers (from its raster on
 * the coverage pipeline, under the scenario's gap rule and thresholds).
 */
import { booleanPointInPolygon } from '@turf/turf';
import { resolveGapOptions } from '../../core/gaps';
import { cellIndexAt } from '../../core/gaps/sampling';
import type { WorkOrder } from '../../core/export/workOrders';
import { InputError } from '../../core/errors';
import { TECHS, type CommuneFeature, type SiteFeature, type Tech, type VillageFeature } from '../../core/model/types';
import type { ResolvedScenario } from './scenarios';
import { coverageSite, type CoveragePipeline } from '../coverage/pipeline';
import { villagePoint } from './coveragePreview';
import type { GapService } from './gaps';
import { compare } from './compare';

export interface WorkOrderDeps {
  pipeline: CoveragePipeline;
  baseline: { gaps: GapService; sites: readonly SiteFeature[] };
  scenario: { resolved: ResolvedScenario; gaps: GapService; sites: readonly SiteFeature[] };
  communes: readonly CommuneFeature[];
}

/**
 * @example
 * const orders = await workOrders(deps, 'Viettel'); // Viettel's stations, build order first
 */
export async function workOrders(deps: WorkOrderDeps, operator: string | null): Promise<WorkOrder[]> {
  const { pipeline } = deps;
  const c = compare({ id: 'baseline', ...deps.baseline }, { id: deps.scenario.resolved.scenario.id, ...deps.scenario });
  const baseStatus = deps.baseline.gaps.status();
  const villages: readonly VillageFeature[] = deps.baseline.gaps.data.villages;
  const o = resolveGapOptions(deps.scenario.resolved.network.gapOptions);
  const thr = {} as Record<Tech, number>;
  for (const t of TECHS) thr[t] = o.thresholdsDbm?.[t] ?? pipeline.options.thresholdsDbm[t];
  const sites = new Map(deps.scenario.sites.map((f) => [f.properties.id, f]));
  // build order: where each station's first edit stands in the scenario (and its bases)
  const order = new Map<string, number>();
  let k = 0;
  for (const e of deps.scenario.resolved.edits) {
    const id = e.op === 'add' ? e.site.properties.id : e.op === 'options' ? null : e.siteId;
    if (id !== null && !order.has(id)) order.set(id, k++);
  }
  const points = villages.map((v) => villagePoint(v));
  const communeOf = (lon: number, lat: number): CommuneFeature | null => deps.communes.find((cm) => booleanPointInPolygon([lon, lat], cm)) ?? null;
  const items = [...c.stations.added.map((s) => ({ s, kind: 'new' as const })), ...c.stations.changed.map((s) => ({ s, kind: 'upgrade' as const }))]
    .filter(({ s }) => operator === null || s.operator === operator)
    .sort((a, b) => (order.get(a.s.id) ?? Infinity) - (order.get(b.s.id) ?? Infinity) || (a.s.id < b.s.id ? -1 : 1));
  const out: WorkOrder[] = [];
  for (const { s, kind } of items) {
    const f = sites.get(s.id) as SiteFeature;
    const served: WorkOrder['villages'] = [];
    try {
      const cov = await pipeline.site(coverageSite(f));
      const levels = (Object.keys(cov.levelDbm) as Tech[]).filter((t) => o.techs.includes(t));
      villages.forEach((v, i) => {
        if (baseStatus[i].covered) return;
        const j = cellIndexAt(cov.width, cov.height, cov.transform, points[i][0], points[i][1]);
        if (j >= 0 && levels.some((t) => (cov.levelDbm[t] as Float32Array)[j] >= thr[t])) served.push({ id: String(v.properties.id), name: v.properties.name, population: v.properties.population });
      });
    } catch (err) {
      if (!(err instanceof InputError)) throw err; // off the terrain: it serves nothing here
    }
    const cm = f.properties.communeId ? deps.communes.find((x) => x.properties.id === f.properties.communeId) ?? null : communeOf(s.lon, s.lat);
    out.push({
      priority: out.length + 1, kind, site: f.properties, lon: s.lon, lat: s.lat,
      communeId: cm?.properties.id ?? f.properties.communeId ?? null, communeName: cm?.properties.name ?? null,
      changes: s.fields ?? [], villages: served,
    });
  }
  return out;
}
