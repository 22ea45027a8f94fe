/**
 * The contract every path-loss model in the registry fulfils (see registry.ts).
 *
 * A model is a pure function of numbers and a terrain profile: no I/O, no globals. Input that is
 * impossible (negative distance, NaN, frequency <= 0) throws an `InputError`; input that is
 * possible but outside the model's published validity range returns a result with `warnings`.
 */

/**
 * Ground elevations along a great-circle path, evenly spaced, transmitter first
 * (like NTIA ITM's `pfl` array, but in metres and without the header numbers).
 * Path length = (elevationsM.length - 1) * stepM.
 */
export interface TerrainProfile {
  /** Distance between consecutive samples, metres (> 0). */
  stepM: number;
  /** Ground elevation above sea level at each sample, metres; at least 2 samples. */
  elevationsM: ArrayLike<number>;
}

export interface PathLossInput {
  /** Carrier frequency, MHz. */
  freqMHz: number;
  /** Transmitter antenna height above ground, metres. */
  txHeightM: number;
  /** Receiver antenna height above ground, metres. */
  rxHeightM: number;
  /** Great-circle path length, metres. With a profile it must equal (n - 1) * stepM. */
  distanceM: number;
  /** Terrain between the two ends; required by terrain models (`needsProfile`). */
  profile?: TerrainProfile;
}

export interface PathLossResult {
  /** Basic transmission loss (isotropic antennas), dB. */
  lossDb: number;
  /** Soft problems: inputs outside the model's validity range, in words a user understands. */
  warnings: string[];
}

/** A closed interval; either end may be omitted. */
export interface Range {
  min?: number;
  max?: number;
}

/** The published envelope in which a model's results are trustworthy. */
export interface ValidityRange {
  freqMHz?: Range;
  txHeightM?: Range;
  rxHeightM?: Range;
  distanceM?: Range;
}

export interface PathLossModel<O extends object = object> {
  /** Registry key, e.g. "fspl", "hata", "cost231", "p526", "itm". */
  id: string;
  /** Human-readable name with its reference, e.g. "Okumura-Hata (ITU-R P.529)". */
  name: string;
  /** True when the model uses the terrain profile (and throws without one). */
  needsProfile: boolean;
  validity: ValidityRange;
  /** Model options with their defaults, each documented where it is defined. */
  defaults: Readonly<Required<O>>;
  predict(input: PathLossInput, options?: Partial<O>): PathLossResult;
}
