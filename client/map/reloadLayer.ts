/**
 * After an import: one layer's new version read from the server and set on the map's sources
 * (sites, villages with their boundaries, communes with their labels, power lines), without a
 * page reload. The data object the page holds is updated in place, so popups and search see the
 * new features. A new DEM reloads the page (its terrain tiles and coverage grid are new).
 */
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { fetchCollection, type MapData } from '../api/features';
import { SOURCE_IDS } from './layers';
import { communeLabelPoints, prepareSites } from './prepare';

/**
 * @example
 * await reloadLayer(map, data, 'villages'); // then redraw what depends on data.villages
 */
export async function reloadLayer(map: MapLibreMap, data: MapData, layer: string): Promise<void> {
  if (layer === 'dem') {
    location.reload();
    return;
  }
  const setData = (id: string, fc: FeatureCollection) => (map.getSource(id) as GeoJSONSource | undefined)?.setData(fc);
  if (layer === 'sites') {
    data.sites = await fetchCollection<MapData['sites']>('sites');
    setData(SOURCE_IDS.sites, prepareSites(data.sites));
  } else if (layer === 'villages') {
    [data.villages, data.villageBoundaries] = await Promise.all([
      fetchCollection<MapData['villages']>('villages'),
      fetchCollection<MapData['villageBoundaries']>('village-boundaries').catch(() => ({ type: 'FeatureCollection', features: [] }) as MapData['villageBoundaries']),
    ]);
    setData(SOURCE_IDS.villages, data.villages);
    setData(SOURCE_IDS.villageBoundaries, data.villageBoundaries);
  } else if (layer === 'communes') {
    data.communes = await fetchCollection<MapData['communes']>('communes');
    setData(SOURCE_IDS.communes, data.communes);
    setData(SOURCE_IDS.communeLabels, communeLabelPoints(data.communes));
  } else if (layer === 'power-lines') {
    data.powerLines = await fetchCollection<MapData['powerLines']>('power-lines');
    setData(SOURCE_IDS.powerLines, data.powerLines);
  }
}
