/**
 * The MapLibre map of the page, built from the data and the store (layers hidden, 3D terrain, the
 * view a link restored), and kept in step with it both ways: the view goes into the store when the
 * map moves; layer switches and the 3D toggle in the store change the map in place.
 */
import { Map as MapLibreMap, NavigationControl, ScaleControl } from 'maplibre-gl';
import viFontUrl from '@fontsource/noto-sans/files/noto-sans-vietnamese-400-normal.woff2?url';
import latinFontUrl from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import type { MapData } from '../api/features';
import { LAYER_GROUPS, LAYER_GROUP_NAMES, SOURCE_IDS } from '../map/layers';
import { collectionBBox, communeLabelPoints, outsideMask, prepareSites } from '../map/prepare';
import { buildStyle, type TerrainTiles } from '../map/style';
import type { Store } from '../state/store';

/** Unicode ranges of the bundled @fontsource subsets (from its CSS). */
const VIETNAMESE_RANGE = ['U+0102-0103', 'U+0110-0111', 'U+0128-0129', 'U+0168-0169', 'U+01A0-01A1', 'U+01AF-01B0', 'U+0300-0301', 'U+0303-0304', 'U+0308-0309', 'U+0323', 'U+0329', 'U+1EA0-1EF9', 'U+20AB'];
/** Vertical exaggeration of the 3D terrain (karst relief reads better above 1). */
export const EXAGGERATION_3D = 1.5;

/**
 * Padding that keeps fitted data clear of the side panel (which floats over the map's left edge).
 *
 * @example
 * map.fitBounds(bbox, { padding: sidePadding() });
 */
export function sidePadding(): { top: number; bottom: number; left: number; right: number } {
  const panel = document.getElementById('sidebar');
  const wide = window.innerWidth > 640 && panel !== null;
  return { top: 30, bottom: 30, right: 60, left: wide ? panel.getBoundingClientRect().right + 20 : 30 };
}

/**
 * Builds the map in `#map` and binds it to the store.
 *
 * @example
 * const { map, bbox } = createMapView(store, data, terrain);
 */
export function createMapView(store: Store, data: MapData, terrain: TerrainTiles | null): { map: MapLibreMap; bbox: [number, number, number, number] } {
  const s = store.get();
  const absolute = (url: string) => new URL(url, location.href).href;
  const style = buildStyle({
    data: {
      communes: data.communes, communeLabels: communeLabelPoints(data.communes), villages: data.villages,
      villageBoundaries: data.villageBoundaries, sites: prepareSites(data.sites), powerLines: data.powerLines, outsideMask: outsideMask(data.outline),
    },
    terrain: terrain ?? undefined,
    fontFaces: [{ url: absolute(viFontUrl), unicodeRange: VIETNAMESE_RANGE }, { url: absolute(latinFontUrl) }],
    hidden: s.hidden,
    terrain3d: s.terrain3d,
    terrainExaggeration: EXAGGERATION_3D,
  });
  const bbox = (collectionBBox(data.communes) ?? [-180, -85, 180, 85]) as [number, number, number, number];
  const map = new MapLibreMap({
    container: 'map',
    style,
    ...(s.view
      ? { center: s.view.center, zoom: s.view.zoom, bearing: s.view.bearingDeg, pitch: s.view.pitchDeg }
      : { bounds: bbox, fitBoundsOptions: { padding: sidePadding() } }),
    hash: false, // the store writes the hash (view, language, layers, scenario)
    attributionControl: { compact: true, customAttribution: 'covgap' },
    fadeDuration: 0,
    maxPitch: 75,
  });
  map.addControl(new NavigationControl({ visualizePitch: true }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');

  const viewToStore = () => {
    const c = map.getCenter();
    store.update({ view: { center: [c.lng, c.lat], zoom: map.getZoom(), bearingDeg: map.getBearing(), pitchDeg: map.getPitch() } });
  };
  map.on('moveend', viewToStore);
  map.once('load', viewToStore);
  store.subscribe((state, changed) => {
    if (changed.has('hidden')) {
      for (const group of LAYER_GROUP_NAMES) {
        const visibility = state.hidden.includes(group) ? 'none' : 'visible';
        for (const id of LAYER_GROUPS[group]) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visibility);
      }
    }
    if (changed.has('terrain3d')) {
      map.setTerrain(state.terrain3d && terrain ? { source: SOURCE_IDS.terrainDem, exaggeration: EXAGGERATION_3D } : null);
      if (state.terrain3d && map.getPitch() < 30) map.easeTo({ pitch: 55 });
    }
  });
  return { map, bbox };
}
