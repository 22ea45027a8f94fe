/** Curve-fit coefficients a_j, b_j of H_01(r, j), j = 1…5 [Algorithm, 6.13]. */
const H0_A = [25, 80, 177, 395, 705];
const H0_B = [24, 45, 68, 80, 105];

/** H_01(r, j) = 10 log10(1 + a_j / r⁴ + b_j / r²) for η_s curve j (1…5) [Algorithm, 6.13]. */
function h0Curve(j: number, r: number): number {
  const inv2 = 1 / (r * r);
  return 10 * Math.log10(1 + H0_A[j - 1] * inv2 * inv2 + H0_B[j - 1] * inv2);
}

/**
 * Troposcatter frequency-gain function H_0(r, η_s), dB [TN101 vol. 1, section 9.2;
 * Algorithm, 6.12–6.13]: η_s is clamped to 1…5 and the curves for the neighbouring integers are
 * interpolated linearly.
 *
 * @param r    r_j = 2 k θ h_ej, dimensionless (> 0)
 * @param etaS scattering efficiency factor η_s, dimensionless
 * @example
 * h0Function(10, 1); // 10 log10(1 + 25e-4 + 0.24) dB
 */
export function h0Function(r: number, etaS: number): number {
  const eta = Math.min(Math.max(etaS, 1), 5);
  const whole = Math.trunc(eta);
  const fraction = eta - whole;
  const lower = h0Curve(whole, r);
  return fraction === 0 ? lower : (1 - fraction) * lower + fraction * h0Curve(whole + 1, r);
}
