/**
 * The store and the URL hash (map/urlState.ts): the page starts from what its hash says, and every
 * change of the state is written back into it, so a shared link restores language, scenario,
 * layers and view.
 */
import { formatViewHash, parseViewHash } from '../map/urlState';
import type { AppState, Store } from './store';

/**
 * The part of the state a hash holds (fields missing or invalid in it are left out).
 *
 * @example
 * stateFromHash('#map=9/22.6/106.2/0/0&lang=en&scenario=a1') // { lang: 'en', scenario: 'a1', view: { center: [106.2, 22.6], zoom: 9, … } }
 */
export function stateFromHash(hash: string): Partial<AppState> {
  const h = parseViewHash(hash);
  const out: Partial<AppState> = {};
  if (h.lang) out.lang = h.lang;
  if (h.hidden) out.hidden = h.hidden;
  if (h.terrain3d !== undefined) out.terrain3d = h.terrain3d;
  if (h.scenario) out.scenario = h.scenario;
  if (h.center && h.zoom !== undefined) out.view = { center: h.center, zoom: h.zoom, bearingDeg: h.bearing ?? 0, pitchDeg: h.pitch ?? 0 };
  return out;
}

/**
 * The hash of a state, or null while the map has no view yet.
 *
 * @example
 * hashOfState(store.get()) // '#map=9.00/22.60000/106.20000/0/0&lang=en'
 */
export function hashOfState(s: Readonly<AppState>): string | null {
  if (!s.view) return null;
  return formatViewHash({
    center: s.view.center, zoom: s.view.zoom, bearing: s.view.bearingDeg, pitch: s.view.pitchDeg,
    lang: s.lang, hidden: [...s.hidden], terrain3d: s.terrain3d, ...(s.scenario ? { scenario: s.scenario } : {}),
  });
}

/**
 * From now on the URL's hash follows the store (replaceState: no history entry, no navigation).
 *
 * @example
 * const store = createStore(stateFromHash(location.hash));
 * bindHash(store);
 */
export function bindHash(store: Store, write: (hash: string) => void = (hash) => history.replaceState(null, '', hash)): () => void {
  const sync = (s: Readonly<AppState>) => {
    const hash = hashOfState(s);
    if (hash !== null) write(hash);
  };
  sync(store.get());
  return store.subscribe(sync);
}
