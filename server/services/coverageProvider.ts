/**
 * Where the province coverage comes from, as the coverage routes see it: a provider that is
 * computing, ready or failed, and the composite once ready. `startLocalCoverage` is the simple
 * single-thread provider (site by site on the event loop, yielding between sites); the worker-pool
 * and disk-cache provider of server/coverage/ fulfils the same interface.
 */
import { createHash } from 'node:crypto';
import { createComposite, mergeSiteCoverage, siteCoverage, type Composite, type CoverageOptions } from '../../core/coverage';
import { resolveCoverageOptions } from '../../core/coverage/options';
import type { SiteCoverage } from '../../core/coverage/types';
import type { DemGrid, SiteFeature, SiteProperties } from '../../core/model/types';

export interface CoverageStatus {
  state: 'computing' | 'ready' | 'failed';
  /** Sites merged so far, and in all. */
  done: number;
  total: number;
  /** Why it failed (state 'failed'). */
  error?: string;
}

export interface CoverageProvider {
  status(): CoverageStatus;
  /** The composite once ready, else null. */
  composite(): Composite | null;
  /** The sites in the composite's order. */
  readonly sites: readonly SiteFeature[];
  /** A short hash of the inputs (DEM grid, sites, options): changes whenever the composite would. */
  readonly version: string;
  /** The options the composite was computed with. */
  readonly options: Readonly<CoverageOptions>;
  /** Stops a computation under way (the server closes). */
  close?(): void;
  /**
   * One site's coverage off the event loop (the worker pool), for previews; absent = computed on
   * this thread.
   */
  siteCoverage?(dem: DemGrid, site: SiteProperties & { lon: number; lat: number }, options: Partial<CoverageOptions>): Promise<SiteCoverage>;
}

/**
 * A short, stable hash of what a composite depends on.
 *
 * @example
 * coverageVersion(dem, sites, options) // 'k3J9x0aQ2c1T'
 */
export function coverageVersion(dem: DemGrid, sites: readonly SiteFeature[], options: Readonly<CoverageOptions>): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([dem.width, dem.height, dem.transform, options]));
  h.update(Buffer.from(dem.data.buffer, dem.data.byteOffset, dem.data.byteLength));
  for (const s of sites) h.update(JSON.stringify([s.geometry.coordinates, s.properties.id, s.properties.operator, s.properties.antennaHeightM, s.properties.cells]));
  return h.digest('base64url').slice(0, 12);
}

/** A provider whose composite is given (tests, or a composite loaded from a cache). */
export function readyCoverage(composite: Composite, sites: readonly SiteFeature[], options: Readonly<CoverageOptions>, version: string): CoverageProvider {
  const total = sites.length;
  return { sites, version, options, status: () => ({ state: 'ready', done: total, total }), composite: () => composite };
}

/**
 * Computes the composite of `sites` over `dem` in the background on this thread, one site per
 * macrotask so requests are still answered (slowly) meanwhile. `log` gets progress lines.
 *
 * @example
 * const provider = startLocalCoverage(dem3s, sites, { modelId: 'itm' }, console.log);
 * provider.status() // { state: 'computing', done: 12, total: 1217 }
 */
export function startLocalCoverage(
  dem: DemGrid,
  sites: readonly SiteFeature[],
  options: Partial<CoverageOptions> = {},
  log: (line: string) => void = () => {},
): CoverageProvider {
  const o = resolveCoverageOptions(options);
  const comp = createComposite(dem, o.thresholdsDbm);
  const status: CoverageStatus = { state: 'computing', done: 0, total: sites.length };
  const started = performance.now();
  let lastLog = started;
  let stopped = false;
  const step = (i: number): void => {
    if (stopped) return;
    if (i >= sites.length) {
      status.state = 'ready';
      log(`coverage: ${sites.length} sites ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return;
    }
    const f = sites[i];
    try {
      const [lon, lat] = f.geometry.coordinates;
      mergeSiteCoverage(comp, siteCoverage(dem, { ...f.properties, lon, lat }, o));
    } catch (err) {
      // a site off the DEM is skipped, not fatal
      log(`coverage: site ${f.properties.id} skipped: ${err instanceof Error ? err.message : String(err)}`);
    }
    status.done = i + 1;
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      log(`coverage: ${status.done}/${status.total} sites (${Math.round((100 * status.done) / status.total)} %)`);
    }
    setImmediate(step, i + 1);
  };
  log(`coverage: computing ${sites.length} sites on a ${dem.width} × ${dem.height} grid (${o.modelId}, radius ${o.radiusM / 1000} km)`);
  setImmediate(step, 0);
  return {
    sites,
    options: o,
    version: coverageVersion(dem, sites, o),
    status: () => ({ ...status }),
    composite: () => (status.state === 'ready' ? comp : null),
    close: () => {
      stopped = true;
    },
  };
}
