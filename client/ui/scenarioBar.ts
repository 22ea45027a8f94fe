/**
 * The banner that says which network is on screen — the baseline or a named scenario — and the
 * scenario picker that switches the whole app (map, coverage, KPIs, gap table, downloads) to
 * another one.
 */
import { listScenarios, type ScenarioDoc } from '../api/scenario';
import type { Lang } from '../map/urlState';
import { el } from './dom';
import { t } from './i18n';

export interface ScenarioBar {
  setLang(lang: Lang): void;
}

/**
 * @example
 * mountScenarioBar(document.body, { lang: 'vi', scenario: 'a1b2', show: (id) => … });
 */
export function mountScenarioBar(parent: HTMLElement, o: { lang: Lang; scenario: string | null; show(id: string): void }): ScenarioBar {
  let lang = o.lang;
  let scenarios: ScenarioDoc[] = [];
  let failed = false;
  const bar = el('div', { id: 'scenario-bar', role: 'status' });
  parent.append(bar);
  const render = () => {
    const current = scenarios.find((s) => s.id === o.scenario);
    const label = o.scenario ? t(lang, 'scenario.showing', { name: current?.name ?? o.scenario }) : t(lang, 'scenario.baseline');
    const select = el('select', { id: 'scenario-picker', 'aria-label': t(lang, 'scenario.pick') },
      el('option', o.scenario ? { value: 'baseline' } : { value: 'baseline', selected: '' }, t(lang, 'scenario.baselineOption')),
      ...scenarios.map((s) => el('option', s.id === o.scenario ? { value: s.id, selected: '' } : { value: s.id }, `${s.name} (v${s.version})`)));
    select.addEventListener('change', () => o.show(select.value));
    bar.classList.toggle('is-scenario', o.scenario !== null);
    bar.dataset.scenario = o.scenario ?? 'baseline';
    const compare = o.scenario ? [el('a', { id: 'scenario-compare', href: `compare.html#a=baseline&b=${encodeURIComponent(o.scenario)}&lang=${lang}` }, t(lang, 'scenario.compare'))] : [];
    bar.replaceChildren(el('span', { class: 'scenario-label' }, label), select, ...compare, ...(failed ? [el('span', { class: 'scenario-error' }, t(lang, 'scenario.listError'))] : []));
  };
  render();
  void listScenarios().then((list) => {
    scenarios = list;
    render();
  }).catch(() => {
    failed = true;
    render();
  });
  return {
    setLang(l) {
      lang = l;
      render();
    },
  };
}
