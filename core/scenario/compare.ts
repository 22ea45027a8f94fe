/**
 * Two networks side by side (the baseline or scenarios): the villages gained and lost (with
 * names, communes, people, households, power), the stations added, removed and changed, and the
 * same per commune and per operator. Built from the two sides' own village statuses and
 * statistics, so the numbers add up: gained − lost = the difference of their /api/stats. Pure: the
 * comparison route, the work orders and the report read it the same.
 */
import type { VillageStatus } from '../gaps/types';
import type { CommuneFeature, SiteFeature, VillageFeature } from '../model/types';
import type { Stats } from '../wire/stats';
import type { Comparison as WireComparison } from '../wire/compare';

/** What the comparison reads of a side's gap analysis (server/services/gaps.ts GapService has it). */
export interface ComparedAnalysis {
  /** The side's /api/stats. */
  stats(): Stats;
  /** Each village's status, in the order of `data.villages` (the same villages on both sides). */
  status(): readonly VillageStatus[];
  data: { villages: readonly VillageFeature[]; communes: readonly CommuneFeature[] };
}

export interface CompareSide {
  /** 'baseline' or the scenario id. */
  id: string;
  gaps: ComparedAnalysis;
  sites: readonly SiteFeature[];
}

/** A village gained or lost from a to b (the wire contract's). */
export type VillageChange = WireComparison['villagesGained'][number];

/** A station added, removed or changed; for a changed one, what differs (position, antennaHeightM, cells, operator, power, backhaul, status, name). */
export type StationChange = WireComparison['stations']['added'][number];

/** The headline figures of one side (its /api/stats without the per-commune list). */
export type SideSummary = WireComparison['a'];

/** The comparison as this module builds it: the contract's without what the stations cost (the route adds it). */
export type Comparison = Omit<WireComparison, 'cost' | 'byOperator'> & { byOperator: Omit<WireComparison['byOperator'][number], 'cost'>[] };

const FIELDS = ['operator', 'antennaHeightM', 'cells', 'power', 'backhaul', 'status', 'name'] as const;

const station = (f: SiteFeature, fields?: string[]): StationChange => ({
  id: f.properties.id, name: f.properties.name, operator: f.properties.operator, communeId: f.properties.communeId ?? null,
  lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], ...(fields ? { fields } : {}),
});

/**
 * @example
 * const c = compare({ id: 'baseline', gaps, sites }, { id: 's1', gaps: g1, sites: s1 });
 * c.totals.net // villages with signal in s1 minus in the baseline
 */
export function compare(a: CompareSide, b: CompareSide): Comparison {
  const sa = a.gaps.stats();
  const sb = b.gaps.stats();
  const stA: readonly VillageStatus[] = a.gaps.status();
  const stB: readonly VillageStatus[] = b.gaps.status();
  const villages: readonly VillageFeature[] = a.gaps.data.villages;
  const communeName = new Map(a.gaps.data.communes.map((c) => [c.properties.id, c.properties.name]));
  const change = (v: VillageFeature): VillageChange => ({
    id: String(v.properties.id), name: v.properties.name, communeId: v.properties.communeId, communeName: communeName.get(v.properties.communeId) ?? null,
    population: v.properties.population, households: v.properties.households, electrified: v.properties.electrified,
  });
  const gained: VillageChange[] = [];
  const lost: VillageChange[] = [];
  const perCommune = new Map<string, { gained: number; lost: number }>();
  villages.forEach((v, i) => {
    const was = stA[i].covered, now = stB[i].covered;
    if (was === now) return;
    const c = perCommune.get(v.properties.communeId) ?? { gained: 0, lost: 0 };
    perCommune.set(v.properties.communeId, c);
    if (now) {
      gained.push(change(v));
      c.gained++;
    } else {
      lost.push(change(v));
      c.lost++;
    }
  });
  const sum = (xs: VillageChange[], k: 'population' | 'households') => xs.reduce((n, x) => n + (Number.isFinite(x[k]) ? x[k] : 0), 0);

  // stations: by id, compared on position and the properties that matter to a plan
  const before = new Map(a.sites.map((f) => [f.properties.id, f]));
  const after = new Map(b.sites.map((f) => [f.properties.id, f]));
  const added: StationChange[] = [], removed: StationChange[] = [], changed: StationChange[] = [];
  for (const [id, f] of after) {
    const g = before.get(id);
    if (!g) {
      added.push(station(f));
      continue;
    }
    const fields: string[] = [];
    if (f.geometry.coordinates[0] !== g.geometry.coordinates[0] || f.geometry.coordinates[1] !== g.geometry.coordinates[1]) fields.push('position');
    for (const k of FIELDS) if (JSON.stringify(f.properties[k]) !== JSON.stringify(g.properties[k])) fields.push(k);
    if (fields.length > 0) changed.push(station(f, fields));
  }
  for (const [id, g] of before) if (!after.has(id)) removed.push(station(g));

  const side = (id: string, s: typeof sa): SideSummary => {
    const { byTech: _t, byOperator: _o, communes: _c, ...rest } = s;
    return { id, ...rest };
  };
  const bCommunes = new Map(sb.communes.map((c) => [c.id, c]));
  const operators = [...new Set([...Object.keys(sa.byOperator), ...Object.keys(sb.byOperator)])].sort();
  const zero = { villagesWithSignal: 0, populationCovered: 0 };
  const pick = (c: { villagesWithSignal: number; populationCovered: number } | undefined) => (c ? { villagesWithSignal: c.villagesWithSignal, populationCovered: c.populationCovered } : zero);
  return {
    a: side(a.id, sa),
    b: side(b.id, sb),
    villagesGained: gained,
    villagesLost: lost,
    totals: {
      villagesGained: gained.length, villagesLost: lost.length, net: gained.length - lost.length,
      populationGained: sum(gained, 'population'), populationLost: sum(lost, 'population'),
      householdsGained: sum(gained, 'households'), householdsLost: sum(lost, 'households'),
      withoutPowerGained: gained.filter((v) => !v.electrified).length, withoutPowerLost: lost.filter((v) => !v.electrified).length,
    },
    stations: { added, removed, changed },
    byCommune: sa.communes.map((c) => ({ id: c.id, name: c.name, a: pick(c), b: pick(bCommunes.get(c.id)), gained: perCommune.get(c.id)?.gained ?? 0, lost: perCommune.get(c.id)?.lost ?? 0 }))
      .sort((x, y) => y.gained - y.lost - (x.gained - x.lost) || (x.id < y.id ? -1 : 1)),
    byOperator: operators.map((op) => ({
      operator: op, a: pick(sa.byOperator[op]), b: pick(sb.byOperator[op]),
      stationsAdded: added.filter((s) => s.operator === op).length,
      stationsRemoved: removed.filter((s) => s.operator === op).length,
      stationsChanged: changed.filter((s) => s.operator === op).length,
    })),
  };
}
