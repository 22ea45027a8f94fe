/**
 * The map page's one state: language, scenario on screen, layers shown, selection, user and view.
 * A plain store: `get()` the current state, `update(patch)` to change it, `subscribe(listener)` to
 * hear of every change with the names of the fields that changed. Created in main.ts and passed to
 * whatever reads or changes it (no module-level instance).
 */
import type { Me } from '../api/session';
import type { LayerGroup } from '../map/layers';
import type { Lang } from '../map/urlState';

/** What the map shows of its view: centre [lng, lat], zoom, bearing and pitch (degrees). */
export interface MapView {
  center: [number, number];
  zoom: number;
  bearingDeg: number;
  pitchDeg: number;
}

export interface AppState {
  lang: Lang;
  /** The scenario on screen; null = the baseline. */
  scenario: string | null;
  /** Layer groups switched off in the layer switcher. */
  hidden: readonly LayerGroup[];
  terrain3d: boolean;
  /** The coverage raster switched on (the coverage section's checkbox). */
  coverageShown: boolean;
  /** The village whose panel is open (clicked on the map or in the gap table), or null. */
  selectedVillage: string | null;
  /** Who is signed in; null until known. */
  user: Me | null;
  /** The map's view, once the map has one. */
  view: MapView | null;
}

export type StateField = keyof AppState;
/** Called after each update that changed something, with the fields that changed. */
export type Listener = (state: Readonly<AppState>, changed: ReadonlySet<StateField>, previous: Readonly<AppState>) => void;

export interface Store {
  get(): Readonly<AppState>;
  /** Sets the fields of `patch`; listeners hear of it when at least one of them changed value. */
  update(patch: Partial<AppState>): void;
  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: Listener): () => void;
}

/** The state of a page opened without a hash: Vietnamese, the baseline, every layer on. */
export const DEFAULT_STATE: Readonly<AppState> = Object.freeze({
  lang: 'vi', // the users' language; English by the switch or `#lang=en`
  scenario: null, // the baseline network
  hidden: [], // every layer group shown
  terrain3d: false, // flat map
  coverageShown: false, // the raster is opt-in: the relief and the villages read better without it
  selectedVillage: null,
  user: null,
  view: null, // the map fits the province
});

/** Field equality: arrays and views by value, the rest by identity. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

/**
 * Makes a store holding `initial` (merged over DEFAULT_STATE).
 *
 * @example
 * const store = createStore({ lang: 'en' });
 * store.subscribe((s, changed) => { if (changed.has('lang')) relabel(s.lang); });
 * store.update({ lang: 'vi' }); // relabel('vi')
 */
export function createStore(initial: Partial<AppState> = {}): Store {
  let state: Readonly<AppState> = Object.freeze({ ...DEFAULT_STATE, ...initial });
  const listeners = new Set<Listener>();
  return {
    get: () => state,
    update(patch) {
      const changed = new Set<StateField>();
      for (const key of Object.keys(patch) as StateField[]) if (!same(state[key], patch[key])) changed.add(key);
      if (changed.size === 0) return;
      const previous = state;
      state = Object.freeze({ ...state, ...patch });
      // a listener that updates the store again is heard by all listeners after this round
      for (const listener of [...listeners]) listener(state, changed, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
