/**
 * The map's click router and its popups: in plan mode a click goes to the plan; on a site, a
 * village or a commune it opens that feature's popup (a gap village's panel, with the terrain
 * profile button); on open ground, the predicted signal there. The popup open follows the store:
 * relabelled when the language changes, closed when another scenario comes on screen.
 */
import { Popup, type Map as MapLibreMap, type MapGeoJSONFeature } from 'maplibre-gl';
import { coveragePoint } from '../api/coverage';
import { ApiFailure } from '../api/http';
import { LAYER_IDS } from '../map/layers';
import type { Store } from '../state/store';
import { t } from '../ui/i18n';
import { renderPopup } from '../ui/popup';
import { communePopup, sitePopup, villagePopup, type PopupContent } from '../ui/popupContent';
import { openProfile } from '../ui/profile';
import { signalPopup } from '../ui/signal';
import type { PageData } from './lookups';
import type { Panels } from './panels';

const CLICKABLE = [LAYER_IDS.sites, LAYER_IDS.villages, LAYER_IDS.communesFill];
/** Slack around the cursor, px: small circles are hard to hit exactly. */
const SLACK_PX = 4;

/**
 * @example
 * const clicks = mountClicks(map, store, page, panels);
 * clicks.openVillage('V-0012', [106.1, 22.7]);
 */
export function mountClicks(map: MapLibreMap, store: Store, page: PageData, panels: Panels): { openVillage(id: string, lngLat: [number, number]): void } {
  let popup: Popup | null = null;
  let lastClick: { lngLat: [number, number]; feature: MapGeoJSONFeature } | null = null;
  const lang = () => store.get().lang;

  const contentFor = (f: MapGeoJSONFeature): PopupContent => {
    const p = f.properties as Record<string, unknown>;
    if (f.layer.id === LAYER_IDS.sites) return sitePopup({ ...(p as object), ...(page.site(String(p.id)) ?? {}) } as never, lang());
    if (f.layer.id === LAYER_IDS.villages) return villagePopup(p as never, page.communeName(String(p.communeId)), lang());
    return communePopup(p as never, lang());
  };
  const showPopup = () => {
    popup?.remove();
    if (!lastClick) return;
    const isVillage = lastClick.feature.layer.id === LAYER_IDS.villages;
    const villageId = String((lastClick.feature.properties as Record<string, unknown>).id);
    // the village selected: the gap table highlights its row (ui/gapsMount.ts follows the store)
    if (isVillage) store.update({ selectedVillage: villageId });
    const gapContent = isVillage ? (panels.gaps?.panel(villageId, lang()) ?? null) : null;
    const content = gapContent ?? renderPopup(contentFor(lastClick.feature));
    if (isVillage && panels.coverage) {
      // why has this village no signal? the terrain profile to its best (or nearest) site
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'profile-open';
      button.textContent = t(lang(), 'profile.open');
      button.addEventListener('click', () => {
        popup?.remove(); // the profile panel takes its place
        void openProfile(villageId, lang());
      });
      content.append(button);
    }
    popup = new Popup({ maxWidth: '320px' }).setLngLat(lastClick.lngLat).setDOMContent(content).addTo(map);
    popup.on('close', () => store.update({ selectedVillage: null }));
  };
  const showSignal = async (lngLat: [number, number]) => {
    popup?.remove();
    lastClick = null;
    const at = (popup = new Popup({ maxWidth: '340px' }).setLngLat(lngLat).setText('…').addTo(map));
    try {
      const answer = await coveragePoint(lngLat[0], lngLat[1], store.get().scenario);
      if (popup === at) at.setDOMContent(renderPopup(signalPopup(answer, lang())));
    } catch (e) {
      if (popup !== at) return;
      if (e instanceof ApiFailure && e.status === 503) at.setText(t(lang(), 'signal.computing', { percent: e.progress?.percent ?? 0 }));
      else at.setText(t(lang(), 'signal.error', { error: e instanceof ApiFailure ? e.detail : (e as Error).message }));
    }
  };
  const hit = (x: number, y: number) => {
    const found = map.queryRenderedFeatures([[x - SLACK_PX, y - SLACK_PX], [x + SLACK_PX, y + SLACK_PX]], { layers: CLICKABLE.filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none') });
    return CLICKABLE.map((id) => found.find((f) => f.layer.id === id)).find(Boolean) ?? null;
  };

  map.on('click', (e) => {
    const f = hit(e.point.x, e.point.y);
    // plan mode: a click places a station, or offers the actions on a site
    if (panels.plan?.active()) {
      popup?.remove();
      const id = f && f.layer.id === LAYER_IDS.sites ? String((f.properties as Record<string, unknown>).id) : null;
      const site = id ? { id, properties: { ...(f!.properties as object), ...(page.site(id) ?? {}) } as Record<string, unknown> } : null;
      panels.plan.click(site ? ((f!.geometry as unknown as { coordinates: [number, number] }).coordinates) : [e.lngLat.lng, e.lngLat.lat], site);
      return;
    }
    // nothing under the cursor (or only a commune while the coverage layer is on): the signal there
    if (panels.coverage && (!f || (f.layer.id === LAYER_IDS.communesFill && panels.coverage.visible()))) {
      void showSignal([e.lngLat.lng, e.lngLat.lat]);
      return;
    }
    if (!f) return;
    const g = f.geometry;
    lastClick = { lngLat: g.type === 'Point' ? (g.coordinates as [number, number]) : [e.lngLat.lng, e.lngLat.lat], feature: f };
    showPopup();
  });
  map.on('mousemove', (e) => {
    const f = hit(e.point.x, e.point.y);
    const over = f && f.layer.id !== LAYER_IDS.communesFill ? 'pointer' : '';
    map.getCanvas().style.cursor = panels.plan?.active() && over === '' ? 'crosshair' : over;
  });
  store.subscribe((_, changed) => {
    if (changed.has('scenario')) {
      popup?.remove();
      lastClick = null;
    } else if (changed.has('lang') && popup?.isOpen() && lastClick) showPopup();
  });

  return {
    openVillage(id, lngLat) {
      const feature = { layer: { id: LAYER_IDS.villages }, properties: { id }, geometry: { type: 'Point', coordinates: lngLat } } as unknown as MapGeoJSONFeature;
      lastClick = { lngLat, feature };
      showPopup();
    },
  };
}
