/**
 * Mounts the gap analysis on the map page: the KPI header, the gap table (linked to the map both
 * ways), villages coloured by status and the commune choropleth of the share of villages with
 * signal, with their legend.
 */
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { CHOROPLETH_LAYER, CHOROPLETH_SOURCE, GAP_STATUS_COLORS, SHARE_DOMAIN, choroplethLayer, shareColor, villageStatusById, villageStatusColor } from '../map/gapStyle';
import { LAYER_IDS, SOURCE_IDS } from '../map/layers';
import type { Lang } from '../map/urlState';
import type { Store } from '../state/store';
import { el } from './dom';
import { gapPopup } from './gapPopup';
import { mountGapTable, type GapRow } from './gapTable';
import { gt } from './gapText';
import { COVERAGE_LAYER_ID } from '../map/coverage';

export interface GapsMountOptions {
  /** The page's state: the language and the scenario on screen (another one reads the analysis again). */
  store: Store;
  villages: FeatureCollection;
  communes: FeatureCollection;
  operators: string[];
  /** Offer the download links (the caller's role may download); default true. */
  downloads?: boolean;
  /** Open the village's panel at its point (the page's popup, with the profile button). */
  openVillage(id: string, lngLat: [number, number]): void;
}

/**
 * @example
 * const gaps = mountGaps(map, { store, villages, communes, operators, openVillage });
 */
export function mountGaps(map: MapLibreMap, o: GapsMountOptions) {
  let lang = o.store.get().lang;
  let villagesFc = o.villages;
  let communesFc = o.communes;
  let all = new Map<string, GapRow>();
  const kpi = el('div', { id: 'gap-kpi', role: 'status' });
  const tableRoot = el('section', { id: 'gaps' });
  const legend = el('section', { id: 'gap-legend' });
  document.body.append(kpi, tableRoot, legend);

  const renderLegend = () => {
    if (all.size === 0) return;
    const item = (c: string, text: string) => el('li', {}, el('span', { class: 'swatch swatch-circle', style: `--c:${c}` }), text);
    legend.replaceChildren(
      el('h3', {}, gt(lang, 'legend.status')),
      el('ul', {}, item(GAP_STATUS_COLORS.signal, gt(lang, 'legend.signal')), item(GAP_STATUS_COLORS.noSignal, gt(lang, 'legend.noSignal')), item(GAP_STATUS_COLORS.noPower, gt(lang, 'legend.noPowerGap'))),
      el('h3', {}, gt(lang, 'legend.share')),
      el('div', { class: 'share-ramp', style: `background:linear-gradient(to right, ${shareColor(SHARE_DOMAIN[0])}, ${shareColor(SHARE_DOMAIN[1])}, ${shareColor(1)})` }),
      el('div', { class: 'share-ticks' }, ...SHARE_DOMAIN.map((d) => el('span', {}, `${Math.round(d * 100)} %`))),
    );
  };

  const table = mountGapTable(kpi, tableRoot, {
    downloads: o.downloads !== false,
    lang,
    scenario: () => o.store.get().scenario,
    communes: o.communes.features.map((f) => ({ id: String(f.properties?.id), name: String(f.properties?.name) })),
    operators: o.operators,
    onSelect(g) {
      map.flyTo({ center: [g.lon, g.lat], zoom: Math.max(map.getZoom(), 13), duration: 800 });
      map.once('moveend', () => o.openVillage(g.id, [g.lon, g.lat]));
    },
    onReady(rows, stats) {
      all = new Map(rows.map((r) => [r.id, r]));
      // villages by status
      const villages = villagesFc.features.map((f) => ({ id: String(f.properties?.id), electrified: f.properties?.electrified === true }));
      const status = villageStatusById(villages, new Set(all.keys()));
      const src = map.getSource(SOURCE_IDS.villages) as GeoJSONSource | undefined;
      src?.setData({ ...villagesFc, features: villagesFc.features.map((f) => ({ ...f, properties: { ...f.properties, gapStatus: status.get(String(f.properties?.id)) } })) });
      if (map.getLayer(LAYER_IDS.villages)) {
        map.setPaintProperty(LAYER_IDS.villages, 'circle-color', villageStatusColor());
      }
      // the commune choropleth, under the commune lines
      const share = new Map(stats.communes.map((c) => [c.id, c.villages > 0 ? c.shareWithSignal : null]));
      const data = { ...communesFc, features: communesFc.features.map((f) => ({ ...f, properties: { ...f.properties, fillColor: shareColor(share.get(String(f.properties?.id)) ?? null) } })) };
      const choropleth = map.getSource(CHOROPLETH_SOURCE) as GeoJSONSource | undefined;
      if (!choropleth) map.addSource(CHOROPLETH_SOURCE, { type: 'geojson', data });
      else choropleth.setData(data);
      // under the coverage raster when it is there (the signal shows through), else under the commune lines
      const before = [COVERAGE_LAYER_ID, LAYER_IDS.communesLine].find((id) => map.getLayer(id));
      if (!map.getLayer(CHOROPLETH_LAYER)) map.addLayer(choroplethLayer(true), before);
      document.body.classList.add('gaps-ready'); // villages are now coloured by status: hide the by-power legend rows
      renderLegend();
    },
  });

  // the language relabels in place; another scenario on screen: its analysis read again (the villages
  // keep their status colours until the new ones come)
  o.store.subscribe((s, changed) => {
    if (changed.has('lang')) {
      lang = s.lang;
      table.setLang(lang);
      renderLegend();
    }
    if (changed.has('scenario')) void table.refresh();
    // a village selected on the map: its row, when it has one
    if (changed.has('selectedVillage')) table.highlight(s.selectedVillage);
  });

  return {
    /** The gap panel of a village without signal, or null when it has signal (or is unknown). */
    panel(id: string, l: Lang): HTMLElement | null {
      const g = all.get(id);
      return g ? gapPopup(g, l) : null;
    },
    /** Ids of the gaps (any technology), in priority order. */
    ids: () => [...all.keys()],
    /** New villages or communes (an import): the analysis is read again once the server has computed it. */
    refresh(data: { villages?: FeatureCollection; communes?: FeatureCollection } = {}) {
      if (data.villages) villagesFc = data.villages;
      if (data.communes) communesFc = data.communes;
      return table.refresh();
    },
    /** The village rule in use ('point' or 'area'). */
    rule: () => table.rule(),
  };
}
export type GapsController = ReturnType<typeof mountGaps>;
