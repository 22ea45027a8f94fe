/**
 * SPLAT! set-up for the benchmarks: the tile converted to SPLAT Data Files (srtm2sdf for 3″,
 * srtm2sdf-hd for 1″), a .qth site file and a .lrp file holding the same ITM parameters covgap uses.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ITM_DEFAULTS } from '../core/propagation/itm/options';
import { runOnce } from './proc';

export interface BenchSite {
  lon: number;
  lat: number;
  txHeightM: number;
  rxHeightM: number;
  freqMHz: number;
  radiusKm: number;
}

/**
 * Make `dir` ready for `splat`/`splat-hd -t site.qth`: converts `hgtPath`, writes site.qth and
 * site.lrp. Returns the seconds the conversion took. Throws when the converted terrain is all
 * zeros (srtm2sdf writes sea level silently when it cannot read the tile).
 */
export function prepareSplat(dir: string, hgtPath: string, hd: boolean, site: BenchSite): number {
  mkdirSync(dir, { recursive: true });
  copyFileSync(hgtPath, join(dir, 'N22E106.hgt'));
  const t0 = performance.now();
  runOnce(hd ? 'srtm2sdf-hd' : 'srtm2sdf', ['N22E106.hgt'], dir);
  const seconds = (performance.now() - t0) / 1000;
  const sdf = readdirSync(dir).find((f) => f.endsWith('.sdf'));
  if (sdf === undefined) throw new Error(`${hd ? 'srtm2sdf-hd' : 'srtm2sdf'} wrote no .sdf in ${dir}`);
  const head = readFileSync(join(dir, sdf), 'utf8').slice(0, 4000).split('\n').slice(4, 400);
  if (head.every((v) => v.trim() === '0' || v.trim() === '')) throw new Error(`${sdf}: the converted terrain is all sea level`);

  // SPLAT! takes longitude in degrees west; an east longitude is negative
  writeFileSync(join(dir, 'site.qth'), `site\n${site.lat}\n${-site.lon}\n${site.txHeightM} meters\n`);
  const o = ITM_DEFAULTS;
  const lrp = [
    `${o.relPermittivity.toFixed(3)} ; Earth Dielectric Constant (Relative permittivity)`,
    `${o.conductivitySPerM.toFixed(3)} ; Earth Conductivity (Siemens per meter)`,
    `${o.refractivityN.toFixed(3)} ; Atmospheric Bending Constant (N-units)`,
    `${site.freqMHz.toFixed(3)} ; Frequency in MHz (20 MHz to 20 GHz)`,
    `${o.climate} ; Radio Climate (5 = Continental Temperate)`,
    `${o.polarization === 'vertical' ? 1 : 0} ; Polarization (0 = Horizontal, 1 = Vertical)`,
    `${(o.situationPct / 100).toFixed(2)} ; Fraction of situations`,
    `${(o.timePct / 100).toFixed(2)} ; Fraction of time`,
  ];
  writeFileSync(join(dir, 'site.lrp'), lrp.join('\n') + '\n');
  return seconds;
}

/** Arguments of a SPLAT! ITM (not ITWOM) path-loss map around site.qth. */
export function splatArgs(site: BenchSite): string[] {
  return ['-t', 'site.qth', '-L', String(site.rxHeightM), '-R', String(site.radiusKm), '-metric', '-olditm', '-ngs', '-d', '.', '-o', 'map.ppm'];
}

/** The ground elevation SPLAT! reports at the site (a check that it read our terrain). */
export function splatSiteElevationM(dir: string): number {
  const report = readFileSync(join(dir, 'site-site_report.txt'), 'latin1');
  const m = /Ground elevation:\s*([-\d.]+)/.exec(report);
  return m ? Number(m[1]) : NaN;
}
