/**
 * GET /api/scenarios/compare?a=…&b=…: two networks side by side — villages gained and lost, the
 * stations added, removed and changed, per commune and per operator, and what b's stations cost by
 * payer (each credited, in b's build order, with the villages it newly serves).
 */
import { PayerSplit } from './plans';
import { AREA_COUNTS } from './stats';
import { array, int, map, nullable, num, object, str, type Wire } from './schema';

const sideProperties = {
  id: { ...str, description: '"baseline" or the scenario id' },
  version: { ...str, description: 'The composite version its numbers come from' },
  ...AREA_COUNTS,
} as const;

/** A village gained or lost from a to b. */
const VillageChange = object({ id: str, name: str, communeId: str, communeName: nullable(str), population: int, households: int, electrified: { type: 'boolean' } });

/** A station added, removed or changed from a to b. */
const StationChange = object({
  id: str, name: str, operator: str, communeId: nullable(str), lon: num, lat: num,
  fields: array(str, 'Changed stations: what differs (position, antennaHeightM, cells, operator, power, backhaul, status, name)'),
}, ['fields']);

const signalAndPeople = object({ villagesWithSignal: int, populationCovered: int });
const payerTotal = object({ operator: num, fund: num, powerUtility: num, total: num });

/** What a station costs: build, power and backhaul, the choices made, and who pays. */
const CostedStation = object({
  id: str,
  kind: { type: 'string', enum: ['new', 'upgrade'] },
  operator: str,
  cost: object({
    currency: str,
    items: object({ build: num, power: num, backhaul: num }),
    total: num,
    power: object({ kind: { type: 'string', enum: ['grid', 'solar', 'existing'] }, km: num, cost: num }, ['km']),
    backhaul: object({ kind: { type: 'string', enum: ['fiber', 'microwave', 'satellite', 'existing'] }, km: num, toSiteId: str, cost: num }, ['km', 'toSiteId']),
  }),
  byPayer: PayerSplit,
  villagesServed: { ...int, description: 'Villages without signal in a that it newly serves (in b\'s build order)' },
  populationServed: int,
});

/** GET /api/scenarios/compare. */
export const Comparison = object({
  a: object(sideProperties),
  b: object(sideProperties),
  villagesGained: array(VillageChange),
  villagesLost: array(VillageChange),
  totals: object({
    villagesGained: int,
    villagesLost: int,
    net: { ...int, description: 'villagesGained − villagesLost = b.villagesWithSignal − a.villagesWithSignal' },
    populationGained: int,
    populationLost: int,
    householdsGained: int,
    householdsLost: int,
    withoutPowerGained: int,
    withoutPowerLost: int,
  }),
  stations: object({ added: array(StationChange), removed: array(StationChange), changed: array(StationChange) }),
  byCommune: array(object({ id: str, name: nullable(str), a: signalAndPeople, b: signalAndPeople, gained: int, lost: int })),
  byOperator: array(object({ operator: str, a: signalAndPeople, b: signalAndPeople, stationsAdded: int, stationsRemoved: int, stationsChanged: int, cost: payerTotal })),
  cost: object({
    currency: str,
    total: num,
    operator: num,
    fund: num,
    powerUtility: num,
    stations: array(CostedStation),
    byOperator: map(payerTotal),
  }),
});
export type Comparison = Wire<typeof Comparison>;
