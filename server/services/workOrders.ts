/**
 * The work orders of a scenario: the stations it adds (new sites) and the existing sites it
 * changes (upgrades), per operator, in build order (the order of the scenario's edits), each with
 * its commune and the villages without signal in the baseline that it covers (from its raster on
 * the coverage pipeline, under the scenario's gap rule and thresholds).
 */
import { booleanPointInPolygon } from '@turf/turf';
import { resolveGapOptions } from '../../core/gaps';
import type { WorkOrder } from '../../core/export/workOrders';
import type { CommuneFeature, SiteFeature, VillageFeature } from '../../core/model/types';
import type { ResolvedScenario } from './scenarios';
import type { CoveragePipeline } from '../coverage/pipeline';
import { servedVillages, stationCoster } from './stationCosts';
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
  const sites = new Map(deps.scenario.sites.map((f) => [f.properties.id, f]));
  // build order: where each station's first edit stands in the scenario (and its bases)
  const order = new Map<string, number>();
  let k = 0;
  for (const e of deps.scenario.resolved.edits) {
    const id = e.op === 'add' ? e.site.properties.id : e.op === 'options' ? null : e.siteId;
    if (id !== null && !order.has(id)) order.set(id, k++);
  }
  const communeOf = (lon: number, lat: number): CommuneFeature | null => deps.communes.find((cm) => booleanPointInPolygon([lon, lat], cm)) ?? null;
  const items = [...c.stations.added.map((s) => ({ s, kind: 'new' as const })), ...c.stations.changed.map((s) => ({ s, kind: 'upgrade' as const }))]
    .filter(({ s }) => operator === null || s.operator === operator)
    .sort((a, b) => (order.get(a.s.id) ?? Infinity) - (order.get(b.s.id) ?? Infinity) || (a.s.id < b.s.id ? -1 : 1));
  const coster = stationCoster({ powerLines: deps.baseline.gaps.data.powerLines, before: deps.baseline.sites, villages });
  const baseSites = new Map(deps.baseline.sites.map((f) => [f.properties.id, f]));
  const out: WorkOrder[] = [];
  for (const { s, kind } of items) {
    const f = sites.get(s.id) as SiteFeature;
    const served = await servedVillages(pipeline, f, villages, baseStatus, o);
    const costed = coster(f, kind === 'upgrade' ? baseSites.get(s.id) ?? null : null, served);
    const cm = f.properties.communeId ? deps.communes.find((x) => x.properties.id === f.properties.communeId) ?? null : communeOf(s.lon, s.lat);
    out.push({
      priority: out.length + 1, kind, site: f.properties, lon: s.lon, lat: s.lat,
      communeId: cm?.properties.id ?? f.properties.communeId ?? null, communeName: cm?.properties.name ?? null,
      changes: s.fields ?? [], villages: served, cost: { currency: costed.cost.currency, total: costed.cost.total, ...costed.byPayer },
    });
  }
  return out;
}
