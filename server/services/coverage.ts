/**
 * The coverage service behind /tiles/coverage, /api/coverage/*: wraps a CoverageProvider, answers
 * 503 with progress while it computes, renders tiles, legends and point queries from the composite.
 */
import { signalLegend } from '../../core/color/signalRamp';
import { asGrid, bestSiteId, compositeKey, type CoverageGrid } from '../../core/coverage';
import type { SiteFeature } from '../../core/model/types';
import { TECHS, type Tech } from '../../core/model/types';
import { InputError, NotFoundError, NotReadyError } from '../../core/errors';
import type { CoverageProvider, CoverageStatus } from './coverageProvider';
import { CoverageTiles, type CoverageTile } from './coverageTiles';
import { operatorsOf } from '../../core/model/operators';
import type { CoverageLegend, CoverageStatus as CoverageStatusAnswer, PointAnswer, PointServer } from '../../core/wire/coverage';

/** The composite is not there yet (or failed): the HTTP layer answers 503 (500 when failed) with the progress. */
export class CoverageNotReady extends NotReadyError {
  constructor(s: CoverageStatus) {
    const pct = s.total > 0 ? Math.floor((100 * s.done) / s.total) : 0;
    super(
      s.state === 'failed'
        ? `the coverage computation failed (${s.error ?? 'see the server log'}); restart the server after fixing the cause`
        : `coverage is being computed: ${s.done} of ${s.total} sites (${pct} %); retry in a few seconds`,
      s,
    );
  }
}

export type { PointAnswer, PointServer } from '../../core/wire/coverage';
/** One technology's row of a point answer. */
export type PointTech = PointAnswer['techs'][number];

/**
 * @example
 * const service = new CoverageService(provider);
 * service.point(106.25, 22.66).techs[2].levelDbm // −92.4
 */
export class CoverageService {
  readonly provider: CoverageProvider;
  private _tiles: CoverageTiles | null = null;
  private readonly _operators: string[];
  private readonly _sites: Map<string, SiteFeature>;

  constructor(provider: CoverageProvider) {
    this.provider = provider;
    this._operators = operatorsOf(provider.sites);
    this._sites = new Map(provider.sites.map((s) => [s.properties.id, s]));
  }

  /** Operators present in the sites, sorted. */
  operators(): string[] {
    return this._operators;
  }

  status(): CoverageStatusAnswer {
    const s = this.provider.status();
    return { ...s, percent: s.total > 0 ? Math.floor((100 * s.done) / s.total) : 100, version: this.provider.version };
  }

  /** The composite, or throws CoverageNotReady. */
  ready(): CoverageGrid {
    const comp = this.provider.composite();
    if (!comp) throw new CoverageNotReady(this.provider.status());
    return asGrid(comp);
  }

  tile(z: number, x: number, y: number, tech: Tech, operator: string | null): CoverageTile {
    const comp = this.ready();
    this._tiles ??= new CoverageTiles(comp, this.provider.version);
    return this._tiles.tile(z, x, y, tech, operator);
  }

  legend(tech: Tech): CoverageLegend {
    return { ...signalLegend(tech, this.provider.options.thresholdsDbm[tech]), modelId: this.provider.options.modelId, version: this.provider.version };
  }

  /** Levels and best servers at a point; 404 outside the coverage grid. */
  point(lon: number, lat: number): PointAnswer {
    const comp = this.ready();
    const t = comp.transform;
    const col = Math.floor((lon - t[0]) / t[1]);
    const row = Math.floor((lat - t[3]) / t[5]);
    if (col < 0 || row < 0 || col >= comp.width || row >= comp.height) {
      const b = [t[0], t[3] + comp.height * t[5], t[0] + comp.width * t[1], t[3]].map((v) => +v.toFixed(5));
      throw new NotFoundError(`no coverage at lon ${lon}, lat ${lat}: the point is outside the computed grid [${b.join(', ')}] (west, south, east, north)`);
    }
    const j = row * comp.width + col;
    const server = (layerKey: string): PointServer | null => {
      const layer = comp.layer(layerKey);
      const v = layer?.best(j);
      const id = layer ? bestSiteId(comp, layer, j) : null;
      const site = id === null ? undefined : this._sites.get(id)?.properties;
      if (!layer || v === undefined || v !== v || !site) return null;
      return { siteId: site.id, operator: site.operator, levelDbm: Math.round(v * 10) / 10 };
    };
    const techs: PointTech[] = TECHS.map((tech) => {
      const thresholdDbm = comp.thresholdsDbm[tech];
      const best = server(compositeKey(tech));
      const byOperator = this._operators.map((op) => server(compositeKey(tech, op))).filter((s): s is PointServer => s !== null);
      byOperator.sort((a, b) => b.levelDbm - a.levelDbm);
      const count = comp.layer(compositeKey(tech))?.count(j) ?? 0;
      return {
        tech, quantity: signalLegend(tech, thresholdDbm).quantity, thresholdDbm,
        levelDbm: best?.levelDbm ?? null, covered: best !== null && best.levelDbm >= thresholdDbm,
        serverCount: count, best, byOperator,
      };
    });
    let bestServer: PointAnswer['bestServer'] = null;
    for (const p of techs) {
      if (!p.best) continue;
      const margin = p.best.levelDbm - p.thresholdDbm;
      if (!bestServer || margin > bestServer.levelDbm - comp.thresholdsDbm[bestServer.tech]) bestServer = { ...p.best, tech: p.tech };
    }
    return { lon, lat, techs, bestServer };
  }
}

/**
 * The `tech` query value: one of 2G, 3G, 4G, 5G (case-insensitive); `def` when absent.
 *
 * @example
 * parseTech('4g') // '4G'
 */
export function parseTech(text: string | undefined, def?: Tech): Tech {
  if (text === undefined && def) return def;
  const t = String(text ?? '').toUpperCase();
  if ((TECHS as readonly string[]).includes(t)) return t as Tech;
  throw new InputError(`tech: expected one of ${TECHS.join(', ')}, got ${text === undefined ? 'nothing' : JSON.stringify(text)}`, 'tech');
}
