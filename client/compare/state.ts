/**
 * The comparison's state in the URL hash, so that a link restores it:
 * `#a=baseline&b=ID&mode=side|swipe&map=zoom/lat/lng&lang=vi`. Lenient: a bad field falls back
 * to its default, never throws.
 */
import { LANGS, type Lang } from '../map/urlState';

export interface CompareState {
  a: string;
  b: string;
  mode: 'side' | 'swipe';
  lang: Lang;
  view?: { zoom: number; center: [number, number] };
}

const ID = /^[\w.-]{1,64}$/;

/**
 * @example
 * parseCompareHash('#a=baseline&b=s1&mode=swipe') // { a: 'baseline', b: 's1', mode: 'swipe', lang: 'vi' }
 */
export function parseCompareHash(hash: string): CompareState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const id = (k: string) => {
    const v = p.get(k);
    return v && ID.test(v) ? v : 'baseline';
  };
  const lang = p.get('lang');
  const out: CompareState = { a: id('a'), b: id('b'), mode: p.get('mode') === 'swipe' ? 'swipe' : 'side', lang: lang && (LANGS as readonly string[]).includes(lang) ? (lang as Lang) : 'vi' };
  const [zoom, lat, lng] = (p.get('map') ?? '').split('/').map(Number);
  if (Number.isFinite(zoom) && zoom >= 0 && zoom <= 24 && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) out.view = { zoom, center: [lng, lat] };
  return out;
}

/** The hash of a state. */
export function formatCompareHash(s: CompareState): string {
  const p = new URLSearchParams({ a: s.a, b: s.b, mode: s.mode, lang: s.lang });
  let h = `#${p.toString()}`;
  if (s.view) h += `&map=${s.view.zoom.toFixed(2)}/${s.view.center[1].toFixed(5)}/${s.view.center[0].toFixed(5)}`;
  return h;
}
