/**
 * Inverse of the standard normal complementary distribution: returns z with Q(z) = q, where
 * Q(z) = P(X > z) for X ~ N(0, 1). So qerfi(0.1) ≈ +1.2816 and qerfi(0.9) ≈ -1.2816.
 *
 * Implements the rational approximation of Abramowitz & Stegun, formula 26.2.23 (|error| < 4.5e-4),
 * which is the `qerfi` of [Algorithm, section 6] (Hastings' constants).
 *
 * @param q probability, 0 < q < 1 (fraction, not percent)
 * @returns the standard normal deviate z
 * @example
 * qerfi(0.5); // ≈ 0 (2.4e-7, the approximation's error)
 */
export function qerfi(q: number): number {
  // Work in the lower tail p = min(q, 1 - q), then restore the sign.
  const p = q > 0.5 ? 1 - q : q;
  const t = Math.sqrt(-2 * Math.log(p));
  const numerator = 2.515516 + t * (0.802853 + t * 0.010328);
  const denominator = 1 + t * (1.432788 + t * (0.189269 + t * 0.001308));
  const z = t - numerator / denominator;
  return q > 0.5 ? -z : z;
}
