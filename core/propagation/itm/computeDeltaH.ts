import { linearLeastSquaresFit } from './linearLeastSquaresFit';

/**
 * Terrain irregularity parameter Δh of a profile window, metres [Algorithm, section 6 "dlthx";
 * ERL 79, eq. 3].
 *
 * The window is resampled at n = 10·p10 − 5 evenly spaced points (p10 = 4…25, about one point per
 * profile interval, linear interpolation); a least-squares line is removed; Δh(d) is the
 * interdecile range of the residuals (10 % value minus 90 % value), and Δh is recovered from it by
 * inverting Δh(d) = Δh (1 − 0.8 e^(−d / 50 km)).
 *
 * @param elevationsM ground elevations, metres, evenly spaced (≥ 2)
 * @param stepM       sample spacing, metres (> 0)
 * @param startM      start of the window, metres from the transmitter
 * @param endM        end of the window, metres from the transmitter
 * @returns Δh, metres; 0 when the window spans fewer than 2 intervals
 * @example
 * computeDeltaH(new Array(20).fill(100), 100, 0, 1900); // 0 over flat ground
 */
export function computeDeltaH(
  elevationsM: ArrayLike<number>,
  stepM: number,
  startM: number,
  endM: number,
): number {
  const np = elevationsM.length - 1;
  const xStart = startM / stepM;
  const xEnd = endM / stepM;
  if (xEnd - xStart < 2) return 0;

  const p10 = Math.min(Math.max(4, Math.trunc(0.1 * (xEnd - xStart + 8))), 25);
  const n = 10 * p10 - 5;
  const p90 = n - p10;

  // resample the window at n points (index units), interpolating linearly between samples
  const samples = new Float64Array(n);
  const dx = (xEnd - xStart) / (n - 1);
  const firstSegment = Math.trunc(xStart);
  for (let j = 0; j < n; j++) {
    const x = xStart + j * dx;
    const i = Math.min(Math.max(firstSegment, Math.ceil(x) - 1), np - 1);
    samples[j] = elevationsM[i] + (elevationsM[i + 1] - elevationsM[i]) * (x - i);
  }

  // residuals about the least-squares line through the resampled window
  const [y0, yEnd] = linearLeastSquaresFit(samples, 1, 0, n - 1);
  const slope = (yEnd - y0) / (n - 1);
  for (let j = 0; j < n; j++) samples[j] -= y0 + slope * j;

  // interdecile range: p10-th largest minus (p90 + 1)-th largest residual
  samples.sort();
  const q10 = samples[n - p10];
  const q90 = samples[n - 1 - p90];
  return (q10 - q90) / (1 - 0.8 * Math.exp(-(endM - startM) / 50e3));
}
