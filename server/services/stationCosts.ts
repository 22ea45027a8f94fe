/**
 * What the stations a scenario adds or changes cost and who pays (core/siting/costs.ts), for the
 * comparison, the report and the work orders — the same figures as the siting plan they were saved
 * from. A station is costed as it stands in the scenario: its own power and backhaul (chosen by a
 * plan or in the site editor) — grid by the distance to the nearest power line, fibre by the
 * distance to the nearest existing fibre site, a microwave hop, satellite, solar — and an upgrade
 * by what it adds (technologies, height, power or backhaul it lacked). Its payers split by the
 * villages it newly serves: of the villages without signal before, those it brings to signal by
 * the one rule (core/gaps/serves.ts: the gap rule and thresholds, on its raster from the coverage
 * pipeline), each credited to the first station of the build order that serves it — as the plan does.
 */
import { levelsAtCells } from '../../core/coverage/levelsAt';
import type { CoverageGrid } from '../../core/coverage/composite';
import { InputError } from '../../core/errors';
import { PowerLineIndex, SiteIndex } from '../../core/gaps/nearest';
import type { GapOptions } from '../../core/gaps/options';
import { representativePoint } from '../../core/gaps/sampling';
import { cellsOf, creditInOrder, gapCellTable, servedBy, villagesWithin } from '../../core/gaps/serves';
import type { VillageStatus } from '../../core/gaps/types';
import type { PowerLineFeature, SiteFeature, VillageFeature } from '../../core/model/types';
import type { ScenarioEdit } from '../../core/scenario/types';
import {
  buildOf, especiallyDifficult, resolveCostOptions, splitByPayer, stationCost,
  type BackhaulChoice, type CostOptions, type PayerSplit, type PowerChoice, type StationCost,
} from '../../core/siting/costs';
import { coverageSite, type CoveragePipeline } from '../coverage/pipeline';

/** A village a station brings signal to, with its people. */
export interface ServedVillage {
  id: string;
  name: string;
  population: number;
}

/** The network the stations are judged against: its village statuses, composite and data. */
export interface NetworkBefore {
  gaps: {
    status(): readonly VillageStatus[];
    coverage: { ready(): CoverageGrid };
    data: { villages: readonly VillageFeature[]; powerLines: readonly PowerLineFeature[] };
  };
  sites: readonly SiteFeature[];
}

/**
 * What each of `stations` (in build order) newly serves on the network `before` under the gap
 * options `o`: the villages without signal there that it brings to signal (core/gaps/serves.ts on
 * its raster), each credited to the first station that serves it; nothing for a station off the
 * terrain.
 *
 * @example
 * const served = await newlyServed(pipeline, baseline, [s1, s2], resolveGapOptions(baseline.gaps.options));
 */
export async function newlyServed(
  pipeline: CoveragePipeline, before: NetworkBefore, stations: readonly SiteFeature[], o: GapOptions,
): Promise<ServedVillage[][]> {
  const villages = before.gaps.data.villages;
  const gaps = gapCellTable(villages, before.gaps.status(), before.gaps.coverage.ready(), o);
  const serves: number[][] = [];
  for (const f of stations) {
    const [lon, lat] = f.geometry.coordinates;
    const near = villagesWithin(gaps.table, lon, lat, pipeline.options.radiusM);
    try {
      const cov = near.length > 0 ? await pipeline.site(coverageSite(f)) : null;
      serves.push(cov ? servedBy(levelsAtCells(cov, pipeline.dem, cellsOf(gaps.table, near)), near, gaps.table, gaps.scope) : []);
    } catch (err) {
      if (!(err instanceof InputError)) throw err; // off the terrain: it serves nothing here
      serves.push([]);
    }
  }
  return creditInOrder(serves).map((rows) => rows.map((v) => {
    const p = villages[gaps.index[v]].properties;
    return { id: String(p.id), name: p.name, population: p.population };
  }));
}

/**
 * Where each station stands in a scenario's build order: the position of its first edit (an
 * upgrade's too), so that stations are built — and credited with villages — in the order the
 * scenario (or the plan it was saved from) lists them.
 *
 * @example
 * buildOrder(resolved.edits).get('PLAN-new-001') // 0
 */
