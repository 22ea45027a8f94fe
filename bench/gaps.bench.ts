/**
 * Gap analysis of the whole demo province from the cached coverage, as GapService does it:
 * villageStatus over the composite, then findGaps with those statuses (no signal at all, and
 * "no 4G"). The composite comes from the server's disk cache (DATA_DIR/coverage-cache, as after
 * `npm run seed` or a server start); with a cold cache the province is computed first (minutes).
 * Median of --runs runs (default 9) after one warm-up. Bar: ≤ 100 ms for "no signal at all".
 * Run by hand: npx tsx bench/gaps.bench.ts [--data-dir DIR] [--runs N]
 */
import { loadavg } from 'node:os';
import { benchFlag, machineLine, median } from './proc';
import { findGaps, villageStatus } from '../core/gaps';
import type { Tech } from '../core/model/types';
import { coverageSite } from '../server/coverage';
import { openBenchRuntime } from './runtime';

const flag = benchFlag;
const dataDir = flag('--data-dir') ?? process.env.DATA_DIR ?? 'data';
const runs = Math.max(1, Number(flag('--runs') ?? 9));
const BAR_MS = 100;

console.log(machineLine());
// the server's own coverage pipeline (its grid, options and cache)
const runtime = await openBenchRuntime(dataDir);
const geo = runtime.data.geodata;
let province;
try {
  province = await runtime.pipeline!.composite(geo.sites.features.map(coverageSite));
} finally {
  await runtime.close();
}
const { composite } = province;
console.log(`composite ${composite.width}×${composite.height}, ${composite.layers.size} layers, from ${dataDir}/coverage-cache in ${province.seconds.toFixed(1)} s (${province.computed} sites computed, ${province.cached} cached)`);

const villages = geo.villages.features;
const input = { villages, sites: geo.sites.features, powerLines: geo.powerLines.features, communes: geo.communes.features, composite };
for (const tech of [null, '4G'] as (Tech | null)[]) {
  const statusMs: number[] = [];
  const gapsMs: number[] = [];
  let count = 0;
  for (let r = 0; r <= runs; r++) {
    const t0 = performance.now();
    const status = villageStatus(villages, composite);
    const t1 = performance.now();
    const gaps = findGaps({ ...input, status }, { tech });
    const t2 = performance.now();
    count = gaps.length;
    if (r === 0) continue; // warm-up
    statusMs.push(t1 - t0);
    gapsMs.push(t2 - t1);
  }
  const total = statusMs.map((s, i) => s + gapsMs[i]);
  const label = tech ? `no ${tech}` : 'no signal at all';
  console.log(
    `gap analysis (${label}): ${villages.length} villages, ${count} gaps; median of ${runs}: ${median(total).toFixed(1)} ms ` +
      `(villageStatus ${median(statusMs).toFixed(1)} ms + findGaps ${median(gapsMs).toFixed(1)} ms), ` +
      `min ${Math.min(...total).toFixed(1)}, max ${Math.max(...total).toFixed(1)} ms` + (tech ? '' : `; bar ≤ ${BAR_MS} ms ${median(total) <= BAR_MS ? 'met' : 'NOT met'}`),
  );
}
console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
