/**
 * `npm run seed [-- --data DIR --out DIR --seed N --data-dir DIR --target N --no-calibrate]`:
 * builds the deterministic demo province in geodata/ from the real public data (outline, communes,
 * towns) plus synthetic terrain, hamlets, power lines and BTS sites. Same seed, same bytes.
 *
 * Pipeline: real data → valley network → DEM → hamlets → power lines → sites → hamlet boundaries → files →
 * calibration (calibrate.ts: sites moved until the server's coverage leaves `--target` villages
 * without signal, default the published 138; the coverage cache in `--data-dir`/coverage-cache,
 * default data/ as the server's DATA_DIR, is warm afterwards).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGeoTiff } from '../core/formats/geotiffWrite';
import { calibrateSites, PUBLISHED_VILLAGES_WITHOUT_SIGNAL } from './calibrate';
import { writeBytes, writeFeatureCollection, writeText } from './io';
import { buildNetwork, bboxOf } from './network';
import { buildPowerLines } from './power';
import { readRealData, townFeatures } from './real';
import { buildSites } from './sites';
import { buildDem } from './terrain';
import { buildVillages } from './villages';
import { addHamletBoundaries } from './boundaries';

/** The default seed: the day the two-tier government started. */
export const DEFAULT_SEED = 20250701;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(arg('data', join(root, '../shared/data/caobang')));
const outDir = resolve(arg('out', join(root, 'geodata')));
const seed = Number(arg('seed', String(DEFAULT_SEED)));
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${arg('seed', '')}`);
const coverageDataDir = resolve(arg('data-dir', join(root, 'data')));
const target = Number(arg('target', String(PUBLISHED_VILLAGES_WITHOUT_SIGNAL)));
if (!Number.isInteger(target) || target < 0) throw new Error(`--target must be a whole number of villages, got ${arg('target', '')}`);
const calibrate = !process.argv.includes('--no-calibrate');

const t0 = performance.now();
const lap = (what: string) => console.log(`${what.padEnd(12)} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const real = readRealData(dataDir);
const valleys = buildNetwork(real.towns, real.communes, real.outline.geometry, { seed });
lap('network');
const dem = buildDem(valleys, { seed, bbox: bboxOf(real.outline.geometry) });
lap('terrain');
const tif = writeGeoTiff({ width: dem.width, height: dem.height, data: dem.data, transform: dem.transform, nodata: -32768, sampleFormat: 'int16' });
writeBytes(join(outDir, 'dem/caobang-dem-1s.tif'), tif);
lap('geotiff');
const villages = buildVillages(real.communes, dem, valleys, real.towns, { seed });
lap('villages');
const power = buildPowerLines(valleys, villages, {});
lap('power');
const sites = buildSites(real.communes, dem, valleys, real.towns, villages, power, { seed });
lap('sites');
// after the sites, from its own random stream: the boundaries change nothing else
addHamletBoundaries(villages, real.communes, { seed });
lap('boundaries');

const outline = {
  ...real.outline,
  id: '04',
  properties: { id: '04', name: 'Cao Bằng', source: String(real.outline.properties?.source ?? ''), licence: 'GPL-3.0 (daohoangson/dvhcvn)', synthetic: false },
};
writeFeatureCollection(join(outDir, 'province.geojson'), [outline]);
writeFeatureCollection(join(outDir, 'communes.geojson'), real.communes);
writeFeatureCollection(join(outDir, 'towns.geojson'), townFeatures(real.towns));
writeFeatureCollection(join(outDir, 'villages.geojson'), villages);
writeFeatureCollection(join(outDir, 'power-lines.geojson'), power);
writeFeatureCollection(join(outDir, 'sites.geojson'), sites);
const manifest = {
  name: 'Cao Bằng (demo)', dem: 'dem/caobang-dem-1s.tif', outline: 'province.geojson', communes: 'communes.geojson',
  villages: 'villages.geojson', sites: 'sites.geojson', powerLines: 'power-lines.geojson', towns: 'towns.geojson',
};
writeText(join(outDir, 'covgap.json'), JSON.stringify(manifest, null, 2) + '\n');
lap('written');
if (calibrate) {
  const summary = await calibrateSites(
    { sites, communes: real.communes, towns: real.towns, valleys, power },
    { seed, target, outDir, dataDir: coverageDataDir, log: (line) => console.log(line) },
  );
  lap('calibrated');
  console.log(`calibration: ${summary.before} → ${summary.after} villages without signal, ${summary.moves} sites moved, ${summary.computed} site coverages computed, ${summary.seconds.toFixed(0)} s`);
}
console.log(`DEM ${dem.width}×${dem.height}, ${(tif.length / 1e6).toFixed(1)} MB; ${villages.length} hamlets, ${power.length} power lines, ${sites.length} sites`);
