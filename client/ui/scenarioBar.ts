/**
 * The banner that says which network is on screen — the baseline or a named scenario — and the
 * scenario picker that puts another one on screen (the store's scenario: map, coverage, KPIs, gap
 * table and downloads swap their data in place, no reload).
 */
import { listScenarios, type ScenarioDoc } from '../api/scenario';
import type { Store } from '../state/store';
import { el } from './dom';
import { t } from './i18n';

/**
 * Mounts the bar; it follows the store's language and scenario (the list is read again when the
 * scenario changes: a plan just saved is in it).
 *
 * @example
 * mountScenarioBar(document.body, store);
 */
export function mountScenarioBar(parent: HTMLElement, store: Store): void {
  let scenarios: ScenarioDoc[] = [];
  let failed = false;
  const bar = el('div', { id: 'scenario-bar', role: 'status' });
  parent.append(bar);
  const render = () => {
    const { lang, scenario } = store.get();
    const current = scenarios.find((s) => s.id === scenario);
    const label = scenario ? t(lang, 'scenario.showing', { name: current?.name ?? scenario }) : t(lang, 'scenario.baseline');
    const select = el('select', { id: 'scenario-picker', 'aria-label': t(lang, 'scenario.pick') },
      el('option', scenario ? { value: 'baseline' } : { value: 'baseline', selected: '' }, t(lang, 'scenario.baselineOption')),
      ...scenarios.map((s) => el('option', s.id === scenario ? { value: s.id, selected: '' } : { value: s.id }, `${s.name} (v${s.version})`)));
    select.addEventListener('change', () => store.update({ scenario: select.value === 'baseline' ? null : select.value }));
    bar.classList.toggle('is-scenario', scenario !== null);
    bar.dataset.scenario = scenario ?? 'baseline';
    // a scenario's outputs a click away: the comparison, the one-page report, the work orders (issue 23)
    const id = scenario ? encodeURIComponent(scenario) : '';
    const compare = scenario ? [
      el('a', { id: 'scenario-compare', href: `compare.html#a=baseline&b=${id}&lang=${lang}` }, t(lang, 'scenario.compare')),
      el('a', { id: 'scenario-report', href: `report.html?scenario=${id}&lang=${lang}` }, t(lang, 'scenario.report')),
      el('a', { id: 'scenario-work-orders', href: `/api/scenarios/${id}/work-orders?f=xlsx&lang=${lang}` }, t(lang, 'scenario.workOrders')),
    ] : [];
    bar.replaceChildren(el('span', { class: 'scenario-label' }, label), select, ...compare, ...(failed ? [el('span', { class: 'scenario-error' }, t(lang, 'scenario.listError'))] : []));
  };
  const list = () => listScenarios().then((found) => {
    scenarios = found;
    failed = false;
    render();
  }).catch(() => {
    failed = true;
    render();
  });
  render();
  void list();
  store.subscribe((_, changed) => {
    if (changed.has('scenario')) void list();
    if (changed.has('scenario') || changed.has('lang')) render();
  });
}
