/**
 * What a proposed station costs and who pays: one options object (every default with its basis),
 * and the rules that pick the power and backhaul of each station.
 *
 *  - Build: a new site (tower, foundations, shelter, radios) or an upgrade of an existing one (a
 *    technology added: its radio and antennas; a raise: the mast extended).
 *  - Power: a grid extension from the nearest power line (a fixed connection plus a price per km)
 *    when the line is within `gridMaxKm`, or a solar + battery kit — whichever is cheaper. With
 *    neither possible the station has no power and serves nobody (a village counts as served only
 *    when its station has both signal and power).
 *  - Backhaul: fibre by distance to the nearest existing site with fibre (within `fibreMaxKm`), a
 *    microwave hop to an existing fibre site within `microwaveMaxKm` when the first Fresnel zone is
 *    clear on the terrain, else satellite (a terminal plus `years` of capacity) — the cheapest of
 *    those possible.
 *  - Payers, as the national dead-zone programme divides them: the power utility pays the grid
 *    extension; the public-utility telecom fund pays the rest of a station in the share of the
 *    people it newly serves who live in especially difficult villages; the operator pays the rest.
 *
 * The default prices are planning assumptions for the demo, in Vietnamese đồng, set to the order of
 * magnitude of rural builds and stated one by one below — not quotes. A province replaces them with
 * its operators' and its power company's prices (`costs` in POST /api/plans, `covgap plan --costs`).
 */
import { mergeOptions } from './mergeOptions';
import type { DemGrid, SiteFeature, VillageProperties } from '../model/types';
import { fresnelClearance, terrainProfile } from '../terrain/profile';

export interface CostOptions {
  /** ISO 4217 code the amounts are in (only a label: no conversion is made). */
  currency: string;
  /** A new site: tower, foundations, shelter, radios and installation. */
  newSite: number;
  /** Upgrade: one technology added to an existing site (radio unit, antennas, licence work). */
  upgradePerTech: number;
  /** Upgrade: the mast raised (extension, reinforcement, antennas moved). */
  upgradeRaise: number;
  /** Grid: connection (transformer station, metering) of a site to a medium-voltage line. */
  gridConnection: number;
  /** Grid: per km of new medium-voltage line from the nearest line to the site. */
  gridPerKm: number;
  /** Grid: no extension longer than this, km (beyond it only solar). */
  gridMaxKm: number;
  /** Whether a solar + battery kit is an option. */
  solar: boolean;
  /** Solar array + batteries (+ controller) sized for a rural macro site. */
  solarKit: number;
  /** Fibre: per km from the nearest existing site with fibre. */
  fibrePerKm: number;
  /** Fibre: no route longer than this, km. */
  fibreMaxKm: number;
  /** Whether a microwave hop is an option. */
  microwave: boolean;
  /** Microwave: one hop (two radios, two dishes, installation). */
  microwaveHop: number;
  /** Microwave: the longest hop, km. */
  microwaveMaxKm: number;
  /** Microwave: the band, MHz (for the Fresnel zone). */
  microwaveFreqMHz: number;
  /** Microwave: share of the first Fresnel zone that must be clear (1 = the whole zone). */
  fresnelClearance: number;
  /** Microwave: fibre sites tried, nearest first, before giving up on a hop. */
  microwaveTries: number;
  /** Satellite: terminal (VSAT) and installation. */
  satelliteTerminal: number;
  /** Satellite: capacity per year. */
  satellitePerYear: number;
  /** Years of recurring costs (satellite capacity) counted in a station's cost. */
  years: number;
  /**
   * Especially difficult villages (the fund's share), unless a village says so itself with the
   * property `especiallyDifficult` (true/false, importable): villages without electricity…
   */
  difficultNoPower: boolean;
  /** …and villages with no existing site within this distance, km (the remote ones). */
  difficultNoSiteWithinKm: number;
}

export const DEFAULT_COST_OPTIONS: Readonly<CostOptions> = Object.freeze({
  currency: 'VND',
  // assumption: ≈ USD 60,000 for a 40 m tower with 2G + 4G radios on a hill-top rural site
  newSite: 1_500_000_000,
  // assumption: a radio unit and antennas on an existing tower, about a fifth of a new site
  upgradePerTech: 300_000_000,
  // assumption: extending a mast by 5–15 m with reinforcement
  upgradeRaise: 250_000_000,
  // assumption: a pole-mounted 22 kV transformer and the connection works
  gridConnection: 150_000_000,
  // assumption: a 22 kV overhead line in mountain terrain, poles and clearing included
  gridPerKm: 400_000_000,
  // beyond ~10 km the power company would not extend for one site
  gridMaxKm: 10,
  solar: true,
  // assumption: ~6 kWp of panels with 3 days of battery autonomy for a ~1.5 kW site
  solarKit: 600_000_000,
  // assumption: aerial fibre on the power poles or along the road, per route km
  fibrePerKm: 100_000_000,
  fibreMaxKm: 15,
  microwave: true,
  // assumption: a 7 GHz link with two 0.6–1.2 m dishes, installed
  microwaveHop: 250_000_000,
  // 7–8 GHz links commonly span up to ~40 km; 30 km keeps rain fade modest
  microwaveMaxKm: 30,
  microwaveFreqMHz: 7000,
  // the rule: the first Fresnel zone clear (ITU-R P.530 would accept 0.6 of it)
  fresnelClearance: 1,
  microwaveTries: 5,
  // assumption: a VSAT terminal, mount and installation
  satelliteTerminal: 250_000_000,
  // assumption: a few Mbit/s of satellite capacity for a rural site
  satellitePerYear: 120_000_000,
  // five years: the usual horizon of a rural programme's budget
  years: 5,
  difficultNoPower: true,
  // the gap analysis's "no site within 10 km" (GapOptions.noSiteWithinKm): the remote villages
  difficultNoSiteWithinKm: 10,
}) as Readonly<CostOptions>;

