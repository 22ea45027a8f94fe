/**
 * `npm run bench`: covgap against SPLAT! and gdal_viewshed on one seeded rough mountain tile,
 * whole processes (median of BENCH_RUNS runs, default 3), then the in-process benchmarks
 * (bench/*.bench.ts). Never gates CI; tools that are not installed are skipped with a note.
 *
 *   BENCH_RUNS=5 npm run bench          more runs
 *   BENCH_ONLY=process npm run bench    skip the in-process benchmarks
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareWithSplat } from './compare';
import { hasCommand, machineLine, runOnce, timeProcess, type Timing } from './proc';
import { prepareSplat, splatArgs, splatSiteElevationM, type BenchSite } from './splat';
import { decimateTo3s, roughTile1s, writeHgt } from './terrain';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const SITE: BenchSite = { lon: 106.5, lat: 22.5, txHeightM: 30, rxHeightM: 1.5, freqMHz: 900, radiusKm: 20 };
const EIRP_DBM = 60;
const fmt = (s: number): string => (Number.isFinite(s) ? s.toFixed(2) : '—');
const log = (s: string): void => void process.stdout.write(s + '\n');

const dir = mkdtempSync(join(tmpdir(), 'covgap-bench-'));
const timings: Timing[] = [];
const notes: string[] = [];
try {
  log(machineLine());
  let t0 = performance.now();
  const tile1s = roughTile1s(106, 22);
  for (const [sub, samples] of [['1s', tile1s], ['3s', decimateTo3s(tile1s)]] as const) {
    mkdirSync(join(dir, sub));
    writeHgt(join(dir, sub, 'N22E106.hgt'), samples);
  }
  log(`terrain: seeded rough tile N22E106 at 1″ (3601²) and 3″ (1201²) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  log(`site ${SITE.lon},${SITE.lat}, tx ${SITE.txHeightM} m, rx ${SITE.rxHeightM} m, ${SITE.freqMHz} MHz, radius ${SITE.radiusKm} km; ${RUNS} runs each\n`);

  // covgap: the real command, as a user runs it (node bin/covgap.mjs; npx adds its own start-up)
  for (const sub of ['1s', '3s']) {
    const args = [join(ROOT, 'bin/covgap.mjs'), 'coverage', '--model', 'itm', '--dem', join(dir, sub, 'N22E106.hgt'),
      '--site', `${SITE.lon},${SITE.lat}`, '--tx-height', `${SITE.txHeightM}`, '--rx-height', `${SITE.rxHeightM}`,
      '--freq', `${SITE.freqMHz}`, '--eirp', `${EIRP_DBM}`, '--radius-km', `${SITE.radiusKm}`, '--out', join(dir, `covgap-${sub}.tif`)];
    timings.push(timeProcess(`covgap coverage --model itm ${sub === '1s' ? '1″' : '3″'}`, process.execPath, args, ROOT, RUNS));
  }

  // SPLAT! 1.4.2 with the old ITM (its default is ITWOM), terrain converted beforehand (not timed)
  for (const [sub, exe, conv] of [['1s', 'splat-hd', 'srtm2sdf-hd'], ['3s', 'splat', 'srtm2sdf']] as const) {
    if (!hasCommand(exe) || !hasCommand(conv)) {
      notes.push(`${exe}: not installed (Debian package splat), skipped`);
      continue;
    }
    const work = join(dir, `splat-${sub}`);
    const convS = prepareSplat(work, join(dir, sub, 'N22E106.hgt'), sub === '1s', SITE);
    const t = timeProcess(`${exe} -olditm -L ${sub === '1s' ? '1″' : '3″'}`, exe, splatArgs(SITE), work, RUNS);
    timings.push(t);
    const elev = splatSiteElevationM(work);
    notes.push(`${conv}: ${convS.toFixed(1)} s (not timed above); ${exe} read site ground elevation ${elev} m`);
    if (!(elev > 0)) notes.push(`WARNING: ${exe} did not read the terrain (elevation ${elev})`);
    // agreement of the two ITM maps: SPLAT!'s alphanumeric output against covgap's raster
    runOnce(exe, [...splatArgs(SITE), '-ano', 'pathloss.ano'], work);
    const a = await compareWithSplat(join(work, 'pathloss.ano'), join(dir, `covgap-${sub}.tif`), EIRP_DBM);
    notes.push(
      `path loss covgap − ${exe} at ${sub === '1s' ? '1″' : '3″'} over ${a.points} points: median ${a.medianDiffDb.toFixed(2)} dB, ` +
        `median |Δ| ${a.medianAbsDiffDb.toFixed(2)} dB, 90th percentile |Δ| ${a.p90AbsDiffDb.toFixed(2)} dB`,
    );
  }

  // gdal_viewshed (line of sight only) on the tile warped to UTM, as it needs projected metres
  if (hasCommand('gdal_viewshed') && hasCommand('gdalwarp') && hasCommand('gdaltransform')) {
    const epsg = `EPSG:${SITE.lat >= 0 ? 326 : 327}${String(Math.floor((SITE.lon + 180) / 6) + 1).padStart(2, '0')}`;
    const xy = spawnSync('gdaltransform', ['-s_srs', 'EPSG:4326', '-t_srs', epsg], { input: `${SITE.lon} ${SITE.lat}\n`, encoding: 'utf8' });
    const [x, y] = xy.stdout.trim().split(/\s+/).map(Number);
    for (const [sub, res] of [['1s', 30], ['3s', 90]] as const) {
      const utm = join(dir, `utm-${sub}.tif`);
      runOnce('gdalwarp', ['-q', '-t_srs', epsg, '-tr', `${res}`, `${res}`, '-r', 'bilinear', join(dir, sub, 'N22E106.hgt'), utm], dir);
      const args = ['-q', '-ox', `${x}`, '-oy', `${y}`, '-oz', `${SITE.txHeightM}`, '-tz', `${SITE.rxHeightM}`,
        '-md', `${SITE.radiusKm * 1000}`, '-cc', '0.75', utm, join(dir, `viewshed-${sub}.tif`)];
      timings.push(timeProcess(`gdal_viewshed ${sub === '1s' ? '1″ (30 m UTM)' : '3″ (90 m UTM)'}`, 'gdal_viewshed', args, dir, RUNS));
    }
    notes.push(`gdal_viewshed: the tile warped to ${epsg} with gdalwarp beforehand (not timed)`);
  } else {
    notes.push('gdal_viewshed: not installed (Debian package gdal-bin), skipped');
  }

  log('| process | median wall s | median CPU s | runs (wall s) |');
  log('| --- | ---: | ---: | --- |');
  for (const t of timings) log(`| ${t.label} | ${fmt(t.wallS)} | ${fmt(t.cpuS)} | ${t.error ? `failed: ${t.error}` : t.runsWallS.map(fmt).join(', ')} |`);
  const find = (prefix: string): Timing | undefined => timings.find((t) => t.label.startsWith(prefix));
  log('');
  for (const [name, other, mine] of [['splat-hd / covgap at 1″', 'splat-hd', 'covgap coverage --model itm 1″'], ['splat / covgap at 3″', 'splat -', 'covgap coverage --model itm 3″']]) {
    const a = find(other);
    const b = find(mine);
    if (a && b) log(`${name}: ${(a.wallS / b.wallS).toFixed(2)}× wall, ${(a.cpuS / b.cpuS).toFixed(2)}× CPU`);
  }
  log(`(the issue's bar: covgap ≥ 10× faster than splat-hd at 1″)`);
  for (const n of notes) log(`note: ${n}`);
  log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// the in-process benchmarks, each in its own process
if (process.env.BENCH_ONLY !== 'process') {
  const benchDir = fileURLToPath(new URL('.', import.meta.url));
  for (const file of readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).sort()) {
    log(`\n## ${file}`);
    spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, file)], { cwd: ROOT, stdio: 'inherit' });
  }
}
