/**
 * Longley–Rice Irregular Terrain Model (ITM 1.2.2) in point-to-point mode, written from
 * G. A. Hufford's "The ITS Irregular Terrain Model, version 1.2.2: the algorithm" and NTIA's
 * documentation, checked against NTIA's published test cases (tests/fixtures/itm/SOURCES.md).
 */
import type { PathLossInput, PathLossModel, PathLossResult, TerrainProfile } from '../types';
import { checkInput, resolveOptions } from '../validity';
import { ItmWarning } from './constants';
import { describeItmWarnings } from './warnings';
import { itmP2p } from './itmP2p';
import { ITM_DEFAULTS, type ItmOptions } from './options';
import { MIN_HEIGHT_M, validateItmOptions } from './validate';

export { ITM_DEFAULTS, type ItmOptions } from './options';
export { itmP2p, type ItmP2pGeometry, type ItmP2pResult } from './itmP2p';
export { ItmWarning, PropagationMode, PROPAGATION_MODE_NAMES, RadioClimate } from './constants';

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
  name: 'Longley-Rice ITM (NTIA Irregular Terrain Model 1.2.2, point-to-point)',
  needsProfile: true,
  validity: {
    freqMHz: { min: 20, max: 20000 },
    txHeightM: { min: 0.5, max: 3000 },
    rxHeightM: { min: 0.5, max: 3000 },
    distanceM: { min: 1000, max: 2_000_000 },
  },
  defaults: ITM_DEFAULTS,
  predict(input: PathLossInput, options?: Partial<ItmOptions>): PathLossResult {
    const opts = resolveOptions<ItmOptions>('itm', ITM_DEFAULTS, options);
    validateItmOptions(opts);
    // impossible input throws; outside 20–20000 MHz, 0.5–3000 m, 1–2000 km gives warnings
    const warnings = checkInput(itm, input);
    const profile = input.profile as TerrainProfile;

    // ITM refuses antennas below 0.5 m: compute them at 0.5 m and say so
    const txHeightM = Math.max(input.txHeightM, MIN_HEIGHT_M);
    const rxHeightM = Math.max(input.rxHeightM, MIN_HEIGHT_M);
    if (txHeightM !== input.txHeightM) warnings.push(`transmitter height ${input.txHeightM} m computed as ITM's minimum 0.5 m`);
    if (rxHeightM !== input.rxHeightM) warnings.push(`receiver height ${input.rxHeightM} m computed as ITM's minimum 0.5 m`);

    const r = itmP2p(
      { elevationsM: profile.elevationsM, stepM: profile.stepM, txHeightM, rxHeightM, freqMHz: input.freqMHz },
      opts,
    );
    // flags whose message would repeat a validity warning above
    let flags = r.warningFlags & ~(ItmWarning.pathDistanceTooSmall2 | ItmWarning.pathDistanceTooBig2);
    if (txHeightM !== input.txHeightM) flags &= ~ItmWarning.txTerminalHeight;
    if (rxHeightM !== input.rxHeightM) flags &= ~ItmWarning.rxTerminalHeight;
    const itmWarnings = describeItmWarnings(flags, {
      freqMHz: input.freqMHz,
      txHeightM,
      rxHeightM,
      distanceM: r.distanceM,
      thetaHorizonRad: r.thetaHorizonRad,
      surfaceRefractivityN: r.surfaceRefractivityN,
    });
    return { lossDb: r.lossDb, warnings: warnings.concat(itmWarnings) };
  },
};
