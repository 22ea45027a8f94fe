/**
 * The coverage raster layer: source and layer specifications, tile URLs and the legend rows, as
 * pure functions (the map page wires them; tests check them without a browser).
 */
import type { RasterLayerSpecification, RasterSourceSpecification } from '@maplibre/maplibre-gl-style-spec';

export const COVERAGE_SOURCE_ID = 'coverage';
export const COVERAGE_LAYER_ID = 'coverage';
export const COVERAGE_TECHS = ['2G', '3G', '4G', '5G'] as const;
export type CoverageTech = (typeof COVERAGE_TECHS)[number];

/** What the layer shows: a technology and an operator (null = all operators). */
export interface CoverageSelection {
  tech: CoverageTech;
  operator: string | null;
}

/** The legend (/api/coverage/legend) and the progress (/api/coverage/status) the server gives. */
import type { CoverageLegend } from '../../core/wire';
export type { CoverageLegend, CoverageStatus } from '../../core/wire';

/**
 * The tile URL template of a selection, same-origin, with the composite version so tiles are cached
 * until the coverage changes.
 *
 * @example
 * coverageTileUrl('http://h', { tech: '4G', operator: 'Viettel' }, 'abc')
 * // 'http://h/tiles/coverage/{z}/{x}/{y}.png?tech=4G&operator=Viettel&v=abc'
 */
export function coverageTileUrl(origin: string, sel: CoverageSelection, version: string, scenario: string | null = null): string {
  const q = new URLSearchParams({ tech: sel.tech });
  if (sel.operator) q.set('operator', sel.operator);
  if (scenario) q.set('scenario', scenario);
  q.set('v', version);
  // keep the {z}/{x}/{y} placeholders unescaped
  return `${origin}/tiles/coverage/{z}/{x}/{y}.png?${q.toString()}`;
}

/** The raster source of a selection. */
export function coverageSource(origin: string, sel: CoverageSelection, version: string, bounds?: [number, number, number, number], scenario: string | null = null): RasterSourceSpecification {
  return {
    type: 'raster',
    tiles: [coverageTileUrl(origin, sel, version, scenario)],
    tileSize: 256,
    minzoom: 0,
    maxzoom: 14, // the composite is 3″ (≈ 90 m): MapLibre over-zooms beyond
    ...(bounds ? { bounds } : {}),
  };
}

/** The raster layer: semi-transparent so the hillshade and boundaries read through. */
export function coverageLayer(visible: boolean): RasterLayerSpecification {
  return {
    id: COVERAGE_LAYER_ID,
    type: 'raster',
    source: COVERAGE_SOURCE_ID,
    layout: { visibility: visible ? 'visible' : 'none' },
    paint: { 'raster-opacity': 0.62, 'raster-resampling': 'nearest', 'raster-fade-duration': 0 },
  };
}

/**
 * Legend rows, strongest first: colour and "≥ −80 dBm" / "−100 … −90 dBm".
 *
 * @example
 * legendRows(legend)[0] // { name: 'excellent', color: '#2b8cbe', range: '≥ −80 dBm' }
 */
export function legendRows(legend: CoverageLegend): { name: string; color: string; range: string }[] {
  const dbm = (x: number) => `${x < 0 ? '\u2212' : ''}${Math.abs(x)}`;
  return [...legend.classes].reverse().map((c) => ({
    name: c.name,
    color: c.color,
    range: c.maxDbm === null ? `\u2265\u00a0${dbm(c.minDbm)}\u00a0${legend.unit}` : `${dbm(c.minDbm)}\u2009…\u2009${dbm(c.maxDbm)}\u00a0${legend.unit}`,
  }));
}

/** Where to insert the coverage layer: under the first of these layers that exists (villages, sites, labels stay on top). */
export const COVERAGE_BEFORE = ['communes-line', 'power-lines', 'villages', 'sites-5g-ring', 'sites', 'communes-label'] as const;
