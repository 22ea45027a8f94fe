/**
 * Evaluation of a scenario's coverage: its network compared with the baseline's, only the changed
 * sites' rasters read or computed on the one coverage pipeline (the others come from nowhere: the
 * baseline composite already holds them), and the scenario's grid derived from the baseline's as
 * an overlay of what differs (core/coverage/overlay.ts). Runs in the background: the provider says
 * "computing" with progress until the overlay is there.
 */
import { asGrid, type CoverageGrid } from '../../core/coverage';
import { deriveGrid, recomputeWindows, type CellWindow, type OverlayGrid } from '../../core/coverage/overlay';
import type { SiteCoverage } from '../../core/coverage/types';
import { InputError } from '../../core/errors';
import { METRES_PER_DEGREE } from '../../core/geo/geodesy';
import type { SiteFeature } from '../../core/model/types';
import { coverageSite, type CoveragePipeline } from '../coverage/pipeline';
import type { CoverageProvider, CoverageStatus } from './coverageProvider';

/** What an evaluation did, for logs, benchmarks and the memory report. */
export interface EvaluationReport {
  /** Sites removed, added and changed against the baseline. */
  removed: number;
  added: number;
  modified: number;
  /** Rasters read from the cache or computed (changed sites, and the neighbours of removed best servers). */
  rasters: number;
  /** Of them computed (not in the cache). */
  computed: number;
  /** Bytes of the overlay (the baseline is shared). */
  bytes: number;
  patchedCells: number;
  seconds: number;
}

/** The radio parameters that decide a site's raster and the layers it feeds. */
const radioKey = (f: SiteFeature): string => JSON.stringify([f.geometry.coordinates, f.properties.operator, f.properties.antennaHeightM, f.properties.cells]);

/**
 * The scenario's coverage provider: computing until its overlay over the baseline is derived.
 *
 * @example
 * const provider = evaluateScenario(pipeline, baseline, scenarioSites, (r) => log(`${r.seconds} s`));
 * provider.status() // { state: 'computing', done: 3, total: 41 }
 */
export function evaluateScenario(
  pipeline: CoveragePipeline,
  baseline: CoverageProvider,
  sites: readonly SiteFeature[],
  onDone: (report: EvaluationReport, grid: OverlayGrid) => void = () => {},
): CoverageProvider {
  const status: CoverageStatus = { state: 'computing', done: 0, total: 0 };
  let grid: CoverageGrid | null = null;
  const before = new Map(baseline.sites.map((f) => [f.properties.id, f]));
  const after = new Map(sites.map((f) => [f.properties.id, f]));
  const out: SiteFeature[] = []; // taken out: removed, or the old version of a changed site
  const put: SiteFeature[] = []; // put in: added, or the new version
  let modified = 0;
  for (const [id, f] of before) {
    const g = after.get(id);
    if (!g) out.push(f);
    else if (radioKey(f) !== radioKey(g)) {
      out.push(f);
      put.push(g);
      modified++;
    }
  }
  for (const [id, g] of after) if (!before.has(id)) put.push(g);
  status.total = out.length + put.length;

  // until the baseline is there, the scenario is as far as the baseline
  let waiting = true;
  const run = async (): Promise<void> => {
    while (baseline.status().state === 'computing') await new Promise((r) => setTimeout(r, 200));
    const base = baseline.composite();
    if (!base) throw new Error(`the baseline coverage failed: ${baseline.status().error ?? 'see the server log'}`);
    waiting = false;
    const t0 = performance.now();
    const computedBefore = pipeline.computed;
    const raster = async (f: SiteFeature): Promise<SiteCoverage | null> => {
      try {
        return await pipeline.site(coverageSite(f));
      } catch (err) {
        if (err instanceof InputError) return null; // off the grid: skipped, as in the province run
        throw err;
      } finally {
        status.done++;
      }
    };
    const removed = (await Promise.all(out.map(raster))).filter((c): c is SiteCoverage => c !== null);
    const added = (await Promise.all(put.map(raster))).filter((c): c is SiteCoverage => c !== null);
    // where a removed site was the best server: the unchanged sites that reach there
    const windows = recomputeWindows(base, removed);
    const changed = new Set(put);
    const near = windows.length > 0 ? sites.filter((f) => !changed.has(f) && windows.some((w) => reaches(pipeline, f, w))) : [];
    status.total += near.length;
    const others = (await Promise.all(near.map(raster))).filter((c): c is SiteCoverage => c !== null);
    const overlay = deriveGrid(asGrid(base), { removed, added, others });
    grid = overlay;
    status.state = 'ready';
    onDone({
      removed: out.length - modified, added: put.length - modified, modified, rasters: removed.length + added.length + others.length,
      computed: pipeline.computed - computedBefore, bytes: overlay.bytes, patchedCells: overlay.patchedCells, seconds: (performance.now() - t0) / 1000,
    }, overlay);
  };
  run().catch((err: unknown) => {
    waiting = false;
    status.state = 'failed';
    status.error = err instanceof Error ? err.message : String(err);
  });

  return {
    sites,
    options: pipeline.options,
    version: pipeline.version(sites.map(coverageSite)),
    status: () => (waiting ? baseline.status() : { ...status }),
    composite: () => grid,
  };
}

/** Whether site f's coverage window (radius around it, in cells, with a cell of margin) meets `w`. */
function reaches(pipeline: CoveragePipeline, f: SiteFeature, w: CellWindow): boolean {
  const t = pipeline.dem.transform;
  const [lon, lat] = f.geometry.coordinates;
  const c = (lon - t[0]) / t[1];
  const r = (lat - t[3]) / t[5];
  const mPerDeg = METRES_PER_DEGREE;
  const rLat = pipeline.options.radiusM / mPerDeg / Math.abs(t[5]) + 1;
  const rLon = pipeline.options.radiusM / (mPerDeg * Math.cos((lat * Math.PI) / 180)) / Math.abs(t[1]) + 1;
  return c + rLon >= w.col0 && c - rLon < w.col1 && r + rLat >= w.row0 && r - rLat < w.row1;
}
