/**
 * Physical constants and enumerations shared by the ITM functions.
 * Sources: G. A. Hufford, "The ITS Irregular Terrain Model, version 1.2.2: the algorithm" (1995),
 * referred to below as [Algorithm]; NTIA Technical Note 101 (Rice et al., 1967) as [TN101];
 * ERL 79-ITS 67 (Longley & Rice, 1968) as [ERL 79].
 */

/** Radius of the "4/3 earth" used by Vogler's smooth-earth diffraction, metres [Algorithm, 4.20]. */
export const EARTH_RADIUS_4_3_REFERENCE_M = 6370e3;

/** Effective earth radius used by the variability effective distance d_ex, metres [Algorithm, 5.3]. */
export const EARTH_RADIUS_9000_KM_M = 9000e3;

/** Curvature of the actual earth, 1/m (≈ 1 / 6370 km) [TN101, 4.4]. */
export const ACTUAL_EARTH_CURVATURE_PER_M = 157e-9;

/** Converts MHz to wave number k = 2π/λ in 1/m: k = f / 47.7 (f in MHz). */
export const MHZ_PER_WAVE_NUMBER = 47.7;

/** Mode of propagation that produced the reference attenuation. */
export const PropagationMode = {
  lineOfSight: 1,
  diffraction: 2,
  troposcatter: 3,
} as const;
export type PropagationMode = (typeof PropagationMode)[keyof typeof PropagationMode];

/** Names for the propagation modes, for charts and reports. */
export const PROPAGATION_MODE_NAMES: Readonly<Record<PropagationMode, string>> = Object.freeze({
  1: 'line of sight',
  2: 'diffraction',
  3: 'troposcatter',
});

/** Radio climates of [Algorithm, Table 5.1], numbered as in ITM. */
export const RadioClimate = {
  equatorial: 1,
  continentalSubtropical: 2,
  maritimeSubtropical: 3,
  desert: 4,
  continentalTemperate: 5,
  maritimeTemperateOverLand: 6,
  maritimeTemperateOverSea: 7,
} as const;
export type RadioClimate = (typeof RadioClimate)[keyof typeof RadioClimate];

/** Polarization of the radio wave (ITM numbering). */
export const Polarization = { horizontal: 0, vertical: 1 } as const;
export type Polarization = (typeof Polarization)[keyof typeof Polarization];

/**
 * Mode of variability (ITM `mdvar`): 0 single message, 1 accidental (individual), 2 mobile,
 * 3 broadcast; add 10 to drop location variability, add 20 to drop direct situation variability
 * [Algorithm, section 5].
 */
export const VariabilityMode = { singleMessage: 0, accidental: 1, mobile: 2, broadcast: 3 } as const;

/** Warning bit flags, numbered as NTIA ITM's Warnings.h so results can be compared flag by flag. */
export const ItmWarning = {
  txTerminalHeight: 0x0001,
  rxTerminalHeight: 0x0002,
  frequency: 0x0004,
  pathDistanceTooBig1: 0x0008,
  pathDistanceTooBig2: 0x0010,
  pathDistanceTooSmall1: 0x0020,
  pathDistanceTooSmall2: 0x0040,
  txHorizonAngle: 0x0080,
  rxHorizonAngle: 0x0100,
  txHorizonDistance1: 0x0200,
  rxHorizonDistance1: 0x0400,
  txHorizonDistance2: 0x0800,
  rxHorizonDistance2: 0x1000,
  extremeVariabilities: 0x2000,
  surfaceRefractivity: 0x4000,
} as const;
