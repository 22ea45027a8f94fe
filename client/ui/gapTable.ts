/**
 * The KPI header (from /api/stats) and the gap table (from /collections/gaps/items): sortable,
 * filtered by commune / technology / operator on the server, searched without diacritics here,
 * with download links that carry the filters. Waits (polling) while the coverage computes.
 */
import { scoped } from '../api/scenario';
import { foldText } from '../../core/text/fold';
import { formatPercent } from '../../core/text/format';
import type { Lang } from '../map/urlState';
import { el } from './dom';
import { gt, type GapTextKey } from './gapText';
import { READY_POLL_MS, whenReady } from '../api/http';
import { coverageStatus } from '../api/coverage';
import { gapItems, getStats } from '../api/gaps';
import type { Stats } from '../../core/wire';

/** A gap as the API gives it (properties of a /collections/gaps feature). */
export interface GapRow {
  id: string; rank: number; name: string; communeId: string; communeName: string | null;
  population: number; households: number; electrified: boolean; nearestPowerLineM: number | null;
  reason: string; reasonText: { vi: string; en: string }; score: number;
  scoreParts: Record<string, number>;
  nearestSites: { id: string; name: string; operator: string; distanceM: number; bearingDeg: number; tech: string | null; levelDbm: number | null }[];
  lon: number; lat: number;
}

export interface GapTableOptions {
  lang: Lang;
  communes: { id: string; name: string }[];
  operators: string[];
  /** The scenario on screen (null = the baseline): what every read and download is of. */
  scenario(): string | null;
  /** Offer the downloads a viewer may not make (CSV, XLSX, KML, GeoPackage); default true. */
  downloads?: boolean;
  /** A row was clicked. */
  onSelect(gap: GapRow): void;
  /** The unfiltered list and the statistics arrived (for the map colours). */
  onReady(all: GapRow[], stats: Stats): void;
}

type SortKey = 'rank' | 'name' | 'commune' | 'population' | 'reason' | 'score';
const COLUMNS: [SortKey, GapTextKey][] = [['rank', 'table.rank'], ['name', 'table.name'], ['commune', 'table.commune'], ['population', 'table.population'], ['reason', 'table.reason'], ['score', 'table.score']];
const FORMATS = ['csv', 'xlsx', 'geojson', 'kml', 'gpkg'];

