/**
 * The demo-data label on the map itself: a small badge in the map's lower left corner, always in
 * view (the side panel's full note scrolls out of sight once the legend is long), shown only when
 * the data says it is synthetic; its title holds the full note.
 */
import type { Store } from '../state/store';
import { el } from './dom';
import { t } from './i18n';

/**
 * @example
 * mountDemoBadge(document.body, store, data.sites.features.some((f) => f.properties.synthetic === true));
 */
export function mountDemoBadge(parent: HTMLElement, store: Store, synthetic: boolean): void {
  if (!synthetic) return;
  const badge = el('div', { id: 'demo-badge', role: 'note' });
  parent.append(badge);
  const render = () => {
    const lang = store.get().lang;
    badge.textContent = t(lang, 'demoBadge');
    badge.title = t(lang, 'syntheticNote');
  };
  render();
  store.subscribe((_state, changed) => {
    if (changed.has('lang')) render();
  });
}
