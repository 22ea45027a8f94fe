/**
 * Self time of V8 CPU profiles (`node --cpu-prof --cpu-prof-dir DIR …`) by stage of the coverage
 * engine, by function and by file, as Markdown tables (bench/README.md, "Where the time goes").
 * Several files (the main thread's and each worker's) are summed; idle time is left out of the
 * percentages. Self time is sampled (1 ms by default, `--cpu-prof-interval` in µs) and V8
 * attributes inlined functions to themselves, so small functions show up under their own name.
 * The profiler's milliseconds are wall time between samples: on a loaded machine a thread that
 * waits for a core still counts, so read the shares, and take CPU totals from process.cpuUsage.
 * Functions are matched by name with esbuild's numeric suffixes (sigmaH2) allowed.
 *
 *   npx tsx bench/cpuprofile.ts DIR_OR_FILE… [--top N] [--idle MS]
 * --idle MS: per thread (file), its idle stretches of at least MS ms on a common clock.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime?: number }

/**
 * The engine's stages on "file:function", first match wins. By function name, as the CLI runs
 * from an esbuild bundle (chunk-XXXX.mjs) where the source file names are gone.
 */
const STAGES: readonly (readonly [string, RegExp])[] = [
  ['idle', /^:\(idle\)\d*$/],
  ['garbage collection', /^:\(garbage collector\)\d*$/],
  ['reading the DEM', /:(parseHgtWindow|parseHgt|decodeRows|readHgtForSweep|readDemFile|downsampleDem|shareDem)\d*$|hgt\.ts|resample\.ts|geotiff\.js/],
  ['planning radials', /:(planRows|planGeometry|planRadials)\d*$/],
  ['profiles (sampleRadial)', /:sampleRadial\d*$/],
  ['horizons (hull, N_s, a_e)', /:(horizons|push|tangent|surfaceRefractivityN|effectiveRadiusM)\d*$/],
  ['Δh (checkpoints, select, interpolation)', /:(deltaHWindow|select|fillDeltaH|exactDeltaH|deltaHProfile|itmRange|profileDeltaH)\d*$/],
  ['fits (zlsq1 from prefix sums)', /:(attenuationAt|fit|fitWindow|roughHorizon)\d*$/],
  ['ITM terms (A_ref, V_med)', /:(referenceAttenuationDb|alos|losReference|adiff|terminalTerms|vogX|vogXc|sigmaH|fresnelIntegral|heightGain|terrainRoughness|medianVariabilityPartsDb|dExHeightsM|climateCurve|curveValue|longleyRice|variability|troposcatterLoss|h0Function|h0Curve)\d*$/],
  ['radial loop (interpolation, writes)', /:(run|writeExact|fslDistances|radialLossRange)\d*$/],
  ['gathering cells', /:gatherLossRaster\d*$/],
  ['antenna patterns', /:(cellAngles|cellAttenuation|sectorAttenuationDb|omniAttenuationDb|horizontalAttenuationDb|verticalAttenuationDb)\d*$|pattern\.ts/],
  ['per-technology levels', /:(applyCell|levelsFromLosses)\d*$/],
  ['quantising and flooring', /:(quantizeCoverage|applyFloor|finishSiteCoverage)\d*$/],
  ['compressing (runs, deflate, predictor)', /:(encodeRuns|encodeCoverage|floatRowInPlace|deflateSync|writeGeoTiffAsync|processCallback|zlibBufferSync|processChunkSync)\d*$|node:zlib|geotiffWrite/],
  ['writing', /:(writeCoverageFile|writeFileSync|writeSync|writeFile|writeFileHandle|writeBuffer|open|close)\d*$/],
  ['pool, messages, waiting', /pool\.ts|workerMain\.ts|worker_threads|:(postMessage|splitJob|runRadials|runPlan|emitMessage)\d*$/],
  ['start-up (module loading, compiling)', /^node:internal\/(modules|main|bootstrap|url|source_map)|esbuild|tsx|register-[^:]*\.cjs|:\(program\)\d*$|:compile/],
];

