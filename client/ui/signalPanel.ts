/**
 * The coverage section of the side panel and the coverage layer it drives: show/hide, technology
 * and operator selectors, the legend from /api/coverage/legend, and a "computing… 45 %" line
 * while the server computes (polled from /api/coverage/status).
 */
import type { Map as MapLibreMap, RasterTileSource } from 'maplibre-gl';
import {
  COVERAGE_BEFORE,
  COVERAGE_LAYER_ID,
  COVERAGE_SOURCE_ID,
  COVERAGE_TECHS,
  coverageLayer,
  coverageSource,
  coverageTileUrl,
  legendRows,
  type CoverageLegend,
  type CoverageSelection,
  type CoverageStatus,
  type CoverageTech,
} from '../map/coverage';
import type { Store } from '../state/store';
import { el } from './dom';
import { t, type StringKey } from './i18n';
import { coverageLegend, coverageStatus } from '../api/coverage';

const POLL_MS = 2000;

export interface CoverageController {
  /** True when the coverage layer is shown. */
  visible(): boolean;
  /** The last status (null before the first answer). */
  status(): CoverageStatus | null;
  /** The data changed (an import): follow the new computation and its tiles. */
  refresh(): void;
}

/** What the coverage section hears from the store: the language, the scenario, the layer switched on. */
const WATCHED = ['lang', 'scenario', 'coverageShown'] as const;

/**
 * Mounts the coverage section into `root` and keeps the map layer in step with the store: another
 * scenario on screen switches the layer's tiles to that scenario's once its coverage is ready (the
 * layer stays as the user left it, on or off); the language relabels the section in place.
 *
 * @example
 * const coverage = mountCoverage(map, document.getElementById('coverage-panel')!, store, ['MobiFone', 'Viettel']);
 */
export function mountCoverage(map: MapLibreMap, root: HTMLElement, store: Store, operators: string[], bounds?: [number, number, number, number]): CoverageController {
  const state = {
    sel: { tech: '4G', operator: null } as CoverageSelection,
    status: null as CoverageStatus | null,
    legend: null as CoverageLegend | null,
  };
  const origin = location.origin;

  /** The scenario whose coverage the layer shows (the one on screen once its coverage is ready). */
  let tilesOf: string | null = store.get().scenario;
  const syncLayer = () => {
    const s = state.status;
    const show = store.get().coverageShown;
    if (!s || s.state !== 'ready') return;
    const src = map.getSource(COVERAGE_SOURCE_ID) as RasterTileSource | undefined;
    if (!src) {
      map.addSource(COVERAGE_SOURCE_ID, coverageSource(origin, state.sel, s.version, bounds, tilesOf));
      const before = COVERAGE_BEFORE.find((id) => map.getLayer(id));
      map.addLayer(coverageLayer(show), before);
    } else {
      src.setTiles([coverageTileUrl(origin, state.sel, s.version, tilesOf)]);
      map.setLayoutProperty(COVERAGE_LAYER_ID, 'visibility', show ? 'visible' : 'none');
    }
    root.dataset.layer = show ? 'visible' : 'hidden';
    root.dataset.scenario = tilesOf ?? 'baseline';
  };

  const loadLegend = async () => {
    try {
      state.legend = await coverageLegend(state.sel.tech);
    } catch {
      state.legend = null;
    }
    render();
  };

  const render = () => {
    const tr = (key: StringKey, vars?: Record<string, string | number>) => t(store.get().lang, key, vars);
    const box = el('input', { type: 'checkbox', id: 'coverage-show' });
    box.checked = store.get().coverageShown;
    box.addEventListener('change', () => store.update({ coverageShown: box.checked }));
    const techSelect = el('select', { id: 'coverage-tech', 'aria-label': tr('coverage.tech') }, ...COVERAGE_TECHS.map((tech) => el('option', { value: tech }, tech)));
    techSelect.value = state.sel.tech;
    techSelect.addEventListener('change', () => {
      state.sel = { ...state.sel, tech: techSelect.value as CoverageTech };
      syncLayer();
      void loadLegend();
    });
    const opSelect = el(
      'select',
      { id: 'coverage-operator', 'aria-label': tr('coverage.operator') },
      el('option', { value: '' }, tr('coverage.allOperators')),
      ...operators.map((op) => el('option', { value: op }, op)),
    );
    opSelect.value = state.sel.operator ?? '';
    opSelect.addEventListener('change', () => {
      state.sel = { ...state.sel, operator: opSelect.value || null };
      syncLayer();
    });
    const s = state.status;
    const statusLine =
      !s ? null
        : s.state === 'computing' ? el('p', { class: 'coverage-status computing' }, tr('coverage.computing', { percent: s.percent }))
          : s.state === 'failed' ? el('p', { class: 'coverage-status error' }, tr('coverage.failed', { error: s.error ?? '' }))
            : null;
    const lg = state.legend;
    const legend = lg
      ? el(
        'div',
        { class: 'coverage-legend' },
        el('h3', {}, `${lg.tech} ${lg.quantity}`),
        el('ul', {}, ...legendRows(lg).map((row) => el('li', {}, el('span', { class: 'swatch swatch-box', style: `--c:${row.color};background:${row.color}`, 'aria-hidden': 'true' }), el('span', {}, `${tr(`class.${row.name}` as StringKey)} ${row.range}`)))),
        el('p', { class: 'hint' }, tr('coverage.below', { threshold: String(lg.thresholdDbm).replace('-', '\u2212') }), ' · ', tr('coverage.model', { model: lg.modelId.toUpperCase() })),
      )
      : null;
    root.dataset.state = s?.state ?? 'unknown';
    const parts: Node[] = [
      el('h2', {}, tr('coverage.title')),
      el('label', {}, box, ' ', tr('coverage.show')),
      el('div', { class: 'coverage-selects' }, el('label', {}, tr('coverage.tech'), ' ', techSelect), el('label', {}, tr('coverage.operator'), ' ', opSelect)),
    ];
    if (statusLine) parts.push(statusLine);
    if (legend) parts.push(legend);
    root.replaceChildren(...parts);
  };

  // one polling loop at a time: a refresh (another scenario, an import) ends the one before
  let round = 0;
  const poll = async (mine: number) => {
    const scenario = store.get().scenario;
    let status: CoverageStatus | null = null;
    try {
      status = await coverageStatus(scenario);
    } catch {
      // the server is restarting: keep polling
    }
    if (mine !== round) return;
    // no answer (the server is restarting): ask again, the layer keeps its tiles
    if (!status) return void setTimeout(() => void poll(mine), POLL_MS);
    state.status = status;
    if (status.state === 'ready') tilesOf = scenario;
    render();
    if (status.state === 'ready') syncLayer();
    else if (status.state !== 'failed') setTimeout(() => void poll(mine), POLL_MS);
  };
  // the last status stays until the new one comes: the layer keeps its tiles meanwhile
  const refresh = () => void poll(++round);

  render();
  refresh();
  void loadLegend();
  store.subscribe((_, changed) => {
    if (!WATCHED.some((k) => changed.has(k))) return;
    if (changed.has('scenario')) refresh();
    else if (changed.has('coverageShown')) syncLayer();
    render();
  });
  return {
    visible: () => store.get().coverageShown && state.status?.state === 'ready',
    status: () => state.status,
    refresh,
  };
}
