import { InputError } from '../../errors';
import type { PathLossInput, TerrainProfile } from '../types';
import type { ItmOptions } from './options';

const VALID_MDVAR = new Set([0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33]);

/** Lower limit of ITM's antenna heights, metres; lower heights are computed as this. */
export const MIN_HEIGHT_M = 0.5;

function finite(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError(`itm: ${name} must be a finite number, got ${String(value)}`, name);
  }
  return value;
}

function percent(value: unknown, name: string): void {
  const p = finite(value, name);
  if (!(p > 0 && p < 100)) {
    throw new InputError(`itm: ${name} must be a percentage strictly between 0 and 100, got ${p}`, name);
  }
}

/**
 * Checks the options: impossible values throw InputError with the option's name.
 *
 * @example
 * validateItmOptions({ ...ITM_DEFAULTS, climate: 9 }); // throws "itm: climate must be an integer 1–7 …"
 */
export function validateItmOptions(o: ItmOptions): void {
  const climate = finite(o.climate, 'climate');
  if (!Number.isInteger(climate) || climate < 1 || climate > 7) {
    throw new InputError(`itm: climate must be an integer 1–7 (5 = continental temperate), got ${climate}`, 'climate');
  }
  const n0 = finite(o.refractivityN, 'refractivityN');
  if (n0 < 250 || n0 > 400) {
    throw new InputError(`itm: refractivityN must be 250–400 N-units (301 is typical), got ${n0}`, 'refractivityN');
  }
  const eps = finite(o.relPermittivity, 'relPermittivity');
  if (eps < 1) throw new InputError(`itm: relPermittivity must be >= 1 (15 = average ground), got ${eps}`, 'relPermittivity');
  const sigma = finite(o.conductivitySPerM, 'conductivitySPerM');
  if (sigma <= 0) {
    throw new InputError(`itm: conductivitySPerM must be > 0 S/m (0.005 = average ground), got ${sigma}`, 'conductivitySPerM');
  }
  if (o.polarization !== 'horizontal' && o.polarization !== 'vertical') {
    throw new InputError(`itm: polarization must be "horizontal" or "vertical", got ${JSON.stringify(o.polarization)}`, 'polarization');
  }
  if (!VALID_MDVAR.has(o.mdvar)) {
    throw new InputError(`itm: mdvar must be 0–3, optionally plus 10 and/or 20 (e.g. 12), got ${String(o.mdvar)}`, 'mdvar');
  }
  percent(o.timePct, 'timePct');
  percent(o.locationPct, 'locationPct');
  percent(o.situationPct, 'situationPct');
}

/**
 * Checks the geometry: impossible values throw InputError; returns the profile.
 *
 * @example
 * validateItmGeometry({ freqMHz: 900, txHeightM: 30, rxHeightM: 1.5, distanceM: 2000,
 *   profile: { stepM: 1000, elevationsM: [10, 12, 11] } });
 */
export function validateItmGeometry(input: PathLossInput): TerrainProfile {
  const f = finite(input.freqMHz, 'freqMHz');
  if (f <= 0) throw new InputError(`itm: freqMHz must be > 0, got ${f}`, 'freqMHz');
  const tx = finite(input.txHeightM, 'txHeightM');
  if (tx < 0) throw new InputError(`itm: txHeightM must be >= 0 metres above ground, got ${tx}`, 'txHeightM');
  const rx = finite(input.rxHeightM, 'rxHeightM');
  if (rx < 0) throw new InputError(`itm: rxHeightM must be >= 0 metres above ground, got ${rx}`, 'rxHeightM');
  const d = finite(input.distanceM, 'distanceM');
  if (d <= 0) throw new InputError(`itm: distanceM must be > 0, got ${d}`, 'distanceM');

  const profile = input.profile;
  if (!profile) {
    throw new InputError('itm: a terrain profile is required (profile.stepM and profile.elevationsM)', 'profile');
  }
  const step = finite(profile.stepM, 'profile.stepM');
  if (step <= 0) throw new InputError(`itm: profile.stepM must be > 0 metres, got ${step}`, 'profile.stepM');
  const z = profile.elevationsM;
  if (!z || typeof z.length !== 'number' || z.length < 2) {
    throw new InputError(
      `itm: profile.elevationsM needs at least 2 samples (transmitter and receiver ground), got ${z ? z.length : 'none'}`,
      'profile.elevationsM',
    );
  }
  for (let i = 0; i < z.length; i++) {
    if (!Number.isFinite(z[i])) {
      throw new InputError(
        `itm: profile.elevationsM[${i}] is ${String(z[i])}; fill DEM gaps (no data) before predicting`,
        `profile.elevationsM[${i}]`,
      );
    }
  }
  const lengthM = (z.length - 1) * step;
  if (Math.abs(lengthM - d) > Math.max(1e-6 * d, 1e-3)) {
    throw new InputError(
      `itm: distanceM (${d}) must equal (profile.elevationsM.length - 1) * profile.stepM = ${lengthM}`,
      'distanceM',
    );
  }
  return profile;
}
