/**
 * Colours of received signal levels: per technology, four classes from the coverage threshold
 * upwards (weak, fair, good, excellent), each 10 dB wide, the last open-ended. Below the threshold
 * (and where nothing reaches) the map stays transparent. The classes come from a d3-scale
 * `scaleThreshold` with fixed colour stops (a colour-blind-safe orange → green → blue sequence),
 * so server tiles, the legend and the client agree on one table.
 */
import { scaleThreshold } from 'd3-scale';
import type { Tech } from '../model/types';

/** The measured quantity per technology (see core/coverage/options.ts thresholdsDbm). */
export const SIGNAL_QUANTITY: Readonly<Record<Tech, string>> = Object.freeze({ '2G': 'RxLev', '3G': 'RSCP', '4G': 'RSRP', '5G': 'SS-RSRP' });

/** Colour stops, weakest first: #rrggbb. */
export const SIGNAL_COLORS = ['#f4a259', '#f2e26b', '#7cc771', '#2b8cbe'] as const;

/** Class names, weakest first, the keys of the legend labels. */
export const SIGNAL_CLASSES = ['weak', 'fair', 'good', 'excellent'] as const;
export type SignalClass = (typeof SIGNAL_CLASSES)[number];

/** Width of a class, dB. */
export const SIGNAL_CLASS_STEP_DB = 10;

export interface SignalLegendClass {
  name: SignalClass;
  /** Lower bound (inclusive), dBm. */
  minDbm: number;
  /** Upper bound (exclusive), dBm; null for the last, open class. */
  maxDbm: number | null;
  color: string;
}

export interface SignalLegend {
  tech: Tech;
  quantity: string;
  unit: 'dBm';
  thresholdDbm: number;
  classes: SignalLegendClass[];
}

/**
 * The legend of one technology at its threshold.
 *
 * @example
 * signalLegend('4G', -110).classes[0] // { name: 'weak', minDbm: -110, maxDbm: -100, color: '#f4a259' }
 */
export function signalLegend(tech: Tech, thresholdDbm: number): SignalLegend {
  const classes = SIGNAL_CLASSES.map((name, i) => ({
    name,
    minDbm: thresholdDbm + i * SIGNAL_CLASS_STEP_DB,
    maxDbm: i === SIGNAL_CLASSES.length - 1 ? null : thresholdDbm + (i + 1) * SIGNAL_CLASS_STEP_DB,
    color: SIGNAL_COLORS[i],
  }));
  return { tech, quantity: SIGNAL_QUANTITY[tech], unit: 'dBm', thresholdDbm, classes };
}

/**
 * A d3 threshold scale from dBm to a colour, or null below the threshold.
 *
 * @example
 * signalColorScale(-110)(-95) // '#f2e26b' (fair)
 */
export function signalColorScale(thresholdDbm: number): (levelDbm: number) => string | null {
  const domain = SIGNAL_CLASSES.map((_, i) => thresholdDbm + i * SIGNAL_CLASS_STEP_DB);
  const scale = scaleThreshold<number, string | null>().domain(domain).range([null, ...SIGNAL_COLORS]);
  return (levelDbm) => (levelDbm === levelDbm ? scale(levelDbm) ?? null : null);
}

/** Parses '#rrggbb' to [r, g, b]. */
export function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * A lookup table for painting rasters fast: RGBA (alpha 0 below the threshold) per 1 dB bin from
 * `minDbm`, `bins` bins; index with `signalLutIndex`. Built from {@link signalColorScale}.
 *
 * @example
 * const lut = signalLut(-110); const i = signalLutIndex(lut, -95); // lut.rgba[i..i+3]
 */
export function signalLut(thresholdDbm: number): { rgba: Uint8Array; minDbm: number; bins: number } {
  const minDbm = Math.floor(thresholdDbm) - 1;
  const bins = SIGNAL_CLASSES.length * SIGNAL_CLASS_STEP_DB + 2;
  const rgba = new Uint8Array(bins * 4);
  const scale = signalColorScale(thresholdDbm);
  // each bin takes the colour of its lower edge (+ a hair, so a bin starting at a class bound is in it)
  for (let b = 0; b < bins; b++) {
    const color = scale(minDbm + b + 1e-6);
    if (!color) continue;
    const [r, g, bl] = hexToRgb(color);
    rgba.set([r, g, bl, 255], b * 4);
  }
  return { rgba, minDbm, bins };
}

/** Byte offset into `lut.rgba` of a level; −1 below the table or for NaN (transparent). */
export function signalLutIndex(lut: { minDbm: number; bins: number }, levelDbm: number): number {
  if (!(levelDbm >= lut.minDbm)) return -1;
  const b = Math.min(lut.bins - 1, Math.floor(levelDbm - lut.minDbm));
  return b * 4;
}
