import { InputError } from '../../errors';
import type { ItmOptions } from './options';

const VALID_MDVAR = new Set([0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33]);

/** Lower limit of ITM's antenna heights, metres; lower heights are computed as this. */
export const MIN_HEIGHT_M = 0.5;

function finite(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError(`itm: options.${name} must be a finite number, got ${String(value)}`, `options.${name}`);
  }
  return value;
}

function percent(value: unknown, name: string): void {
  const p = finite(value, name);
  if (!(p > 0 && p < 100)) {
    throw new InputError(`itm: options.${name} must be a percentage strictly between 0 and 100, got ${p}`, `options.${name}`);
  }
}

/**
 * Checks the options: impossible values throw InputError naming the option.
 *
 * @example
 * validateItmOptions({ ...ITM_DEFAULTS, climate: 9 }); // throws "itm: options.climate must be an integer 1–7 …"
 */
export function validateItmOptions(o: ItmOptions): void {
  const climate = finite(o.climate, 'options.climate');
  if (!Number.isInteger(climate) || climate < 1 || climate > 7) {
    throw new InputError(`itm: options.climate must be an integer 1–7 (5 = continental temperate), got ${climate}`, 'options.climate');
  }
  const n0 = finite(o.refractivityN, 'options.refractivityN');
  if (n0 < 250 || n0 > 400) {
    throw new InputError(`itm: options.refractivityN must be 250–400 N-units (301 is typical), got ${n0}`, 'options.refractivityN');
  }
  const eps = finite(o.relPermittivity, 'options.relPermittivity');
  if (eps < 1) throw new InputError(`itm: options.relPermittivity must be >= 1 (15 = average ground), got ${eps}`, 'options.relPermittivity');
  const sigma = finite(o.conductivitySPerM, 'options.conductivitySPerM');
  if (sigma <= 0) {
    throw new InputError(`itm: options.conductivitySPerM must be > 0 S/m (0.005 = average ground), got ${sigma}`, 'options.conductivitySPerM');
  }
  if (o.polarization !== 'horizontal' && o.polarization !== 'vertical') {
    throw new InputError(`itm: options.polarization must be "horizontal" or "vertical", got ${JSON.stringify(o.polarization)}`, 'options.polarization');
  }
  if (!VALID_MDVAR.has(o.mdvar)) {
    throw new InputError(`itm: options.mdvar must be 0–3, optionally plus 10 and/or 20 (e.g. 12), got ${String(o.mdvar)}`, 'options.mdvar');
  }
  percent(o.timePct, 'timePct');
  percent(o.locationPct, 'locationPct');
  percent(o.situationPct, 'situationPct');
}