/**
 * Merges `options` over the defaults and checks every value (InputError naming `costs.<key>`).
 *
 * @example
 * resolveCostOptions({ currency: 'USD', newSite: 60000 }).solar // true
 */
export function resolveCostOptions(options: Partial<CostOptions> = {}): CostOptions {
  const { o, fail } = mergeOptions<CostOptions>(DEFAULT_COST_OPTIONS, options, 'cost', 'costs');
  if (typeof o.currency !== 'string' || !/^[A-Z]{3}$/.test(o.currency)) fail('currency', 'a three-letter ISO 4217 code such as VND or USD', o.currency);
  const amounts: (keyof CostOptions)[] = ['newSite', 'upgradePerTech', 'upgradeRaise', 'gridConnection', 'gridPerKm', 'solarKit', 'fibrePerKm', 'microwaveHop', 'satelliteTerminal', 'satellitePerYear'];
  for (const key of amounts) {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1e15) fail(key, 'an amount ≥ 0 (at most 1e15)', v);
  }
  const distances: (keyof CostOptions)[] = ['gridMaxKm', 'fibreMaxKm', 'microwaveMaxKm', 'difficultNoSiteWithinKm'];
  for (const key of distances) {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1000) fail(key, 'a distance from 0 to 1000 km', v);
  }
  for (const key of ['solar', 'microwave', 'difficultNoPower'] as const) if (typeof o[key] !== 'boolean') fail(key, 'true or false', o[key]);
  if (typeof o.microwaveFreqMHz !== 'number' || !(o.microwaveFreqMHz >= 1000 && o.microwaveFreqMHz <= 100_000)) fail('microwaveFreqMHz', 'a band from 1000 to 100000 MHz', o.microwaveFreqMHz);
  if (typeof o.fresnelClearance !== 'number' || !(o.fresnelClearance >= 0 && o.fresnelClearance <= 1)) fail('fresnelClearance', 'a share from 0 to 1', o.fresnelClearance);
  if (!Number.isInteger(o.microwaveTries) || o.microwaveTries < 0 || o.microwaveTries > 50) fail('microwaveTries', 'an integer from 0 to 50', o.microwaveTries);
  if (typeof o.years !== 'number' || !(o.years >= 0 && o.years <= 50)) fail('years', 'a number of years from 0 to 50', o.years);
  return o;
}

export type PowerChoice = { kind: 'grid'; km: number; cost: number } | { kind: 'solar'; cost: number } | { kind: 'existing'; cost: 0 };
export type BackhaulChoice =
  | { kind: 'fiber'; km: number; toSiteId: string; cost: number }
  | { kind: 'microwave'; km: number; toSiteId: string; cost: number }
  | { kind: 'satellite'; cost: number }
  | { kind: 'existing'; cost: 0 };

/**
 * The cheaper of a grid extension (when the nearest line is within gridMaxKm) and a solar kit
 * (when allowed); null when neither is possible.
 *
 * @example
 * powerChoice(2300, DEFAULT_COST_OPTIONS) // { kind: 'grid', km: 2.3, cost: 1_070_000_000 }
 */
export function powerChoice(lineDistanceM: number | null, o: CostOptions): PowerChoice | null {
  const options: PowerChoice[] = [];
  if (lineDistanceM !== null && lineDistanceM / 1000 <= o.gridMaxKm) {
    const km = lineDistanceM / 1000;
    options.push({ kind: 'grid', km: Math.round(km * 1000) / 1000, cost: Math.round(o.gridConnection + o.gridPerKm * km) });
  }
  if (o.solar) options.push({ kind: 'solar', cost: o.solarKit });
  if (options.length === 0) return null;
  return options.reduce((a, b) => (b.cost < a.cost ? b : a));
}

/** An existing site with fibre, and its distance from the station. */
export interface FibreSite {
  id: string;
  lon: number;
  lat: number;
  antennaHeightM: number;
  distanceM: number;
}

