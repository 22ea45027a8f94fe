/**
 * A deterministic rough mountain tile for the benchmarks: ridged multifractal crests over a
 * rolling base, 200–1,900 m like a karst province, written as SRTM .hgt (big-endian int16).
 * The 3″ tile takes every third sample of the 1″ one, so both describe the same terrain.
 */
import { writeFileSync } from 'node:fs';
import { fbm, ridged } from '../seeds/lib/noise';

/** Lattice unit of the noise, degrees (≈ 5.5 km): the spacing of the main ridges. */
const LATTICE_DEG = 0.05;
const SEED = 20250701;

/**
 * Elevations of a 1″ tile (3601 × 3601, row 0 = north edge) whose south-west corner is
 * (lon0, lat0), as an Int16Array.
 *
 * @example
 * const h = roughTile1s(106, 22); // N22E106
 */
export function roughTile1s(lon0: number, lat0: number): Int16Array {
  const side = 3601;
  const out = new Int16Array(side * side);
  // one sample per arc-second, noise in lattice units
  for (let r = 0; r < side; r++) {
    const y = (lat0 + 1 - r / 3600) / LATTICE_DEG;
    for (let c = 0; c < side; c++) {
      const x = (lon0 + c / 3600) / LATTICE_DEG;
      const crest = ridged(x, y, SEED, 6);
      const base = fbm(x * 0.25, y * 0.25, SEED + 1, 3);
      out[r * side + c] = Math.round(550 + 1100 * crest * crest + 350 * base);
    }
  }
  return out;
}

/** Every third sample of a 1″ tile: the 3″ tile (1201 × 1201) of the same terrain. */
export function decimateTo3s(tile1s: Int16Array): Int16Array {
  const out = new Int16Array(1201 * 1201);
  for (let r = 0; r < 1201; r++) for (let c = 0; c < 1201; c++) out[r * 1201 + c] = tile1s[3 * r * 3601 + 3 * c];
  return out;
}

/** Write samples as an SRTM .hgt file (big-endian int16). */
export function writeHgt(path: string, samples: Int16Array): void {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(2 * i, samples[i], false);
  writeFileSync(path, bytes);
}
