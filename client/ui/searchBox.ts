/**
 * The search box: type a village or commune name (diacritics optional), pick a result, the map
 * flies there.
 */
import { searchPlaces, type SearchEntry } from '../map/search';
import type { Lang } from '../map/urlState';
import { el } from './dom';
import { t } from './i18n';

export interface SearchBox {
  /** Re-labels the box for a language. */
  setLang(lang: Lang): void;
}

/** Mounts the search box into `root`; `onPick` is called with the chosen entry. */
export function mountSearchBox(root: HTMLElement, index: readonly SearchEntry[], initialLang: Lang, onPick: (entry: SearchEntry) => void): SearchBox {
  let lang = initialLang;
  const input = el('input', { id: 'search', type: 'search', autocomplete: 'off', spellcheck: 'false' });
  const list = el('ul', { id: 'search-results', role: 'listbox' });
  root.replaceChildren(input, list);

  let results: SearchEntry[] = [];
  const pick = (entry: SearchEntry) => {
    input.value = entry.name;
    list.replaceChildren();
    onPick(entry);
  };
  const render = () => {
    results = searchPlaces(index, input.value, 8);
    if (!input.value.trim()) return list.replaceChildren();
    if (!results.length) return list.replaceChildren(el('li', { class: 'empty' }, t(lang, 'searchNoResult')));
    list.replaceChildren(
      ...results.map((entry) => {
        const kind = t(lang, entry.kind === 'commune' ? 'kind.commune' : 'kind.village');
        const detail = entry.communeName ? `${kind} · ${entry.communeName}` : kind;
        const b = el('button', { type: 'button', role: 'option' }, el('strong', {}, entry.name), el('small', {}, detail));
        b.addEventListener('click', () => pick(entry));
        return el('li', {}, b);
      }),
    );
  };
  input.addEventListener('input', render);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && results.length) pick(results[0]);
    if (e.key === 'Escape') list.replaceChildren();
  });

  const box: SearchBox = {
    setLang(next) {
      lang = next;
      input.placeholder = t(lang, 'searchPlaceholder');
      input.setAttribute('aria-label', t(lang, 'searchPlaceholder'));
      render();
    },
  };
  box.setLang(lang);
  return box;
}
