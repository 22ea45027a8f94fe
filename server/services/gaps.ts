/**
 * The gap service: village status and the gap list from the province composite of the coverage
 * provider (core/gaps), memoised per composite version, and the statistics of /api/stats.
 * While the composite computes every method throws CoverageNotReady (503 with progress).
 */
import { findGaps, resolveGapOptions, villageStatus, type Gap, type GapOptions, type VillageStatus } from '../../core/gaps';
import { TECHS, type CommuneFeature, type PowerLineFeature, type Tech, type VillageFeature } from '../../core/model/types';
import { InputError, NotFoundError } from '../../core/errors';
import type { CoverageService } from './coverage';
import { gapStatistics, type GapStatistics } from '../../core/gaps/statistics';

export interface GapServiceData {
  villages: readonly VillageFeature[];
  communes: readonly CommuneFeature[];
  powerLines: readonly PowerLineFeature[];
}

/** Filters of the gap list (all optional; null = no filter). */
export interface GapQuery {
  communeId: string | null;
  tech: Tech | null;
  operator: string | null;
  electrified: boolean | null;
  minPopulation: number;
}

export const NO_GAP_FILTER: Readonly<GapQuery> = Object.freeze({ communeId: null, tech: null, operator: null, electrified: null, minPopulation: 0 });

/**
 * @example
 * const gaps = new GapService(coverage, { villages, communes, powerLines });
 * gaps.list({ ...NO_GAP_FILTER, tech: '4G' })[0].score // the highest priority without 4G
 */
export class GapService {
  readonly coverage: CoverageService;
  readonly data: GapServiceData;
  readonly options: Readonly<Partial<GapOptions>>;
  private _version: string | null = null;
  private _status: VillageStatus[] | null = null;
  private _stats: GapStatistics | null = null;
  /** Unfiltered gap lists per scope ("any", "4G", "Viettel", "4G|Viettel") of the current version. */
  private readonly _byScope = new Map<string, Gap[]>();
  /** The same analysis under other village rules (withRule), at most 8. */
  private readonly _variants = new Map<string, GapService>();
  /** Milliseconds of the last village-status computation (diagnostics). */
  lastStatusMs = 0;

  constructor(coverage: CoverageService, data: GapServiceData, options: Partial<GapOptions> = {}) {
    resolveGapOptions(options); // fail at start-up, not per request
    this.coverage = coverage;
    this.data = data;
    this.options = options;
  }

  /**
   * The same analysis under another village rule ('point', or 'area' with its share), made once
   * and kept: `this` when the rule is this service's.
   *
   * @example
   * gaps.withRule({ rule: 'area', minAreaShare: 0.5 }).list()
   */
  withRule(rule: Readonly<Pick<GapOptions, 'rule' | 'minAreaShare'>>): GapService {
    const own = resolveGapOptions(this.options);
    if (rule.rule === own.rule && (rule.rule === 'point' || rule.minAreaShare === own.minAreaShare)) return this;
    const key = `${rule.rule}|${rule.rule === 'area' ? rule.minAreaShare : ''}`;
    let v = this._variants.get(key);
    if (!v) {
      v = new GapService(this.coverage, this.data, { ...this.options, rule: rule.rule, ...(rule.rule === 'area' ? { minAreaShare: rule.minAreaShare } : {}) });
      if (this._variants.size >= 8) this._variants.delete(this._variants.keys().next().value as string);
      this._variants.set(key, v);
    }
    return v;
  }

  /** Operators of the sites, sorted. */
  operators(): string[] {
    return this.coverage.operators();
  }

  /** Communes' codes. */
  communeIds(): string[] {
    return this.data.communes.map((c) => c.properties.id);
  }

  /** The village statuses of the current composite (throws CoverageNotReady while computing). */
  status(): VillageStatus[] {
    const comp = this.coverage.ready();
    this._fresh();
    if (!this._status) {
      const t0 = performance.now();
      this._status = villageStatus(this.data.villages, comp, this.options);
      this.lastStatusMs = performance.now() - t0;
    }
    return this._status;
  }

  /** The gaps matching `q`, sorted by score (highest first), then id. */
  list(q: Readonly<GapQuery> = NO_GAP_FILTER): Gap[] {
    const comp = this.coverage.ready();
    const status = this.status();
    const scope = q.tech && q.operator ? `${q.tech}|${q.operator}` : (q.tech ?? q.operator ?? 'any');
    let all = this._byScope.get(scope);
    if (!all) {
      all = findGaps(
        { villages: this.data.villages, sites: this.coverage.provider.sites, powerLines: this.data.powerLines, communes: this.data.communes, composite: comp, status },
        { ...this.options, tech: q.tech, operator: q.operator },
      );
      this._byScope.set(scope, all);
    }
    return all.filter(
      (g) =>
        (q.communeId === null || g.communeId === q.communeId) &&
        (q.electrified === null || g.electrified === q.electrified) &&
        (q.minPopulation <= 0 || g.population >= q.minPopulation),
    );
  }

