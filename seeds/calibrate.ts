/**
 * Calibration of the demo sites to the province's published figure of villages without mobile
 * signal (issue 4): after the seed has written geodata/, the coverage is computed exactly as the
 * server computes it (serverCoverage.ts), then sites are moved (calib/adjust.ts, calib/placement.ts)
 * until the default gap rule leaves exactly `target` villages without signal, every unelectrified
 * one among them, with the same sites, operators and 5G sites. The count comes out of the
 * computation and is checked again by a full province run on the file as written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommuneFeature, PowerLineFeature, SiteFeature } from '../core/model/types';
import { adjustLayout, type AdjustResult } from './calib/adjust';
import { createPlacer, renameSites, type Place } from './calib/placement';
import { coverageSite, openServerCoverage } from './calib/serverCoverage';
import { writeFeatureCollection } from './io';
import type { Valley } from './network';
import type { Town } from './real';
import { accessDistanceM } from './villages';

/** Villages/hamlets of Cao Bằng without any mobile signal, published 2025 (see /work/shared/DESIGN.md). */
export const PUBLISHED_VILLAGES_WITHOUT_SIGNAL = 138;

export interface CalibrateOptions {
  seed: number;
  /** Villages without signal wanted (the published figure). Default 138. */
  target?: number;
  /** geodata/ as written by the seed (covgap.json inside). */
  outDir: string;
  /** The server's data directory; the coverage cache is `<dataDir>/coverage-cache`. Default 'data'. */
  dataDir?: string;
  /** Coverage worker threads. Default: the machine's cores. */
  workers?: number;
  log?: (line: string) => void;
}

export interface CalibrateInput {
  /** The sites as written (features in file order); replaced by the calibrated layout. */
  sites: SiteFeature[];
  communes: CommuneFeature[];
  towns: Town[];
  valleys: Valley[];
  power: PowerLineFeature[];
}

export interface CalibrationSummary {
  target: number;
  before: number;
  after: number;
  moves: number;
  /** Sites whose coverage was computed (not read from the cache), proposals and the final run together. */
  computed: number;
  seconds: number;
}

/**
 * Moves sites until the baseline has exactly `target` villages without signal, writes
 * `sites.geojson` and verifies it with a full province run; throws when the target cannot be met
 * (sites.geojson then keeps the uncalibrated layout).
 *
 * @example
 * const summary = await calibrateSites({ sites, communes, towns, valleys, power }, { seed: 20250701, outDir: 'geodata' });
 * summary.after // 138
 */
export async function calibrateSites(input: CalibrateInput, options: CalibrateOptions): Promise<CalibrationSummary> {
  const t0 = performance.now();
  const target = options.target ?? PUBLISHED_VILLAGES_WITHOUT_SIGNAL;
  const log = options.log ?? (() => {});
  const manifest = join(options.outDir, 'covgap.json');
  const dataDir = options.dataDir ?? 'data';
  const s = (): string => ((performance.now() - t0) / 1000).toFixed(0);

  let sc = await openServerCoverage(manifest, dataDir, options.workers);
  let computed = 0;
  let result: AdjustResult<Place>;
  let before: number;
  try {
    if (sc.sites.length !== input.sites.length) throw new Error(`calibrate: ${manifest} has ${sc.sites.length} sites, the seed wrote ${input.sites.length}`);
    const first = await sc.province(sc.sites.map(coverageSite), log);
    computed += first.computed;
    before = first.status.filter((x) => !x.covered).length;
    log(`calibrate: ${before} villages without signal before calibration (${first.computed} sites computed, ${first.cached} cached, ${s()} s)`);

    // who covers whom, from each site's cached raster; it must agree with villageStatus exactly
    const covers: number[][] = [];
    for (const f of sc.sites) covers.push(await sc.cover(coverageSite(f)));
    const hit = new Uint8Array(sc.villages.length);
    for (const c of covers) for (const v of c) hit[v] = 1;
    first.status.forEach((st, v) => {
      if (st.covered !== (hit[v] === 1)) throw new Error(`calibrate: the per-site cover sets disagree with villageStatus at village ${st.id}`);
    });

    const corridors = input.valleys.filter((v) => v.kind === 'corridor');
    const ids = sc.villages.map((v) => v.properties.id);
    const remotenessM = sc.villages.map((v) => {
      const [lon, lat] = (v.geometry as { coordinates: number[] }).coordinates;
      return accessDistanceM(lon, lat, corridors, input.towns);
    });
    const mustUncover = sc.villages.map((v, i) => (v.properties.electrified ? -1 : i)).filter((i) => i >= 0);
    const protectedSites = new Set(sc.sites.map((f, i) => (f.properties.cells.some((c) => c.tech === '5G') ? i : -1)).filter((i) => i >= 0));
    const placer = createPlacer(input.sites, input.communes, input.towns, corridors, input.power, { seed: options.seed });
    result = await adjustLayout<Place>(
      { villageIds: ids, remotenessM, mustUncover, covers, siteIds: sc.sites.map((f) => f.properties.id), protectedSites, target },
      { propose: placer.propose, commit: placer.commit, cover: (i, p) => sc.cover(coverageSite(placer.feature(i, p))) },
      { log },
    );
    computed += sc.computed;
    for (const m of result.moves) input.sites[m.site] = placer.feature(m.site, m.place);
    renameSites(input.sites, input.communes);
  } finally {
    await sc.close();
  }

  // write, then check with the full pipeline on the file as the server reads it
  const path = join(options.outDir, 'sites.geojson');
  const uncalibrated = readFileSync(path);
  writeFeatureCollection(path, input.sites);
  sc = await openServerCoverage(manifest, dataDir, options.workers);
  try {
    const last = await sc.province(sc.sites.map(coverageSite), log);
    computed += last.computed;
    const dark = last.status.filter((x) => !x.covered);
    const lit = sc.villages.filter((v, i) => !v.properties.electrified && last.status[i].covered).map((v) => v.properties.id);
    if (dark.length !== target || lit.length > 0) {
      writeFileSync(path, uncalibrated);
      throw new Error(`calibrate: the verification run gives ${dark.length} villages without signal (target ${target})` +
        (lit.length ? ` and unelectrified villages with signal: ${lit.join(', ')}` : '') + `; ${path} keeps the uncalibrated layout`);
    }
    const seconds = (performance.now() - t0) / 1000;
    log(`calibrate: ${before} → ${dark.length} villages without signal, ${result.moves.length} sites moved, ${computed} site coverages computed, ${seconds.toFixed(0)} s`);
    return { target, before, after: dark.length, moves: result.moves.length, computed, seconds };
  } finally {
    await sc.close();
  }
}
