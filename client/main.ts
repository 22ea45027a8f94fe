/**
 * The covgap map page: loads our own data from the server, builds an offline style (no basemap,
 * no remote tiles, fonts or sprites), and wires the panel, search, popups and URL state.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
// the UI font, only the subsets Vietnamese and English need
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/vietnamese-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/latin-ext-700.css';
import '@fontsource/noto-sans/vietnamese-700.css';
import './styles.css';
import './ui/profile.css';
import { Map as MapLibreMap, NavigationControl, Popup, ScaleControl, setWorkerUrl, type MapGeoJSONFeature } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import viFontUrl from '@fontsource/noto-sans/files/noto-sans-vietnamese-400-normal.woff2?url';
import latinFontUrl from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import { fetchMapData, fetchTerrainTiles } from './api/features';
import { LAYER_GROUPS, LAYER_IDS, SOURCE_IDS, type LayerGroup } from './map/layers';
import { collectionBBox, communeLabelPoints, outsideMask, prepareSites } from './map/prepare';
import { buildSearchIndex } from './map/search';
import { buildStyle } from './map/style';
import { formatViewHash, parseViewHash, type Lang, type ViewState } from './map/urlState';
import { renderPanel } from './ui/controls';
import { t } from './ui/i18n';
import { renderPopup } from './ui/popup';
import { communePopup, sitePopup, villagePopup, type PopupContent } from './ui/popupContent';
import { mountSearchBox } from './ui/searchBox';
import { openProfile } from './ui/profile';
import { signalPopup } from './ui/signal';
import { mountCoverage, type CoverageController } from './ui/signalPanel';
import { mountGaps, type GapsController } from './ui/gapsMount';
import { mountPlan, type PlanController } from './ui/planMode';
import { mountScenarioBar } from './ui/scenarioBar';
import { mountSiting, type SitingController } from './ui/sitingPanel';
import { mountImportForm } from './ui/importForm';
import { reloadLayer } from './map/reloadLayer';
import { whoAmI, type Me } from './api/session';
import { askLogin, keepSignedIn, mountUserBar } from './ui/login';
import { ApiFailure } from './api/http';
import { coveragePoint } from './api/coverage';
import { health, takesImports } from './api/server';
import { refreshTilesAfterSignIn } from './map/tileAuth';

// the worker as a separate module file: required by MapLibre 6 once bundled
setWorkerUrl(workerUrl);

declare global {
  interface Window {
    __covgap?: { map: MapLibreMap; ready: boolean; lang: () => Lang; coverage?: CoverageController; gaps?: GapsController; plan?: PlanController; siting?: SitingController; scenario: string | null; me: Me };
  }
}

/** Unicode ranges of the bundled @fontsource subsets (from its CSS). */
const VIETNAMESE_RANGE = ['U+0102-0103', 'U+0110-0111', 'U+0128-0129', 'U+0168-0169', 'U+01A0-01A1', 'U+01AF-01B0', 'U+0300-0301', 'U+0303-0304', 'U+0308-0309', 'U+0323', 'U+0329', 'U+1EA0-1EF9', 'U+20AB'];
const EXAGGERATION_3D = 1.5;

/** Padding that keeps fitted data clear of the side panel (which floats over the map's left edge). */
function sidePadding(): { top: number; bottom: number; left: number; right: number } {
  const panel = document.getElementById('sidebar');
  const wide = window.innerWidth > 640 && panel !== null;
  return { top: 30, bottom: 30, right: 60, left: wide ? panel.getBoundingClientRect().right + 20 : 30 };
}

