/** The panel of one village without signal: reason, nearest sites, power, score and its parts. */
import type { Lang } from '../map/urlState';
import { el } from './dom';
import { gt, type GapTextKey } from './gapText';
import type { GapRow } from './gapTable';
import { compassPoint, formatNumber } from '../../core/text/format';


/**
 * @example
 * popup.setDOMContent(gapPopup(row, 'vi'));
 */
export function gapPopup(g: GapRow, lang: Lang): HTMLElement {
  const km = (m: number) => formatNumber(lang, m / 1000, 1, true);
  const num = (x: number, digits = 0) => formatNumber(lang, x, digits, digits > 0);
  const sites = el('ol', { class: 'gap-sites' }, ...g.nearestSites.map((s) =>
    el('li', {}, `${s.name} (${s.operator}) — ${km(s.distanceM)} km ${compassPoint(lang, s.bearingDeg)}` + (s.levelDbm !== null ? `, ${s.tech ?? ''} ${num(s.levelDbm, 1).replace('-', '−')} dBm` : ''))));
  const parts = Object.entries(g.scoreParts).map(([k, v]) => `${gt(lang, `part.${k}` as GapTextKey) ?? k} ${num(v, 1)}`).join(' + ');
  const power = g.electrified ? gt(lang, 'panel.yes') : gt(lang, 'panel.no') + (g.nearestPowerLineM !== null ? ` (${gt(lang, 'panel.lineKm', { km: km(g.nearestPowerLineM) })})` : '');
  return el('div', { class: 'popup gap-popup', 'data-gap': g.id },
    el('h3', {}, g.name),
    el('div', { class: 'popup-sub' }, `${g.communeName ?? g.communeId} · #${g.rank}`),
    el('table', {}, el('tbody', {},
      el('tr', {}, el('th', {}, gt(lang, 'panel.reason')), el('td', {}, g.reasonText[lang])),
      el('tr', {}, el('th', {}, gt(lang, 'table.population')), el('td', {}, gt(lang, 'panel.people', { population: num(g.population), households: num(g.households) }))),
      el('tr', {}, el('th', {}, gt(lang, 'panel.power')), el('td', {}, power)),
      el('tr', {}, el('th', {}, gt(lang, 'panel.score')), el('td', {}, `${num(g.score, 1)} = ${parts}`)))),
    el('div', { class: 'popup-sub' }, gt(lang, 'panel.nearest')), sites);
}
