/**
 * Agreement between covgap's coverage raster and SPLAT!'s alphanumeric path-loss output (-ano):
 * for every point SPLAT! lists, the covgap cell containing it, loss = EIRP − received power.
 */
import { readFileSync } from 'node:fs';
import { parseGeoTiffDem } from '../server/data/dem';
import { median } from './proc';

export interface Agreement {
  /** Points compared (both have a value). */
  points: number;
  /** Median of covgap − SPLAT!, dB. */
  medianDiffDb: number;
  /** Median and 90th percentile of |covgap − SPLAT!|, dB. */
  medianAbsDiffDb: number;
  p90AbsDiffDb: number;
}

/**
 * Compare SPLAT!'s `-ano` path-loss file with covgap's received-power GeoTIFF made with `eirpDbm`.
 *
 * @example
 * await compareWithSplat('splat/pathloss.ano', 'covgap-3s.tif', 60)
 */
export async function compareWithSplat(anoPath: string, tifPath: string, eirpDbm: number): Promise<Agreement> {
  const raster = await parseGeoTiffDem(readFileSync(tifPath), tifPath);
  const t = raster.transform;
  const diffs: number[] = [];
  // lines: "lat, lon west, azimuth, elevation, loss[ *]"; the first two are the region's bounds
  for (const line of readFileSync(anoPath, 'latin1').split('\n')) {
    const f = line.split(',');
    if (f.length < 5) continue;
    const lat = Number(f[0]);
    const lonWest = Number(f[1]);
    const lossDb = Number.parseFloat(f[4]);
    if (!Number.isFinite(lat) || !Number.isFinite(lonWest) || !Number.isFinite(lossDb)) continue;
    const lon = lonWest > 180 ? 360 - lonWest : -lonWest;
    const col = Math.floor((lon - t[0]) / t[1]);
    const row = Math.floor((lat - t[3]) / t[5]);
    if (col < 0 || row < 0 || col >= raster.width || row >= raster.height) continue;
    const power = raster.data[row * raster.width + col];
    if (Number.isNaN(power)) continue;
    diffs.push(eirpDbm - power - lossDb);
  }
  const abs = diffs.map(Math.abs).sort((a, b) => a - b);
  return {
    points: diffs.length,
    medianDiffDb: median(diffs),
    medianAbsDiffDb: median(abs),
    p90AbsDiffDb: abs.length ? abs[Math.min(abs.length - 1, Math.floor(abs.length * 0.9))] : NaN,
  };
}
