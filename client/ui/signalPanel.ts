/**
 * The coverage section of the side panel and the coverage layer it drives: show/hide, technology
 * and operator selectors, the legend from /api/coverage/legend, and a "computing… 45 %" line
 * while the server computes (polled from /api/coverage/status).
 */
import { activeScenario } from '../api/scenario';
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
import type { Lang } from '../map/urlState';
import { el } from './dom';
import { t, type StringKey } from './i18n';
import { coverageLegend, coverageStatus } from '../api/coverage';

const POLL_MS = 2000;

export interface CoverageController {
  setLang(lang: Lang): void;
  /** True when the coverage layer is shown. */
  visible(): boolean;
  /** The last status (null before the first answer). */
  status(): CoverageStatus | null;
  /** The data changed (an import): follow the new computation and its tiles. */
  refresh(): void;
}

/**
 * Mounts the coverage section into `root` and keeps the map layer in step.
 *
 * @example
 * const coverage = mountCoverage(map, document.getElementById('coverage-panel')!, 'vi', ['MobiFone', 'Viettel']);
 */
export function mountCoverage(map: MapLibreMap, root: HTMLElement, lang: Lang, operators: string[], bounds?: [number, number, number, number]): CoverageController {
  const state = {
    lang,
    show: false,
    sel: { tech: '4G', operator: null } as CoverageSelection,
    status: null as CoverageStatus | null,
    legend: null as CoverageLegend | null,
  };
  const origin = location.origin;

  const syncLayer = () => {
    const s = state.status;
    if (!s || s.state !== 'ready') return;
    const src = map.getSource(COVERAGE_SOURCE_ID) as RasterTileSource | undefined;
    if (!src) {
      map.addSource(COVERAGE_SOURCE_ID, coverageSource(origin, state.sel, s.version, bounds, activeScenario()));
      const before = COVERAGE_BEFORE.find((id) => map.getLayer(id));
      map.addLayer(coverageLayer(state.show), before);
    } else {
      src.setTiles([coverageTileUrl(origin, state.sel, s.version, activeScenario())]);
      map.setLayoutProperty(COVERAGE_LAYER_ID, 'visibility', state.show ? 'visible' : 'none');
    }
    root.dataset.layer = state.show ? 'visible' : 'hidden';
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
    const tr = (key: StringKey, vars?: Record<string, string | number>) => t(state.lang, key, vars);
    const box = el('input', { type: 'checkbox', id: 'coverage-show' });
    box.checked = state.show;
    box.addEventListener('change', () => {
      state.show = box.checked;
      syncLayer();
    });
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

  const poll = async () => {
    try {
      state.status = await coverageStatus();
    } catch {
      // the server is restarting: keep polling
    }
    render();
    if (state.status?.state === 'ready') syncLayer();
    else if (state.status?.state !== 'failed') setTimeout(() => void poll(), POLL_MS);
  };

  render();
  void poll();
  void loadLegend();
  return {
    setLang(next) {
      state.lang = next;
      render();
    },
    visible: () => state.show && state.status?.state === 'ready',
    status: () => state.status,
    /** The data changed (an import): follow the new computation and its tiles. */
    refresh() {
      state.status = null;
      void poll();
    },
  };
}
