/**
 * The view kept in the URL hash so that a shared link restores it:
 * `#map=zoom/lat/lng/bearing/pitch&lang=en&hide=villages,powerLines&3d=1&scenario=ID`.
 * Parsing is lenient (a hand-edited or truncated link falls back to defaults per field, never throws).
 */
import { LAYER_GROUP_NAMES, type LayerGroup } from './layers';

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export interface ViewState {
  center: [number, number]; // [lng, lat]
  zoom: number;
  bearing: number; // degrees
  pitch: number; // degrees
  lang: Lang;
  hidden: LayerGroup[];
  terrain3d: boolean;
  /** The scenario on screen; absent = the baseline. */
  scenario?: string;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits)).toString();

/**
 * Writes a view into a hash string.
 *
 * @example
 * formatViewHash({ center: [106.25, 22.66], zoom: 9, bearing: 0, pitch: 0, lang: 'vi', hidden: [], terrain3d: false })
 * // '#map=9.00/22.66000/106.25000/0/0&lang=vi'
 */
export function formatViewHash(view: ViewState): string {
  const map = [view.zoom.toFixed(2), view.center[1].toFixed(5), view.center[0].toFixed(5), round(view.bearing, 1), round(view.pitch, 1)].join('/');
  let hash = `#map=${map}&lang=${view.lang}`;
  if (view.hidden.length) hash += `&hide=${view.hidden.join(',')}`;
  if (view.terrain3d) hash += '&3d=1';
  if (view.scenario) hash += `&scenario=${encodeURIComponent(view.scenario)}`;
  return hash;
}

/**
 * Reads what a hash holds; fields that are missing or invalid are left out, so callers merge the
 * result over their defaults.
 *
 * @example
 * parseViewHash('#map=9.00/22.66/106.25/0/0&lang=en') // { zoom: 9, center: [106.25, 22.66], bearing: 0, pitch: 0, lang: 'en' }
 */
export function parseViewHash(hash: string): Partial<ViewState> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const out: Partial<ViewState> = {};
  const map = params.get('map');
  if (map) {
    const [zoom, lat, lng, bearing, pitch] = map.split('/').map(Number);
    if (Number.isFinite(zoom) && zoom >= 0 && zoom <= 24 && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
      out.zoom = zoom;
      out.center = [lng, lat];
      if (Number.isFinite(bearing)) out.bearing = bearing;
      if (Number.isFinite(pitch) && pitch >= 0 && pitch <= 85) out.pitch = pitch;
    }
  }
  const lang = params.get('lang');
  if (lang && (LANGS as readonly string[]).includes(lang)) out.lang = lang as Lang;
  const hide = params.get('hide');
  if (hide !== null) {
    out.hidden = hide.split(',').filter((g): g is LayerGroup => (LAYER_GROUP_NAMES as string[]).includes(g));
  }
  if (params.has('3d')) out.terrain3d = params.get('3d') === '1';
  const scenario = params.get('scenario');
  if (scenario && scenario !== 'baseline' && /^[\w.-]{1,64}$/.test(scenario)) out.scenario = scenario;
  return out;
}
