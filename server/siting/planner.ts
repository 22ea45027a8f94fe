/**
 * A siting plan on a network (the baseline or a scenario): the gap villages in scope, the
 * candidates (high ground, by the villages, upgrades, the user's), what each serves — by the
 * coverage pipeline's own levels at the villages' cells (pipeline.levelsAt: no rasters), by the
 * gap analysis's one rule (core/gaps/serves.ts) — their power, backhaul and cost, the optimiser
 * (core/siting), and the answer: stations in build order, each with the villages it newly serves
 * and its cost by payer (as the comparison and the work orders count them: server/services/
 * stationCosts.ts), the curve, the bound and the gap.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { InputError } from '../../core/errors';
import { PowerLineIndex, SiteIndex } from '../../core/gaps/nearest';
import { resolveGapOptions, type GapOptions } from '../../core/gaps/options';
import { pointInPolygon } from '../../core/gaps/sampling';
import { cellsOf, creditInOrder, gapCellTable, hasSignal, servedBy, villageCellTable, villagesWithin, type ServeScope } from '../../core/gaps/serves';
import type { VillageStatus } from '../../core/gaps/types';
import type { DemGrid, SiteFeature, Tech, VillageFeature } from '../../core/model/types';
import { planSiting, type LpSolver, type SitingGoal, type SitingResult } from '../../core/siting';
import { resolveCandidateOptions, type CandidateOptions } from '../../core/siting/candidateOptions';
import { candidateSpots, candidateStations, upgradeCandidates, type GapPoint } from '../../core/siting/candidates';
import {
  backhaulChoice, buildOf, especiallyDifficult, powerChoice, resolveCostOptions, splitByPayer, stationCost,
  type BackhaulChoice, type CostOptions, type PayerSplit, type PowerChoice, type StationCost,
} from '../../core/siting/costs';
import { curveBounds } from '../../core/siting/curve';
import type { CoverageGrid } from '../../core/coverage/composite';
import { coverageSite, type CoveragePipeline } from '../coverage/pipeline';

/** What POST /api/plans asks, checked (plans.ts parses the body). */
export interface PlanRequest {
  /** Prefix of the generated candidates' ids (unique per plan, so a saved plan's stations clash with nothing). */
  idPrefix: string;
  objective: 'villages' | 'population';
  goal: SitingGoal;
  tech: Tech | null;
  operator: string | null;
  scenario: string | null;
  costs: Partial<CostOptions>;
  candidates: Partial<CandidateOptions>;
  /** Candidates the user gives (site features), besides the generated ones. */
  sites: SiteFeature[];
  timeLimitS: number;
}

/** The network the plan is made on. */
export interface PlanNetwork {
  sites: readonly SiteFeature[];
  villages: readonly VillageFeature[];
  powerLines: ConstructorParameters<typeof PowerLineIndex>[0];
  composite: CoverageGrid;
  status: readonly VillageStatus[];
  gapOptions: Partial<GapOptions>;
  /** The province outline: generated sites stay inside it. */
  outline: FeatureCollection<Polygon | MultiPolygon> | null;
}

export type CandidateKind = 'high-ground' | 'village' | 'upgrade' | 'given';

interface Candidate {
  id: string;
  kind: CandidateKind;
  station: SiteFeature;
  baseSiteId: string | null;
  addedTechs: Tech[];
  raisedToM: number | null;
  /** Gap village indices it serves. */
  serves: number[];
  cost: StationCost | null;
  /** Why it cannot be built or serves no one, when so. */
  excluded: string | null;
}

/** One proposed station of the answer (a feature's properties). */
export interface PlanStationProperties {
  id: string;
  order: number;
  kind: CandidateKind;
  name: string;
  operator: string;
  antennaHeightM: number;
  techs: string;
  /** For an upgrade: the existing site. */
  baseSiteId: string | null;
  addedTechs: Tech[];
  raisedToM: number | null;
  power: PowerChoice['kind'];
  gridKm: number | null;
  backhaul: BackhaulChoice['kind'];
  backhaulKm: number | null;
  backhaulToSiteId: string | null;
  villageIds: string[];
  addedVillageIds: string[];
  addedPeople: number;
  addedDifficultVillageIds: string[];
  currency: string;
  cost: number;
  costItems: StationCost['items'];
  costByPayer: PayerSplit;
  costPerVillage: number | null;
  costPerPerson: number | null;
  /** The station as a site (properties with cells), for saving as a scenario. */
  site: SiteFeature;
}

