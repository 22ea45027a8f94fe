import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { viewshed } from '../../../core/coverage';
import { writeGeoTiff } from '../../../core/formats/geotiffWrite';
import { readDemFile } from '../../../server/data/dem';
import { roughDem } from './synthDem';

const hasGdal = existsSync('/usr/bin/gdal_viewshed') && existsSync('/usr/bin/gdalwarp');
const skip = !hasGdal && !process.env.CI;

describe('viewshed against gdal_viewshed (-cc 0.75 ≙ k = 4/3)', () => {
  it.skipIf(skip)('agrees on >= 97 % of the cells within the radius', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'covgap-vs-'));
    const cell = 3 / 3600;
    const dem = roughDem(241, 241, cell, 9);
    const tx = { lon: 106 + 120.5 * cell, lat: 23 - 120.5 * cell, heightAglM: 30 };
    const radiusM = 8000;
    const mine = viewshed(dem, tx, { radiusM });
    writeFileSync(join(dir, 'dem.tif'), writeGeoTiff({ width: dem.width, height: dem.height, data: dem.data, transform: dem.transform, sampleFormat: 'float32' }));
    // gdal_viewshed wants metres: warp to UTM 48N, run, warp the result back onto our window grid
    execFileSync('gdalwarp', ['-q', '-t_srs', 'EPSG:32648', '-tr', '30', '30', '-r', 'bilinear', join(dir, 'dem.tif'), join(dir, 'utm.tif')]);
    const [ox, oy] = execFileSync('gdaltransform', ['-s_srs', 'EPSG:4326', '-t_srs', 'EPSG:32648', '-output_xy'], { input: `${tx.lon} ${tx.lat}\n` })
      .toString().trim().split(/\s+/).map(Number);
    execFileSync('gdal_viewshed', ['-q', '-ox', String(ox), '-oy', String(oy), '-oz', '30', '-tz', '1.5', '-cc', '0.75', '-md', String(radiusM + 200),
      '-vv', '1', '-iv', '0', '-ov', '2', join(dir, 'utm.tif'), join(dir, 'vs.tif')]);
    const t = mine.transform;
    execFileSync('gdalwarp', ['-q', '-t_srs', 'EPSG:4326', '-r', 'near', '-ot', 'Float32', '-te', String(t[0]), String(t[3] + mine.height * t[5]), String(t[0] + mine.width * t[1]), String(t[3]),
      '-ts', String(mine.width), String(mine.height), join(dir, 'vs.tif'), join(dir, 'back.tif')]);
    const back = await readDemFile(join(dir, 'back.tif'));
    let same = 0;
    let total = 0;
    for (let i = 0; i < mine.data.length; i++) {
      const m = mine.data[i];
      const g = back.data[i];
      if (m === 255 || !(g === 0 || g === 1)) continue;
      total++;
      if (m === g) same++;
    }
    const agreement = same / total;
    console.log(`viewshed vs gdal_viewshed: ${(agreement * 100).toFixed(2)} % of ${total} cells agree`);
    expect(total).toBeGreaterThan(20000);
    expect(agreement).toBeGreaterThanOrEqual(0.97);
  });
});
