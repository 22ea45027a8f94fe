/**
 * Map styling of the gap analysis, as pure functions: each village's status (with signal / without
 * signal / without signal and without power), the circle colour expression for it, and the commune
 * choropleth of the share of villages with signal (d3-scale).
 */
import { scaleLinear } from 'd3-scale';
import type { ExpressionSpecification, FillLayerSpecification } from 'maplibre-gl';
import { VILLAGE_COLORS } from './colors';

export type GapStatus = 'signal' | 'noSignal' | 'noPower';

export const GAP_STATUS_COLORS: Record<GapStatus, string> = {
  signal: '#2b8a3e', // green: has signal
  noSignal: '#e03131', // red: no signal, has power (for the operators)
  noPower: '#5f3dc4', // violet: no signal and no power (needs a power plan first)
};

/**
 * The status of each village id, from the gap list (villages without any signal) and the villages'
 * electrification.
 *
 * @example
 * villageStatusById([{ id: 'V1', electrified: true }, { id: 'V2', electrified: false }], new Set(['V2']))
 * // Map { 'V1' => 'signal', 'V2' => 'noPower' }
 */
export function villageStatusById(villages: readonly { id: string; electrified: boolean }[], gapIds: ReadonlySet<string>): Map<string, GapStatus> {
  const out = new Map<string, GapStatus>();
  for (const v of villages) out.set(v.id, !gapIds.has(v.id) ? 'signal' : v.electrified ? 'noSignal' : 'noPower');
  return out;
}

/** The circle colour by the `gapStatus` property; villages without one keep `fallback`. */
export function gapStatusColorExpression(fallback: ExpressionSpecification | string): ExpressionSpecification {
  return ['match', ['coalesce', ['get', 'gapStatus'], ''], 'signal', GAP_STATUS_COLORS.signal, 'noSignal', GAP_STATUS_COLORS.noSignal, 'noPower', GAP_STATUS_COLORS.noPower, fallback] as unknown as ExpressionSpecification;
}

/**
 * The villages' circle colour once the gap list is known: by status, and by electrification for a
 * village the analysis does not list (the style's colour before it).
 *
 * @example
 * map.setPaintProperty('villages', 'circle-color', villageStatusColor());
 */
export function villageStatusColor(): ExpressionSpecification {
  return gapStatusColorExpression(['case', ['==', ['get', 'electrified'], true], VILLAGE_COLORS.electrified, VILLAGE_COLORS.notElectrified]);
}

/** Choropleth stops: share of villages with signal → colour (red below 70 %, yellow at 85 %, green at 100 %). */
export const SHARE_DOMAIN = [0.7, 0.85, 1];
export const SHARE_RANGE = ['#c92a2a', '#fcc419', '#2f9e44'];

/**
 * Colour of a commune by its share of villages with signal (0–1); grey when it has no village.
 *
 * @example
 * shareColor(1) // 'rgb(47, 158, 68)'
 */
export function shareColor(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '#adb5bd';
  const scale = scaleLinear<string>().domain(SHARE_DOMAIN).range(SHARE_RANGE).clamp(true);
  return scale(share);
}

export const CHOROPLETH_SOURCE = 'gap-choropleth';
export const CHOROPLETH_LAYER = 'gap-choropleth-fill';

/** The choropleth fill layer over a source of commune polygons carrying `fillColor`. */
export function choroplethLayer(visible: boolean): FillLayerSpecification {
  return {
    id: CHOROPLETH_LAYER,
    type: 'fill',
    source: CHOROPLETH_SOURCE,
    layout: { visibility: visible ? 'visible' : 'none' },
    paint: { 'fill-color': ['get', 'fillColor'], 'fill-opacity': 0.35 },
  };
}
