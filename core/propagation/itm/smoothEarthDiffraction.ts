import { EARTH_RADIUS_4_3_REFERENCE_M } from './constants';

/**
 * Vogler's height-gain function F(x, K), dB [Algorithm, 4.21–4.23; Vogler 1964].
 *
 * @param xKm normalized distance x (Vogler's units, built from km), > 0
 * @param k   Vogler's K (surface-impedance parameter), > 0
 * @example
 * heightGain(300, 0.01); // dB
 */
export function heightGain(xKm: number, k: number): number {
  if (xKm < 200) {
    const w = -Math.log(k);
    if (k < 1e-5 || xKm * w * w * w > 5495) {
      return xKm > 1 ? 17.372 * Math.log(xKm) - 117 : -117;
    }
    return (2.5e-5 * xKm * xKm) / k - 8.686 * w - 15;
  }
  const far = 0.05751 * xKm - 4.343 * Math.log(xKm);
  if (xKm >= 2000) return far;
  const w = 0.0134 * xKm * Math.exp(-0.005 * xKm);
  return (1 - w) * far + w * (17.372 * Math.log(xKm) - 117);
}

/**
 * Smooth-earth diffraction attenuation by Vogler's three-radii method, dB [Algorithm, 4.17–4.20]:
 * one radius for the path between the horizons and one per terminal (a_j = d_Lj² / 2 h_ej);
 * A_r = G(x_0) − F(x_1, K_1) − F(x_2, K_2) − 20.
 *
 * @param distanceM        path length d, metres
 * @param freqMHz          frequency, MHz
 * @param effectiveRadiusM effective earth radius a_e, metres
 * @param thetaLosRad      angular extent of the line-of-sight region θ_e, radians
 * @param horizonDistanceM horizon distances [tx, rx], metres
 * @param effectiveHeightM effective heights [tx, rx], metres (> 0)
 * @param groundImpedanceAbs |Z_g|, the modulus of the surface transfer impedance
 * @example
 * smoothEarthDiffraction(60e3, 100, 8.5e6, 0.004, [13e3, 13e3], [10, 10], 0.27); // dB
 */
export function smoothEarthDiffraction(
  distanceM: number,
  freqMHz: number,
  effectiveRadiusM: number,
  thetaLosRad: number,
  horizonDistanceM: readonly [number, number],
  effectiveHeightM: readonly [number, number],
  groundImpedanceAbs: number,
): number {
  const theta = distanceM / effectiveRadiusM - thetaLosRad;
  const beyondM = distanceM - horizonDistanceM[0] - horizonDistanceM[1];
  const cbrtF = Math.cbrt(freqMHz);

  // normalized distance x for one radius a (metres) and arc length (km); returns x and K via out
  const vogler = (radiusM: number, arcKm: number, out: Float64Array, slot: number): void => {
    const c0 = Math.cbrt(((4 / 3) * EARTH_RADIUS_4_3_REFERENCE_M) / radiusM);
    const k = (0.017778 * c0) / cbrtF / groundImpedanceAbs;
    out[slot] = (1.607 - k) * c0 * c0 * cbrtF * arcKm;
    out[slot + 1] = k;
  };
  const xk = new Float64Array(6);
  const radiusPath = beyondM / theta;
  vogler(radiusPath, (radiusPath * theta) / 1000, xk, 0);
  vogler((0.5 * horizonDistanceM[0] ** 2) / effectiveHeightM[0], horizonDistanceM[0] / 1000, xk, 2);
  vogler((0.5 * horizonDistanceM[1] ** 2) / effectiveHeightM[1], horizonDistanceM[1] / 1000, xk, 4);

  const x0 = xk[0] + xk[2] + xk[4];
  const distanceGain = 0.05751 * x0 - 10 * Math.log10(x0);
  return distanceGain - heightGain(xk[2], xk[3]) - heightGain(xk[4], xk[5]) - 20;
}
