/**
 * Which network a request is about: `?scenario=ID` on any read (collections, tiles, statistics,
 * point, profile, downloads) selects a scenario, its absence (or `baseline`) the network as loaded.
 * A scenario's view — its sites, coverage, gaps and profiles — is made on first use, its coverage
 * evaluated in the background (scenarioEvaluation.ts), and kept in a bounded cache keyed by the
 * versions of the scenario and its bases, so an edit makes a new view and an old one ages out.
 */
import { LRUCache } from 'lru-cache';
import type { Feature } from 'geojson';
import { NotFoundError } from '../../core/errors';
import type { GapOptions } from '../../core/gaps/options';
import { operatorsOf } from '../../core/model/operators';
import type { SiteFeature, VillageFeature } from '../../core/model/types';
import { BASELINE } from '../../core/scenario/types';
import type { CoveragePipeline } from '../coverage/pipeline';
import { COLLECTION_DEFS } from '../data/collections';
import { withGapsCollection } from '../data/gapsRepository';
import { createMemoryRepository } from '../data/memoryRepository';
import type { FeatureRepository } from '../data/repository';
import { CoverageService } from './coverage';
import { FeatureService } from './features';
import { GapService, type GapServiceData } from './gaps';
import { ProfileService } from './profile';
import { evaluateScenario, type EvaluationReport } from './scenarioEvaluation';
import type { ScenarioService } from './scenarios';

/** Everything a read answers from, for one network. */
export interface NetworkView {
  /** 'baseline' or the scenario's id. */
  id: string;
  features: FeatureService;
  coverage?: CoverageService;
  gaps?: GapService;
  profiles?: ProfileService;
  /** The scenario's evaluation, once done. */
  report?: EvaluationReport;
}

export interface ScenarioViewDeps {
  /** Absent: no scenarios (only the baseline and its views limited to an operator). */
  scenarios?: ScenarioService;
  /** The feature collections as loaded (sites among them); a scenario's view replaces `sites`. */
  repository: FeatureRepository;
  title: string;
  /** With coverage: the pipeline, the villages and the gap data of the baseline. */
  coverage?: { pipeline: CoveragePipeline; baseline: CoverageService; villages: readonly VillageFeature[]; gapData?: GapServiceData };
  /** Evaluated scenarios kept (least recently used go first). */
  maxViews?: number; // 16
  /** Bytes of overlays kept, at most. */
  maxBytes?: number; // 1 GiB
  log?: (line: string) => void;
}

/**
 * @example
 * const views = new NetworkViews(baselineView, { scenarios, repository, title, coverage });
 * const { gaps } = await views.view('a1B2c3'); // 'baseline': the network as loaded
 */
export class NetworkViews {
  readonly baseline: NetworkView;
  private readonly _deps: ScenarioViewDeps | null;
  private readonly _views: LRUCache<string, NetworkView>;

  constructor(baseline: NetworkView, deps: ScenarioViewDeps | null = null) {
    this.baseline = baseline;
    this._deps = deps;
    this._views = new LRUCache<string, NetworkView>({
      max: deps?.maxViews ?? 16,
      maxSize: deps?.maxBytes ?? 1024 ** 3,
      sizeCalculation: (v) => Math.max(1, v.report?.bytes ?? 1),
    });
  }

  /** The view of scenario `id` ('baseline': the loaded network). */
  async view(id: string): Promise<NetworkView> {
    if (id === BASELINE) return this.baseline;
    const scenarios = this._deps?.scenarios;
    if (!scenarios) throw new NotFoundError(`scenario "${id}" does not exist: this server keeps no scenarios`);
    const stamp = await scenarios.stamp(id);
    const hit = this._views.get(stamp);
    if (hit) return hit;
    const resolved = await scenarios.resolve(id);
    if (!resolved) return this.baseline;
    return this._make(stamp, id, resolved.network.sites as SiteFeature[], resolved.network.gapOptions);
  }

  /**
   * The baseline as a partner limited to `operator` sees it: only that operator's sites, their
   * coverage (tiles, point, profile), the gaps and statistics of that network (evaluated like a
   * scenario that removes the other operators' sites, in the background, and kept like one).
   */
  async limited(operator: string): Promise<NetworkView> {
    const key = `operator:${operator}`;
    const sites = this._views.has(key) ? [] : (await this._baselineSites()).filter((f) => f.properties.operator === operator);
    return this._views.get(key) ?? this._make(key, BASELINE, sites, this.baseline.gaps?.options ?? {});
  }

  /** The operators of the network as loaded: the names limited() can be asked for (operatorsOf). */
  async operators(): Promise<string[]> {
    return operatorsOf(await this._baselineSites());
  }

  private async _baselineSites(): Promise<SiteFeature[]> {
    const provider = this.baseline.coverage?.provider;
    if (provider) return provider.sites as SiteFeature[];
    const all = await this._deps?.repository.list('sites', { limit: Number.MAX_SAFE_INTEGER, offset: 0 });
    return (all?.features ?? []) as SiteFeature[];
  }

  /** A view of the network with `sites` (and gap options), cached under `key`; `id` names it in links ('baseline': none). */
  private _make(key: string, id: string, sites: SiteFeature[], gapOptions: Partial<GapOptions>): NetworkView {
    const deps = this._deps;
    if (!deps) throw new Error('NetworkViews: no repository to make a view from');
    const view: NetworkView = { id, features: null as unknown as FeatureService };
    let repository = withSites(deps.repository, sites);
    if (deps.coverage) {
      const { pipeline, baseline, villages, gapData } = deps.coverage;
      const started = performance.now();
      const provider = evaluateScenario(pipeline, baseline.provider, sites, (report) => {
        view.report = report;
        deps.log?.(`${key.startsWith('operator:') ? `the network of ${key.slice(9)}` : `scenario ${id}`}: evaluated in ${report.seconds.toFixed(2)} s (${report.added} added, ${report.removed} removed, ${report.modified} changed; ${report.rasters} rasters, ${report.computed} computed; overlay ${(report.bytes / 2 ** 20).toFixed(1)} MiB, ${((performance.now() - started) / 1000).toFixed(2)} s since asked)`);
        if (this._views.has(key)) this._views.set(key, view); // now with its size
      });
      view.coverage = new CoverageService(provider);
      view.profiles = new ProfileService(pipeline.sourceDem, sites, villages, provider.options);
      if (gapData) {
        view.gaps = new GapService(view.coverage, gapData, gapOptions);
        repository = withGapsCollection(repository, view.gaps);
      }
    }
    view.features = new FeatureService(repository, deps.title, id === BASELINE ? null : id);
    this._views.set(key, view);
    return view;
  }
}

/** `inner` with collection `sites` replaced by `sites` (filters and bbox as the loaded one). */
function withSites(inner: FeatureRepository, sites: readonly SiteFeature[]): FeatureRepository {
  const def = COLLECTION_DEFS.find((d) => d.id === 'sites');
  if (!def) return inner;
  const own = createMemoryRepository([{ def, features: sites as readonly Feature[] }]);
  return {
    collections: () => inner.collections().map((c) => (c.id === 'sites' ? own.describe('sites') ?? c : c)),
    describe: (id) => (id === 'sites' ? own.describe(id) : inner.describe(id)),
    list: (id, q) => (id === 'sites' ? own.list(id, q) : inner.list(id, q)),
    get: (id, f) => (id === 'sites' ? own.get(id, f) : inner.get(id, f)),
  };
}
