/**
 * The province run on the demo geodata through the server's coverage pipeline: every site's
 * coverage at 3″ (the 1″ DEM averaged 3 × 3), 20 km, ITM, merged into the composite — cold (empty cache), warm (nothing changed: the stored
 * composite) and with one site changed (it is recomputed, the others read from their files).
 * Run by hand: npx tsx bench/province.bench.ts [--workers N] [--data-dir DIR] [--limit N]
 * (the cache is DIR/coverage-cache). Without --data-dir a temporary directory is used and removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coverageSite, type CoverageSite } from '../server/coverage';
import { benchFlag } from './proc';
import { openBenchRuntime } from './runtime';

const flag = benchFlag;
const workers = Number(flag('--workers') ?? 2);
const limit = Number(flag('--limit') ?? Infinity);
const tempDir = flag('--data-dir') === undefined ? mkdtempSync(join(tmpdir(), 'covgap-province-')) : null;
const dataDir = flag('--data-dir') ?? (tempDir as string);

const t0 = performance.now();
const runtime = await openBenchRuntime(dataDir, workers);
const geo = runtime.data.geodata;
const tLoad = performance.now();
const pipeline = runtime.pipeline!;
const dem = pipeline.dem;
const tDem = performance.now();
console.log(`geodata ${((tLoad - t0) / 1000).toFixed(2)} s (DEM ${geo.dem.width}×${geo.dem.height}); coverage DEM ${dem.width}×${dem.height} in ${((tDem - tLoad) / 1000).toFixed(2)} s`);

const sites: CoverageSite[] = geo.sites.features.slice(0, limit).map(coverageSite);
try {
  const changed = sites.map((s, i) => (i === 0 ? { ...s, antennaHeightM: s.antennaHeightM + 1 } : s));
  const passes: [string, CoverageSite[]][] = [['cold', sites], ['warm', sites], ['one site changed', changed]];
  for (const [label, runSites] of passes) {
    let last = 0;
    const cpu0 = process.cpuUsage();
    const run = await pipeline.composite(runSites, (p) => {
      if (p.done - last >= 100 || p.done === p.total) {
        last = p.done;
        console.log(`  ${label} ${p.done}/${p.total} (computed ${p.computed}, cached ${p.cached}) ${p.elapsedS.toFixed(1)} s, ETA ${p.etaS.toFixed(0)} s`);
      }
    });
    const l4 = run.composite.layers.get('4G');
    let covered = 0;
    if (l4) for (let i = 0; i < l4.serverCount.length; i++) if (l4.serverCount[i] > 0) covered++;
    const cpu = process.cpuUsage(cpu0);
    console.log(`${label}: ${sites.length} sites in ${run.seconds.toFixed(1)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s all threads (computed ${run.computed}, cached ${run.cached}, skipped ${run.skipped.length}; 4G-covered cells ${covered})`);
  }
} finally {
  await runtime.close();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
}
