/**
 * The one-page report (client/report.html): `?scenario=ID` (the scenario against its base) or
 * `?a=ID&b=ID` (either may be `baseline`), and `lang=vi|en`. Reads the comparison, the work
 * orders and the map data from the server, lays out title, map, figures, chart, stations and the
 * data note on one A4 page (report.css), and marks `<body data-ready="true">` when the map is
 * drawn — the server's PDF route waits for it (`data-ready="error"` + `data-error` on failure).
 */
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/vietnamese-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/latin-ext-700.css';
import '@fontsource/noto-sans/vietnamese-700.css';
import './report.css';
import type { Lang } from '../map/urlState';
import { whoAmI } from '../api/session';
import { listScenarios } from '../api/scenario';
import { el } from '../ui/dom';
import { askLogin, keepSignedIn } from '../ui/login';
import { communeChart } from './chart';
import { loadReport, type ReportData } from './data';
import { drawReportMap, EXISTING_SITE_COLOR, FATE_COLORS, PLAN_SITE_COLOR, type VillageFate } from './map';
import { fmt, rt, signed, syntheticNote } from './text';

/** Most station rows that fit under the chart on one A4 page. */
const MAX_ROWS = 10;
/** Most communes in the chart (the ones with the largest changes). */
const MAX_COMMUNES = 24;
/** Most characters of village names in a table cell: one line beside the cost column (a page holds MAX_ROWS such rows). */
const NAMES_CHARS = 36;

