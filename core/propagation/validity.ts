/**
 * Input checks shared by every path-loss model (see types.ts for the contract):
 * impossible input throws an `InputError` with an exact message; possible input outside the
 * model's published validity range becomes a warning sentence.
 */
import { InputError } from '../errors';
import type { PathLossInput, PathLossModel, Range, TerrainProfile, ValidityRange } from './types';

/**
 * Largest mismatch tolerated between `distanceM` and the profile length (n - 1) * stepM:
 * 1 mm plus one part per million, which covers floating-point round-off of step = d / (n - 1).
 */
const PROFILE_TOLERANCE_REL = 1e-6;
const PROFILE_TOLERANCE_ABS_M = 1e-3;

/** Format a number for a message: at most 3 decimals, no trailing zeros. */
export function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toFixed(3))) : String(x);
}

function finite(name: string, value: unknown, unit: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const got = typeof value === 'string' ? JSON.stringify(value) : String(value);
    throw new InputError(`${name} must be a finite number of ${unit}, got ${got}`, name);
  }
  return value;
}

/**
 * Throw an `InputError` for impossible input: non-finite numbers, freqMHz <= 0, distanceM <= 0,
 * negative antenna heights, a malformed profile or one whose length is not distanceM.
 * Zero distance is impossible for every model here (all of them take log10 of the distance or
 * divide by it): the caller handles a receiver standing on the transmitter itself.
 *
 * @example
 * checkImpossible({ freqMHz: 900, txHeightM: 30, rxHeightM: 1.5, distanceM: 0 })
 * // throws InputError('distanceM must be greater than 0 m (transmitter and receiver coincide), got 0')
 */
export function checkImpossible(input: PathLossInput): void {
  if (input === null || typeof input !== 'object') {
    throw new InputError(`path-loss input must be an object { freqMHz, txHeightM, rxHeightM, distanceM }, got ${String(input)}`);
  }
  const freqMHz = finite('freqMHz', input.freqMHz, 'MHz');
  if (freqMHz <= 0) throw new InputError(`freqMHz must be greater than 0 MHz, got ${fmt(freqMHz)}`, 'freqMHz');
  const txHeightM = finite('txHeightM', input.txHeightM, 'metres');
  if (txHeightM < 0) {
    throw new InputError(`txHeightM must be at least 0 m above ground, got ${fmt(txHeightM)}`, 'txHeightM');
  }
  const rxHeightM = finite('rxHeightM', input.rxHeightM, 'metres');
  if (rxHeightM < 0) {
    throw new InputError(`rxHeightM must be at least 0 m above ground, got ${fmt(rxHeightM)}`, 'rxHeightM');
  }
  const distanceM = finite('distanceM', input.distanceM, 'metres');
  if (distanceM < 0) throw new InputError(`distanceM must be at least 0 m, got ${fmt(distanceM)}`, 'distanceM');
  if (distanceM === 0) {
    throw new InputError('distanceM must be greater than 0 m (transmitter and receiver coincide), got 0', 'distanceM');
  }
  if (input.profile !== undefined) checkProfile(input.profile, distanceM);
}

/** Throw an `InputError` unless `profile` is well formed and spans `distanceM`. */
export function checkProfile(profile: TerrainProfile, distanceM: number): void {
  if (profile === null || typeof profile !== 'object') {
    throw new InputError(`profile must be an object { stepM, elevationsM }, got ${String(profile)}`, 'profile');
  }
  const stepM = profile.stepM;
  if (typeof stepM !== 'number' || !Number.isFinite(stepM) || stepM <= 0) {
    throw new InputError(`profile.stepM must be a finite number of metres greater than 0, got ${String(stepM)}`, 'profile.stepM');
  }
  const e = profile.elevationsM;
  const n = e && typeof e.length === 'number' ? e.length : 0;
  if (n < 2) {
    throw new InputError(`profile.elevationsM must hold at least 2 samples, got ${n}`, 'profile.elevationsM');
  }
  const lengthM = (n - 1) * stepM;
  if (Math.abs(lengthM - distanceM) > PROFILE_TOLERANCE_ABS_M + PROFILE_TOLERANCE_REL * distanceM) {
    throw new InputError(
      `profile length (${n} - 1) × ${fmt(stepM)} m = ${fmt(lengthM)} m does not match distanceM = ${fmt(distanceM)} m; ` +
        'build the profile with stepM = distanceM / (samples - 1)',
      'profile',
    );
  }
  for (let i = 0; i < n; i++) {
    const v = e[i];
    if (!Number.isFinite(v)) {
      throw new InputError(
        `profile.elevationsM[${i}] must be a finite elevation in metres, got ${String(v)} (no-data cell: fill DEM voids first)`,
        `profile.elevationsM[${i}]`,
      );
    }
  }
}

