/**
 * The whole map style as a pure function of our data and options: no basemap, no sprites, no
 * glyphs URL (labels are drawn locally by MapLibre from the bundled font in `font-faces`), so
 * nothing is fetched from the internet.
 */
import type { FeatureCollection } from 'geojson';
import type { FontFacesSpecification, SourceSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import {
  LAYER_GROUPS,
  LABEL_FONT,
  SOURCE_IDS,
  backgroundLayer,
  communeLabelLayer,
  communeLayers,
  hillshadeLayer,
  outsideMaskLayer,
  powerLineLayer,
  siteLayers,
  villageBoundaryLayer,
  villageLayer,
  type LayerGroup,
} from './layers';

/** The terrain-RGB tiles (from the server's /tiles/terrain.json when available). */
export interface TerrainTiles {
  /** Absolute tile URL template, e.g. "http://127.0.0.1:8080/tiles/terrain/{z}/{x}/{y}.png". */
  tileUrl: string;
  minzoom?: number; // default 0
  maxzoom?: number; // default 14
  /** [west, south, east, north]: no tile is requested outside (avoids 404s). */
  bounds?: [number, number, number, number];
  tileSize?: number; // default 256
}

export interface StyleOptions {
  /** GeoJSON for each source; empty collections are fine. */
  data: {
    communes: FeatureCollection;
    communeLabels: FeatureCollection;
    villages: FeatureCollection;
    /** The villages' boundary polygons (collection village-boundaries); empty or absent when none. */
    villageBoundaries?: FeatureCollection;
    sites: FeatureCollection;
    powerLines: FeatureCollection;
    /** Everything outside the area (prepare.ts outsideMask), dimmed; none when absent. */
    outsideMask?: FeatureCollection | null;
  };
  /** Terrain tiles for hillshade and 3D terrain; without them neither is in the style. */
  terrain?: TerrainTiles;
  /** Font files (absolute URLs) drawing LABEL_FONT, with their unicode ranges. */
  fontFaces?: { url: string; unicodeRange?: string[] }[];
  /** Layer groups to hide; default none. */
  hidden?: readonly LayerGroup[];
  /** Show 3D terrain; default false. */
  terrain3d?: boolean;
  /** Vertical exaggeration of 3D terrain; default 1.5 (karst relief reads better). */
  terrainExaggeration?: number;
}

/**
 * Builds the covgap map style.
 *
 * @example
 * const style = buildStyle({ data: { communes, communeLabels, villages, sites, powerLines },
 *   terrain: { tileUrl: `${location.origin}/tiles/terrain/{z}/{x}/{y}.png` } });
 * new maplibregl.Map({ container: 'map', style });
 */
export function buildStyle(options: StyleOptions): StyleSpecification {
  const hidden = new Set<LayerGroup>(options.hidden ?? []);
  const shown = (group: LayerGroup) => !hidden.has(group);
  for (const group of hidden) {
    if (!(group in LAYER_GROUPS)) throw new Error(`Unknown layer group "${group}": expected one of ${Object.keys(LAYER_GROUPS).join(', ')}.`);
  }

  const geojson = (data: FeatureCollection): SourceSpecification => ({ type: 'geojson', data: data as never });
  const sources: Record<string, SourceSpecification> = {
    [SOURCE_IDS.communes]: geojson(options.data.communes),
    [SOURCE_IDS.communeLabels]: geojson(options.data.communeLabels),
    [SOURCE_IDS.villages]: geojson(options.data.villages),
    [SOURCE_IDS.villageBoundaries]: geojson(options.data.villageBoundaries ?? { type: 'FeatureCollection', features: [] }),
    [SOURCE_IDS.sites]: geojson(options.data.sites),
    [SOURCE_IDS.powerLines]: geojson(options.data.powerLines),
  };
  const mask = options.data.outsideMask;
  if (mask && mask.features.length > 0) sources[SOURCE_IDS.outsideMask] = geojson(mask);

  const t = options.terrain;
  if (t) {
    // two sources over the same tiles: MapLibre advises against sharing one between hillshade and terrain
    const dem: SourceSpecification = {
      type: 'raster-dem',
      tiles: [t.tileUrl],
      tileSize: t.tileSize ?? 256,
      minzoom: t.minzoom ?? 0,
      maxzoom: t.maxzoom ?? 14,
      encoding: 'mapbox',
      ...(t.bounds ? { bounds: t.bounds } : {}),
    };
    sources[SOURCE_IDS.hillshadeDem] = dem;
    sources[SOURCE_IDS.terrainDem] = { ...dem };
  }

  const [communeFill, communeLine] = communeLayers(shown('communes'));
  const [ring5g, sitesLayer] = siteLayers(shown('sites'));
  const style: StyleSpecification = {
    version: 8,
    name: 'covgap',
    sources,
    layers: [
      backgroundLayer(),
      // relief first; the translucent commune fill over it sets the province apart from its surroundings
      ...(t ? [hillshadeLayer(shown('hillshade'))] : []),
      // the province stands out: its surroundings are dimmed over the relief
      ...(sources[SOURCE_IDS.outsideMask] ? [outsideMaskLayer()] : []),
      communeFill,
      communeLine,
      powerLineLayer(shown('powerLines')),
      villageBoundaryLayer(shown('villages')),
      villageLayer(shown('villages')),
      sitesLayer,
      // rings over the circles, so 5G stands out even in dense town centres
      ring5g,
      communeLabelLayer(shown('communes')),
    ],
  };
  if (options.fontFaces?.length) {
    const faces: FontFacesSpecification = {
      [LABEL_FONT]: options.fontFaces.map((f) => (f.unicodeRange ? { url: f.url, 'unicode-range': f.unicodeRange } : { url: f.url })),
    };
    style['font-faces'] = faces;
  }
  if (t && options.terrain3d) {
    style.terrain = { source: SOURCE_IDS.terrainDem, exaggeration: options.terrainExaggeration ?? 1.5 };
  }
  return style;
}