export interface PlanCurvePoint {
  k: number;
  villages: number;
  people: number;
  cost: number;
  /** Proven upper bound on the objective (villages or people) of any plan of k stations. */
  bound: number;
  /** Villages with signal after k stations, share of all villages (0…1). */
  villagesWithSignalShare: number;
}

export interface PlanAnswer {
  objective: 'villages' | 'population';
  goal: SitingGoal;
  tech: Tech | null;
  operator: string | null;
  scenario: string | null;
  currency: string;
  stations: FeatureCollection<Point, PlanStationProperties>;
  curve: PlanCurvePoint[];
  /** Weight served by the plan (villages or people), its bound, the relative gap, optimal or not. */
  objectiveValue: number;
  bound: number;
  boundKind: string;
  gap: number;
  optimal: boolean;
  method: string;
  cost: number;
  costByPayer: PayerSplit;
  gapVillages: number;
  servedVillages: number;
  servedPeople: number;
  /** Gap villages the plan does not serve although some candidate could (a k or budget limit). */
  notChosen: string[];
  unreachable: { id: string; name: string; reason: string }[];
  candidates: Record<CandidateKind, number> & { evaluated: number; excluded: number };
  villagesTotal: number;
  villagesWithSignalBefore: number;
  seconds: { candidates: number; serves: number; costs: number; optimise: number; total: number };
}

export type PlanProgress = (fraction: number, stage: string) => void;

/** Runs `f` over `items` with at most `width` in flight. */
async function pool<T>(items: readonly T[], width: number, f: (x: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await f(items[i], i);
    }
  }));
}

/**
 * Makes a plan. `solve`: HiGHS (server/siting/highsSolver.ts), or undefined for greedy + bounds only.
 *
 * @example
 * const answer = await makePlan(request, network, pipeline, highs.solve, (f, s) => job.progress = f);
 */