/**
 * The cheapest backhaul of a station at (lon, lat) with its antenna `heightM` above ground:
 * fibre to the nearest fibre site within fibreMaxKm; a microwave hop to one of the nearest
 * `microwaveTries` fibre sites within microwaveMaxKm whose path clears `fresnelClearance` of the
 * first Fresnel zone over `dem` (both antennas at their masts' heights, k = 4/3); satellite.
 * `fibreSites`: nearest first.
 *
 * @example
 * backhaulChoice(dem, 106.3, 22.7, 40, nearestFibre, DEFAULT_COST_OPTIONS) // { kind: 'microwave', km: 12.4, toSiteId: 'VTL-0012', cost: 250000000 }
 */
export function backhaulChoice(dem: DemGrid, lon: number, lat: number, heightM: number, fibreSites: readonly FibreSite[], o: CostOptions): BackhaulChoice {
  const options: BackhaulChoice[] = [{ kind: 'satellite', cost: o.satelliteTerminal + o.satellitePerYear * o.years }];
  const nearest = fibreSites[0];
  if (nearest && nearest.distanceM / 1000 <= o.fibreMaxKm) {
    const km = nearest.distanceM / 1000;
    options.push({ kind: 'fiber', km: Math.round(km * 1000) / 1000, toSiteId: nearest.id, cost: Math.round(o.fibrePerKm * km) });
  }
  if (o.microwave && o.microwaveHop < Math.min(...options.map((c) => c.cost))) {
    for (const f of fibreSites.slice(0, o.microwaveTries)) {
      if (f.distanceM / 1000 > o.microwaveMaxKm) break;
      if (f.distanceM < 1) continue;
      const profile = terrainProfile(dem, [lon, lat], [f.lon, f.lat]);
      if (fresnelClearance(profile, heightM, f.antennaHeightM, o.microwaveFreqMHz, o.fresnelClearance).clear) {
        options.push({ kind: 'microwave', km: Math.round(f.distanceM) / 1000, toSiteId: f.id, cost: o.microwaveHop });
        break;
      }
    }
  }
  return options.reduce((a, b) => (b.cost < a.cost ? b : a));
}

/** A station's cost by item. */
export interface StationCost {
  currency: string;
  items: { build: number; power: number; backhaul: number };
  total: number;
  power: PowerChoice;
  backhaul: BackhaulChoice;
}

/**
 * The cost of a new site or an upgrade with its power and backhaul.
 *
 * @example
 * stationCost({ kind: 'new' }, powerChoice(800, o)!, backhaulChoice(…), o).total
 */
export function stationCost(
  build: { kind: 'new' } | { kind: 'upgrade'; addedTechs: number; raised: boolean }, power: PowerChoice, backhaul: BackhaulChoice, o: CostOptions,
): StationCost {
  const b = build.kind === 'new' ? o.newSite : build.addedTechs * o.upgradePerTech + (build.raised ? o.upgradeRaise : 0);
  const items = { build: b, power: power.cost, backhaul: backhaul.cost };
  return { currency: o.currency, items, total: items.build + items.power + items.backhaul, power, backhaul };
}

/** A cost split by who pays. */
export interface PayerSplit {
  operator: number;
  fund: number;
  powerUtility: number;
}

/**
 * Who pays a station: the power utility its grid extension; the fund the rest in the share of the
 * people it newly serves who live in especially difficult villages; the operator the remainder.
 * A station that serves no one newly is the operator's.
 *
 * @example
 * splitByPayer(cost, 400, 300) // fund pays 3/4 of build, solar and backhaul
 */
export function splitByPayer(cost: StationCost, servedPeople: number, difficultPeople: number): PayerSplit {
  const powerUtility = cost.power.kind === 'grid' ? cost.items.power : 0;
  const rest = cost.total - powerUtility;
  const share = servedPeople > 0 ? Math.min(1, Math.max(0, difficultPeople / servedPeople)) : 0;
  const fund = Math.round(rest * share);
  return { operator: rest - fund, fund, powerUtility };
}

/**
 * Whether a village is in an especially difficult area: its own `especiallyDifficult` property
 * when it has one (true/false), else by the options: no electricity, or no existing site within
 * `difficultNoSiteWithinKm`.
 *
 * @example
 * especiallyDifficult(village.properties, 12400, DEFAULT_COST_OPTIONS) // true: no site within 10 km
 */
export function especiallyDifficult(v: VillageProperties, nearestSiteM: number | null, o: CostOptions): boolean {
  if (typeof v.especiallyDifficult === 'boolean') return v.especiallyDifficult;
  if (o.difficultNoPower && v.electrified === false) return true;
  return nearestSiteM === null || nearestSiteM / 1000 >= o.difficultNoSiteWithinKm;
}

/** The build of a candidate as the cost model reads it. */
export function buildOf(kind: 'new' | 'upgrade', site: SiteFeature, base: SiteFeature | null): { kind: 'new' } | { kind: 'upgrade'; addedTechs: number; raised: boolean } {
  if (kind === 'new' || !base) return { kind: 'new' };
  const had = new Set(base.properties.cells.map((c) => c.tech));
  const added = new Set(site.properties.cells.map((c) => c.tech).filter((t) => !had.has(t))).size;
  return { kind: 'upgrade', addedTechs: added, raised: site.properties.antennaHeightM > base.properties.antennaHeightM };
}
