import { ItmWarning } from './constants';

/** Numbers the warning sentences quote. */
export interface WarningContext {
  freqMHz: number;
  txHeightM: number;
  rxHeightM: number;
  distanceM: number;
  thetaHorizonRad: readonly [number, number];
  surfaceRefractivityN: number;
}

const km = (m: number): string => `${+(m / 1000).toFixed(3)} km`;

/**
 * Turns ITM's warning flags into sentences a planner understands, in flag order.
 * The flags are those of NTIA ITM (Warnings.h); see ItmWarning.
 *
 * @example
 * describeItmWarnings(ItmWarning.frequency, ctx); // ['frequency 30 MHz is outside 40–10000 MHz, …']
 */
export function describeItmWarnings(flags: number, c: WarningContext): string[] {
  const out: string[] = [];
  const has = (flag: number): boolean => (flags & flag) !== 0;
  if (has(ItmWarning.txTerminalHeight)) {
    out.push(`transmitter antenna height ${c.txHeightM} m is outside 1–1000 m, near ITM's limits; treat the result with care`);
  }
  if (has(ItmWarning.rxTerminalHeight)) {
    out.push(`receiver antenna height ${c.rxHeightM} m is outside 1–1000 m, near ITM's limits; treat the result with care`);
  }
  if (has(ItmWarning.frequency)) {
    out.push(`frequency ${c.freqMHz} MHz is outside 40–10000 MHz, near ITM's limits; treat the result with care`);
  }
  if (has(ItmWarning.pathDistanceTooBig2)) {
    out.push(`path length ${km(c.distanceM)} is beyond ITM's 2000 km limit; the result is an extrapolation`);
  } else if (has(ItmWarning.pathDistanceTooBig1)) {
    out.push(`path length ${km(c.distanceM)} is beyond 1000 km, near ITM's limit; treat the result with care`);
  }
  if (has(ItmWarning.pathDistanceTooSmall2)) {
    out.push(`path length ${km(c.distanceM)} is below ITM's 1 km minimum; treat the result with care`);
  }
  if (has(ItmWarning.pathDistanceTooSmall1)) {
    out.push(
      `path length ${km(c.distanceM)} is short for the difference in antenna heights (steeper than 0.2 rad); ITM's flat-angle geometry may not hold`,
    );
  }
  const mrad = (rad: number): string => `${+(rad * 1000).toFixed(1)} mrad`;
  if (has(ItmWarning.txHorizonAngle)) {
    out.push(`transmitter horizon angle ${mrad(c.thetaHorizonRad[0])} exceeds 200 mrad; ITM's small-angle approximation may break down`);
  }
  if (has(ItmWarning.rxHorizonAngle)) {
    out.push(`receiver horizon angle ${mrad(c.thetaHorizonRad[1])} exceeds 200 mrad; ITM's small-angle approximation may break down`);
  }
  if (has(ItmWarning.txHorizonDistance1)) {
    out.push("transmitter horizon is closer than 1/10 of the smooth-earth horizon distance; outside ITM's calibration");
  }
  if (has(ItmWarning.rxHorizonDistance1)) {
    out.push("receiver horizon is closer than 1/10 of the smooth-earth horizon distance; outside ITM's calibration");
  }
  if (has(ItmWarning.txHorizonDistance2)) {
    out.push("transmitter horizon is farther than 3 times the smooth-earth horizon distance; outside ITM's calibration");
  }
  if (has(ItmWarning.rxHorizonDistance2)) {
    out.push("receiver horizon is farther than 3 times the smooth-earth horizon distance; outside ITM's calibration");
  }
  if (has(ItmWarning.extremeVariabilities)) {
    out.push('a time, location or situation percentage is far in the tail of its distribution (|z| > 3.1); treat the result with care');
  }
  if (has(ItmWarning.surfaceRefractivity)) {
    out.push(
      `surface refractivity at the path's elevation is ${+c.surfaceRefractivityN.toFixed(1)} N-units, below 250; treat the result with care`,
    );
  }
  return out;
}
