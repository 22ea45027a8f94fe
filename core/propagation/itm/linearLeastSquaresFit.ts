/**
 * The sample window of ITM's zlsq1 on a profile of np + 1 samples: ⌊start/step⌋ … np − ⌊np − end/step⌋
 * (clipped to the profile), widened by one sample on each side when that leaves no interval.
 * Writes [first, last] to `out` (caller-owned, so the radial sweep calls it per sample without
 * allocating).
 *
 * @example
 * const w = new Int32Array(2);
 * fitWindow(100, 30, 0, 3000, w); w[1] // 100
 */
export function fitWindow(np: number, stepM: number, startM: number, endM: number, out: Int32Array): void {
  let first = Math.trunc(Math.max(startM / stepM, 0));
  let last = np - Math.trunc(Math.max(np - endM / stepM, 0));
  if (last <= first) {
    first = Math.trunc(Math.max(first - 1, 0));
    last = np - Math.trunc(Math.max(np - (last + 1), 0));
  }
  out[0] = first;
  out[1] = last;
}

/**
 * Least-squares straight line through the profile samples between two distances, evaluated at
 * both ends of the whole profile [Algorithm, section 6 "zlsq1"].
 *
 * The samples are weighted by the trapezoidal rule (end samples count half), as in Hufford's
 * algorithm. The window is the sample indices ⌊start/step⌋ … np − ⌊np − end/step⌋ (clipped to the
 * profile); if that leaves no interval, it is widened by one sample on each side.
 *
 * @param elevationsM ground elevations, metres, evenly spaced (np + 1 ≥ 2 samples)
 * @param stepM       spacing between samples (any unit, > 0; 1 for index units)
 * @param startM      start of the fitting window, same unit as stepM (≥ 0)
 * @param endM        end of the fitting window, same unit as stepM (≤ np · stepM)
 * @returns [height of the line at distance 0, height of the line at distance np · stepM], metres
 * @example
 * linearLeastSquaresFit([0, 1, 2, 3], 10, 0, 30); // [0, 3]
 */
export function linearLeastSquaresFit(
  elevationsM: ArrayLike<number>,
  stepM: number,
  startM: number,
  endM: number,
): [number, number] {
  const np = elevationsM.length - 1;
  const window = new Int32Array(2);
  fitWindow(np, stepM, startM, endM, window);
  const first = window[0];
  const last = window[1];
  const span = last - first;
  const middle = first + 0.5 * span;

  // trapezoid-weighted sums of y and of y · (x − middle)
  let sumY = 0;
  let sumXY = 0;
  for (let i = first; i <= last; i++) {
    const weight = i === first || i === last ? 0.5 : 1;
    const y = elevationsM[i];
    sumY += weight * y;
    sumXY += weight * y * (i - middle);
  }
  const mean = sumY / span;
  const slope = (sumXY * 12) / ((span * span + 2) * span);
  return [mean - slope * middle, mean + slope * (np - middle)];
}
