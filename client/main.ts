/**
 * The covgap map page, composed: the store (state/store.ts, from the URL hash and back), who is
 * signed in, the data, the map (app/mapView.ts), the side panel, the scenario bar, the click router
 * and the analysis panels, each following the store. Showing a scenario or switching the language
 * is a store update: every part swaps its data in place, the map and its view stay.
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
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { fetchMapData, fetchTerrainTiles } from './api/features';
import { whoAmI } from './api/session';
import { mountClicks } from './app/clicks';
import { pageData } from './app/lookups';
import { createMapView } from './app/mapView';
import { mountAnalysis, refreshAnalysis, type Panels } from './app/panels';
import { followScenario } from './app/scenarioData';
import { mountSidePanel } from './app/sidePanel';
import { exposeForTests } from './app/testHook';
import { reloadLayer } from './map/reloadLayer';
import { refreshTilesAfterSignIn } from './map/tileAuth';
import { createStore } from './state/store';
import { bindHash, stateFromHash } from './state/urlSync';
import { t } from './ui/i18n';
import { askLogin, keepSignedIn, mountUserBar } from './ui/login';
import { mountScenarioBar } from './ui/scenarioBar';
import { mountDemoBadge } from './ui/demoBadge';

// the worker as a separate module file: required by MapLibre 6 once bundled
setWorkerUrl(workerUrl);

async function main(): Promise<void> {
  const store = createStore(stateFromHash(location.hash));
  const status = document.getElementById('status')!;
  const fail = (e: unknown) => {
    status.textContent = t(store.get().lang, 'loadError', { error: (e as Error).message });
    status.classList.add('error');
  };
  document.documentElement.lang = store.get().lang;
  try {
    // who is using the app: the server answers 401 when it wants a login (users and roles, issue 12)
    store.update({ user: (await whoAmI()) ?? (await askLogin(store.get().lang)) });
  } catch (e) {
    return fail(e);
  }
  // a 401 from now on (the session expired or was ended): the login form again, and the app carries on
  keepSignedIn(store.get().user, () => store.get().lang);
  mountUserBar(document.getElementById('sidebar')!, store);
  status.textContent = t(store.get().lang, 'loading');
  const loaded = await Promise.all([fetchMapData(), fetchTerrainTiles()]).catch((e: unknown) => fail(e));
  if (!loaded) return;
  const [data, terrain] = loaded;
  const page = pageData(data);

  const { map, bbox } = createMapView(store, data, terrain);
  bindHash(store);
  const panels: Panels = {};
  const hook = exposeForTests(map, store, panels);
  mountScenarioBar(document.body, store);
  mountDemoBadge(document.body, store, data.sites.features.some((f) => f.properties.synthetic === true));
  followScenario(map, store, page);
  const clicks = mountClicks(map, store, page, panels);
  const panel = document.getElementById('panel')!;
  const side = mountSidePanel(panel, map, store, page, terrain !== null);
  // after an import: the layer's new version on the map, the lookups and the analysis read again (no reload)
  const afterImport = async (layer: string) => {
    await reloadLayer(map, data, layer);
    page.rebuild();
    side.rerender();
    refreshAnalysis(panels, data);
  };
  map.once('load', () => {
    status.textContent = '';
    void mountAnalysis(panels, { map, store, page, bbox, panel, openVillage: clicks.openVillage, reloadLayer: afterImport });
    map.once('idle', () => {
      hook.ready = true;
      document.body.dataset.ready = 'true';
    });
  });
  // tiles refused with 401 (the session ended): the login form, then those sources' tiles again
  refreshTilesAfterSignIn(map);
}

void main();