export function buildOrder(edits: readonly ScenarioEdit[]): Map<string, number> {
  const order = new Map<string, number>();
  for (const e of edits) {
    const id = e.op === 'add' ? e.site.properties.id : e.op === 'options' ? null : e.siteId;
    if (id !== null && !order.has(id)) order.set(id, order.size);
  }
  return order;
}

/** `items` sorted by `order` of their ids (those it does not know last, in their order). */
export function inBuildOrder<T extends { id: string }>(items: readonly T[], order: ReadonlyMap<string, number>): T[] {
  return items.map((x, i) => ({ x, i })).sort((a, b) => (order.get(a.x.id) ?? Infinity) - (order.get(b.x.id) ?? Infinity) || a.i - b.i).map(({ x }) => x);
}

export interface CostedStation {
  id: string;
  kind: 'new' | 'upgrade';
  operator: string;
  cost: StationCost;
  byPayer: PayerSplit;
}

export interface CostContext {
  /** The DEM profiles are read on (the pipeline's source DEM). */
  powerLines: readonly PowerLineFeature[];
  /** The network before (its fibre sites feed backhaul; its sites decide remoteness). */
  before: readonly SiteFeature[];
  villages: readonly VillageFeature[];
  options?: Partial<CostOptions>;
}

/**
 * A costing function for stations of a scenario against the network `before`.
 *
 * @example
 * const cost = stationCoster({ powerLines, before: baselineSites, villages });
 * cost(station, baseSite, served) // { cost, byPayer, … }
 */
export function stationCoster(ctx: CostContext): (f: SiteFeature, base: SiteFeature | null, served: readonly ServedVillage[]) => CostedStation {
  const o = resolveCostOptions(ctx.options ?? {});
  const lines = new PowerLineIndex(ctx.powerLines);
  // new fibre runs to an existing fibre site, as the plan's backhaul choice (server/siting/planner.ts)
  const fibre = ctx.before.filter((s) => s.properties.backhaul === 'fiber' && s.properties.status === 'existing');
  const fibreIndex = new SiteIndex(fibre.map((s) => s.geometry.coordinates), fibre.map((_, i) => i));
  const allIndex = new SiteIndex(ctx.before.map((s) => s.geometry.coordinates), ctx.before.map((_, i) => i));
  const villageById = new Map(ctx.villages.map((v) => [String(v.properties.id), v]));
  return (f, base, served) => {
    const [lon, lat] = f.geometry.coordinates;
    const p = f.properties;
    const same = (k: 'power' | 'backhaul') => base !== null && base.properties[k] === p[k] && base.geometry.coordinates.join() === f.geometry.coordinates.join();
    let power: PowerChoice;
    if (same('power') || p.power === 'none') power = { kind: 'existing', cost: 0 };
    else if (p.power === 'grid') {
      const km = (lines.distanceM(lon, lat) ?? 0) / 1000;
      power = { kind: 'grid', km: Math.round(km * 1000) / 1000, cost: Math.round(o.gridConnection + o.gridPerKm * km) };
    } else power = { kind: 'solar', cost: o.solarKit };
    let backhaul: BackhaulChoice;
    if (same('backhaul') || p.backhaul === 'none') backhaul = { kind: 'existing', cost: 0 };
    else if (p.backhaul === 'fiber') {
      const near = fibreIndex.nearest(lon, lat, 1)[0];
      const km = near ? near.distanceM / 1000 : 0;
      backhaul = { kind: 'fiber', km: Math.round(km * 1000) / 1000, toSiteId: near ? fibre[near.index].properties.id : '', cost: Math.round(o.fibrePerKm * km) };
    } else if (p.backhaul === 'microwave') {
      const near = fibreIndex.nearest(lon, lat, 1)[0];
      backhaul = { kind: 'microwave', km: near ? Math.round(near.distanceM) / 1000 : 0, toSiteId: near ? fibre[near.index].properties.id : '', cost: o.microwaveHop };
    } else backhaul = { kind: 'satellite', cost: o.satelliteTerminal + o.satellitePerYear * o.years };
    const cost = stationCost(buildOf(base ? 'upgrade' : 'new', f, base), power, backhaul, o);
    let people = 0, difficult = 0;
    for (const s of served) {
      const v = villageById.get(s.id);
      if (!v) continue;
      const pop = Math.max(0, v.properties.population || 0);
      people += pop;
      const [vl, vt] = representativePoint(v.geometry);
      const nearest = allIndex.nearest(vl, vt, 1)[0];
      if (especiallyDifficult(v.properties, nearest ? nearest.distanceM : null, o)) difficult += pop;
    }
    return { id: p.id, kind: base ? 'upgrade' : 'new', operator: p.operator, cost, byPayer: splitByPayer(cost, people, difficult) };
  };
}

