import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pathLossGrid } from '../../core/coverage';
import { writeGeoTiff } from '../../core/formats/geotiffWrite';
import { parseGeoTiffDem, readDemFile } from '../../server/data/dem';
import { covgap } from './run';

const dir = mkdtempSync(join(tmpdir(), 'covgap-cli-cov-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RES = 1 / 1200; // 3″
// hills of a few hundred metres, by lon/lat, the same on both formats
const elevation = (lon: number, lat: number): number =>
  Math.round(400 + 150 * Math.sin((lon - 106) * 300) * Math.cos((lat - 22) * 250) + 100 * (lat - 22));

const hgt = join(dir, 'N22E106.hgt');
const tif = join(dir, 'hills.tif');
{
  const side = 1201;
  const bytes = new Uint8Array(side * side * 2);
  const view = new DataView(bytes.buffer);
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) view.setInt16(2 * (r * side + c), elevation(106 + c * RES, 23 - r * RES), false);
  writeFileSync(hgt, bytes);
  const width = 241;
  const height = 241;
  const data = new Float32Array(width * height);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) data[r * width + c] = elevation(106.4 + c * RES, 22.6 - r * RES);
  writeFileSync(tif, writeGeoTiff({ width, height, data, transform: [106.4 - RES / 2, RES, 0, 22.6 + RES / 2, 0, -RES], sampleFormat: 'float32' }));
}

const SITE = [106.5, 22.5];
const common = ['--model', 'itm', '--site', SITE.join(','), '--tx-height', '30', '--rx-height', '1.5', '--freq', '900', '--eirp', '60', '--radius-km', '3'];

describe('covgap coverage', () => {
  for (const [name, dem] of [['.hgt', hgt], ['GeoTIFF', tif]] as const) {
    it(`writes EIRP − ITM loss as a float32 EPSG:4326 GeoTIFF at the DEM's resolution (${name})`, async () => {
      const out = join(dir, `out-${name === '.hgt' ? 'hgt' : 'tif'}.tif`);
      const r = covgap('coverage', '--dem', dem, ...common, '--out', out);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('');

      const raster = await parseGeoTiffDem(readFileSync(out), out);
      const expected = pathLossGrid(await readDemFile(dem), { lon: SITE[0], lat: SITE[1], heightAglM: 30 }, 900, { radiusM: 3000, rxHeightM: 1.5 });
      expect([raster.width, raster.height]).toEqual([expected.width, expected.height]);
      // the DEM's resolution, on the DEM's grid
      expect(raster.transform[1]).toBeCloseTo(RES, 12);
      expect(raster.transform[5]).toBeCloseTo(-RES, 12);
      const offsetCells = (raster.transform[0] - (106 - RES / 2)) / RES;
      expect(Math.abs(offsetCells - Math.round(offsetCells))).toBeLessThan(1e-6);
      expect(raster.transform[0]).toBeCloseTo(expected.transform[0], 10);
      expect(raster.transform[3]).toBeCloseTo(expected.transform[3], 10);
      let valid = 0;
      let nodata = 0;
      for (let i = 0; i < raster.data.length; i++) {
        const want = expected.data[i];
        if (Number.isNaN(want)) {
          expect(raster.data[i]).toBeNaN();
          nodata++;
        } else {
          expect(raster.data[i]).toBeCloseTo(60 - want, 3);
          valid++;
        }
      }
      // a disc in a square: about π/4 of the cells have data, the corners have none
      expect(valid / raster.data.length).toBeGreaterThan(0.7);
      expect(valid / raster.data.length).toBeLessThan(0.85);
      expect(nodata).toBeGreaterThan(0);
      expect(raster.data[0]).toBeNaN();
      // next to the site the signal is strong, a few km out it is weaker
      const centre = raster.data[(raster.height >> 1) * raster.width + (raster.width >> 1)];
      expect(centre).toBeGreaterThan(-60);
    });
  }

  it('is read by gdalinfo as Float32, EPSG:4326, no data NaN', (ctx) => {
    if (spawnSync('sh', ['-c', 'command -v gdalinfo']).status !== 0) ctx.skip('gdalinfo is not installed (Debian package gdal-bin)');
    const out = join(dir, 'out-hgt.tif');
    const info = JSON.parse(spawnSync('gdalinfo', ['-json', out], { encoding: 'utf8' }).stdout);
    expect(info.bands[0].type).toBe('Float32');
    expect(String(info.bands[0].noDataValue)).toBe('NaN');
    expect(info.coordinateSystem.wkt).toContain('ID["EPSG",4326]');
    expect(info.geoTransform[1]).toBeCloseTo(RES, 12);
  });

  it('refuses bad flags with exact messages', () => {
    const out = join(dir, 'x.tif');
    const bad = (...args: string[]): string => {
      const r = covgap('coverage', ...args);
      expect(r.status).toBe(2);
      return r.stderr;
    };
    expect(bad('--dem', hgt, ...common, '--out', join(dir, 'x.png'))).toBe(`covgap coverage: --out must name a GeoTIFF file ending in .tif or .tiff, got "${dir}/x.png"\n`);
    expect(bad('--dem', hgt, ...common.slice(0, 12), '--radius-km', '0', '--out', out)).toBe('covgap coverage: --radius-km must be a number > 0 and <= 200 km, got "0"\n');
    expect(bad('--dem', hgt, ...common.slice(0, 10), '--radius-km', '3', '--out', out)).toBe('covgap coverage: --eirp is required (see covgap coverage --help)\n');
    expect(bad('--dem', join(dir, 'nope.hgt'), ...common, '--out', out)).toBe(`covgap coverage: ${dir}/nope.hgt: file not found\n`);
  });

  it('documents every flag and the ITM defaults in --help', () => {
    const r = covgap('coverage', '--help');
    expect(r.status).toBe(0);
    for (const s of ['--eirp DBM', '--radius-km R', '--out FILE.tif', '[5]', '[301]', '[0.005]', '[12]']) expect(r.stdout).toContain(s);
  });
});
