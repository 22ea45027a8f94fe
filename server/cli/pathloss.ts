/**
 * `covgap pathloss`: the basic transmission loss of one path, from a CSV profile or a DEM.
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../../core/errors';
import type { TerrainProfile } from '../../core/propagation/types';
import { MODEL_IDS } from '../../core/propagation/registry';
import { terrainProfile } from '../../core/terrain/profile';
import { parseFlags, parseLonLat, UsageError } from './args';
import { ITM_HELP, MODEL_FLAG_SPEC, readModelFlags } from './modelFlags';
import { parseProfileCsv } from './profileCsv';

export const PATHLOSS_HELP = `Usage: covgap pathloss --model MODEL --freq MHZ --tx-height M --rx-height M
         (--profile FILE.csv | --dem FILE --from LON,LAT --to LON,LAT)
         [ITM options] [--json]

Prints the basic transmission loss (isotropic antennas) of one path, in dB.

  --model MODEL        path-loss model, one of ${MODEL_IDS.join(', ')}
  --freq MHZ           carrier frequency, MHz
  --tx-height M        transmitter antenna height above ground, metres
  --rx-height M        receiver antenna height above ground, metres
  --profile FILE.csv   terrain profile: header distance_m,elevation_m, one sample per line,
                       evenly spaced, transmitter first (distance 0), at least 2 samples
  --dem FILE           DEM: GeoTIFF (EPSG:4326) or SRTM .hgt (1" or 3", located by its
                       file name, e.g. N22E106.hgt)
  --from LON,LAT       transmitter position, decimal degrees (with --dem)
  --to LON,LAT         receiver position, decimal degrees (with --dem)
  --json               print {"lossDb": ..., "warnings": [...]} instead of plain text
  --help               this text

${ITM_HELP}

Warnings (inputs outside the model's validity range) go to standard error.
Exit status: 0 done, 2 bad usage or input, 1 unexpected failure.

Example:
  covgap pathloss --model itm --freq 900 --tx-height 30 --rx-height 1.5 \\
    --dem N22E106.hgt --from 106.25,22.66 --to 106.30,22.70`;

const V = { value: true };
const SPEC = { ...MODEL_FLAG_SPEC, profile: V, dem: V, from: V, to: V, json: { value: false }, help: { value: false } };

/** Run `covgap pathloss` with `argv` (after the command name); resolves to the exit status. */
export async function runPathloss(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, SPEC, 'pathloss');
  if (flags.has('help')) {
    process.stdout.write(PATHLOSS_HELP + '\n');
    return 0;
  }
  const choice = readModelFlags(flags, 'pathloss');
  const profilePath = flags.get('profile');
  const demPath = flags.get('dem');
  if ((profilePath === undefined) === (demPath === undefined)) {
    throw new UsageError('covgap pathloss: give either --profile FILE.csv or --dem FILE with --from and --to (see covgap pathloss --help)');
  }
  let profile: TerrainProfile;
  let distanceM: number;
  if (profilePath !== undefined) {
    for (const f of ['from', 'to']) {
      if (flags.has(f)) throw new UsageError(`covgap pathloss: --${f} goes with --dem, not with --profile`);
    }
    let text: string;
    try {
      text = await readFile(profilePath, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputError(code === 'ENOENT' ? `${profilePath}: file not found` : `${profilePath}: cannot read the file: ${(err as Error).message}`);
    }
    const p = parseProfileCsv(text, profilePath);
    profile = p;
    distanceM = p.distanceM;
  } else {
    const fromText = flags.get('from');
    const toText = flags.get('to');
    if (fromText === undefined || toText === undefined) {
      throw new UsageError(`covgap pathloss: --dem needs --from LON,LAT and --to LON,LAT`);
    }
    const from = parseLonLat(fromText, 'from');
    const to = parseLonLat(toText, 'to');
    // the DEM reader (and the geotiff library) loads only when needed: --help stays fast
    const { readDemFile } = await import('../data/dem');
    const dem = await readDemFile(demPath as string);
    const p = terrainProfile(dem, from, to);
    const bad = p.elevationsM.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new InputError(
        `${demPath}: the path ${fromText} → ${toText} has no elevation ${(bad * p.stepM).toFixed(0)} m from --from ` +
          '(outside the DEM or in a void); choose points inside the DEM or fill its voids',
      );
    }
    profile = p;
    distanceM = p.distanceM;
  }

  const { model, freqMHz, txHeightM, rxHeightM, options } = choice;
  const r = model.predict({ freqMHz, txHeightM, rxHeightM, distanceM, profile }, options);
  if (flags.has('json')) {
    process.stdout.write(JSON.stringify({ lossDb: r.lossDb, warnings: r.warnings }) + '\n');
  } else {
    process.stdout.write(`${r.lossDb.toFixed(2)}\n`);
    for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
  }
  return 0;
}
