/** Renders PopupContent as DOM for a MapLibre Popup. */
import { el } from './dom';
import type { PopupContent } from './popupContent';

export function renderPopup(content: PopupContent): HTMLElement {
  return el(
    'div',
    { class: 'popup' },
    el('h3', {}, content.title),
    el('div', { class: 'popup-sub' }, content.subtitle),
    el('table', {}, el('tbody', {}, ...content.rows.map((r) => el('tr', {}, el('th', {}, r.label), el('td', {}, r.value))))),
    content.note ? el('p', { class: 'popup-note' }, content.note) : null,
  );
}
