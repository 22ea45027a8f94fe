/**
 * GET /api/stats (villages with and without signal, population covered — per technology, per
 * operator, per commune) and GET /api/health.
 */
import { CoverageStatus } from './coverage';
import { array, int, map, nullable, num, object, str, type Wire } from './schema';

/** Villages with signal and population covered, for one scope (a technology or an operator). */
export const ScopeCount = object({ villagesWithSignal: int, villagesWithoutSignal: int, populationCovered: int });

/** The counts of an area (a province, a commune, one side of a comparison). */
export const AREA_COUNTS = {
  villages: int,
  villagesWithSignal: int,
  villagesWithoutSignal: int,
  villagesWithoutPower: { ...int, description: 'Villages not electrified (all)' },
  villagesWithoutSignalWithoutPower: { ...int, description: 'Villages not electrified and without signal' },
  population: int,
  populationCovered: int,
  households: int,
  householdsCovered: int,
  shareWithSignal: { ...num, description: 'villagesWithSignal / villages, 0–1 (four decimals; 0 when there is no village)' },
} as const;

const areaProperties = {
  ...AREA_COUNTS,
  byTech: object({ '2G': ScopeCount, '3G': ScopeCount, '4G': ScopeCount, '5G': ScopeCount }),
  byOperator: map(ScopeCount, 'By operator of the sites'),
} as const;

/** The figures of one area (the province, a commune). */
export const AreaStats = object(areaProperties);
export type AreaStats = Wire<typeof AreaStats>;

/** GET /api/stats. */
export const Stats = object({
  version: { ...str, description: 'The composite version the numbers come from' },
  ...areaProperties,
  communes: array(object({ id: { ...str, description: 'Official commune code' }, name: nullable(str), ...areaProperties })),
});
export type Stats = Wire<typeof Stats>;

/** GET /api/health. */
export const Health = object({
  status: { type: 'string', enum: ['ok'] },
  name: { ...str, description: 'The data\'s name (its manifest)' },
  collections: map(int, 'Features per collection'),
  dem: object({ width: int, height: int, bounds: array(num, '[west, south, east, north], degrees'), minM: num, maxM: num }),
  coverage: CoverageStatus,
}, ['coverage']);
export type Health = Wire<typeof Health>;
