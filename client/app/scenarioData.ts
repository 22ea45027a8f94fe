/**
 * Another scenario on screen: the map's data swapped in place. The sites are the scenario's (its
 * added, changed and removed stations); villages, communes and power lines are the same in every
 * scenario and stay as they are (the villages keep their status colours until the gap analysis
 * of the new scenario recolours them: ui/gapsMount.ts). The coverage, the gap analysis, plan mode
 * and the siting panel follow the store on their own.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { fetchCollection, type MapData } from '../api/features';
import { SOURCE_IDS } from '../map/layers';
import { prepareSites } from '../map/prepare';
import type { Store } from '../state/store';
import type { PageData } from './lookups';

/**
 * @example
 * followScenario(map, store, page);
 */
export function followScenario(map: MapLibreMap, store: Store, page: PageData): void {
  let round = 0;
  store.subscribe((state, changed) => {
    if (!changed.has('scenario')) return;
    const mine = ++round;
    void fetchCollection<MapData['sites']>('sites', state.scenario).then((sites) => {
      if (mine !== round) return; // another scenario came meanwhile
      page.data.sites = sites;
      page.rebuild();
      (map.getSource(SOURCE_IDS.sites) as GeoJSONSource | undefined)?.setData(prepareSites(sites));
    }).catch(() => {
      // the server refused or is away: the sites on screen stay; the scenario bar says which one is on screen
    });
  });
}