/** The short name of a model for messages: its name without the parenthesised reference. */
export function shortName(model: Pick<PathLossModel, 'name'>): string {
  const i = model.name.indexOf(' (');
  return i < 0 ? model.name : model.name.slice(0, i);
}

function rangeText(r: Range, unit: string): string {
  if (r.min !== undefined && r.max !== undefined) return `${fmt(r.min)}–${fmt(r.max)} ${unit}`;
  if (r.min !== undefined) return `≥ ${fmt(r.min)} ${unit}`;
  return `≤ ${fmt(r.max as number)} ${unit}`;
}

function outside(r: Range | undefined, v: number): boolean {
  return r !== undefined && ((r.min !== undefined && v < r.min) || (r.max !== undefined && v > r.max));
}

/**
 * Warnings for each input outside `validity`, e.g.
 * "frequency 3500 MHz is outside Okumura-Hata's validity range 150–1500 MHz".
 * Distances are reported in km.
 *
 * @example
 * validityWarnings('Okumura-Hata', { freqMHz: { min: 150, max: 1500 } }, input)
 */
export function validityWarnings(name: string, validity: ValidityRange, input: PathLossInput): string[] {
  const warnings: string[] = [];
  const who = `${name}'s validity range`;
  if (outside(validity.freqMHz, input.freqMHz)) {
    warnings.push(`frequency ${fmt(input.freqMHz)} MHz is outside ${who} ${rangeText(validity.freqMHz as Range, 'MHz')}`);
  }
  if (outside(validity.txHeightM, input.txHeightM)) {
    warnings.push(`transmitter height ${fmt(input.txHeightM)} m is outside ${who} ${rangeText(validity.txHeightM as Range, 'm')}`);
  }
  if (outside(validity.rxHeightM, input.rxHeightM)) {
    warnings.push(`receiver height ${fmt(input.rxHeightM)} m is outside ${who} ${rangeText(validity.rxHeightM as Range, 'm')}`);
  }
  const d = validity.distanceM;
  if (outside(d, input.distanceM)) {
    const km: Range = { min: d?.min === undefined ? undefined : d.min / 1000, max: d?.max === undefined ? undefined : d.max / 1000 };
    warnings.push(`distance ${fmt(input.distanceM / 1000)} km is outside ${who} ${rangeText(km, 'km')}`);
  }
  return warnings;
}

/**
 * The full check every model's `predict` runs first: impossible input throws, a missing profile
 * throws for terrain models, and the returned array holds the validity warnings.
 *
 * @example
 * const warnings = checkInput(hata, input); // then compute and return { lossDb, warnings }
 */
export function checkInput(
  model: Pick<PathLossModel, 'name' | 'needsProfile' | 'validity'>,
  input: PathLossInput,
): string[] {
  checkImpossible(input);
  if (model.needsProfile && input.profile === undefined) {
    throw new InputError(
      `${shortName(model)} needs input.profile (the terrain between the two ends); build one with terrainProfile()`,
      'profile',
    );
  }
  return validityWarnings(shortName(model), model.validity, input);
}

/**
 * Merge user options over a model's defaults, rejecting option names the model does not know
 * (a typo would otherwise silently fall back to the default).
 *
 * @example
 * resolveOptions('hata', hata.defaults, { environment: 'open' })
 */
export function resolveOptions<O extends object>(
  modelId: string,
  defaults: Readonly<Required<O>>,
  options: Partial<O> | undefined,
): Required<O> {
  if (options === undefined) return defaults as Required<O>;
  if (options === null || typeof options !== 'object') {
    throw new InputError(`${modelId} options must be an object, got ${String(options)}`, 'options');
  }
  for (const key of Object.keys(options)) {
    if (!Object.prototype.hasOwnProperty.call(defaults, key)) {
      throw new InputError(
        `${modelId} has no option "${key}"; known options: ${Object.keys(defaults).join(', ') || '(none)'}`,
        `options.${key}`,
      );
    }
  }
  const merged = { ...defaults } as Required<O>;
  for (const key of Object.keys(options) as (keyof O)[]) {
    if (options[key] !== undefined) (merged as O)[key] = options[key] as O[keyof O];
  }
  return merged;
}
