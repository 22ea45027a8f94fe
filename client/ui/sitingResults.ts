/**
 * The siting panel's results, rendered from a plan: its progress while it runs; once done, the
 * summary (share of villages with signal before and after, cost, proof), the costs by payer, the
 * marginal-gain chart with its bound, the build-order table (a row shows that station's coverage),
 * the villages no candidate reaches, and the button that saves the plan as a scenario.
 */
import type { PlanDoc, PlanStationProperties } from '../../core/wire';
import type { Lang } from '../map/urlState';
import { el } from './dom';
import { t } from './i18n';
import { gainChart } from './sitingChart';

const millions = (lang: Lang, n: number) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 0 }).format(Math.round(n / 1e6));
const percent = (lang: Lang, x: number) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(x);

/**
 * @example
 * section.append(...renderSitingResults(plan, 'vi', { saving: false, showStation: (p) => …, save: () => … }));
 */
export function renderSitingResults(plan: PlanDoc, lang: Lang, h: { saving: boolean; showStation(p: PlanStationProperties): void; save(): void }): Element[] {
  if (plan.state !== 'done') {
    const bar = el('progress', { id: 'siting-progress', max: '1', value: String(plan.progress) });
    return [el('p', { class: 'siting-running' }, bar, ` ${t(lang, 'siting.stage', { stage: plan.stage, percent: Math.round(plan.progress * 100) })}`)];
  }
  const st = plan.stations?.features ?? [];
  const total = plan.villagesTotal ?? 0;
  const before = total > 0 ? (plan.villagesWithSignalBefore ?? 0) / total : 0;
  const after = plan.curve?.at(-1)?.villagesWithSignalShare ?? before;
  const out: Element[] = [
    el('p', { class: 'siting-summary', id: 'siting-summary' }, t(lang, 'siting.summary', {
      before: percent(lang, before), after: percent(lang, after), n: st.length, served: plan.servedVillages ?? 0, gaps: plan.gapVillages ?? 0,
      cost: millions(lang, plan.cost ?? 0), currency: plan.currency ?? '', gap: percent(lang, plan.gap ?? 0),
      proof: plan.optimal ? t(lang, 'siting.optimal') : t(lang, 'siting.bounded'),
    })),
    el('p', { class: 'siting-payers' }, t(lang, 'siting.payers', {
      operator: millions(lang, plan.costByPayer?.operator ?? 0), fund: millions(lang, plan.costByPayer?.fund ?? 0), power: millions(lang, plan.costByPayer?.powerUtility ?? 0),
    })),
  ];
  if (plan.curve && plan.curve.length > 0 && total > 0) {
    const byVillages = plan.objectiveKind !== 'population';
    const chart = gainChart(plan.curve.map((c) => ({
      k: c.k, share: c.villagesWithSignalShare,
      // the bound is on the objective: for villages it reads as a share of all villages
      bound: byVillages ? ((plan.villagesWithSignalBefore ?? 0) + c.bound) / total : c.villagesWithSignalShare,
    })), before, { plan: t(lang, 'siting.chartPlan'), bound: t(lang, 'siting.chartBound'), stations: t(lang, 'siting.chartStations') });
    chart.id = 'siting-chart';
    out.push(chart);
  }
  const head = ['siting.colOrder', 'siting.colStation', 'siting.colKind', 'siting.colVillages', 'siting.colCost', 'siting.colPayers'] as const;
  const rows = st.map((f) => {
    const p = f.properties;
    const tr = el('tr', { 'data-station': p.id },
      el('td', { class: 'num' }, String(p.order)),
      el('td', {}, `${p.operator} · ${p.techs} · ${p.antennaHeightM} m`),
      el('td', {}, t(lang, `siting.kind.${p.kind}` as never)),
      el('td', { class: 'num' }, String(p.addedVillageIds.length)),
      el('td', { class: 'num' }, millions(lang, p.cost)),
      el('td', { class: 'num' }, `${millions(lang, p.costByPayer.operator)} / ${millions(lang, p.costByPayer.fund)} / ${millions(lang, p.costByPayer.powerUtility)}`));
    tr.addEventListener('click', () => h.showStation(p));
    return tr;
  });
  out.push(el('div', { class: 'siting-table-wrap' }, el('table', { id: 'siting-table' },
    el('thead', {}, el('tr', {}, ...head.map((k) => el('th', {}, t(lang, k))))),
    el('tbody', {}, ...rows))));
  if (plan.unreachable && plan.unreachable.length > 0) {
    out.push(el('details', { class: 'siting-unreachable' }, el('summary', {}, t(lang, 'siting.unreachable', { n: plan.unreachable.length })),
      el('ul', {}, ...plan.unreachable.map((u) => el('li', {}, `${u.name}: ${u.reason}`)))));
  }
  const saveBtn = el('button', { type: 'button', id: 'siting-save' }, t(lang, 'siting.save'));
  saveBtn.disabled = h.saving || st.length === 0;
  saveBtn.addEventListener('click', h.save);
  out.push(el('div', { class: 'siting-actions' }, saveBtn));
  return out;
}
