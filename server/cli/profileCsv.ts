/**
 * Terrain profiles from CSV: a header `distance_m,elevation_m`, then one sample per line, evenly
 * spaced, transmitter first, at least two samples.
 *
 * ```
 * distance_m,elevation_m
 * 0,312.5
 * 30,318.0
 * 60,321.2
 * ```
 */
import type { TerrainProfile } from '../../core/propagation/types';
import { InputError } from '../../core/errors';

/** Allowed deviation of a sample's distance from i × step: 0.1 % of the step, at least 1 mm. */
const SPACING_TOLERANCE = 1e-3;

/**
 * Parse a CSV profile. Errors name the file and line (1-based).
 *
 * @example
 * parseProfileCsv('distance_m,elevation_m\n0,100\n50,120\n', 'p.csv')
 * // { stepM: 50, elevationsM: Float64Array [100, 120], distanceM: 50 }
 */
export function parseProfileCsv(text: string, path: string): TerrainProfile & { distanceM: number } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  const header = (lines[0] ?? '').split(',').map((s) => s.trim());
  if (header.length !== 2 || header[0] !== 'distance_m' || header[1] !== 'elevation_m') {
    throw new InputError(`${path}:1: the header must be "distance_m,elevation_m", got ${JSON.stringify(lines[0] ?? '')}`);
  }
  const n = lines.length - 1;
  if (n < 2) throw new InputError(`${path}: a profile needs at least 2 samples (transmitter and receiver), got ${n}`);
  const distances = new Float64Array(n);
  const elevationsM = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lineNo = i + 2;
    const cells = lines[i + 1].split(',');
    if (cells.length !== 2) throw new InputError(`${path}:${lineNo}: expected 2 values (distance_m,elevation_m), got ${cells.length}`);
    for (let c = 0; c < 2; c++) {
      const s = cells[c].trim();
      const v = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) ? Number(s) : NaN;
      if (!Number.isFinite(v)) throw new InputError(`${path}:${lineNo}: ${header[c]} must be a number, got ${JSON.stringify(s)}`);
      (c === 0 ? distances : elevationsM)[i] = v;
    }
  }
  if (distances[0] !== 0) throw new InputError(`${path}:2: the first sample is the transmitter and must be at distance_m 0, got ${distances[0]}`);
  const stepM = (distances[n - 1] - distances[0]) / (n - 1);
  if (!(stepM > 0)) throw new InputError(`${path}: distances must increase from the transmitter to the receiver`);
  const tolM = Math.max(stepM * SPACING_TOLERANCE, 0.001);
  for (let i = 1; i < n; i++) {
    const expected = i * stepM;
    if (Math.abs(distances[i] - expected) > tolM) {
      throw new InputError(
        `${path}:${i + 2}: samples must be evenly spaced (step ${+stepM.toFixed(4)} m); distance_m ${distances[i]} should be ${+expected.toFixed(4)}`,
      );
    }
  }
  return { stepM, elevationsM, distanceM: stepM * (n - 1) };
}
