/**
 * The work orders of a scenario: the stations it adds (new sites) and the existing sites it
 * changes (upgrades), per operator, in build order (the order of the scenario's edits), each with
 * its commune, the villages without signal in the scenario's base that it newly serves and its
 * cost by payer — the figures of the comparison with the base and of the plan the scenario was
 * saved from (server/services/stationCosts.ts, core/gaps/serves.ts).
 */
import { resolveGapOptions } from '../../core/gaps';
import { pointInPolygon } from '../../core/gaps/sampling';
import type { WorkOrder } from '../../core/export/workOrders';
import type { CommuneFeature, SiteFeature } from '../../core/model/types';
import type { ResolvedScenario } from './scenarios';
import type { CoveragePipeline } from '../coverage/pipeline';
import { buildOrder, costStations, inBuildOrder } from './stationCosts';
import type { GapService } from './gaps';
import { compare } from '../../core/scenario/compare';

export interface WorkOrderDeps {
  pipeline: CoveragePipeline;
  /** The network the scenario is built on (its base: the baseline or another scenario). */
  base: { id: string; gaps: GapService; sites: readonly SiteFeature[] };
  scenario: { resolved: ResolvedScenario; gaps: GapService; sites: readonly SiteFeature[] };
  communes: readonly CommuneFeature[];
}

/** The commune whose outline holds (lon, lat), null when none does. */
function communeAt(communes: readonly CommuneFeature[], lon: number, lat: number): CommuneFeature | null {
  return communes.find((cm) => (cm.geometry.type === 'Polygon' ? [cm.geometry.coordinates] : cm.geometry.coordinates).some((p) => pointInPolygon(p, lon, lat))) ?? null;
}

/**
 * @example
 * const orders = await workOrders(deps, 'Viettel'); // Viettel's stations, build order first
 */
export async function workOrders(deps: WorkOrderDeps, operator: string | null): Promise<WorkOrder[]> {
  const c = compare(deps.base, { id: deps.scenario.resolved.scenario.id, ...deps.scenario });
  const kinds = new Map([...c.stations.added.map((s) => [s.id, 'new'] as const), ...c.stations.changed.map((s) => [s.id, 'upgrade'] as const)]);
  // every station in build order (each is credited with villages before the later ones), then one operator's kept
  const all = inBuildOrder([...c.stations.added, ...c.stations.changed], buildOrder(deps.scenario.resolved.edits));
  const outcomes = await costStations(deps.pipeline, deps.base, deps.scenario, all.map((s) => s.id), resolveGapOptions(deps.base.gaps.options));
  const out: WorkOrder[] = [];
  all.forEach((s, k) => {
    if (operator !== null && s.operator !== operator) return;
    const { station: f, served, costed } = outcomes[k];
    const cm = f.properties.communeId ? deps.communes.find((x) => x.properties.id === f.properties.communeId) ?? null : communeAt(deps.communes, s.lon, s.lat);
    out.push({
      priority: out.length + 1, kind: kinds.get(s.id)!, site: f.properties, lon: s.lon, lat: s.lat,
      communeId: cm?.properties.id ?? f.properties.communeId ?? null, communeName: cm?.properties.name ?? null,
      changes: s.fields ?? [], villages: served, cost: { currency: costed.cost.currency, total: costed.cost.total, ...costed.byPayer },
    });
  });
  return out;
}
