/**
 * Layer builders: pure functions from options to MapLibre layer specifications. Source ids and
 * layer ids are constants here so the UI (switcher, popups, tests) refers to them by name.
 */
import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  FillLayerSpecification,
  HillshadeLayerSpecification,
  LayerSpecification,
  LineLayerSpecification,
  SymbolLayerSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import {
  BACKGROUND_COLOR,
  COMMUNE_COLORS,
  OPERATORS,
  OTHER_OPERATOR_COLOR,
  POWER_LINE_COLOR,
  RING_5G_COLOR,
  SITE_RADIUS_PX,
  VILLAGE_COLORS,
} from './colors';

export const SOURCE_IDS = {
  communes: 'communes',
  communeLabels: 'commune-labels',
  villages: 'villages',
  villageBoundaries: 'village-boundaries',
  sites: 'sites',
  powerLines: 'power-lines',
  outsideMask: 'outside-mask',
  hillshadeDem: 'dem-hillshade',
  terrainDem: 'dem-terrain',
} as const;

export const LAYER_IDS = {
  background: 'background',
  communesFill: 'communes-fill',
  hillshade: 'hillshade',
  outsideMask: 'outside-mask',
  communesLine: 'communes-line',
  powerLines: 'power-lines',
  villageBoundaries: 'village-boundaries',
  villages: 'villages',
  sites5gRing: 'sites-5g-ring',
  sites: 'sites',
  communesLabel: 'communes-label',
} as const;

/** What the layer switcher toggles: each group shows or hides its layers together. */
export const LAYER_GROUPS = {
  communes: [LAYER_IDS.communesFill, LAYER_IDS.communesLine, LAYER_IDS.communesLabel],
  hillshade: [LAYER_IDS.hillshade],
  powerLines: [LAYER_IDS.powerLines],
  villages: [LAYER_IDS.villageBoundaries, LAYER_IDS.villages],
  sites: [LAYER_IDS.sites5gRing, LAYER_IDS.sites],
} as const;

export type LayerGroup = keyof typeof LAYER_GROUPS;
export const LAYER_GROUP_NAMES = Object.keys(LAYER_GROUPS) as LayerGroup[];

/** The font stack of labels; the style's `font-faces` maps this name to bundled font files. */
export const LABEL_FONT = 'Noto Sans Regular';

const visibility = (visible: boolean) => (visible ? 'visible' : 'none') as 'visible' | 'none';

export function backgroundLayer(): LayerSpecification {
  return { id: LAYER_IDS.background, type: 'background', paint: { 'background-color': BACKGROUND_COLOR } };
}

/** Commune polygons: a light fill (what popups hit) and their boundaries. */
export function communeLayers(visible: boolean): [FillLayerSpecification, LineLayerSpecification] {
  return [
    {
      id: LAYER_IDS.communesFill,
      type: 'fill',
      source: SOURCE_IDS.communes,
      layout: { visibility: visibility(visible) },
      paint: { 'fill-color': COMMUNE_COLORS.fill, 'fill-opacity': 0.4 },
    },
    {
      id: LAYER_IDS.communesLine,
      type: 'line',
      source: SOURCE_IDS.communes,
      layout: { visibility: visibility(visible), 'line-join': 'round' },
      paint: {
        'line-color': COMMUNE_COLORS.line,
        'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.8, 12, 2.4],
        'line-opacity': 0.9,
      },
    },
  ];
}

/** Commune names at one label point per commune (source SOURCE_IDS.communeLabels). */
export function communeLabelLayer(visible: boolean): SymbolLayerSpecification {
  return {
    id: LAYER_IDS.communesLabel,
    type: 'symbol',
    source: SOURCE_IDS.communeLabels,
    minzoom: 7.5,
    layout: {
      visibility: visibility(visible),
      'text-field': ['get', 'name'],
      'text-font': [LABEL_FONT],
      'text-size': ['interpolate', ['linear'], ['zoom'], 8, 10.5, 12, 15],
      'text-max-width': 8,
      'text-padding': 2,
    },
    paint: {
      'text-color': COMMUNE_COLORS.label,
      'text-halo-color': COMMUNE_COLORS.labelHalo,
      'text-halo-width': 1.4,
    },
  };
}

/**
 * Dims everything outside the province (source SOURCE_IDS.outsideMask, see prepare.ts
 * outsideMask): drawn over the hillshade, so the relief reads only where the data is.
 */
export function outsideMaskLayer(): FillLayerSpecification {
  return {
    id: LAYER_IDS.outsideMask,
    type: 'fill',
    source: SOURCE_IDS.outsideMask,
    paint: { 'fill-color': BACKGROUND_COLOR, 'fill-opacity': 0.72, 'fill-antialias': false },
  };
}

