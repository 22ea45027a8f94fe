/**
 * What plan mode draws on the map: the area a station would cover (a fill), a ring around each
 * gap village it would give signal to, and one draggable marker per planned station.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import { Marker, type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import type { SiteProperties } from '../../core/model/types';
import type { PreviewAnswer } from '../../core/wire';
import { LAYER_IDS } from '../map/layers';
import { el } from './dom';
import { round6 } from './planEdits';

const PREVIEW_SOURCE = 'plan-preview';
const PREVIEW_LAYER = 'plan-preview-fill';
const NEWLY_LAYER = 'plan-newly-covered';

const emptyFc = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });
const idsFilter = (ids: readonly string[]) => ['in', ['to-string', ['get', 'id']], ['literal', ids.length ? ids : ['']]] as never;

export interface PlanMap {
  /** Draws a preview's area and rings its newly covered villages. */
  preview(answer: PreviewAnswer, villageIds: readonly string[]): void;
  clearPreview(): void;
  /** One marker per station (none when `shown` is false); a marker's drag and click go to the handlers. */
  markers(stations: readonly Feature<Point, SiteProperties>[], shown: boolean): void;
}

/**
 * @example
 * const drawn = planMap(map, { moved: (id, at) => …, clicked: (id, at) => … });
 * drawn.markers(stations, true);
 */
export function planMap(map: MapLibreMap, on: { moved(id: string, at: [number, number]): void; clicked(id: string, at: [number, number]): void }): PlanMap {
  const markers = new Map<string, Marker>();
  const ensureLayers = (): void => {
    if (!map.getSource(PREVIEW_SOURCE)) {
      map.addSource(PREVIEW_SOURCE, { type: 'geojson', data: emptyFc() });
      map.addLayer({ id: PREVIEW_LAYER, type: 'fill', source: PREVIEW_SOURCE, paint: { 'fill-color': '#1d6fd1', 'fill-opacity': 0.28, 'fill-outline-color': '#0b4a94' } });
    }
    if (!map.getLayer(NEWLY_LAYER) && map.getLayer(LAYER_IDS.villages)) {
      const source = (map.getLayer(LAYER_IDS.villages) as unknown as { source: string }).source;
      map.addLayer({
        id: NEWLY_LAYER, type: 'circle', source, filter: idsFilter([]),
        paint: { 'circle-radius': 9, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#ffb000', 'circle-stroke-width': 3 },
      });
    }
  };
  return {
    preview(answer, villageIds) {
      ensureLayers();
      (map.getSource(PREVIEW_SOURCE) as GeoJSONSource).setData(answer);
      if (map.getLayer(NEWLY_LAYER)) map.setFilter(NEWLY_LAYER, idsFilter(villageIds));
    },
    clearPreview() {
      (map.getSource(PREVIEW_SOURCE) as GeoJSONSource | undefined)?.setData(emptyFc());
      if (map.getLayer(NEWLY_LAYER)) map.setFilter(NEWLY_LAYER, idsFilter([]));
    },
    markers(stations, shown) {
      const ids = new Set(stations.map((s) => s.properties.id));
      for (const [id, m] of markers) if (!ids.has(id) || !shown) { m.remove(); markers.delete(id); }
      if (!shown) return;
      for (const s of stations) {
        const at = s.geometry.coordinates as [number, number];
        const id = s.properties.id;
        const known = markers.get(id);
        if (known) {
          known.setLngLat(at);
          continue;
        }
        const dot = el('div', { class: 'plan-marker', title: s.properties.name, 'data-site': id });
        const m = new Marker({ element: dot, draggable: true }).setLngLat(at).addTo(map);
        m.on('dragend', () => {
          const p = m.getLngLat();
          on.moved(id, [round6(p.lng), round6(p.lat)]);
        });
        dot.addEventListener('click', (ev) => {
          ev.stopPropagation();
          on.clicked(id, m.getLngLat().toArray() as [number, number]);
        });
        markers.set(id, m);
      }
    },
  };
}
