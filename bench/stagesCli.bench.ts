/**
 * Where `covgap coverage` spends its CPU (issue 21), stage by stage, on one thread, in process:
 * the .hgt window read as the CLI reads it (server/cli/coverage.ts), plan, radial losses, gather,
 * EIRP, GeoTIFF (predictor + zlib level 1, run-length), write. CPU from process.cpuUsage, first run
 * (cold JIT, as the command) and the median of the warm ones. Start-up and the pool's worker are
 * not in it: time `node bin/covgap.mjs --help` and `--threads 2` for those.
 * Run by hand: npx tsx bench/stagesCli.bench.ts [FILE.hgt] [--runs N]: the site of `npm run bench`
 * (106.5 E 22.5 N, 30 m, 900 MHz, 20 km) on FILE, an N22E106.hgt at 1″ or 3″; without FILE, on
 * the bench's seeded 1″ tile (bench/terrain.ts, made in a temporary directory, ~5 s).
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, constants as zlibConstants } from 'node:zlib';
import { resolveCoverageOptions } from '../core/coverage/options';
import { planRadials, sweepWindow } from '../core/coverage/radials';
import { radialLossRange } from '../core/coverage/radialLosses';
import { checkPathLoss, gatherLossRaster } from '../core/coverage/siteCoverage';
import { hgtCorner, hgtSide, hgtTransform, parseHgtWindow } from '../core/formats/hgt';
import { writeGeoTiff } from '../core/formats/geotiffWrite';
import { benchFlag, machineLine, median } from './proc';
import { roughTile1s, writeHgt } from './terrain';

const given = process.argv[2]?.endsWith('.hgt') ? process.argv[2] : undefined;
const tileDir = given ? null : mkdtempSync(join(tmpdir(), 'covgap-stagescli-'));
const path = given ?? join(tileDir as string, 'N22E106.hgt');
if (!given) writeHgt(path, roughTile1s(106, 22));
const runs = Number(benchFlag('--runs') ?? 5);
const tx = { lon: 106.5, lat: 22.5, heightAglM: 30 };
const o = resolveCoverageOptions({ radiusM: 20000, rxHeightM: 1.5 });
const STAGES = ['reading the DEM (window)', 'plan', 'radial losses', 'gather', 'EIRP', 'GeoTIFF (predictor + zlib)', 'write'] as const;
type Stage = (typeof STAGES)[number];
const out = join(tmpdir(), `covgap-stagescli-${process.pid}.tif`);

function once(): { ms: Record<Stage, number>; hash: string } {
  const ms = {} as Record<Stage, number>;
  let t = process.cpuUsage();
  const lap = (s: Stage): void => {
    const now = process.cpuUsage();
    ms[s] = (now.user - t.user + now.system - t.system) / 1000;
    t = now;
  };
  const fd = openSync(path, 'r');
  const side = hgtSide(fstatSync(fd).size, path);
  const corner = hgtCorner(path);
  const w = sweepWindow(hgtTransform(corner.lon, corner.lat, side), side, side, tx, o.radiusM)!;
  const bytes = new Uint8Array((w.row1 - w.row0 + 1) * side * 2);
  readSync(fd, bytes, 0, bytes.length, w.row0 * side * 2);
  closeSync(fd);
  const dem = parseHgtWindow(bytes, path, side, w, { fillOutside: false });
  lap('reading the DEM (window)');
  checkPathLoss(dem, tx, [900], o);
  const plan = planRadials(dem, tx, o.radiusM, o.radialDensity);
  lap('plan');
  const radial = new Float32Array(plan.radialCount * plan.samplesPerRadial);
  radialLossRange(dem, tx, [900], o, plan, 0, plan.radialCount, [radial]);
  lap('radial losses');
  const loss = gatherLossRaster(plan, radial);
  lap('gather');
  const p = loss.data;
  for (let i = 0; i < p.length; i++) p[i] = 60 - p[i];
  lap('EIRP');
  const tif = writeGeoTiff({
    width: loss.width, height: loss.height, data: p, transform: loss.transform, sampleFormat: 'float32', nodata: NaN,
    deflate: (b) => deflateSync(b, { level: 1, strategy: zlibConstants.Z_RLE }),
  });
  lap('GeoTIFF (predictor + zlib)');
  writeFileSync(out, tif);
  lap('write');
  return { ms, hash: createHash('sha256').update(p).digest('hex').slice(0, 16) };
}

console.log(machineLine());
try {
  const first = once();
  const warm = Array.from({ length: runs }, once);
  console.log(`\n${path}, 20 km, ITM 900 MHz, one thread; CPU ms (process.cpuUsage)`);
  console.log('| stage | first run (cold JIT) | median of warm runs |');
  console.log('| --- | ---: | ---: |');
  let a = 0;
  let b = 0;
  for (const s of STAGES) {
    const m = median(warm.map((r) => r.ms[s]));
    a += first.ms[s];
    b += m;
    console.log(`| ${s} | ${first.ms[s].toFixed(0)} | ${m.toFixed(0)} |`);
  }
  console.log(`| **total** | **${a.toFixed(0)}** | **${b.toFixed(0)}** |`);
  console.log(`received power (sha256 of the raster, first 16 hex digits): ${first.hash}${warm.every((r) => r.hash === first.hash) ? '' : ' (runs differ!)'}`);
} finally {
  rmSync(out, { force: true });
  if (tileDir) rmSync(tileDir, { recursive: true, force: true });
}
