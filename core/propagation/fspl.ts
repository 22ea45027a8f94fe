/**
 * Free-space basic transmission loss between isotropic antennas, ITU-R P.525-4 §2.2, eq. (4):
 *
 *   Lbf = 20 log10(4π d / λ) = 32.45 + 20 log10 f(MHz) + 20 log10 d(km)   dB
 *
 * (P.525 prints the constant rounded to 32.4; we use the exact 20 log10(4π·10⁹ / c) = 32.4478
 * with c = 299,792,458 m/s.)
 *
 * Inputs:
 * - freqMHz    carrier frequency, MHz, > 0 (no upper limit: free space holds at any frequency)
 * - distanceM  path length, metres, > 0; zero distance throws an InputError: the far-field
 *              formula goes to -∞ there, and a receiver on top of the transmitter has no
 *              meaningful path loss (callers skip the transmitter's own cell)
 * - txHeightM, rxHeightM: checked (>= 0) but unused; the path is taken as the given distance
 *
 * Validity: the far field (d ≫ λ); we declare no range, so it never warns.
 */
import { checkInput, resolveOptions } from './validity';
import type { PathLossInput, PathLossModel, PathLossResult } from './types';

/** Speed of light in vacuum, m/s. */
export const SPEED_OF_LIGHT_M_S = 299792458;

/** 20 log10(4π · 10⁶ Hz/MHz · 10³ m/km / c) = 32.4478 dB. */
const FSPL_CONST_DB = 20 * Math.log10((4 * Math.PI * 1e9) / SPEED_OF_LIGHT_M_S);

/**
 * Free-space basic transmission loss, dB, without input checks (for inner loops that have
 * checked their inputs once).
 *
 * @example
 * freeSpaceLossDb(900, 1000) // 91.53
 */
export function freeSpaceLossDb(freqMHz: number, distanceM: number): number {
  return FSPL_CONST_DB + 20 * Math.log10(freqMHz) + 20 * Math.log10(distanceM / 1000);
}

export type FsplOptions = Record<string, never>;

/**
 * Free space (ITU-R P.525). No options.
 *
 * @example
 * fspl.predict({ freqMHz: 2000, txHeightM: 30, rxHeightM: 1.5, distanceM: 10000 }).lossDb // 118.47
 */
export const fspl: PathLossModel<FsplOptions> = {
  id: 'fspl',
  name: 'Free space (ITU-R P.525)',
  needsProfile: false,
  validity: {},
  defaults: {},
  predict(input: PathLossInput, options?: Partial<FsplOptions>): PathLossResult {
    resolveOptions('fspl', fspl.defaults, options);
    const warnings = checkInput(fspl, input);
    return { lossDb: freeSpaceLossDb(input.freqMHz, input.distanceM), warnings };
  },
};