/** Hillshade from the terrain-RGB source; drawn first, under a translucent commune fill. */
export function hillshadeLayer(visible: boolean): HillshadeLayerSpecification {
  return {
    id: LAYER_IDS.hillshade,
    type: 'hillshade',
    source: SOURCE_IDS.hillshadeDem,
    layout: { visibility: visibility(visible) },
    paint: {
      'hillshade-exaggeration': 0.45,
      'hillshade-shadow-color': '#3b3426',
      'hillshade-highlight-color': '#fffdf5',
      'hillshade-accent-color': '#5c5340',
    },
  };
}

export function powerLineLayer(visible: boolean): LineLayerSpecification {
  return {
    id: LAYER_IDS.powerLines,
    type: 'line',
    source: SOURCE_IDS.powerLines,
    layout: { visibility: visibility(visible), 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-color': POWER_LINE_COLOR,
      // thicker for higher voltage: 110 kV lines read as the backbone
      'line-width': ['interpolate', ['linear'], ['coalesce', ['get', 'voltageKv'], 22], 0.4, 1, 35, 1.8, 110, 3.2],
      'line-dasharray': [3, 1.5],
      'line-opacity': 0.9,
    },
  };
}

/** Villages as circles: green when electrified, dark when not. Only point villages are drawn. */
export function villageLayer(visible: boolean): CircleLayerSpecification {
  return {
    id: LAYER_IDS.villages,
    type: 'circle',
    source: SOURCE_IDS.villages,
    filter: ['==', ['geometry-type'], 'Point'],
    layout: { visibility: visibility(visible) },
    paint: {
      'circle-color': ['case', ['==', ['get', 'electrified'], true], VILLAGE_COLORS.electrified, VILLAGE_COLORS.notElectrified],
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 1.8, 12, 5],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 0.6,
    },
  };
}

/** The zoom from which village boundaries are drawn: below it they are a few pixels wide. */
export const BOUNDARY_MIN_ZOOM = 11;

/** Village boundaries (collection village-boundaries) as thin outlines, from a middle zoom on. */
export function villageBoundaryLayer(visible: boolean): LineLayerSpecification {
  return {
    id: LAYER_IDS.villageBoundaries,
    type: 'line',
    source: SOURCE_IDS.villageBoundaries,
    minzoom: BOUNDARY_MIN_ZOOM,
    layout: { visibility: visibility(visible) },
    paint: {
      'line-color': VILLAGE_COLORS.boundary,
      'line-width': ['interpolate', ['linear'], ['zoom'], BOUNDARY_MIN_ZOOM, 0.6, 15, 1.6],
      'line-opacity': 0.8,
    },
  };
}

/** The `match` expression colouring a site by its precomputed operatorKey. */
export function operatorColorExpression(): ExpressionSpecification {
  const pairs = OPERATORS.flatMap((op) => [op.key, op.color]);
  return ['match', ['get', 'operatorKey'], ...pairs, OTHER_OPERATOR_COLOR] as unknown as ExpressionSpecification;
}

/**
 * Sites: a ring for every 5G site (drawn over the circles), and a circle coloured by operator whose
 * size grows with the newest technology (topTech); planned and candidate sites are hollow.
 */
export function siteLayers(visible: boolean): [CircleLayerSpecification, CircleLayerSpecification] {
  const radius: ExpressionSpecification = [
    'match',
    ['get', 'topTech'],
    '5G', SITE_RADIUS_PX['5G'],
    '4G', SITE_RADIUS_PX['4G'],
    '3G', SITE_RADIUS_PX['3G'],
    SITE_RADIUS_PX['2G'],
  ];
  // small at the province view (1,000+ sites), larger when zoomed in
  const zoomed: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 7, ['*', 0.6, radius], 10, radius, 13, ['*', 1.6, radius]];
  const existing: ExpressionSpecification = ['==', ['get', 'status'], 'existing'];
  return [
    {
      id: LAYER_IDS.sites5gRing,
      type: 'circle',
      source: SOURCE_IDS.sites,
      filter: ['==', ['get', 'has5G'], true],
      layout: { visibility: visibility(visible) },
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 5.5, 10, 8, 13, 13],
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': RING_5G_COLOR,
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 7, 1.3, 12, 2.5],
      },
    },
    {
      id: LAYER_IDS.sites,
      type: 'circle',
      source: SOURCE_IDS.sites,
      layout: { visibility: visibility(visible), 'circle-sort-key': ['match', ['get', 'topTech'], '5G', 4, '4G', 3, '3G', 2, 1] },
      paint: {
        'circle-radius': zoomed,
        'circle-color': ['case', existing, operatorColorExpression(), '#ffffff'],
        'circle-stroke-color': ['case', existing, '#ffffff', operatorColorExpression()],
        'circle-stroke-width': ['case', existing, 0.8, 2],
      },
    },
  ];
}
