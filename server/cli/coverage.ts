/**
 * `covgap coverage`: received power around one site over a DEM, written as a float32 GeoTIFF.
 */
import { open, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { InputError } from '../../core/errors';
import { METRES_PER_DEGREE } from '../../core/geo/geodesy';
import { MODEL_IDS } from '../../core/propagation/registry';
import type { DemGrid } from '../../core/model/types';
import type { CoveragePool } from '../coverage/pool';
import { parseFlags, parseLonLat, parseNumber, required } from './args';
import { ITM_HELP, MODEL_FLAG_SPEC, readModelFlags } from './modelFlags';

/**
 * Radial samples (radials × samples per radial) from which the default --threads uses worker
 * threads: below it a worker's start-up (~0.1–0.2 s CPU) outweighs its share of the sweep.
 */
export const POOL_MIN_SAMPLES = 600_000;

export const COVERAGE_HELP = `Usage: covgap coverage --model MODEL --dem FILE --site LON,LAT --tx-height M --rx-height M
         --freq MHZ --eirp DBM --radius-km R --out FILE.tif [ITM options]

Computes the received power (dBm) of an omnidirectional transmitter at every DEM cell within
the radius, by radial sweeps over the terrain, and writes it as a GeoTIFF: float32, EPSG:4326,
at the DEM's resolution, covering the DEM cells within the radius; no data (NaN) outside the
radius, outside the DEM and on DEM voids.

  --model MODEL        path-loss model, one of ${MODEL_IDS.join(', ')}
  --dem FILE           DEM: GeoTIFF (EPSG:4326) or SRTM .hgt (1" or 3", located by its
                       file name, e.g. N22E106.hgt)
  --site LON,LAT       transmitter position, decimal degrees
  --tx-height M        transmitter antenna height above ground, metres
  --rx-height M        receiver antenna height above ground, metres
  --freq MHZ           carrier frequency, MHz
  --eirp DBM           effective isotropic radiated power, dBm (e.g. 43 dBm = 20 W)
  --radius-km R        radius around the site, km (0 < R <= 200)
  --out FILE.tif       output GeoTIFF (overwritten)
  --threads N          threads for the radial sweep, main thread included (1 = no worker
                       threads). Default: the available cores (${availableParallelism()} here) for jobs
                       of ${POOL_MIN_SAMPLES / 1e6} million radial samples or more (a radius of about
                       11 km at 1" or 34 km at 3"), else 1; a given N is used as is
  --help               this text

${ITM_HELP}

Exit status: 0 done, 2 bad usage or input, 1 unexpected failure.

Example:
  covgap coverage --model itm --dem N22E106.hgt --site 106.25,22.66 --tx-height 30 \\
    --rx-height 1.5 --freq 900 --eirp 60 --radius-km 20 --out coverage.tif`;

const V = { value: true };
const SPEC = { ...MODEL_FLAG_SPEC, dem: V, site: V, eirp: V, 'radius-km': V, out: V, threads: V, help: { value: false } };


/** core/coverage/options.ts DEFAULT_COVERAGE_OPTIONS.radialDensity (not imported: --help stays light). */
const DEFAULT_RADIAL_DENSITY = 0.6;

/**
 * Radial samples of a sweep of `radiusM` over a DEM of `cellDeg`×`cellDeg` cells at latitude
 * `latDeg` (core/coverage/radials.ts planRadials with the default radial density d: 2π·r·d/step
 * radials of r/step samples, step = the shorter cell side in metres).
 *
 * @example
 * radialSamples(20000, 1 / 3600, 22.5) // ≈ 1.7 million (1″, d = 0.6)
 */
export function radialSamples(radiusM: number, cellDeg: number, latDeg: number): number {
  const mPerDeg = METRES_PER_DEGREE;
  const stepM = cellDeg * mPerDeg * Math.min(1, Math.cos((latDeg * Math.PI) / 180));
  return ((2 * Math.PI * radiusM * DEFAULT_RADIAL_DENSITY) / stepM) * (radiusM / stepM);
}

/**
 * Threads for the sweep: `requested` (--threads) as given, else `cores` when the job has
 * POOL_MIN_SAMPLES radial samples or more, else 1.
 *
 * @example
 * coverageThreads(undefined, 2.8e6, 2) // 2
 * coverageThreads(undefined, 3e5, 2)   // 1
 */
export function coverageThreads(requested: number | undefined, samples: number, cores: number): number {
  if (requested !== undefined) return requested;
  return samples >= POOL_MIN_SAMPLES ? Math.max(1, cores) : 1;
}

/** The cell size in degrees of an SRTM .hgt file from its byte size (1″ or 3″), else null. */
async function hgtCellDeg(path: string): Promise<number | null> {
  if (!/\.hgt$/i.test(path)) return null;
  try {
    const side = Math.sqrt((await stat(path)).size / 2);
    return Number.isInteger(side) && side > 1 ? 1 / (side - 1) : null;
  } catch {
    return null; // reading the DEM reports it
  }
}

/**
 * An SRTM .hgt DEM read only where the sweep looks (core/coverage/radials.ts sweepWindow): the
 * rows within reach read from the file, the columns within reach decoded, every other cell NaN;
 * on a SharedArrayBuffer when `shared` (the pool's workers read it in place). Null when the file
 * is not a readable .hgt or the site is off the tile: readDemFile then reads it whole (and reports
 * what is wrong with it).
 */
async function readHgtForSweep(path: string, lon: number, lat: number, radiusM: number, shared: boolean): Promise<DemGrid | null> {
  if (!/\.hgt$/i.test(path)) return null;
  const [{ hgtCorner, hgtSide, hgtTransform, parseHgtWindow }, { sweepWindow }] = await Promise.all([
    import('../../core/formats/hgt'),
    import('../../core/coverage/radials'),
  ]);
  let file;
  try {
    file = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const size = (await file.stat()).size;
    const side = hgtSide(size, path);
    const corner = hgtCorner(path);
    const window = sweepWindow(hgtTransform(corner.lon, corner.lat, side), side, side, { lon, lat, heightAglM: 0 }, radiusM);
    if (!window) return null;
    const bytes = new Uint8Array((window.row1 - window.row0 + 1) * side * 2);
    const { bytesRead } = await file.read(bytes, 0, bytes.length, window.row0 * side * 2);
    if (bytesRead !== bytes.length) return null;
    // the sweep reads only within the window: the rest of the tile's grid is never touched
    return parseHgtWindow(bytes, path, side, window, { shared, fillOutside: false });
  } catch {
    return null;
  } finally {
    await file.close();
  }
}

/** Run `covgap coverage` with `argv` (after the command name); resolves to the exit status. */
export async function runCoverage(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, SPEC, 'coverage');
  if (flags.has('help')) {
    process.stdout.write(COVERAGE_HELP + '\n');
    return 0;
  }
  const { model, freqMHz, txHeightM, rxHeightM, options } = readModelFlags(flags, 'coverage');
  const demPath = required(flags, 'dem', 'coverage');
  const [lon, lat] = parseLonLat(required(flags, 'site', 'coverage'), 'site');
  const eirpDbm = parseNumber(required(flags, 'eirp', 'coverage'), 'eirp', { min: -50, max: 100, unit: 'dBm' });
  const radiusKm = parseNumber(required(flags, 'radius-km', 'coverage'), 'radius-km', { above: 0, max: 200, unit: 'km' });
  const outPath = required(flags, 'out', 'coverage');
  if (!/\.tiff?$/i.test(outPath)) throw new InputError(`--out must name a GeoTIFF file ending in .tif or .tiff, got ${JSON.stringify(outPath)}`);
  const threadsText = flags.get('threads');
  const requested = threadsText === undefined ? undefined : parseNumber(threadsText, 'threads', { min: 1, max: 256, integer: true });
  const radiusM = radiusKm * 1000;
  const cores = availableParallelism();

  // the workers boot while the DEM is read: start them now when the DEM's resolution is known
  // from the file (.hgt), else once the DEM is read
  let pool: CoveragePool | null = null;
  const startPool = async (samples: number): Promise<void> => {
    const threads = coverageThreads(requested, samples, cores);
    // this thread sweeps too (one site, fastest wall time), and the worker keeps the command's own
    // priority: nothing here answers HTTP, the sweep is the whole job
    if (threads > 1 && pool === null) pool = new (await import('../coverage/pool')).CoveragePool({ workers: threads - 1, callerTakesParts: true, workerNice: null });
  };
  const hgtDeg = await hgtCellDeg(demPath);
  if (hgtDeg !== null) await startPool(radialSamples(radiusM, hgtDeg, lat));
  try {
    // heavy modules load only here, so --help stays fast
    const [{ readDemFile }, { pathLossGrid }, { writeGeoTiffAsync }, { deflate, constants: zlibConstants }, { promisify }] = await Promise.all([
      import('../data/dem'),
      import('../../core/coverage'),
      import('../../core/formats/geotiffWrite'),
      import('node:zlib'),
      import('node:util'),
    ]);
    // a .hgt is read only within reach of the sweep (the rest of the tile is never looked at)
    const dem = (await readHgtForSweep(demPath, lon, lat, radiusM, pool !== null)) ?? (await readDemFile(demPath));
    if (hgtDeg === null) await startPool(radialSamples(radiusM, Math.min(Math.abs(dem.transform[1]), Math.abs(dem.transform[5])), lat));
    const tx = { lon, lat, heightAglM: txHeightM };
    const coverageOptions = {
      modelId: model.id,
      rxHeightM,
      radiusM,
      ...(options ? { itm: { ...model.defaults, ...options } as never } : {}),
    };
    const loss = pool
      ? await (await import('../coverage/parallel')).pathLossGridParallel(dem, tx, freqMHz, coverageOptions, { pool })
      : pathLossGrid(dem, tx, freqMHz, coverageOptions);
    const closing = (pool as CoveragePool | null)?.close(); // the workers stop while the file is written
    pool = null;
    // received power = EIRP − path loss; NaN (no data) stays NaN. node's native zlib, level 1
    // with the run-length strategy: after the float predictor the byte planes are mostly runs, so
    // a 1″ 20 km raster comes out the size of level 1 (3.7 MB) in ~60 % of its time; the tiles
    // are compressed in parallel on libuv's thread pool
    const powerDbm = loss.data;
    for (let i = 0; i < powerDbm.length; i++) powerDbm[i] = eirpDbm - powerDbm[i];
    const deflateAsync = promisify(deflate);
    const bytes = await writeGeoTiffAsync({
      width: loss.width, height: loss.height, data: powerDbm, transform: loss.transform, sampleFormat: 'float32', nodata: NaN,
      deflateAsync: (b) => deflateAsync(b, { level: 1, strategy: zlibConstants.Z_RLE }),
    });
    try {
      await writeFile(outPath, bytes);
    } catch (err) {
      throw new InputError(`${outPath}: cannot write the output: ${(err as Error).message}`);
    }
    await closing;
    return 0;
  } finally {
    await (pool as CoveragePool | null)?.close(); // on failure: no worker keeps the process alive
  }
}