/** Self milliseconds per "file:function" over the given profiles. */
export function selfTimes(profiles: readonly CpuProfile[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of profiles) {
    const key = new Map<number, string>();
    for (const n of p.nodes) {
      const f = n.callFrame;
      const file = f.url === '' ? '' : f.url.startsWith('node:') ? f.url : basename(f.url.replace(/^file:\/\//, ''));
      key.set(n.id, `${file}:${f.functionName || '(anonymous)'}`);
    }
    // timeDeltas[i + 1] is the time until the next sample: the time sample i stands for
    for (let i = 0; i < p.samples.length; i++) {
      const k = key.get(p.samples[i]) as string;
      const us = p.timeDeltas[i + 1] ?? 0;
      out.set(k, (out.get(k) ?? 0) + us / 1000);
    }
  }
  return out;
}

/** The stage of a "file:function" key (STAGES), else 'other'. */
export function stageOf(key: string): string {
  for (const [stage, re] of STAGES) if (re.test(key)) return stage;
  return 'other';
}

/**
 * A thread's idle stretches of at least `minMs` (what it waited for, by when), ms from `originUs`
 * (the earliest profile's start, so that threads line up), and its first and last busy sample.
 */
export function idleStretches(p: CpuProfile & { startTime: number }, originUs: number, minMs: number): { firstBusyMs: number; lastBusyMs: number; idle: [number, number][] } {
  const idleIds = new Set(p.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const idle: [number, number][] = [];
  let t = p.startTime;
  let from = -1;
  let firstBusy = NaN;
  let lastBusy = NaN;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    const ms = (t - originUs) / 1000;
    if (idleIds.has(p.samples[i])) {
      if (from < 0) from = ms;
      continue;
    }
    if (Number.isNaN(firstBusy)) firstBusy = ms;
    lastBusy = ms;
    if (from >= 0 && ms - from >= minMs) idle.push([from, ms]);
    from = -1;
  }
  return { firstBusyMs: firstBusy, lastBusyMs: lastBusy, idle };
}

function table(title: string, rows: [string, number][], busyMs: number, top: number): string {
  const lines = [`| ${title} | self ms | % of busy |`, '| --- | ---: | ---: |'];
  for (const [k, ms] of rows.sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`| ${k} | ${ms.toFixed(0)} | ${((100 * ms) / busyMs).toFixed(1)} |`);
  return lines.join('\n');
}

function profilePaths(args: readonly string[]): string[] {
  return args.flatMap((a) => (statSync(a).isDirectory() ? readdirSync(a).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(a, f)) : [a]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const ti = argv.indexOf('--top');
  const top = ti >= 0 ? Number(argv.splice(ti, 2)[1]) : 25;
  const ii = argv.indexOf('--idle');
  const idleMs = ii >= 0 ? Number(argv.splice(ii, 2)[1]) : NaN;
  const paths = profilePaths(argv);
  const profiles = paths.map((p) => JSON.parse(readFileSync(p, 'utf8')) as CpuProfile & { startTime: number });
  if (idleMs >= 0) {
    const origin = Math.min(...profiles.map((p) => p.startTime));
    profiles.forEach((p, k) => {
      const r = idleStretches(p, origin, idleMs);
      const list = r.idle.map(([a, b]) => `${a.toFixed(0)}–${b.toFixed(0)}`).join(', ');
      console.log(`${basename(paths[k])}: busy from ${r.firstBusyMs.toFixed(0)} to ${r.lastBusyMs.toFixed(0)} ms; idle ≥ ${idleMs} ms: ${list || 'none'}`);
    });
    console.log('');
  }
  const self = selfTimes(profiles);
  const byStage = new Map<string, number>();
  const byFile = new Map<string, number>();
  let busyMs = 0;
  for (const [k, ms] of self) {
    const stage = stageOf(k);
    if (stage === 'idle') continue;
    busyMs += ms;
    byStage.set(stage, (byStage.get(stage) ?? 0) + ms);
    const file = k.slice(0, k.lastIndexOf(':')) || '(VM)';
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
  }
  console.log(`${paths.length} profile(s); busy ${busyMs.toFixed(0)} ms, idle ${(self.get(':(idle)') ?? 0).toFixed(0)} ms\n`);
  console.log(table('stage', [...byStage], busyMs, 100) + '\n');
  console.log(table('function (file:function)', [...self].filter(([k]) => stageOf(k) !== 'idle'), busyMs, top) + '\n');
  console.log(table('file', [...byFile], busyMs, top));
}