const clip = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, s.lastIndexOf(', ', n) > 0 ? s.lastIndexOf(', ', n) : n)}, …`);

function kpi(lang: Lang, label: string, before: number, after: number, of?: string): HTMLElement {
  return el('div', { class: 'kpi' },
    el('div', { class: 'kpi-label' }, label),
    el('div', { class: 'kpi-value' }, `${fmt(lang, before)} → `, el('strong', {}, fmt(lang, after)), el('span', { class: 'kpi-diff' }, ` (${signed(lang, after - before)})`)),
    of ? el('div', { class: 'kpi-of' }, of) : null);
}

function legend(lang: Lang): HTMLElement {
  const dot = (color: string, cls = '') => { const d = el('span', { class: `dot ${cls}` }); d.style.backgroundColor = color; return d; };
  const fates: [VillageFate, Parameters<typeof rt>[1]][] = [['gained', 'legendGained'], ['without', 'legendWithout'], ['lost', 'legendLost'], ['with', 'legendWithSignal']];
  return el('ul', { class: 'legend' },
    ...fates.map(([f, key]) => el('li', {}, dot(FATE_COLORS[f]), rt(lang, key))),
    el('li', {}, dot(PLAN_SITE_COLOR, 'plan'), rt(lang, 'legendPlan'), el('span', { class: 'hint' }, rt(lang, 'legendPlanHint'))),
    el('li', {}, dot(EXISTING_SITE_COLOR, 'small'), rt(lang, 'legendExisting')));
}

function render(root: HTMLElement, d: ReportData): HTMLElement {
  const { lang, comparison: c } = d;
  const date = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { dateStyle: 'long' }).format(new Date());
  const title = d.mode === 'scenario' ? rt(lang, 'titleScenario', { name: d.names.b }) : rt(lang, 'titleCompare', { a: d.names.a, b: d.names.b });
  const subtitle = d.mode === 'scenario' ? rt(lang, 'subtitleScenario', { area: d.area, base: d.names.a, date }) : rt(lang, 'subtitleCompare', { area: d.area, a: d.names.a, b: d.names.b, date });
  document.title = title;

  const solar = d.orders.filter((o) => o.power === 'solar').length;
  const figures = el('section', { class: 'kpis' },
    el('h2', {}, rt(lang, 'kpis')),
    kpi(lang, rt(lang, 'villagesWithSignal'), c.a.villagesWithSignal, c.b.villagesWithSignal, rt(lang, 'ofVillages', { n: fmt(lang, c.b.villages) })),
    kpi(lang, rt(lang, 'peopleCovered'), c.a.populationCovered, c.b.populationCovered, rt(lang, 'ofPeople', { n: fmt(lang, c.b.population) })),
    kpi(lang, rt(lang, 'withoutPower'), c.a.villagesWithoutSignalWithoutPower, c.b.villagesWithoutSignalWithoutPower),
    el('p', { class: 'kpi-note' }, rt(lang, 'withoutPowerPlan', { n: fmt(lang, c.totals.withoutPowerGained), solar: fmt(lang, solar) })),
    el('p', { class: 'kpi-note' }, rt(lang, 'stationsLine', { added: c.stations.added.length, changed: c.stations.changed.length, removed: c.stations.removed.length })),
    el('p', { class: 'kpi-note cost-line' }, rt(lang, 'costLine', {
      total: millions(lang, c.cost.total), currency: c.cost.currency, operator: millions(lang, c.cost.operator), fund: millions(lang, c.cost.fund), power: millions(lang, c.cost.powerUtility),
    })),
    legend(lang));

  const mapBox = el('div', { id: 'map', class: 'map' });

  const changed = c.byCommune.filter((x) => x.gained > 0 || x.lost > 0);
  const shown = changed.slice(0, MAX_COMMUNES);
  const chartBox = el('section', { class: 'chart-box' }, el('h2', {}, rt(lang, 'chart')));
  if (shown.length > 0) {
    chartBox.append(communeChart(shown.map((x) => ({ name: x.name ?? x.id, before: x.a.villagesWithSignal, after: x.b.villagesWithSignal })), {
      width: 700, height: 170, labels: { before: rt(lang, 'chartBefore'), after: rt(lang, 'chartAfter') },
    }));
  }
  const others = c.byCommune.length - shown.length;
  chartBox.append(el('p', { class: 'caption' }, shown.length === 0 ? rt(lang, 'chartNone') : rt(lang, 'chartOthers', { n: others })));

  const rows = d.orders.slice(0, MAX_ROWS);
  const table = el('section', { class: 'stations' }, el('h2', {}, rt(lang, 'table')));
  if (rows.length === 0) {
    table.append(el('p', { class: 'caption' }, rt(lang, 'tableNone')));
  } else {
    table.append(el('table', {},
      el('thead', {}, el('tr', {}, ...(['colOrder', 'colStation', 'colCommune', 'colOperator', 'colKind', 'colCost', 'colVillages'] as const).map((k) => el('th', {}, rt(lang, k))))),
      el('tbody', {}, ...rows.map((o) => el('tr', {},
        el('td', { class: 'num' }, String(o.number)), el('td', {}, o.stationId), el('td', {}, o.commune ?? '—'), el('td', {}, o.operator), el('td', {}, o.kind),
        el('td', { class: 'num cost' }, `${millions(lang, o.cost.total)} (${millions(lang, o.cost.operator)} / ${millions(lang, o.cost.fund)} / ${millions(lang, o.cost.powerUtility)})`),
        el('td', {}, o.villagesServed > 0 ? `${o.villagesServed}: ${clip(o.villageNames, NAMES_CHARS)}` : '0'))))));
    if (d.orders.length > rows.length) table.append(el('p', { class: 'caption' }, rt(lang, 'tableMore', { n: d.orders.length - rows.length, id: d.ids.b })));
  }

  const note = el('footer', { class: 'note' },
    el('strong', {}, `${rt(lang, 'dataNote')}: `),
    d.synthetic ? `${syntheticNote(lang)} ` : '',
    rt(lang, 'method'));

  root.replaceChildren(
    el('header', {}, el('h1', {}, title), el('p', { class: 'subtitle' }, subtitle)),
    el('div', { class: 'top' }, mapBox, figures),
    chartBox, table, note);
  return mapBox;
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const lang: Lang = params.get('lang') === 'en' ? 'en' : 'vi';
  document.documentElement.lang = lang;
  const root = document.getElementById('report')!;
  try {
    // a server with users: the login form (never a bare 401), then the report asked for; and again
    // should the session end while it loads. The server's own report browser reads with a token
    // and never sees the form (were it asked, the PDF route fails at once instead of waiting).
    let me = await whoAmI();
    if (!me) {
      Object.assign(document.body.dataset, { ready: 'error', error: 'the report page asks for a login (HTTP 401)' });
      me = await askLogin(lang);
      delete document.body.dataset.ready;
      delete document.body.dataset.error;
    }
    keepSignedIn(me, () => lang);
    // opened without a scenario (from a bookmark, or the address typed): what to report on
    if (!params.get('scenario') && !(params.get('a') && params.get('b'))) {
      root.replaceChildren(await chooser(lang));
      document.body.dataset.ready = 'chooser';
      return;
    }
    const data = await loadReport(params, lang);
    const mapBox = render(root, data);
    await drawReportMap(mapBox, data.map);
    await document.fonts.ready;
    document.body.dataset.ready = 'true';
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    root.replaceChildren(el('p', { class: 'error' }, rt(lang, 'failed', { error: message })));
    document.body.dataset.error = message;
    document.body.dataset.ready = 'error';
  }
}

void main();

/**
 * The page without a scenario: a scenario to report on (against its base), or two networks to
 * compare — links to this page with the ids, in the page's language.
 */
async function chooser(lang: Lang): Promise<HTMLElement> {
  const scenarios = await listScenarios();
  const link = (query: string) => `report.html?${query}&lang=${lang}`;
  const options = (selected: string) => [
    el('option', { value: 'baseline', ...(selected === 'baseline' ? { selected: '' } : {}) }, rt(lang, 'baseline')),
    ...scenarios.map((s) => el('option', { value: s.id, ...(s.id === selected ? { selected: '' } : {}) }, s.name)),
  ];
  const a = el('select', { id: 'choose-a', 'aria-label': rt(lang, 'chooseA') }, ...options('baseline'));
  const b = el('select', { id: 'choose-b', 'aria-label': rt(lang, 'chooseB') }, ...options(scenarios[0]?.id ?? 'baseline'));
  const open = el('a', { id: 'choose-open', class: 'button' }, rt(lang, 'chooseOpen'));
  const update = () => open.setAttribute('href', link(`a=${encodeURIComponent(a.value)}&b=${encodeURIComponent(b.value)}`));
  a.addEventListener('change', update);
  b.addEventListener('change', update);
  update();
  return el('main', { class: 'chooser' },
    el('h1', {}, rt(lang, 'chooseTitle')),
    el('p', {}, rt(lang, 'chooseIntro')),
    el('h2', {}, rt(lang, 'chooseScenario')),
    scenarios.length === 0 ? el('p', { class: 'caption' }, rt(lang, 'chooseNone'))
      : el('ul', { id: 'choose-scenarios' }, ...scenarios.map((s) => el('li', {}, el('a', { href: link(`scenario=${encodeURIComponent(s.id)}`) }, s.name)))),
    el('h2', {}, rt(lang, 'chooseCompare')),
    el('p', {}, el('label', {}, `${rt(lang, 'chooseA')} `, a), ' ', el('label', {}, `${rt(lang, 'chooseB')} `, b), ' ', open));
}

/** An amount in millions of its currency, whole (the report's tables and cost line). */
function millions(lang: Lang, n: number): string {
  return fmt(lang, Math.round(n / 1e6));
}
