/**
 * The side panel: title, language switch, layer switcher (with the 3D terrain toggle), legend and
 * the synthetic-data note. Rendered from state; re-rendered whole when the language changes.
 */
import { OPERATORS, OTHER_OPERATOR_COLOR, POWER_LINE_COLOR, RING_5G_COLOR, VILLAGE_COLORS, COMMUNE_COLORS } from '../map/colors';
import { LAYER_GROUP_NAMES, type LayerGroup } from '../map/layers';
import { LANGS, type Lang } from '../map/urlState';
import { el } from './dom';
import { t, type StringKey } from './i18n';

export interface PanelState {
  lang: Lang;
  hidden: ReadonlySet<LayerGroup>;
  terrain3d: boolean;
  /** False when the server has no terrain: the hillshade and 3D switches are not offered. */
  hasTerrain: boolean;
  /** Village boundaries on the map: none, known ones, or synthetic (the demo's: labelled so). */
  boundaries?: 'none' | 'real' | 'synthetic';
}

export interface PanelHandlers {
  onLang(lang: Lang): void;
  onToggleGroup(group: LayerGroup, visible: boolean): void;
  onToggleTerrain3d(on: boolean): void;
}

function swatch(kind: 'circle' | 'ring' | 'hollow' | 'line' | 'dash' | 'box', color: string): HTMLElement {
  return el('span', { class: `swatch swatch-${kind}`, style: `--c:${color}`, 'aria-hidden': 'true' });
}

function villageByPowerRow(row: HTMLElement): HTMLElement {
  row.classList.add('legend-village-power');
  return row;
}

function legendRow(kind: Parameters<typeof swatch>[0], color: string, label: string): HTMLElement {
  return el('li', {}, swatch(kind, color), el('span', {}, label));
}

/** Renders the panel into `root` (replacing its content). */
export function renderPanel(root: HTMLElement, state: PanelState, handlers: PanelHandlers): void {
  const { lang } = state;
  const tr = (key: StringKey) => t(lang, key);

  const langButtons = el(
    'div',
    { class: 'lang', role: 'group', 'aria-label': tr('language') },
    ...LANGS.map((code) => {
      const b = el('button', { type: 'button', 'data-lang': code, 'aria-pressed': String(code === lang) }, code.toUpperCase());
      b.addEventListener('click', () => handlers.onLang(code));
      return b;
    }),
  );

  const groups = LAYER_GROUP_NAMES.filter((g) => g !== 'hillshade' || state.hasTerrain);
  const switcher = el(
    'section',
    { id: 'layer-switcher' },
    el('h2', {}, tr('layers')),
    ...groups.map((group) => {
      const box = el('input', { type: 'checkbox', 'data-group': group });
      box.checked = !state.hidden.has(group);
      box.addEventListener('change', () => handlers.onToggleGroup(group, box.checked));
      return el('label', {}, box, ' ', tr(`group.${group}` as StringKey));
    }),
  );
  if (state.hasTerrain) {
    const box = el('input', { type: 'checkbox', id: 'terrain-3d' });
    box.checked = state.terrain3d;
    box.addEventListener('change', () => handlers.onToggleTerrain3d(box.checked));
    switcher.append(el('label', { class: 'terrain3d' }, box, ' ', tr('terrain3d')));
  }

  const legend = el(
    'section',
    { id: 'legend' },
    el('h2', {}, tr('legend')),
    el('h3', {}, tr('legend.operators')),
    el(
      'ul',
      {},
      ...OPERATORS.map((op) => legendRow('circle', op.color, op.label)),
      legendRow('circle', OTHER_OPERATOR_COLOR, tr('legend.otherOperator')),
      legendRow('ring', RING_5G_COLOR, tr('legend.ring5g')),
      legendRow('hollow', OTHER_OPERATOR_COLOR, tr('legend.hollow')),
    ),
    el('p', { class: 'hint' }, tr('legend.size')),
    el(
      'ul',
      {},
      // replaced by the map's status legend once the gap list is known (body.gaps-ready)
      villageByPowerRow(legendRow('circle', VILLAGE_COLORS.electrified, tr('legend.villageElectrified'))),
      villageByPowerRow(legendRow('circle', VILLAGE_COLORS.notElectrified, tr('legend.villageNoPower'))),
      legendRow('dash', POWER_LINE_COLOR, tr('legend.powerLine')),
      legendRow('box', COMMUNE_COLORS.line, tr('legend.commune')),
      ...(state.boundaries === 'real' || state.boundaries === 'synthetic'
        ? [legendRow('box', VILLAGE_COLORS.boundary, tr(state.boundaries === 'synthetic' ? 'legend.villageBoundarySynthetic' : 'legend.villageBoundary'))]
        : []),
    ),
  );

  root.replaceChildren(
    el('header', {}, el('h1', {}, tr('title')), langButtons),
    el('p', { class: 'subtitle' }, tr('subtitle')),
    switcher,
    legend,
    el('p', { id: 'synthetic-note', class: 'note', role: 'note' }, tr('syntheticNote')),
  );
}