const rowsOf = (fc: { features: { properties: Omit<GapRow, 'lon' | 'lat'>; geometry: { coordinates: number[] } }[] }): GapRow[] =>
  fc.features.map((f) => ({ ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));

/**
 * @example
 * const gaps = mountGapTable(kpiEl, tableEl, { lang: 'vi', communes, operators, onSelect, onReady });
 * gaps.highlight('V-0012');
 */
export function mountGapTable(kpi: HTMLElement, root: HTMLElement, o: GapTableOptions) {
  let lang = o.lang;
  let stats: Stats | null = null;
  let rows: GapRow[] = [];
  let filters = { communeId: '', tech: '', operator: '' };
  /** The village rule (gap rule 'point' or 'area'): the whole analysis, KPI and map colours follow it. */
  let rule: 'point' | 'area' = 'point';
  let search = '';
  let sort: { key: SortKey; dir: 1 | -1 } = { key: 'rank', dir: 1 };
  let selected: string | null = null;
  let open = true;
  const communeName = new Map(o.communes.map((c) => [c.id, c.name]));

  const query = (extra: Record<string, string>, withFilters = true): string => {
    const p = new URLSearchParams();
    if (withFilters) for (const [k, v] of Object.entries(filters)) if (v) p.set(k, v);
    if (rule !== 'point') p.set('rule', rule);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return p.toString();
  };

  const renderKpi = (computing: number | null) => {
    kpi.replaceChildren();
    if (computing !== null) {
      kpi.append(el('span', { class: 'kpi-wait' }, gt(lang, 'kpi.computing', { percent: computing })));
      return;
    }
    if (!stats) return;
    const fmt = (n: number) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');
    const pct = (a: number, b: number) => (b > 0 ? ` (${formatPercent(lang, a / b, 1)})` : '');
    const item = (key: GapTextKey, value: string, cls: string) => el('div', { class: `kpi ${cls}`, 'data-kpi': key }, el('b', {}, value), el('span', {}, gt(lang, key)));
    kpi.append(
      item('kpi.withSignal', `${fmt(stats.villagesWithSignal)} / ${fmt(stats.villages)}`, 'ok'),
      item('kpi.population', fmt(stats.populationCovered) + pct(stats.populationCovered, stats.population), 'ok'),
      item('kpi.noSignal', fmt(stats.villagesWithoutSignal), 'bad'),
      item('kpi.noPower', fmt(stats.villagesWithoutPower), 'power'),
    );
  };

  const sorted = (): GapRow[] => {
    const q = foldText(search.trim());
    const list = q ? rows.filter((r) => foldText(`${r.name} ${r.id} ${r.communeName ?? ''}`).includes(q)) : rows.slice();
    const val = (r: GapRow): string | number =>
      sort.key === 'name' ? foldText(r.name) : sort.key === 'commune' ? foldText(r.communeName ?? r.communeId) : sort.key === 'reason' ? r.reason : sort.key === 'population' ? r.population : sort.key === 'score' ? r.score : r.rank;
    return list.sort((a, b) => {
      const x = val(a), y = val(b);
      return (x < y ? -1 : x > y ? 1 : a.rank - b.rank) * sort.dir;
    });
  };

  const render = () => {
    root.replaceChildren();
    root.classList.toggle('collapsed', !open);
    const toggle = el('button', { type: 'button', class: 'gaps-toggle' }, gt(lang, open ? 'table.hide' : 'table.show'));
    toggle.addEventListener('click', () => { open = !open; render(); });
    if (!open) { root.append(toggle); return; }
    const select = (name: keyof typeof filters, any: GapTextKey, values: [string, string][]) => {
      const s = el('select', { 'data-filter': name, 'aria-label': gt(lang, any) }, el('option', { value: '' }, gt(lang, any)), ...values.map(([v, label]) => el('option', { value: v }, label)));
      s.value = filters[name];
      s.addEventListener('change', () => { filters = { ...filters, [name]: s.value }; void load(); });
      return s;
    };
    const ruleSelect = el('select', { 'data-filter': 'rule', 'aria-label': gt(lang, 'table.rule'), title: gt(lang, 'table.rule') },
      el('option', { value: 'point' }, gt(lang, 'table.rule.point')), el('option', { value: 'area' }, gt(lang, 'table.rule.area')));
    ruleSelect.value = rule;
    ruleSelect.addEventListener('change', () => { rule = ruleSelect.value as 'point' | 'area'; void start(); });
    const input = el('input', { type: 'search', placeholder: gt(lang, 'table.search'), 'aria-label': gt(lang, 'table.search'), class: 'gaps-search' });
    input.value = search;
    const list = sorted();
    const tbody = el('tbody', {}, ...list.map((r) => {
      const tr = el('tr', { 'data-id': r.id, class: r.id === selected ? 'selected' : '' },
        el('td', {}, String(r.rank)), el('td', {}, r.name), el('td', {}, r.communeName ?? communeName.get(r.communeId) ?? r.communeId),
        el('td', { class: 'num' }, String(r.population)), el('td', {}, gt(lang, `reason.${r.reason}` as GapTextKey)), el('td', { class: 'num' }, r.score.toFixed(1)));
      tr.addEventListener('click', () => { highlight(r.id); o.onSelect(r); });
      return tr;
    }));
    input.addEventListener('input', () => {
      search = input.value;
      const keep = new Set(sorted().map((r) => r.id));
      for (const tr of tbody.querySelectorAll('tr')) (tr as HTMLElement).hidden = !keep.has((tr as HTMLElement).dataset.id!);
      count.textContent = gt(lang, 'table.count', { shown: keep.size, total: rows.length });
    });
    const head = el('tr', {}, ...COLUMNS.map(([key, label]) => {
      const th = el('th', { 'data-sort': key, 'aria-sort': sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none' }, gt(lang, label) + (sort.key === key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''));
      th.addEventListener('click', () => { sort = { key, dir: sort.key === key ? (-sort.dir as 1 | -1) : key === 'population' || key === 'score' ? -1 : 1 }; render(); });
      return th;
    }));
    const count = el('span', { class: 'gaps-count' }, gt(lang, 'table.count', { shown: list.length, total: rows.length }));
    const downloads = el('div', { class: 'gaps-downloads' }, gt(lang, 'table.download') + ': ',
      ...FORMATS.filter((f) => o.downloads !== false || f === 'geojson').map((f) => el('a', { href: scoped(`/collections/gaps/items?${query({ f, lang })}`, o.scenario()), download: '', 'data-format': f }, f.toUpperCase())));
    root.append(
      el('div', { class: 'gaps-head' }, el('h2', {}, gt(lang, 'table.title')), count, toggle),
      el('div', { class: 'gaps-filters' },
        select('communeId', 'table.allCommunes', o.communes.map((c) => [c.id, c.name])),
        select('tech', 'table.anyTech', ['2G', '3G', '4G', '5G'].map((t) => [t, t])),
        select('operator', 'table.anyOperator', o.operators.map((op) => [op, op])), ruleSelect, input),
      downloads,
      el('div', { class: 'gaps-scroll' }, el('table', { class: 'gaps-table' }, el('thead', {}, head), tbody)),
    );
  };

  const highlight = (id: string | null) => {
    selected = id;
    for (const tr of root.querySelectorAll('tbody tr')) tr.classList.toggle('selected', (tr as HTMLElement).dataset.id === id);
    const row = id ? (root.querySelector(`tbody tr[data-id="${CSS.escape(id)}"]`) as HTMLElement | null) : null;
    row?.scrollIntoView({ block: 'nearest' });
  };

  const load = async () => {
    try {
      rows = rowsOf(await gapItems<Omit<GapRow, 'lon' | 'lat'>>(query({ limit: '10000' }), o.scenario()));
    } catch {
      return;
    }
    render();
  };

  // one reading at a time: a new one (another scenario, rule or import) makes the one before drop its answers
  let round = 0;
  const start = async () => {
    const mine = ++round;
    const scenario = o.scenario();
    // wait for the province coverage on its status (200 while computing), so that the console
    // does not fill with 503s from /api/stats
    for (;;) {
      const st = await coverageStatus(scenario).catch(() => null);
      if (mine !== round) return;
      if (st?.state === 'ready') break;
      if (st?.state === 'failed') return;
      renderKpi(st?.percent ?? 0);
      await new Promise((r) => setTimeout(r, READY_POLL_MS));
    }
    try {
      // the statistics and the whole list (the map colours) together; the table's filtered list is the
      // whole one when no filter is set
      const [read, fc] = await Promise.all([
        whenReady(() => getStats(rule !== 'point' ? `rule=${rule}` : '', scenario), (percent) => mine === round && renderKpi(percent)),
        whenReady(() => gapItems<Omit<GapRow, 'lon' | 'lat'>>(query({ limit: '10000' }, false), scenario)),
      ]);
      const all = rowsOf(fc);
      if (mine !== round) return;
      stats = read;
      kpi.dataset.scenario = scenario ?? 'baseline'; // whose numbers the header shows
      renderKpi(null);
      if (Object.values(filters).some(Boolean)) await load();
      else {
        rows = all;
        render();
      }
      if (mine !== round) return;
      o.onReady(all, read);
    } catch {
      // the server is unreachable or refused: the KPI line stays as it was
    }
  };
  void start();

  return {
    highlight,
    row: (id: string) => rows.find((r) => r.id === id) ?? null,
    /** Reads everything again (the data changed: an import), waiting while the coverage computes. */
    refresh: () => start(),
    rule: () => rule,
    setLang(l: Lang) { lang = l; renderKpi(null); render(); },
  };
}
export type GapTable = ReturnType<typeof mountGapTable>;