export async function makePlan(
  req: PlanRequest, net: PlanNetwork, pipeline: CoveragePipeline, solve: LpSolver | undefined, progress: PlanProgress = () => {},
): Promise<PlanAnswer> {
  const t0 = performance.now();
  const costO = resolveCostOptions(req.costs);
  const candO = resolveCandidateOptions(req.candidates);
  const gapO = resolveGapOptions({ ...net.gapOptions, tech: req.tech, operator: req.operator });
  const dem: DemGrid = pipeline.dem;
  if (net.composite.width !== dem.width || net.composite.height !== dem.height) throw new Error('plan: the composite is not on the pipeline\'s coverage grid');
  const byId = new Map(net.villages.map((v) => [String(v.properties.id), v]));

  // the gap villages in scope, their cells and what the network already gives those cells (the one rule: core/gaps/serves.ts)
  const gaps = gapCellTable(net.villages, net.status, net.composite, gapO);
  const gc = gaps.table;
  const scope = gaps.scope;
  const unreachable: PlanAnswer['unreachable'] = gaps.offGrid.map((i) => ({
    id: net.status[i].id, name: net.villages[i].properties.name, reason: 'outside the coverage grid (the DEM does not cover it): no station can be evaluated there',
  }));
  const gapIds = gaps.index.map((i) => net.status[i].id);
  const gapPoints: GapPoint[] = gaps.index.map((i) => ({ id: net.status[i].id, lon: net.status[i].lon, lat: net.status[i].lat }));
  const nGap = gapIds.length;

  // candidates
  progress(0.02, 'candidates');
  const outline = net.outline;
  const inside = outline && outline.features.length > 0
    ? (lon: number, lat: number) => outline.features.some((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).some((p) => pointInPolygon(p, lon, lat)))
    : () => true;
  const spots = candidateSpots(dem, gapPoints, candO, inside);
  const candidates: Candidate[] = [];
  for (const [k, f] of candidateStations(spots, candO, req.operator, req.idPrefix).entries()) {
    candidates.push({ id: f.properties.id, kind: spots[k].kind, station: f, baseSiteId: null, addedTechs: [], raisedToM: null, serves: [], cost: null, excluded: null });
  }
  const radiusM = pipeline.options.radiusM;
  for (const u of upgradeCandidates(net.sites, gapPoints, candO, radiusM, req.operator, req.idPrefix)) {
    candidates.push({ id: u.station.properties.id, kind: 'upgrade', station: u.station, baseSiteId: u.baseSiteId, addedTechs: u.addedTechs, raisedToM: u.raisedToM, serves: [], cost: null, excluded: null });
  }
  const taken = new Set(candidates.map((c) => c.id));
  for (const s of req.sites) {
    const id = s.properties.id;
    if (taken.has(id)) throw new InputError(`sites: candidate id ${JSON.stringify(id)} is given twice or clashes with a generated one`, 'sites');
    taken.add(id);
    candidates.push({ id, kind: 'given', station: s, baseSiteId: null, addedTechs: [], raisedToM: null, serves: [], cost: null, excluded: null });
  }
  const tCand = performance.now();

  // what each serves: its levels at the cells of the gap villages within its reach
  const siteById = new Map(net.sites.map((s) => [s.properties.id, s]));
  const statusById = new Map(net.status.map((s) => [s.id, s]));
  let done = 0;
  await pool(candidates, Math.max(2, (pipeline.pool?.size ?? 1) * 2), async (c) => {
    const [lon, lat] = c.station.geometry.coordinates;
    const near = villagesWithin(gc, lon, lat, radiusM);
    try {
      if (near.length > 0) {
        const levels = await pipeline.levelsAt(coverageSite(c.station), cellsOf(gc, near));
        c.serves = servedBy(levels, near, gc, scope);
      }
      if (c.kind === 'upgrade' && c.serves.length > 0 && c.raisedToM !== null) {
        const lost = await upgradeLoses(c, siteById.get(c.baseSiteId!)!, net, statusById, gapO, scope, pipeline);
        if (lost) c.excluded = `raising it would take signal from village ${lost}`;
      }
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      c.excluded = `cannot be evaluated: ${err.message}`;
    }
    done++;
    if (done % 10 === 0) progress(0.05 + 0.75 * (done / candidates.length), 'serves');
  });
  const tServe = performance.now();

  // power, backhaul, cost
  progress(0.8, 'costs');
  const lines = new PowerLineIndex(net.powerLines);
  const fibre = net.sites.filter((s) => s.properties.backhaul === 'fiber' && s.properties.status === 'existing');
  const fibreIndex = new SiteIndex(fibre.map((s) => s.geometry.coordinates), fibre.map((_, i) => i));
  const reach = Math.max(costO.fibreMaxKm, costO.microwaveMaxKm) * 1000;
  for (const c of candidates) {
    if (c.excluded || c.serves.length === 0) continue;
    const [lon, lat] = c.station.geometry.coordinates;
    const base = c.baseSiteId ? siteById.get(c.baseSiteId) ?? null : null;
    let power: PowerChoice | null;
    let backhaul: BackhaulChoice;
    if (base && base.properties.power !== 'none') power = { kind: 'existing', cost: 0 };
    else power = powerChoice(lines.distanceM(lon, lat), costO);
    if (!power) {
      c.excluded = `no power: the nearest line is beyond ${costO.gridMaxKm} km and solar is not allowed`;
      continue;
    }
    if (base && base.properties.backhaul !== 'none') backhaul = { kind: 'existing', cost: 0 };
    else {
      const near = fibreIndex.within(lon, lat, reach).map((x) => {
        const f = fibre[x.index];
        return { id: f.properties.id, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], antennaHeightM: f.properties.antennaHeightM, distanceM: x.distanceM };
      });
      backhaul = backhaulChoice(pipeline.sourceDem, lon, lat, c.station.properties.antennaHeightM, near, costO);
    }
    c.cost = stationCost(buildOf(c.kind === 'upgrade' ? 'upgrade' : 'new', c.station, base), power, backhaul, costO);
  }
  const tCost = performance.now();

  // the optimiser
  progress(0.85, 'optimise');
  const usable = candidates.filter((c) => !c.excluded && c.serves.length > 0 && c.cost);
  const people = gapIds.map((id) => Math.max(0, byId.get(id)!.properties.population || 0));
  const weights = req.objective === 'population' ? people : gapIds.map(() => 1);
  const instance = {
    weights, villageIds: gapIds,
    candidates: usable.map((c) => ({ id: c.id, cost: c.cost!.total, serves: Int32Array.from(c.serves) })),
  };
  const result: SitingResult = await planSiting(instance, req.goal, { timeLimitS: req.timeLimitS }, solve);
  const tOpt = performance.now();

  // the answer: stations in build order with what each adds and who pays
  const allSites = new SiteIndex(net.sites.map((s) => s.geometry.coordinates), net.sites.map((_, i) => i));
  const difficult = gapIds.map((id) => {
    const v = byId.get(id)!;
    const [lon, lat] = [statusById.get(id)!.lon, statusById.get(id)!.lat];
    const near = allSites.nearest(lon, lat, 1)[0];
    return especiallyDifficult(v.properties, near ? near.distanceM : null, costO);
  });
  const served = new Uint8Array(nGap);
  const features: Feature<Point, PlanStationProperties>[] = [];
  const totalByPayer: PayerSplit = { operator: 0, fund: 0, powerUtility: 0 };
  // what each newly serves: every village to the first station of the build order that serves it
  const credited = creditInOrder(result.chosenIndex.map((j) => usable[j].serves));
  result.chosenIndex.forEach((j, order) => {
    const c = usable[j];
    const added = credited[order];
    for (const v of added) served[v] = 1;
    const addedPeople = added.reduce((a, v) => a + people[v], 0);
    const difficultAdded = added.filter((v) => difficult[v]);
    const difficultPeople = difficultAdded.reduce((a, v) => a + people[v], 0);
    const cost = c.cost!;
    const split = splitByPayer(cost, addedPeople, difficultPeople);
    totalByPayer.operator += split.operator;
    totalByPayer.fund += split.fund;
    totalByPayer.powerUtility += split.powerUtility;
    const p = c.station.properties;
    const site: SiteFeature = {
      ...c.station,
      properties: {
        ...p, status: c.kind === 'upgrade' ? p.status : 'planned',
        power: cost.power.kind === 'existing' ? p.power : cost.power.kind,
        backhaul: cost.backhaul.kind === 'existing' ? p.backhaul : cost.backhaul.kind === 'fiber' ? 'fiber' : cost.backhaul.kind,
      },
    };
    features.push({
      type: 'Feature', id: c.id, geometry: c.station.geometry,
      properties: {
        id: c.id, order: order + 1, kind: c.kind, name: p.name, operator: p.operator, antennaHeightM: p.antennaHeightM,
        techs: [...new Set(p.cells.map((x) => x.tech))].sort().join(','), baseSiteId: c.baseSiteId, addedTechs: c.addedTechs, raisedToM: c.raisedToM,
        power: cost.power.kind, gridKm: cost.power.kind === 'grid' ? cost.power.km : null,
        backhaul: cost.backhaul.kind, backhaulKm: 'km' in cost.backhaul ? cost.backhaul.km : null,
        backhaulToSiteId: 'toSiteId' in cost.backhaul ? cost.backhaul.toSiteId : null,
        villageIds: c.serves.map((v) => gapIds[v]), addedVillageIds: added.map((v) => gapIds[v]), addedPeople,
        addedDifficultVillageIds: difficultAdded.map((v) => gapIds[v]),
        currency: costO.currency, cost: cost.total, costItems: cost.items, costByPayer: split,
        costPerVillage: added.length > 0 ? cost.total / added.length : null, costPerPerson: addedPeople > 0 ? cost.total / addedPeople : null,
        site,
      },
    });
  });

  // the curve, with a bound for every k; a k-station plan's proven bound caps every prefix's (its weights are the curve's)
  const bounds = curveBounds(instance, result.chosenIndex, req.goal.kind === 'k' ? result.bound : Infinity);
  const villagesTotal = net.status.length;
  const before = net.status.filter((s) => hasSignal(s, req.tech, req.operator)).length;
  const curve: PlanCurvePoint[] = [];
  {
    const hit = new Uint8Array(nGap);
    let nv = 0, np = 0, cost = 0;
    result.chosenIndex.forEach((j, i) => {
      const c = usable[j];
      cost += c.cost!.total;
      for (const v of c.serves) if (!hit[v]) { hit[v] = 1; nv++; np += people[v]; }
      curve.push({ k: i + 1, villages: nv, people: np, cost, bound: bounds[i], villagesWithSignalShare: villagesTotal > 0 ? (before + nv) / villagesTotal : 0 });
    });
  }
  const reachableSet = new Uint8Array(nGap);
  for (const c of usable) for (const v of c.serves) reachableSet[v] = 1;
  for (let v = 0; v < nGap; v++) {
    if (reachableSet[v]) continue;
    const vp = byId.get(gapIds[v])!.properties;
    const evaluatedNear = candidates.some((c) => c.serves.includes(v));
    unreachable.push({
      id: gapIds[v], name: vp.name,
      reason: evaluatedNear
        ? 'only candidates that cannot be built reach it (no power, or an upgrade that would cut others off)'
        : `no candidate within ${Math.round(radiusM / 1000)} km brings it to the threshold over the terrain: satellite or another means (a small cell, a repeater) is needed`,
    });
  }
  const counts = { 'high-ground': 0, village: 0, upgrade: 0, given: 0, evaluated: candidates.length, excluded: candidates.filter((c) => c.excluded).length } as PlanAnswer['candidates'];
  for (const c of candidates) counts[c.kind]++;
  const servedPeople = people.reduce((a, p, v) => a + (served[v] ? p : 0), 0);
  const tEnd = performance.now();
  return {
    objective: req.objective, goal: req.goal, tech: req.tech, operator: req.operator, scenario: req.scenario, currency: costO.currency,
    stations: { type: 'FeatureCollection', features },
    curve,
    objectiveValue: result.objective, bound: result.bound, boundKind: result.boundKind, gap: result.gap, optimal: result.optimal, method: result.method,
    cost: result.cost, costByPayer: totalByPayer,
    gapVillages: gaps.index.length + gaps.offGrid.length, servedVillages: served.reduce((a, x) => a + x, 0), servedPeople,
    notChosen: gapIds.filter((_, v) => reachableSet[v] && !served[v]),
    unreachable,
    candidates: counts,
    villagesTotal, villagesWithSignalBefore: before,
    seconds: {
      candidates: (tCand - t0) / 1000, serves: (tServe - tCand) / 1000, costs: (tCost - tServe) / 1000, optimise: (tOpt - tCost) / 1000, total: (tEnd - t0) / 1000,
    },
  };
}

