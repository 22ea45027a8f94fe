/**
 * The side panel (title, language switch, layer switcher, legend: ui/controls.ts) and the search
 * box, rendered from the store and re-rendered in place when the language, the layers or the 3D
 * switch change; the page's title and `lang` follow the language.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { buildSearchIndex } from '../map/search';
import type { Store } from '../state/store';
import { renderPanel } from '../ui/controls';
import { t } from '../ui/i18n';
import { mountSearchBox } from '../ui/searchBox';
import type { PageData } from './lookups';
import { sidePadding } from './mapView';

/**
 * @example
 * mountSidePanel(document.getElementById('panel')!, map, store, page, terrain !== null);
 */
export function mountSidePanel(panel: HTMLElement, map: MapLibreMap, store: Store, page: PageData, hasTerrain: boolean): { rerender(): void } {
  const search = mountSearchBox(document.getElementById('search-box')!, buildSearchIndex(page.data.communes, page.data.villages), store.get().lang, (entry) => {
    if (entry.kind === 'commune' && entry.bbox) map.fitBounds(entry.bbox, { padding: sidePadding(), maxZoom: 12.5 });
    else map.flyTo({ center: entry.center, zoom: Math.max(map.getZoom(), 13) });
  });
  const boundaries = () => {
    const fc = page.data.villageBoundaries.features;
    return fc.length === 0 ? 'none' : fc.some((f) => f.properties.boundarySynthetic === true) ? 'synthetic' : 'real';
  };
  const render = () => {
    const s = store.get();
    renderPanel(panel, { lang: s.lang, hidden: new Set(s.hidden), terrain3d: s.terrain3d, hasTerrain, boundaries: boundaries() }, {
      onLang: (lang) => store.update({ lang }),
      onToggleGroup(group, visible) {
        const hidden = store.get().hidden.filter((g) => g !== group);
        store.update({ hidden: visible ? hidden : [...hidden, group] });
      },
      onToggleTerrain3d: (on) => store.update({ terrain3d: on }),
    });
    search.setLang(s.lang);
    document.documentElement.lang = s.lang;
    document.title = t(s.lang, 'title');
  };
  render();
  store.subscribe((_, changed) => {
    if (changed.has('lang') || changed.has('hidden') || changed.has('terrain3d')) render();
  });
  // the data changed (an import's village boundaries): the legend reads them again
  return { rerender: render };
}
