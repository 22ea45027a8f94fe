/**
 * Δh of a profile window without allocation: the same resampling, detrending and interdecile range
 * as computeDeltaH.ts, with a quickselect on a caller-owned scratch buffer (≥ 245 entries) instead
 * of a sort.
 *
 * @example
 * deltaHWindow(z, 100, 30, 450, 2977.5, new Float64Array(250)) // metres
 */
export function deltaHWindow(
  z: ArrayLike<number>, np: number, stepM: number, startM: number, endM: number, scratch: Float64Array,
): number {
  const xStart = startM / stepM;
  const xEnd = endM / stepM;
  if (xEnd - xStart < 2) return 0;
  const p10 = Math.min(Math.max(4, Math.trunc(0.1 * (xEnd - xStart + 8))), 25);
  const n = 10 * p10 - 5;
  const p90 = n - p10;
  const dx = (xEnd - xStart) / (n - 1);
  const firstSegment = Math.trunc(xStart);
  // resample and accumulate the trapezoid-weighted least-squares sums at once
  let sumY = 0;
  let sumXY = 0;
  const middle = 0.5 * (n - 1);
  for (let j = 0; j < n; j++) {
    const x = xStart + j * dx;
    const i = Math.min(Math.max(firstSegment, Math.ceil(x) - 1), np - 1);
    const v = z[i] + (z[i + 1] - z[i]) * (x - i);
    scratch[j] = v;
    const w = j === 0 || j === n - 1 ? 0.5 : 1;
    sumY += w * v;
    sumXY += w * v * (j - middle);
  }
  const span = n - 1;
  const mean = sumY / span;
  const slope = (sumXY * 12) / ((span * span + 2) * span);
  const y0 = mean - slope * middle;
  for (let j = 0; j < n; j++) scratch[j] -= y0 + slope * j;
  // ascending order statistics: index n − p10 and n − 1 − p90 (= p10 − 1)
  const q10 = select(scratch, n, n - p10);
  const q90 = select(scratch, n, n - 1 - p90);
  return (q10 - q90) / (1 - 0.8 * Math.exp(-(endM - startM) / 50e3));
}

/** k-th smallest of a[0..n-1] (Hoare quickselect, reorders a). */
function select(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}
