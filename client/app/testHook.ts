/**
 * `window.__covgap`: what the browser tests (tests/e2e) reach — the map, the store, the panels as
 * they are mounted, the scenario and user on screen, and whether the first render is done.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Me } from '../api/session';
import type { Lang } from '../map/urlState';
import type { Store } from '../state/store';
import type { Panels } from './panels';

export type TestHook = Panels & { map: MapLibreMap; store: Store; ready: boolean; lang(): Lang; readonly scenario: string | null; readonly me: Me | null };

declare global {
  interface Window {
    __covgap?: TestHook;
  }
}

/**
 * Sets `window.__covgap` (its panels and state read live, through getters).
 *
 * @example
 * exposeForTests(map, store, panels).ready = true;
 */
export function exposeForTests(map: MapLibreMap, store: Store, panels: Panels): TestHook {
  const hook: TestHook = {
    map, store, ready: false,
    lang: () => store.get().lang,
    get scenario() { return store.get().scenario; },
    get me() { return store.get().user; },
    get coverage() { return panels.coverage; },
    get gaps() { return panels.gaps; },
    get plan() { return panels.plan; },
    get siting() { return panels.siting; },
  };
  window.__covgap = hook;
  return hook;
}