async function main(): Promise<void> {
  const panel = document.getElementById('panel')!;
  const status = document.getElementById('status')!;
  const fromUrl = parseViewHash(location.hash);
  const state = {
    lang: fromUrl.lang ?? ('vi' as Lang),
    hidden: new Set<LayerGroup>(fromUrl.hidden ?? []),
    terrain3d: fromUrl.terrain3d ?? false,
    /** The scenario on screen (every read asks for it: api/scenario.ts scoped()), null = baseline. */
    scenario: fromUrl.scenario ?? null,
  };
  document.documentElement.lang = state.lang;

  // who is using the app: the server answers 401 when it wants a login (users and roles, issue 12)
  let me: Me;
  try {
    me = (await whoAmI()) ?? (await askLogin(state.lang));
  } catch (e) {
    status.textContent = t(state.lang, 'loadError', { error: (e as Error).message });
    status.classList.add('error');
    return;
  }
  // a 401 from now on (the session expired or was ended): the login form again, and the app carries on
  keepSignedIn(me, () => state.lang);
  const userBar = mountUserBar(document.getElementById('sidebar')!, me, state.lang);
  status.textContent = t(state.lang, 'loading');

  let data: Awaited<ReturnType<typeof fetchMapData>>;
  let terrain: Awaited<ReturnType<typeof fetchTerrainTiles>>;
  try {
    [data, terrain] = await Promise.all([fetchMapData(), fetchTerrainTiles()]);
  } catch (e) {
    status.textContent = t(state.lang, 'loadError', { error: (e as Error).message });
    status.classList.add('error');
    return;
  }
  const siteById = new Map(data.sites.features.map((f) => [String(f.properties.id), f.properties]));
  const communeName = new Map(data.communes.features.map((f) => [String(f.properties.id), f.properties.name]));

  const absolute = (url: string) => new URL(url, location.href).href;
  const style = buildStyle({
    data: {
      communes: data.communes,
      communeLabels: communeLabelPoints(data.communes),
      villages: data.villages,
      villageBoundaries: data.villageBoundaries,
      sites: prepareSites(data.sites),
      powerLines: data.powerLines,
      outsideMask: outsideMask(data.outline),
    },
    terrain: terrain ?? undefined,
    fontFaces: [{ url: absolute(viFontUrl), unicodeRange: VIETNAMESE_RANGE }, { url: absolute(latinFontUrl) }],
    hidden: [...state.hidden],
    terrain3d: state.terrain3d,
    terrainExaggeration: EXAGGERATION_3D,
  });

  const bbox = collectionBBox(data.communes) ?? [-180, -85, 180, 85];
  const map = new MapLibreMap({
    container: 'map',
    style,
    ...(fromUrl.center && fromUrl.zoom !== undefined
      ? { center: fromUrl.center, zoom: fromUrl.zoom, bearing: fromUrl.bearing ?? 0, pitch: fromUrl.pitch ?? 0 }
      : { bounds: bbox, fitBoundsOptions: { padding: sidePadding() } }),
    hash: false, // we keep our own hash (view + language + layers)
    attributionControl: { compact: true, customAttribution: 'covgap' },
    fadeDuration: 0,
    maxPitch: 75,
  });
  window.__covgap = { map, ready: false, lang: () => state.lang, scenario: state.scenario, me };
  map.addControl(new NavigationControl({ visualizePitch: true }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');

  const writeHash = () => {
    const c = map.getCenter();
    const view: ViewState = {
      center: [c.lng, c.lat],
      zoom: map.getZoom(),
      bearing: map.getBearing(),
      pitch: map.getPitch(),
      lang: state.lang,
      hidden: [...state.hidden],
      terrain3d: state.terrain3d,
      ...(state.scenario ? { scenario: state.scenario } : {}),
    };
    history.replaceState(null, '', formatViewHash(view));
  };
  // another scenario on screen: the whole app reads it again (the URL carries it, so a link restores it)
  const showScenario = (id: string) => {
    state.scenario = id === 'baseline' ? null : id;
    writeHash();
    location.reload();
  };
  const scenarioBar = mountScenarioBar(document.body, { lang: state.lang, scenario: state.scenario, show: showScenario });
  map.on('moveend', writeHash);

  // popups: sites over villages over communes; a few pixels of slack around small circles
  let popup: Popup | null = null;
  let lastClick: { lngLat: [number, number]; feature: MapGeoJSONFeature } | null = null;
  const contentFor = (f: MapGeoJSONFeature): PopupContent => {
    const p = f.properties as Record<string, unknown>;
    if (f.layer.id === LAYER_IDS.sites) {
      const full = siteById.get(String(p.id));
      return sitePopup({ ...(p as object), ...(full ?? {}) } as never, state.lang);
    }
    if (f.layer.id === LAYER_IDS.villages) return villagePopup(p as never, communeName.get(String(p.communeId)), state.lang);
    return communePopup(p as never, state.lang);
  };
  const showPopup = () => {
    popup?.remove();
    if (!lastClick) return;
    const isVillage = lastClick.feature.layer.id === LAYER_IDS.villages;
    const clickedId = String((lastClick.feature.properties as Record<string, unknown>).id);
    const gapContent = isVillage ? (gaps?.panel(clickedId, state.lang) ?? null) : null;
    if (isVillage) gaps?.highlight(clickedId);
    const content = gapContent ?? renderPopup(contentFor(lastClick.feature));
    if (isVillage && coverage) {
      // why has this village no signal? the terrain profile to its best (or nearest) site
      const villageId = clickedId;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'profile-open';
      button.textContent = t(state.lang, 'profile.open');
      button.addEventListener('click', () => {
        popup?.remove(); // the profile panel takes its place
        void openProfile(villageId, state.lang);
      });
      content.append(button);
    }
    popup = new Popup({ maxWidth: '320px' }).setLngLat(lastClick.lngLat).setDOMContent(content).addTo(map);
  };
  // click on open ground: the predicted signal there
  let coverage: CoverageController | null = null;
  let gaps: GapsController | null = null;
  const showSignal = async (lngLat: [number, number]) => {
    popup?.remove();
    lastClick = null;
    const at = popup = new Popup({ maxWidth: '340px' }).setLngLat(lngLat).setText('…').addTo(map);
    try {
      const answer = await coveragePoint(lngLat[0], lngLat[1]);
      if (popup === at) at.setDOMContent(renderPopup(signalPopup(answer, state.lang)));
    } catch (e) {
      if (popup !== at) return;
      if (e instanceof ApiFailure && e.status === 503) at.setText(t(state.lang, 'signal.computing', { percent: e.progress?.percent ?? 0 }));
      else at.setText(t(state.lang, 'signal.error', { error: e instanceof ApiFailure ? e.detail : (e as Error).message }));
    }
  };
  const clickable = [LAYER_IDS.sites, LAYER_IDS.villages, LAYER_IDS.communesFill];
  const hit = (x: number, y: number, slackPx: number) => {
    const found = map.queryRenderedFeatures(
      [
        [x - slackPx, y - slackPx],
        [x + slackPx, y + slackPx],
      ],
      { layers: clickable.filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none') },
    );
    return clickable.map((id) => found.find((f) => f.layer.id === id)).find(Boolean) ?? null;
  };
  let plan: PlanController | null = null;
  let siting: SitingController | null = null;
  let imports: ReturnType<typeof mountImportForm> | null = null;
  // after an import: the layer's new version on the map, the lookups and the analysis read again (no reload)
  const reloadData = async (layer: string) => {
    await reloadLayer(map, data, layer);
    siteById.clear();
    for (const f of data.sites.features) siteById.set(String(f.properties.id), f.properties);
    communeName.clear();
    for (const f of data.communes.features) communeName.set(String(f.properties.id), f.properties.name);
    rerender();
    coverage?.refresh();
    void gaps?.refresh({ villages: data.villages, communes: data.communes });
  };
  map.on('click', (e) => {
    const f = hit(e.point.x, e.point.y, 4);
    // plan mode: a click places a station, or offers the actions on a site
    if (plan?.active()) {
      popup?.remove();
      const site = f && f.layer.id === LAYER_IDS.sites ? { id: String((f.properties as Record<string, unknown>).id), properties: { ...(f.properties as object), ...(siteById.get(String((f.properties as Record<string, unknown>).id)) ?? {}) } as Record<string, unknown> } : null;
      plan.click(site ? ((f!.geometry as unknown as { coordinates: [number, number] }).coordinates) : [e.lngLat.lng, e.lngLat.lat], site);
      return;
    }
    // nothing under the cursor (or only a commune while the coverage layer is on): the signal there
    if (coverage && (!f || (f.layer.id === LAYER_IDS.communesFill && coverage.visible()))) {
      void showSignal([e.lngLat.lng, e.lngLat.lat]);
      return;
    }
    if (!f) return;
    const g = f.geometry;
    lastClick = { lngLat: g.type === 'Point' ? (g.coordinates as [number, number]) : [e.lngLat.lng, e.lngLat.lat], feature: f };
    showPopup();
  });
  map.on('mousemove', (e) => {
    const f = hit(e.point.x, e.point.y, 4);
    const over = f && f.layer.id !== LAYER_IDS.communesFill ? 'pointer' : '';
    map.getCanvas().style.cursor = plan?.active() && over === '' ? 'crosshair' : over;
  });

  const setTerrain3d = (on: boolean) => {
    state.terrain3d = on;
    map.setTerrain(on && terrain ? { source: SOURCE_IDS.terrainDem, exaggeration: EXAGGERATION_3D } : null);
    if (on && map.getPitch() < 30) map.easeTo({ pitch: 55 });
    else writeHash();
  };
  const search = mountSearchBox(document.getElementById('search-box')!, buildSearchIndex(data.communes, data.villages), state.lang, (entry) => {
    if (entry.kind === 'commune' && entry.bbox) map.fitBounds(entry.bbox, { padding: sidePadding(), maxZoom: 12.5 });
    else map.flyTo({ center: entry.center, zoom: Math.max(map.getZoom(), 13) });
  });
  const boundaries = () => (data.villageBoundaries.features.length === 0 ? 'none' : data.villageBoundaries.features.some((f) => f.properties.boundarySynthetic === true) ? 'synthetic' : 'real') as 'none' | 'real' | 'synthetic';
  const rerender = () => {
    renderPanel(panel, { lang: state.lang, hidden: state.hidden, terrain3d: state.terrain3d, hasTerrain: terrain !== null, boundaries: boundaries() }, handlers);
    search.setLang(state.lang);
    document.documentElement.lang = state.lang;
    document.title = t(state.lang, 'title');
  };
  const handlers = {
    onLang(lang: Lang) {
      state.lang = lang;
      rerender();
      coverage?.setLang(lang);
      gaps?.setLang(lang);
      plan?.setLang(lang);
      siting?.setLang(lang);
      imports?.setLang(lang);
      scenarioBar.setLang(lang);
      userBar.setLang(lang);
      if (popup?.isOpen()) showPopup();
      writeHash();
    },
    onToggleGroup(group: LayerGroup, visible: boolean) {
      if (visible) state.hidden.delete(group);
      else state.hidden.add(group);
      for (const id of LAYER_GROUPS[group]) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
      writeHash();
    },
    onToggleTerrain3d: setTerrain3d,
  };
  rerender();

  map.once('load', () => {
    status.textContent = '';
    // the coverage section, when the server computes coverage (its health says so)
    void health()
      .then((h) => {
        if (!h.coverage) return;
        const section = document.createElement('section');
        section.id = 'coverage-panel';
        panel.before(section); // above the long legend: the computing line and the switch stay in view
        const operators = [...new Set(data.sites.features.map((f) => String(f.properties.operator)))].sort();
        coverage = mountCoverage(map, section, state.lang, operators, bbox as [number, number, number, number]);
        window.__covgap!.coverage = coverage;
        // the gap analysis: KPI header, gap table, villages by status, commune choropleth
        gaps = mountGaps(map, { lang: state.lang, villages: data.villages, communes: data.communes, operators, downloads: me.may.download, openVillage: (id, lngLat) => {
          const feature = { layer: { id: LAYER_IDS.villages }, properties: { id }, geometry: { type: 'Point', coordinates: lngLat } } as unknown as MapGeoJSONFeature;
          lastClick = { lngLat, feature };
          showPopup();
        } });
        window.__covgap!.gaps = gaps;
        // the site editor: needs the coverage (its previews), and a role that may write scenarios
        if (!me.may.plan) return;
        const planSection = document.createElement('section');
        planSection.id = 'plan-panel';
        section.after(planSection);
        plan = mountPlan(map, planSection, { lang: state.lang, operators, scenario: state.scenario, show: showScenario });
        window.__covgap!.plan = plan;
        // the siting optimiser's panel: plans on the network on screen, saved as a scenario
        const sitingSection = document.createElement('section');
        sitingSection.id = 'siting-panel';
        planSection.after(sitingSection);
        const villageAt = new Map(data.villages.features.map((f) => [String(f.properties.id), f.geometry.coordinates as [number, number]]));
        siting = mountSiting(map, sitingSection, { lang: state.lang, operators, scenario: state.scenario, villageAt: (id) => villageAt.get(id) ?? null, show: showScenario, placed: () => plan?.stations() ?? [] });
        window.__covgap!.siting = siting;
      })
      .catch(() => {});
    // the upload form, when the server takes imports and the caller may import
    if (me.may.imports) void takesImports()
      .then((yes) => {
        if (!yes) return;
        const section = document.createElement('section');
        section.id = 'import-panel';
        panel.after(section);
        imports = mountImportForm(section, { lang: state.lang, onApplied: reloadData });
      })
      .catch(() => {});
    writeHash();
    map.once('idle', () => {
      window.__covgap!.ready = true;
      document.body.dataset.ready = 'true';
    });
  });
  // tiles refused with 401 (the session ended): the login form, then those sources' tiles again
  refreshTilesAfterSignIn(map);
}

void main();
