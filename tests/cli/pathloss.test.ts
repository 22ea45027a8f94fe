import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeGeoTiff } from '../../core/formats/geotiffWrite';
import { itm } from '../../core/propagation/itm';
import { terrainProfile } from '../../core/terrain/profile';
import { readDemFile } from '../../server/data/dem';
import { covgap } from './run';

const dir = mkdtempSync(join(tmpdir(), 'covgap-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// NTIA's published point-to-point cases (tests/fixtures/itm/SOURCES.md), converted to our CSV profile format
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/itm/${name}`, import.meta.url), 'utf8');
const profiles = fixture('pfls.csv').trim().split('\n').map((l) => l.split(',').map(Number));
const cases = fixture('p2p.csv').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));

function profileCsv(pfl: number[]): string {
  const step = pfl[1];
  const rows = pfl.slice(2).map((e, i) => `${(i * step).toFixed(6)},${e}`);
  return ['distance_m,elevation_m', ...rows].join('\n') + '\n';
}

describe('covgap pathloss --profile against NTIA p2p.csv (≤ 0.005 dB, half the last printed digit)', () => {
  cases.forEach((row, i) => {
    const [hTx, hRx, eps, sigma, n0, f, pol, climate, time, location, situation, mdvar, expectedDb] = row;
    it(`case ${i + 1}: ${f} MHz → ${expectedDb} dB`, () => {
      const file = join(dir, `ntia${i + 1}.csv`);
      writeFileSync(file, profileCsv(profiles[i]));
      const r = covgap(
        'pathloss', '--model', 'itm', '--freq', String(f), '--tx-height', String(hTx), '--rx-height', String(hRx),
        '--profile', file, '--eps', String(eps), '--sigma', String(sigma), '--ns', String(n0),
        '--pol', pol === 1 ? 'v' : 'h', '--climate', String(climate), '--time', String(time),
        '--location', String(location), '--situation', String(situation), '--mdvar', String(mdvar), '--json',
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as { lossDb: number; warnings: string[] };
      expect(Math.abs(out.lossDb - expectedDb)).toBeLessThanOrEqual(0.005);
      expect(Array.isArray(out.warnings)).toBe(true);
    });
  });

  it('prints the loss with 2 decimals without --json', () => {
    const file = join(dir, 'ntia1.csv');
    writeFileSync(file, profileCsv(profiles[0]));
    const [hTx, hRx, eps, sigma, , f, , , time, location, situation] = cases[0];
    const r = covgap('pathloss', '--model=itm', `--freq=${f}`, '--tx-height', `${hTx}`, '--rx-height', `${hRx}`,
      '--profile', file, '--eps', `${eps}`, '--sigma', `${sigma}`, '--time', `${time}`, '--location', `${location}`,
      '--situation', `${situation}`);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('207.65\n');
  });
});

// one terrain function for both DEM formats: a ridge across a gentle slope, elevation by lon/lat
const RES = 1 / 1200; // 3″
const elevation = (lon: number, lat: number): number =>
  Math.round(300 + 200 * (lat - 22) + 400 * Math.exp(-(((lon - 106.25) / 0.01) ** 2)));

function writeHgt(path: string): void {
  const side = 1201;
  const bytes = new Uint8Array(side * side * 2);
  const view = new DataView(bytes.buffer);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) view.setInt16(2 * (r * side + c), elevation(106 + c * RES, 23 - r * RES), false);
  }
  writeFileSync(path, bytes);
}

function writeTif(path: string): void {
  // 3″ cells centred on the same points as the .hgt samples, 106.15–106.40 E, 22.45–22.55 N
  const width = 301;
  const height = 121;
  const data = new Float32Array(width * height);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) data[r * width + c] = elevation(106.15 + c * RES, 22.55 - r * RES);
  const transform = [106.15 - RES / 2, RES, 0, 22.55 + RES / 2, 0, -RES];
  writeFileSync(path, writeGeoTiff({ width, height, data, transform, sampleFormat: 'float32' }));
}

describe('covgap pathloss --dem (.hgt and GeoTIFF the test writes)', () => {
  const hgt = join(dir, 'N22E106.hgt');
  const tif = join(dir, 'ridge.tif');
  writeHgt(hgt);
  writeTif(tif);
  const args = ['--model', 'itm', '--freq', '900', '--tx-height', '30', '--rx-height', '1.5', '--from', '106.2,22.5', '--to', '106.3,22.52', '--json'];

  it('gives the loss core computes on the same profile, and the same on both formats', async () => {
    const dem = await readDemFile(hgt);
    const p = terrainProfile(dem, [106.2, 22.5], [106.3, 22.52]);
    const expected = itm.predict({ freqMHz: 900, txHeightM: 30, rxHeightM: 1.5, distanceM: p.distanceM, profile: p }).lossDb;
    const fromHgt = covgap('pathloss', '--dem', hgt, ...args);
    const fromTif = covgap('pathloss', '--dem', tif, ...args);
    expect(fromHgt.stderr).toBe('');
    expect(fromHgt.status).toBe(0);
    expect(fromTif.status).toBe(0);
    const a = JSON.parse(fromHgt.stdout).lossDb as number;
    const b = JSON.parse(fromTif.stdout).lossDb as number;
    expect(a).toBeCloseTo(expected, 6);
    expect(Math.abs(a - b)).toBeLessThan(0.01);
    // the ridge blocks the path: well above free space (≈ 111.8 dB at 10.5 km, 900 MHz)
    expect(a).toBeGreaterThan(125);
  });

  it('refuses a path that leaves the DEM', () => {
    const r = covgap('pathloss', '--dem', tif, ...args.slice(0, 8), '--from', '106.2,22.5', '--to', '106.5,22.5');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^covgap pathloss: .*ridge\.tif: the path 106\.2,22\.5 → 106\.5,22\.5 has no elevation \d+ m from --from \(outside the DEM or in a void\); choose points inside the DEM or fill its voids\n$/);
  });
});