/**
 * For an upgrade that raises the antenna: the first village that has signal now, has it only from
 * this site (every technology that reaches it has the site as its best server) and would lose it
 * at the new height; null when none would.
 */
async function upgradeLoses(
  c: Candidate, base: SiteFeature, net: PlanNetwork, statusById: Map<string, VillageStatus>, gapO: GapOptions, scope: ServeScope, pipeline: CoveragePipeline,
): Promise<string | null> {
  const atRisk: VillageStatus[] = [];
  for (const s of statusById.values()) {
    if (!hasSignal(s, gapO.tech, gapO.operator)) continue;
    const covering = scope.techs.filter((t) => s.byTech[t]);
    if (covering.length > 0 && covering.every((t) => s.bestSite[t] === base.properties.id)) atRisk.push(s);
  }
  if (atRisk.length === 0) return null;
  // the villages' cells as the gap analysis samples them, judged on the raised site alone
  const { table, index } = villageCellTable(atRisk.map((s) => net.villages[s.index]), pipeline.dem, gapO);
  const rows = index.map((_, v) => v);
  const levels = await pipeline.levelsAt(coverageSite(c.station), cellsOf(table, rows));
  const kept = new Set(servedBy(levels, rows, table, scope));
  const lost = rows.find((v) => !kept.has(v));
  return lost === undefined ? null : atRisk[index[lost]].id;
}
