/**
 * What the report reads from the server, all same-origin: the comparison (GET
 * /api/scenarios/compare), the scenarios' names, the work orders of the "after" side (its stations
 * with commune, operator, kind and the villages each serves), and the map data (communes, outline,
 * villages, the "after" stations and villages without signal).
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { SiteProperties, VillageProperties } from '../../core/model/types';
import { fetchCollection } from '../api/features';
import { getJson, whenReady as waitReady } from '../api/http';
import { compareNetworks } from '../api/compare';
import { health as serverHealth } from '../api/server';
import type { Comparison } from '../../core/wire';
import { getScenario } from '../api/scenario';
import type { Lang } from '../map/urlState';
import type { ReportMapData, VillageFate } from './map';
import { rt } from './text';

/** The comparison as GET /api/scenarios/compare answers it (the contract's). */
export type ComparisonDoc = Comparison;

/** One row of the stations table. */
export interface StationRow {
  /** Its number in the table and on the map. */
  number: number;
  stationId: string;
  commune: string | null;
  operator: string;
  /** In the report's language (the work orders' words). */
  kind: string;
  villagesServed: number;
  villageNames: string;
  power: SiteProperties['power'] | null;
  /** What it costs and who pays, in `currency`. */
  cost: { currency: string; total: number; operator: number; fund: number; powerUtility: number };
}

export interface ReportData {
  mode: 'scenario' | 'compare';
  lang: Lang;
  ids: { a: string; b: string };
  names: { a: string; b: string };
  /** The dataset's name, e.g. "Cao Bằng (demo)". */
  area: string;
  comparison: ComparisonDoc;
  orders: StationRow[];
  /** Some villages or stations are synthetic (the demo): the data note says what. */
  synthetic: boolean;
  map: ReportMapData;
}

/** How long the page waits for a scenario being evaluated (the server answers 503 meanwhile). */
const EVALUATION_WAIT_MS = 10 * 60_000;

/** `read()` again while the server answers 503 (a scenario being evaluated), up to EVALUATION_WAIT_MS. */
const whenReady = <T>(read: () => Promise<T>): Promise<T> => waitReady(read, () => {}, { everyMs: 2000, timeoutMs: EVALUATION_WAIT_MS });

type OrderProps = {
  priority: number; station_id: string; operator: string; kind: string; commune_name: string | null; villages_served: number; village_names: string | null;
  currency: string; cost: number; cost_operator: number; cost_fund: number; cost_power_utility: number;
};

/**
 * The report's data for `?scenario=ID` or `?a=&b=`.
 *
 * @example
 * const data = await loadReport(new URLSearchParams('scenario=s1&lang=vi'), 'vi');
 */
export async function loadReport(params: URLSearchParams, lang: Lang): Promise<ReportData> {
  const scenario = params.get('scenario');
  const mode = scenario ? 'scenario' : 'compare';
  let a: string, b: string;
  if (scenario) {
    b = scenario;
    a = (await getScenario(scenario)).body.base;
  } else {
    a = params.get('a') ?? '';
    b = params.get('b') ?? '';
    if (!a || !b) throw new Error('give ?scenario=ID, or ?a=ID&b=ID (either may be "baseline")');
  }
  const name = async (id: string) => (id === 'baseline' ? rt(lang, 'baseline') : (await getScenario(id)).body.name);
  const scope = (id: string) => (id === 'baseline' ? null : id);
  const q = (s: string) => encodeURIComponent(s);
  // the comparison first: it waits for both sides' evaluation, after which every other read is quick
  const comparison = await whenReady(() => compareNetworks(a, b));
  const [nameA, nameB, health, communes, outline, villages, sites, gaps, orders] = await Promise.all([
    name(a), name(b),
    serverHealth(),
    fetchCollection<FeatureCollection>('communes', null),
    fetchCollection<FeatureCollection>('province', null).catch(() => ({ type: 'FeatureCollection', features: [] }) as FeatureCollection),
    fetchCollection<FeatureCollection<Point, VillageProperties>>('villages', null),
    fetchCollection<FeatureCollection<Point, SiteProperties>>('sites', scope(b)),
    whenReady(() => fetchCollection<FeatureCollection<Point, { id?: string }>>('gaps', scope(b))),
    b === 'baseline' ? Promise.resolve({ type: 'FeatureCollection', features: [] } as FeatureCollection<Point, OrderProps>)
      : whenReady(() => getJson<FeatureCollection<Point, OrderProps>>(`/api/scenarios/${q(b)}/work-orders?lang=${lang}`, 'application/geo+json')),
  ]);

  // the stations the plan adds or changes from a to b, in b's build order
  const plan = new Set([...comparison.stations.added, ...comparison.stations.changed].map((s) => s.id));
  const siteById = new Map(sites.features.map((f) => [String(f.properties.id), f.properties]));
  const rows: StationRow[] = orders.features.filter((f) => plan.has(f.properties.station_id)).map((f, i) => ({
    number: i + 1, stationId: f.properties.station_id, commune: f.properties.commune_name, operator: f.properties.operator, kind: f.properties.kind,
    villagesServed: f.properties.villages_served, villageNames: f.properties.village_names ?? '', power: siteById.get(f.properties.station_id)?.power ?? null,
    cost: { currency: f.properties.currency, total: f.properties.cost, operator: f.properties.cost_operator, fund: f.properties.cost_fund, powerUtility: f.properties.cost_power_utility },
  }));

  const gained = new Set(comparison.villagesGained.map((v) => v.id));
  const lost = new Set(comparison.villagesLost.map((v) => v.id));
  const without = new Set(gaps.features.map((f) => String(f.properties.id ?? f.id)));
  const fate = (id: string): VillageFate => (gained.has(id) ? 'gained' : lost.has(id) ? 'lost' : without.has(id) ? 'without' : 'with');
  const points: Feature<Point, { fate: VillageFate }>[] = villages.features.filter((f) => f.geometry?.type === 'Point').map((f) => ({
    type: 'Feature', geometry: f.geometry, properties: { fate: fate(String(f.properties.id)) },
  }));
  const synthetic = villages.features.some((f) => (f.properties as { synthetic?: boolean }).synthetic === true) || sites.features.some((f) => (f.properties as { synthetic?: boolean }).synthetic === true);

  return {
    mode, lang, ids: { a, b }, names: { a: nameA, b: nameB }, area: health.name, comparison, orders: rows, synthetic,
    map: { communes, outline, villages: { type: 'FeatureCollection', features: points }, sites, planNumbers: new Map(rows.map((r) => [r.stationId, r.number])) },
  };
}
