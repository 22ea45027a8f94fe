/**
 * What the stations a scenario adds or changes cost and who pays (core/siting/costs.ts), for the
 * comparison, the report and the work orders. A station is costed as it stands in the scenario:
 * its own power and backhaul (chosen by a plan or in the site editor) — grid by the distance to the
 * nearest power line, fibre by the distance to the nearest existing fibre site, a microwave hop,
 * satellite, solar — and an upgrade by what it adds (technologies, height, power or backhaul it
 * lacked). Its payers split by the villages without signal before that it brings signal to
 * (servedVillages, from its raster on the coverage pipeline under the gap rule and thresholds).
 */
import { InputError } from '../../core/errors';
import { PowerLineIndex, SiteIndex } from '../../core/gaps/nearest';
import { cellIndexAt } from '../../core/gaps/sampling';
import type { GapOptions } from '../../core/gaps/options';
import type { VillageStatus } from '../../core/gaps/types';
import { TECHS, type PowerLineFeature, type SiteFeature, type Tech, type VillageFeature } from '../../core/model/types';
import {
  buildOf, especiallyDifficult, resolveCostOptions, splitByPayer, stationCost,
  type BackhaulChoice, type CostOptions, type PayerSplit, type PowerChoice, type StationCost,
} from '../../core/siting/costs';
import { coverageSite, type CoveragePipeline } from '../coverage/pipeline';
import { villagePoint } from './coveragePreview';

/** A village a station brings signal to, with its people. */
export interface ServedVillage {
  id: string;
  name: string;
  population: number;
}

/**
 * The villages without signal in `before` (statuses parallel to `villages`) that `f` alone covers,
 * from its raster on the pipeline, with `o`'s technologies and thresholds; none when it is off the
 * terrain.
 *
 * @example
 * await servedVillages(pipeline, station, villages, baseline.status(), resolveGapOptions({}))
 */
export async function servedVillages(
  pipeline: CoveragePipeline, f: SiteFeature, villages: readonly VillageFeature[], before: readonly VillageStatus[], o: GapOptions,
): Promise<ServedVillage[]> {
  const thr = {} as Record<Tech, number>;
  for (const t of TECHS) thr[t] = o.thresholdsDbm?.[t] ?? pipeline.options.thresholdsDbm[t];
  const served: ServedVillage[] = [];
  try {
    const cov = await pipeline.site(coverageSite(f));
    const levels = (Object.keys(cov.levelDbm) as Tech[]).filter((t) => o.techs.includes(t));
    villages.forEach((v, i) => {
      if (before[i].covered) return;
      const [lon, lat] = villagePoint(v);
      const j = cellIndexAt(cov.width, cov.height, cov.transform, lon, lat);
      if (j >= 0 && levels.some((t) => (cov.levelDbm[t] as Float32Array)[j] >= thr[t])) served.push({ id: String(v.properties.id), name: v.properties.name, population: v.properties.population });
    });
  } catch (err) {
    if (!(err instanceof InputError)) throw err; // off the terrain: it serves nothing here
  }
  return served;
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
  const fibre = ctx.before.filter((s) => s.properties.backhaul === 'fiber');
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
      const [vl, vt] = villagePoint(v);
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

/**
 * What the stations added and changed from `a` to `b` cost, each costed against `a`'s network and
 * split by the villages without signal in `a` it brings signal to (under `b`'s gap options).
 *
 * @example
 * const cost = await comparisonCost(pipeline, a, b, compare(a, b), resolveGapOptions(b.gaps.options));
 */
export async function comparisonCost(
  pipeline: CoveragePipeline,
  a: { gaps: { status(): readonly VillageStatus[]; data: { villages: readonly VillageFeature[]; powerLines: readonly PowerLineFeature[] } }; sites: readonly SiteFeature[] },
  b: { sites: readonly SiteFeature[] },
  changes: { added: readonly { id: string }[]; changed: readonly { id: string }[] },
  o: GapOptions,
  options: Partial<CostOptions> = {},
): Promise<ComparisonCost> {
  const villages = a.gaps.data.villages;
  const coster = stationCoster({ powerLines: a.gaps.data.powerLines, before: a.sites, villages, options });
  const before = new Map(a.sites.map((f) => [f.properties.id, f]));
  const after = new Map(b.sites.map((f) => [f.properties.id, f]));
  const status = a.gaps.status();
  const stations: ComparisonCost['stations'] = [];
  for (const { id } of [...changes.added, ...changes.changed]) {
    const f = after.get(id);
    if (!f) continue;
    const served = await servedVillages(pipeline, f, villages, status, o);
    stations.push({ ...coster(f, before.get(id) ?? null, served), villagesServed: served.length, populationServed: served.reduce((n, v) => n + (Number.isFinite(v.population) ? v.population : 0), 0) });
  }
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
