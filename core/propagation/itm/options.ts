/** Options of the ITM point-to-point model (the NTIA ITM_P2P_TLS inputs other than geometry). */
export interface ItmOptions {
  /** Radio climate 1–7 [Algorithm, Table 5.1]: 1 equatorial, 2 continental subtropical,
   *  3 maritime subtropical, 4 desert, 5 continental temperate, 6 maritime temperate over land,
   *  7 maritime temperate over sea. */
  climate: number;
  /** Surface refractivity reduced to sea level, N_0, N-units (250–400). ITM scales it to the
   *  path's mean elevation. */
  refractivityN: number;
  /** Relative permittivity of the ground, ε_r (≥ 1). */
  relPermittivity: number;
  /** Ground conductivity σ, S/m (> 0). */
  conductivitySPerM: number;
  /** Polarization of the wave. */
  polarization: 'horizontal' | 'vertical';
  /** Mode of variability: 0 single message, 1 accidental, 2 mobile, 3 broadcast; +10 removes
   *  location variability, +20 removes direct situation variability. */
  mdvar: number;
  /** Time quantile, percent (0 < p < 100): the returned loss is not exceeded during this
   *  percentage of the time (90 = a loss reached only 10 % of the time; 50 = median). */
  timePct: number;
  /** Location quantile, percent (0 < p < 100): likewise over locations. */
  locationPct: number;
  /** Situation (confidence) quantile, percent (0 < p < 100): likewise over situations. */
  situationPct: number;
}

/**
 * Defaults: a median prediction for a typical inland temperate path.
 * Values recommended in ITM's documentation [Hufford, Longley & Kissick 1982, NTIA Report 82-100,
 * Tables 1–3]: average ground, continental temperate climate, N_0 = 301.
 */
export const ITM_DEFAULTS: Readonly<Required<ItmOptions>> = Object.freeze({
  climate: 5, // continental temperate
  refractivityN: 301, // N-units, the continental-temperate mean
  relPermittivity: 15, // "average ground"
  conductivitySPerM: 0.005, // S/m, "average ground"
  polarization: 'vertical', // mobile networks use vertical (or ±45° slant) polarization
  mdvar: 12, // mobile mode (2) without location variability (+10): the path is known exactly
  timePct: 50, // median over time
  locationPct: 50, // median over locations (no effect with mdvar 12)
  situationPct: 50, // median over situations (confidence)
});