  /** One gap (no signal of any technology) by village id; 404 when the village has signal or does not exist. */
  get(id: string, q: Readonly<GapQuery> = NO_GAP_FILTER): Gap {
    const g = this.list({ ...q, communeId: null, electrified: null, minPopulation: 0 }).find((x) => x.id === id);
    if (g) return g;
    const exists = this.data.villages.some((v) => String(v.properties.id) === id);
    throw new NotFoundError(exists
      ? `village "${id}" has signal, so it is not in collection "gaps"`
      : `feature "${id}" does not exist in collection "gaps" (no village has this id)`);
  }

  /** Statistics of /api/stats. */
  stats(): GapStatistics {
    const status = this.status();
    this._stats ??= gapStatistics(this.data.villages, status, this.data.communes, this.operators(), this.coverage.provider.version);
    return this._stats;
  }

  /** Drops the memos when the composite version changed. */
  private _fresh(): void {
    const v = this.coverage.provider.version;
    if (v === this._version) return;
    this._version = v;
    this._status = null;
    this._stats = null;
    this._byScope.clear();
  }
}

/**
 * Validates the gap filters given as text (query string or command line), with exact messages.
 *
 * @example
 * parseGapQuery({ tech: '4g', minPopulation: '100' }, ['Viettel'], ['01']) // { tech: '4G', minPopulation: 100, … }
 */
export function parseGapQuery(raw: Record<string, string | undefined>, operators: readonly string[], communeIds: readonly string[]): GapQuery {
  const q: GapQuery = { ...NO_GAP_FILTER };
  const given = (k: string): string | undefined => {
    const v = raw[k];
    return v === undefined || v === '' ? undefined : v;
  };
  const commune = given('communeId');
  if (commune !== undefined) {
    if (!communeIds.includes(commune)) throw new InputError(`communeId: no commune has code ${JSON.stringify(commune)}; see /collections/communes/items for the codes`, 'communeId');
    q.communeId = commune;
  }
  const tech = given('tech');
  if (tech !== undefined) {
    const t = tech.toUpperCase();
    if (!(TECHS as readonly string[]).includes(t)) throw new InputError(`tech: expected one of ${TECHS.join(', ')}, got ${JSON.stringify(tech)}`, 'tech');
    q.tech = t as Tech;
  }
  const op = given('operator');
  if (op !== undefined) {
    const found = operators.find((o) => o.toLowerCase() === op.toLowerCase());
    if (!found) throw new InputError(`operator: expected one of ${operators.join(', ')}, got ${JSON.stringify(op)}`, 'operator');
    q.operator = found;
  }
  const el = given('electrified');
  if (el !== undefined) {
    if (el !== 'true' && el !== 'false') throw new InputError(`electrified: expected true or false, got ${JSON.stringify(el)}`, 'electrified');
    q.electrified = el === 'true';
  }
  const mp = given('minPopulation');
  if (mp !== undefined) {
    if (!/^\d{1,9}$/.test(mp)) throw new InputError(`minPopulation: expected a whole number of people ≥ 0, got ${JSON.stringify(mp)}`, 'minPopulation');
    q.minPopulation = Number(mp);
  }
  return q;
}

/**
 * The village rule given as text (`rule=point|area`, `minAreaShare=0.5`), with exact messages;
 * `def` (the service's own) for what is not given.
 *
 * @example
 * parseGapRule({ rule: 'area', minAreaShare: '0.3' }, { rule: 'point', minAreaShare: 0.5 }) // { rule: 'area', minAreaShare: 0.3 }
 */
export function parseGapRule(raw: { rule?: string; minAreaShare?: string }, def: Pick<GapOptions, 'rule' | 'minAreaShare'>): Pick<GapOptions, 'rule' | 'minAreaShare'> {
  const rule = raw.rule === undefined || raw.rule === '' ? def.rule : raw.rule;
  if (rule !== 'point' && rule !== 'area') throw new InputError(`rule: expected point (the settlement point's cell) or area (the share of the village boundary's cells), got ${JSON.stringify(rule)}`, 'rule');
  let share = def.minAreaShare;
  if (raw.minAreaShare !== undefined && raw.minAreaShare !== '') {
    if (rule !== 'area') throw new InputError('minAreaShare: only with rule=area', 'minAreaShare');
    const v = /^(0(\.\d{1,6})?|1(\.0{1,6})?|\.\d{1,6})$/.test(raw.minAreaShare) ? Number(raw.minAreaShare) : NaN;
    if (!(v > 0 && v <= 1)) throw new InputError(`minAreaShare: expected a share 0 < s ≤ 1 of the village's cells (e.g. 0.5), got ${JSON.stringify(raw.minAreaShare)}`, 'minAreaShare');
    share = v;
  }
  return { rule, minAreaShare: share };
}
