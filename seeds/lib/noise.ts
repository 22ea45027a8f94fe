import { hash2 } from './prng';

/**
 * Value noise and its fractal sums, written for speed: no allocation, lattice in the caller's units.
 */

// lattice value in [-1, 1]
function lattice(ix: number, iy: number, seed: number): number {
  return hash2(ix, iy, seed) / 2147483647.5 - 1;
}

/**
 * Smooth value noise at (x, y) in lattice units, in [-1, 1] (quintic fade).
 *
 * @example
 * valueNoise(10.5, 3.25, 7)
 */
export function valueNoise(x: number, y: number, seed: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const u = fx * fx * fx * (fx * (fx * 6 - 15) + 10);
  const v = fy * fy * fy * (fy * (fy * 6 - 15) + 10);
  const a = lattice(x0, y0, seed);
  const b = lattice(x0 + 1, y0, seed);
  const c = lattice(x0, y0 + 1, seed);
  const d = lattice(x0 + 1, y0 + 1, seed);
  return a + (b - a) * u + (c - a) * v + (a - b - c + d) * u * v;
}

// gradient directions: 8 unit vectors at 22.5° + k·45°, none along an axis (an axis-aligned
// pair of gradients makes the noise vanish along a whole lattice edge: straight ridges)
const GX = new Float64Array(8);
const GY = new Float64Array(8);
for (let k = 0; k < 8; k++) {
  GX[k] = Math.cos(((22.5 + 45 * k) * Math.PI) / 180);
  GY[k] = Math.sin(((22.5 + 45 * k) * Math.PI) / 180);
}

/**
 * Gradient (Perlin) noise at (x, y) in lattice units, roughly in [-1, 1]. Its zero crossings wind
 * freely, so ridges built on it do not follow the lattice.
 *
 * @example
 * gradientNoise(10.5, 3.25, 7)
 */
export function gradientNoise(x: number, y: number, seed: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const u = fx * fx * fx * (fx * (fx * 6 - 15) + 10);
  const v = fy * fy * fy * (fy * (fy * 6 - 15) + 10);
  const h00 = hash2(x0, y0, seed) & 7;
  const h10 = hash2(x0 + 1, y0, seed) & 7;
  const h01 = hash2(x0, y0 + 1, seed) & 7;
  const h11 = hash2(x0 + 1, y0 + 1, seed) & 7;
  const a = GX[h00] * fx + GY[h00] * fy;
  const b = GX[h10] * (fx - 1) + GY[h10] * fy;
  const c = GX[h01] * fx + GY[h01] * (fy - 1);
  const d = GX[h11] * (fx - 1) + GY[h11] * (fy - 1);
  const r = a + (b - a) * u + (c - a) * v + (a - b - c + d) * u * v;
  return r * 1.4;
}

/** Fractal Brownian motion: `octaves` of value noise, gain 0.5, lacunarity 2, normalised to [-1, 1]. */
export function fbm(x: number, y: number, seed: number, octaves: number): number {
  let sum = 0;
  let amp = 1;
  let norm = 0;
  for (let o = 0; o < octaves; o++) {
    sum += amp * gradientNoise(x, y, seed + o * 1013);
    norm += amp;
    amp *= 0.5;
    // rotate a little between octaves so the lattice does not show
    const nx = 1.6 * x + 1.2 * y + 17.3;
    y = -1.2 * x + 1.6 * y + 5.1;
    x = nx;
  }
  return sum / norm;
}

/**
 * Ridged multifractal in [0, 1]: sharp crests where the noise crosses zero, each octave
 * weighted by the previous one (crests get detail, valleys stay smooth), as karst ridges do.
 */
export function ridged(x: number, y: number, seed: number, octaves: number): number {
  let sum = 0;
  let amp = 1;
  let norm = 0;
  let weight = 1;
  for (let o = 0; o < octaves; o++) {
    let r = 1 - Math.abs(gradientNoise(x, y, seed + o * 7919));
    r *= r;
    r *= weight;
    weight = r * 1.6 > 1 ? 1 : r * 1.6;
    sum += r * amp;
    norm += amp;
    amp *= 0.5;
    const nx = 1.6 * x + 1.2 * y + 3.7;
    y = -1.2 * x + 1.6 * y + 11.9;
    x = nx;
  }
  return sum / norm;
}
