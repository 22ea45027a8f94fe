/**
 * Per-site coverage speed on the benchmark's rough mountain tile (bench/terrain.ts, the same
 * terrain `npm run bench` gives SPLAT!): ITM, 20 km, at 1″ (3601²) and 3″ (1201²); one frequency
 * (pathLossGrid) and a three-frequency site (siteCoverage), single-threaded and split over a
 * 2-worker pool (server/coverage), wall and CPU (all threads); P.526 and the viewshed at 3″.
 * Run by hand: npx tsx bench/coverage.bench.ts [1|3|all]
 */
import { pathLossGrid, siteCoverage, viewshed } from '../core/coverage';
import type { DemGrid } from '../core/model/types';
import { computeSiteCoverageParallel, CoveragePool, pathLossGridParallel, type CoverageSite } from '../server/coverage';
import { decimateTo3s, roughTile1s } from './terrain';

async function time(label: string, f: () => unknown): Promise<void> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await f();
  const cpu = process.cpuUsage(c0);
  console.log(`${label}: ${((performance.now() - t0) / 1000).toFixed(3)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(3)} s)`);
}

function tileDem(h: Int16Array, side: number): DemGrid {
  const cell = 1 / (side - 1);
  return { width: side, height: side, data: Float32Array.from(h), transform: [106 - cell / 2, cell, 0, 23 + cell / 2, 0, -cell] };
}

const which = process.argv[2] ?? 'all';
const t1 = roughTile1s(106, 22);
const tx = { lon: 106.5, lat: 22.5, heightAglM: 30 };
const site: CoverageSite = {
  id: 'b', name: 'b', operator: 'X', status: 'existing', power: 'grid', backhaul: 'fiber', antennaHeightM: 30, lon: tx.lon, lat: tx.lat,
  cells: [0, 120, 240].flatMap((az) => [
    { tech: '2G' as const, freqMHz: 900, eirpDbm: 55, azimuthDeg: az },
    { tech: '3G' as const, freqMHz: 2100, eirpDbm: 58, azimuthDeg: az },
    { tech: '4G' as const, freqMHz: 1800, eirpDbm: 60, azimuthDeg: az, downtiltDeg: 3 },
  ]),
};
const pool = new CoveragePool({ workers: 2, callerTakesParts: true }); // "pool of 2 + main": this thread sweeps too, as in the CLI
try {
  for (const [arcsec, side] of [[3, 1201], [1, 3601]] as const) {
    if (which !== 'all' && which !== `${arcsec}`) continue;
    const dem = tileDem(arcsec === 1 ? t1 : decimateTo3s(t1), side);
    const o = { radiusM: 20000 };
    pathLossGrid(dem, tx, 900, { radiusM: 3000 }); // warm-up
    await time(`${arcsec}″ ITM 20 km, 1 frequency, single thread`, () => pathLossGrid(dem, tx, 900, o));
    await time(`${arcsec}″ ITM 20 km, 1 frequency, pool of 2 + main (first call: worker start-up)`, () => pathLossGridParallel(dem, tx, 900, o, { pool }));
    await time(`${arcsec}″ ITM 20 km, 1 frequency, pool of 2 + main`, () => pathLossGridParallel(dem, tx, 900, o, { pool }));
    await time(`${arcsec}″ ITM 20 km, site of 3 frequencies × 3 sectors, single thread`, () => siteCoverage(dem, site, o));
    await time(`${arcsec}″ ITM 20 km, site of 3 frequencies × 3 sectors, pool of 2 + main`, () => computeSiteCoverageParallel(dem, site, o, { pool }));
    await time(`${arcsec}″ viewshed 20 km`, () => viewshed(dem, tx, o));
    if (arcsec === 3) await time(`${arcsec}″ P.526 20 km`, () => pathLossGrid(dem, tx, 900, { ...o, modelId: 'p526' }));
  }
} finally {
  await pool.close();
}
