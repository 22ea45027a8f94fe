/**
 * The province run on the demo geodata: every site's coverage at 3″ (the 1″ DEM averaged 3 × 3),
 * 20 km, ITM, merged into the composite — cold (empty cache), warm (nothing changed: the stored
 * composite) and with one site changed (it is recomputed, the others read from their files).
 * Run by hand: npx tsx bench/province.bench.ts [--workers N] [--cache DIR] [--limit N]
 * Without --cache a temporary directory is used and removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeProvinceCoverage, CoverageCache, CoveragePool, downsampleDem, type CoverageSite } from '../server/coverage';
import { loadGeodata } from '../server/data/geodata';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const workers = Number(flag('--workers') ?? 2);
const limit = Number(flag('--limit') ?? Infinity);
const tempDir = flag('--cache') === undefined ? mkdtempSync(join(tmpdir(), 'covgap-province-')) : null;
const cacheDir = flag('--cache') ?? join(tempDir as string, 'coverage-cache');

const t0 = performance.now();
const geo = await loadGeodata(new URL('../geodata/covgap.json', import.meta.url).pathname);
const tLoad = performance.now();
const dem = downsampleDem(geo.dem, 3);
const tDem = performance.now();
console.log(`geodata ${((tLoad - t0) / 1000).toFixed(2)} s (DEM ${geo.dem.width}×${geo.dem.height}); 3″ DEM ${dem.width}×${dem.height} in ${((tDem - tLoad) / 1000).toFixed(2)} s`);

const sites: CoverageSite[] = geo.sites.features.slice(0, limit).map((f) => ({
  ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1],
}));
const pool = new CoveragePool({ workers });
const cache = new CoverageCache(cacheDir);
const options = { radiusM: 20000 };
try {
  const changed = sites.map((s, i) => (i === 0 ? { ...s, antennaHeightM: s.antennaHeightM + 1 } : s));
  const passes: [string, CoverageSite[]][] = [['cold', sites], ['warm', sites], ['one site changed', changed]];
  for (const [label, runSites] of passes) {
    let last = 0;
    const cpu0 = process.cpuUsage();
    const run = await computeProvinceCoverage(dem, runSites, options, {
      pool, cache,
      onProgress: (p) => {
        if (p.done - last >= 100 || p.done === p.total) {
          last = p.done;
          console.log(`  ${label} ${p.done}/${p.total} (computed ${p.computed}, cached ${p.cached}) ${p.elapsedS.toFixed(1)} s, ETA ${p.etaS.toFixed(0)} s`);
        }
      },
    });
    const l4 = run.composite.layers.get('4G');
    let covered = 0;
    if (l4) for (let i = 0; i < l4.serverCount.length; i++) if (l4.serverCount[i] > 0) covered++;
    const cpu = process.cpuUsage(cpu0);
    console.log(`${label}: ${sites.length} sites in ${run.seconds.toFixed(1)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s all threads (computed ${run.computed}, cached ${run.cached}, skipped ${run.skipped.length}; 4G-covered cells ${covered})`);
  }
} finally {
  await pool.close();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
}
