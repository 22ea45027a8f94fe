/**
 * Terrain irregularity seen over a path of length d, Δh(d), metres.
 *
 * Implements [ERL 79, eq. 3] / [Algorithm, 3.9]: Δh(d) = Δh · (1 − 0.8 e^(−d / 50 km)).
 *
 * @param distanceM path (or sub-path) length, metres (≥ 0)
 * @param deltaHM   asymptotic terrain irregularity parameter Δh, metres (≥ 0)
 * @returns Δh(d), metres
 * @example
 * terrainRoughness(0, 90); // 18 m: 20 % of Δh at zero distance
 */
export function terrainRoughness(distanceM: number, deltaHM: number): number {
  return deltaHM * (1 - 0.8 * Math.exp(-distanceM / 50e3));
}

/**
 * RMS deviation of terrain within the first Fresnel zone, σ_h, metres.
 *
 * Implements [ERL 79, eq. 3.6a] / [Algorithm, 3.10]: σ_h(Δh) = 0.78 Δh e^(−0.5 Δh^¼).
 *
 * @param deltaHM terrain irregularity over the path of interest, metres (≥ 0)
 * @returns σ_h, metres
 * @example
 * sigmaH(0); // 0
 */
export function sigmaH(deltaHM: number): number {
  return 0.78 * deltaHM * Math.exp(-0.5 * Math.pow(deltaHM, 0.25));
}
