/**
 * Longley–Rice Irregular Terrain Model (ITM 1.2.2) in point-to-point mode, written from
 * G. A. Hufford's "The ITS Irregular Terrain Model, version 1.2.2: the algorithm" and NTIA's
 * documentation, checked against NTIA's published test cases (tests/fixtures/itm/SOURCES.md).
 */
import type { PathLossInput, PathLossModel, PathLossResult } from '../types';
import { describeItmWarnings } from './warnings';
import { itmP2p } from './itmP2p';
import { ITM_DEFAULTS, type ItmOptions } from './options';
import { MIN_HEIGHT_M, validateItmGeometry, validateItmOptions } from './validate';

export { ITM_DEFAULTS, type ItmOptions } from './options';
export { itmP2p, type ItmP2pGeometry, type ItmP2pResult } from './itmP2p';
export { ItmWarning, PropagationMode, PROPAGATION_MODE_NAMES, RadioClimate } from './constants';

/**
 * Warnings for inputs outside ITM's published envelope (frequency 20–20 000 MHz, antenna heights
 * 0.5–3000 m); ITM itself refuses them, this model extrapolates and says so.
 */
function envelopeWarnings(input: PathLossInput): string[] {
  const out: string[] = [];
  if (input.freqMHz < 20 || input.freqMHz > 20000) {
    out.push(`frequency ${input.freqMHz} MHz is outside ITM's validity range 20–20000 MHz; the result is an extrapolation`);
  }
  const heights: [string, number][] = [
    ['transmitter', input.txHeightM],
    ['receiver', input.rxHeightM],
  ];
  for (const [who, h] of heights) {
    if (h < MIN_HEIGHT_M) {
      out.push(`${who} antenna height ${h} m is below ITM's minimum 0.5 m; computed as 0.5 m`);
    } else if (h > 3000) {
      out.push(`${who} antenna height ${h} m is above ITM's maximum 3000 m; the result is an extrapolation`);
    }
  }
  return out;
}

/**
 * The ITM path-loss model for the registry. `predict` returns basic transmission loss at the
 * requested time/location/situation quantiles (NTIA ITM_P2P_TLS's A__db) and ITM's warnings in words.
 *
 * @example
 * itm.predict({ freqMHz: 900, txHeightM: 30, rxHeightM: 1.5, distanceM: 10000,
 *   profile: { stepM: 100, elevationsM: elevations101 } }).lossDb;
 */
export const itm: PathLossModel<ItmOptions> = {
  id: 'itm',
  name: 'Longley-Rice Irregular Terrain Model 1.2.2 (NTIA ITM, point-to-point)',
  needsProfile: true,
  validity: {
    freqMHz: { min: 20, max: 20000 },
    txHeightM: { min: 0.5, max: 3000 },
    rxHeightM: { min: 0.5, max: 3000 },
    distanceM: { min: 1000, max: 2_000_000 },
  },
  defaults: ITM_DEFAULTS,
  predict(input: PathLossInput, options?: Partial<ItmOptions>): PathLossResult {
    const opts: ItmOptions = { ...ITM_DEFAULTS, ...options };
    validateItmOptions(opts);
    const profile = validateItmGeometry(input);
    const txHeightM = Math.max(input.txHeightM, MIN_HEIGHT_M);
    const rxHeightM = Math.max(input.rxHeightM, MIN_HEIGHT_M);
    const r = itmP2p(
      { elevationsM: profile.elevationsM, stepM: profile.stepM, txHeightM, rxHeightM, freqMHz: input.freqMHz },
      opts,
    );
    const warnings = envelopeWarnings(input).concat(
      describeItmWarnings(r.warningFlags, {
        freqMHz: input.freqMHz,
        txHeightM,
        rxHeightM,
        distanceM: r.distanceM,
        thetaHorizonRad: r.thetaHorizonRad,
        surfaceRefractivityN: r.surfaceRefractivityN,
      }),
    );
    return { lossDb: r.lossDb, warnings };
  },
};
