/**
 * Colours of the map, shared by the style builders and the legend so both always agree.
 * Operators get distinct hues; 5G gets a ring colour no operator uses.
 */

/** Known operator brands, matched case-insensitively on a fragment of the `operator` string. */
export const OPERATORS = [
  { key: 'viettel', label: 'Viettel', match: 'viettel', color: '#d62839' },
  { key: 'vinaphone', label: 'VNPT/Vinaphone', match: 'vinaphone', color: '#1d6fd1' },
  { key: 'mobifone', label: 'MobiFone', match: 'mobifone', color: '#f08c00' },
] as const;

export type OperatorKey = (typeof OPERATORS)[number]['key'] | 'other';

/** Colour of sites whose operator is none of OPERATORS. */
export const OTHER_OPERATOR_COLOR = '#6c757d';

/** Ring drawn around sites that carry 5G. */
export const RING_5G_COLOR = '#9c36b5';

export const VILLAGE_COLORS = {
  electrified: '#2f9e44',
  notElectrified: '#212529',
  /** The outline of a village's boundary (a muted green: the village, not a road or a line). */
  boundary: '#4c6b3c',
} as const;

export const COMMUNE_COLORS = {
  fill: '#f4f1e8',
  line: '#5a4a32',
  label: '#3d3426',
  labelHalo: '#ffffff',
} as const;

export const POWER_LINE_COLOR = '#e8590c';
export const BACKGROUND_COLOR = '#dcd8cc';

/** Circle radius (px) by the highest technology of a site: newer generations draw larger. */
export const SITE_RADIUS_PX = { '2G': 3, '3G': 3.5, '4G': 4.5, '5G': 5.5 } as const;

/**
 * Maps an operator name to a key of OPERATORS, or 'other'.
 *
 * @example
 * operatorKey('VNPT/Vinaphone') // 'vinaphone'
 * operatorKey('Vietnamobile') // 'other'
 */
export function operatorKey(operator: string): OperatorKey {
  const lower = operator.toLowerCase();
  // "VNPT" alone is the Vinaphone parent company
  if (lower.includes('vnpt')) return 'vinaphone';
  for (const op of OPERATORS) if (lower.includes(op.match)) return op.key;
  return 'other';
}
