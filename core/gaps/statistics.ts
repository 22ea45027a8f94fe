/**
 * The statistics of /api/stats: villages with and without signal, population covered, per
 * technology and per operator, villages without power — for the province and per commune. Pure:
 * the gap analysis (server/services/gaps.ts) keeps it per coverage version.
 */
import type { VillageStatus } from './types';
import { TECHS, type CommuneFeature, type Tech, type VillageFeature } from '../model/types';
import type { AreaStats, Stats } from '../wire/stats';

/** Villages with signal and population covered, for one scope (a technology or an operator). */
export type ScopeCount = AreaStats['byTech']['2G'];
export type { AreaStats };
/** One commune's figures. */
export type CommuneStats = GapStatistics['communes'][number];
/** The answer of /api/stats (the wire contract's Stats). */
export type GapStatistics = Stats;

function emptyArea(operators: readonly string[]): AreaStats {
  const zero = (): ScopeCount => ({ villagesWithSignal: 0, villagesWithoutSignal: 0, populationCovered: 0 });
  return {
    villages: 0, villagesWithSignal: 0, villagesWithoutSignal: 0, villagesWithoutPower: 0, villagesWithoutSignalWithoutPower: 0,
    population: 0, populationCovered: 0, households: 0, householdsCovered: 0, shareWithSignal: 0,
    byTech: Object.fromEntries(TECHS.map((t) => [t, zero()])) as Record<Tech, ScopeCount>,
    byOperator: Object.fromEntries(operators.map((op) => [op, zero()])),
  };
}

function add(a: AreaStats, v: VillageFeature, s: VillageStatus, operators: readonly string[]): void {
  const p = v.properties;
  const pop = Number.isFinite(p.population) ? p.population : 0;
  const hh = Number.isFinite(p.households) ? p.households : 0;
  a.villages++;
  a.population += pop;
  a.households += hh;
  if (s.covered) {
    a.villagesWithSignal++;
    a.populationCovered += pop;
    a.householdsCovered += hh;
  } else a.villagesWithoutSignal++;
  if (p.electrified === false) {
    a.villagesWithoutPower++;
    if (!s.covered) a.villagesWithoutSignalWithoutPower++;
  }
  const count = (c: ScopeCount, yes: boolean): void => {
    if (yes) {
      c.villagesWithSignal++;
      c.populationCovered += pop;
    } else c.villagesWithoutSignal++;
  };
  for (const t of TECHS) count(a.byTech[t], s.byTech[t]);
  for (const op of operators) count(a.byOperator[op], s.byOperator[op] ?? false);
}

/**
 * Statistics of the village statuses, for the province and per commune (communes in their given
 * order, then any commune code the villages use that the communes lack).
 *
 * @example
 * gapStatistics(villages, villageStatus(villages, composite), communes, ['Viettel'], 'v1').villagesWithoutSignal
 */
export function gapStatistics(
  villages: readonly VillageFeature[],
  status: readonly VillageStatus[],
  communes: readonly CommuneFeature[],
  operators: readonly string[],
  version: string,
): GapStatistics {
  const total = emptyArea(operators);
  const perCommune = new Map<string, CommuneStats>();
  for (const c of communes) perCommune.set(c.properties.id, { id: c.properties.id, name: c.properties.name, ...emptyArea(operators) });
  villages.forEach((v, i) => {
    const cid = v.properties.communeId;
    let c = perCommune.get(cid);
    if (!c) perCommune.set(cid, (c = { id: cid, name: null, ...emptyArea(operators) }));
    add(total, v, status[i], operators);
    add(c, v, status[i], operators);
  });
  const share = (a: AreaStats): void => {
    a.shareWithSignal = a.villages > 0 ? Math.round((a.villagesWithSignal / a.villages) * 1e4) / 1e4 : 0;
  };
  share(total);
  const list = [...perCommune.values()];
  list.forEach(share);
  return { version, ...total, communes: list };
}