/** Sums of costed stations by payer. */
export function sumByPayer(stations: readonly CostedStation[]): PayerSplit & { total: number } {
  const s = { operator: 0, fund: 0, powerUtility: 0, total: 0 };
  for (const c of stations) {
    s.operator += c.byPayer.operator;
    s.fund += c.byPayer.fund;
    s.powerUtility += c.byPayer.powerUtility;
    s.total += c.cost.total;
  }
  return s;
}

/** The cost of going from one network to the other, by payer, per station and per operator. */
export interface ComparisonCost extends PayerSplit {
  currency: string;
  total: number;
  stations: (CostedStation & { villagesServed: number; populationServed: number })[];
  byOperator: Record<string, PayerSplit & { total: number }>;
}

/** A station of a scenario with what it newly serves and what it costs. */
export interface StationOutcome {
  station: SiteFeature;
  /** The site it upgrades, null for a new one. */
  base: SiteFeature | null;
  served: ServedVillage[];
  costed: CostedStation;
}

/**
 * The stations `ids` of network `b` (in build order), each costed against network `a` and
 * credited with the villages it newly serves there (newlyServed, under gap options `o`).
 *
 * @example
 * const outcomes = await costStations(pipeline, baseline, { sites: scenarioSites }, ['N-01', 'C'], resolveGapOptions({}));
 */
export async function costStations(
  pipeline: CoveragePipeline, a: NetworkBefore, b: { sites: readonly SiteFeature[] }, ids: readonly string[], o: GapOptions, options: Partial<CostOptions> = {},
): Promise<StationOutcome[]> {
  const coster = stationCoster({ powerLines: a.gaps.data.powerLines, before: a.sites, villages: a.gaps.data.villages, options });
  const before = new Map(a.sites.map((f) => [f.properties.id, f]));
  const after = new Map(b.sites.map((f) => [f.properties.id, f]));
  const stations = ids.map((id) => after.get(id)).filter((f): f is SiteFeature => f !== undefined);
  const served = await newlyServed(pipeline, a, stations, o);
  return stations.map((station, k) => {
    const base = before.get(station.properties.id) ?? null;
    return { station, base, served: served[k], costed: coster(station, base, served[k]) };
  });
}

/**
 * What the stations added and changed from `a` to `b` cost, each costed against `a`'s network and
 * split by the villages without signal in `a` it newly serves (under `a`'s gap options `o`, in the
 * build order `order` of `b`'s edits): the figures of the plan `b` was saved from.
 *
 * @example
 * const cost = await comparisonCost(pipeline, a, b, compare(a, b).stations, resolveGapOptions(a.gaps.options), buildOrder(edits));
 */
export async function comparisonCost(
  pipeline: CoveragePipeline,
  a: NetworkBefore,
  b: { sites: readonly SiteFeature[] },
  changes: { added: readonly { id: string }[]; changed: readonly { id: string }[] },
  o: GapOptions,
  order: ReadonlyMap<string, number> = new Map(),
  options: Partial<CostOptions> = {},
): Promise<ComparisonCost> {
  const ids = inBuildOrder([...changes.added, ...changes.changed], order).map((x) => x.id);
  const stations: ComparisonCost['stations'] = (await costStations(pipeline, a, b, ids, o, options)).map(({ served, costed }) => ({
    ...costed, villagesServed: served.length, populationServed: served.reduce((n, v) => n + (Number.isFinite(v.population) ? v.population : 0), 0),
  }));
  const byOperator: ComparisonCost['byOperator'] = {};
  for (const s of stations) {
    const t = (byOperator[s.operator] ??= { operator: 0, fund: 0, powerUtility: 0, total: 0 });
    t.operator += s.byPayer.operator;
    t.fund += s.byPayer.fund;
    t.powerUtility += s.byPayer.powerUtility;
    t.total += s.cost.total;
  }
  const sum = sumByPayer(stations);
  return { currency: resolveCostOptions(options).currency, ...sum, stations, byOperator };
}
