/**
 * Plan mode's render functions: the panel (form, undo/redo, the edit list, the two status lines)
 * and the popups on a planned station and on an existing site. They build DOM from what they are
 * given and call the handlers; the controller (planMode.ts) owns the state.
 */
import type { Cell, SiteBackhaul, SitePower, SiteProperties, Tech } from '../../core/model/types';
import type { ScenarioEdit } from '../../core/scenario/types';
import { NEW_STATION_CARRIERS } from '../../core/siting/newStation';
import type { Lang } from '../map/urlState';
import { el } from './dom';
import { t } from './i18n';
import { defaultPlanName, describeEdit } from './planEdits';

const TECHS: Tech[] = ['2G', '3G', '4G', '5G'];

/** The settings a new station gets (the form). */
export interface StationForm {
  operator: string;
  antennaHeightM: number;
  techs: Set<Tech>;
  power: SitePower;
  backhaul: SiteBackhaul;
}

export interface PlanPanelView {
  lang: Lang;
  on: boolean;
  name: string;
  operators: readonly string[];
  form: StationForm;
  edits: readonly ScenarioEdit[];
  canUndo: boolean;
  canRedo: boolean;
  busy: boolean;
  message: string;
  saveMessage: string;
}

export interface PlanPanelHandlers {
  toggle(): void;
  rename(name: string): void;
  undo(): void;
  redo(): void;
  /** Save and show: `name` is what the name box holds. */
  saveAndShow(name: string): void;
}

/**
 * Renders the plan section into `root` (replacing its content). The form's inputs write into
 * `view.form` directly: they change what the next station gets, nothing else.
 *
 * @example
 * renderPlanPanel(section, { lang: 'en', on: false, … }, handlers);
 */
export function renderPlanPanel(root: HTMLElement, v: PlanPanelView, h: PlanPanelHandlers): void {
  const { lang, form } = v;
  const toggle = el('button', { type: 'button', id: 'plan-toggle', 'aria-pressed': String(v.on) }, t(lang, v.on ? 'plan.leave' : 'plan.enter'));
  toggle.addEventListener('click', h.toggle);
  root.replaceChildren(el('div', { class: 'plan-head' }, el('h2', {}, t(lang, 'plan.title')), toggle));
  if (!v.on) return;
  const nameInput = el('input', { type: 'text', id: 'plan-name', value: v.name, placeholder: defaultPlanName(lang), maxlength: '200' });
  nameInput.addEventListener('change', () => h.rename(nameInput.value.trim()));
  const opSelect = el('select', { id: 'plan-operator' }, ...v.operators.map((op) => el('option', op === form.operator ? { value: op, selected: '' } : { value: op }, op)));
  opSelect.addEventListener('change', () => (form.operator = opSelect.value));
  const height = el('input', { type: 'number', id: 'plan-height', min: '5', max: '150', value: String(form.antennaHeightM) });
  height.addEventListener('change', () => {
    const m = Number(height.value);
    if (m >= 5 && m <= 150) form.antennaHeightM = m;
  });
  const techBoxes = TECHS.map((tech) => {
    const box = el('input', form.techs.has(tech) ? { type: 'checkbox', checked: '' } : { type: 'checkbox' });
    box.addEventListener('change', () => {
      if (box.checked) form.techs.add(tech);
      else if (form.techs.size > 1) form.techs.delete(tech);
      else box.checked = true; // a station needs at least one technology
    });
    return el('label', { class: 'plan-tech' }, box, ` ${tech}`);
  });
  const choice = (key: 'power' | 'backhaul', values: string[]) => {
    const s = el('select', { id: `plan-${key}` }, ...values.map((x) => el('option', x === form[key] ? { value: x, selected: '' } : { value: x }, t(lang, `plan.${key}.${x}` as never))));
    s.addEventListener('change', () => ((form as unknown as Record<string, string>)[key] = s.value));
    return s;
  };
  const button = (id: string, label: 'plan.undo' | 'plan.redo' | 'plan.save', enabled: boolean, onClick: () => void) => {
    const b = el('button', { type: 'button', id }, t(lang, label));
    b.disabled = !enabled;
    b.addEventListener('click', onClick);
    return b;
  };
  root.append(
    el('p', { class: 'plan-hint' }, t(lang, 'plan.hint')),
    el('label', {}, `${t(lang, 'plan.name')} `, nameInput),
    el('div', { class: 'plan-form' },
      el('label', {}, `${t(lang, 'field.operator')} `, opSelect),
      el('label', {}, `${t(lang, 'plan.height')} `, height),
      el('div', { class: 'plan-techs' }, ...techBoxes),
      el('label', {}, `${t(lang, 'plan.powerLabel')} `, choice('power', ['grid', 'solar', 'none'])),
      el('label', {}, `${t(lang, 'plan.backhaulLabel')} `, choice('backhaul', ['fiber', 'microwave', 'satellite']))),
    el('div', { class: 'plan-actions' },
      button('plan-undo', 'plan.undo', v.canUndo, h.undo),
      button('plan-redo', 'plan.redo', v.canRedo, h.redo),
      button('plan-save', 'plan.save', v.edits.length > 0 && !v.busy, () => h.saveAndShow(nameInput.value.trim()))),
    el('ol', { class: 'plan-edits' }, ...v.edits.map((e) => el('li', {}, describeEdit(e, lang)))),
    el('p', { class: 'plan-message', role: 'status' }, v.busy ? t(lang, 'plan.working') : v.message),
    el('p', { class: 'plan-save-status', role: 'status' }, v.saveMessage),
  );
}

/**
 * The popup on a planned station: operator, height, technologies; apply (only what changed goes
 * into the edit) or remove.
 *
 * @example
 * popup.setDOMContent(stationPopupContent(station.properties, operators, 'en', { apply: (set) => …, remove: () => … }));
 */
export function stationPopupContent(p: SiteProperties, operators: readonly string[], lang: Lang, h: { apply(set: Partial<SiteProperties>): void; remove(): void }): HTMLElement {
  const height = el('input', { type: 'number', min: '5', max: '150', step: '1', value: String(p.antennaHeightM), class: 'plan-height' });
  const op = el('select', { class: 'plan-station-operator' }, ...operators.map((x) => el('option', x === p.operator ? { value: x, selected: '' } : { value: x }, x)));
  const has = new Set(p.cells.map((c) => c.tech));
  const boxes = TECHS.map((tech) => [tech, el('input', has.has(tech) ? { type: 'checkbox', checked: '' } : { type: 'checkbox' })] as const);
  const apply = el('button', { type: 'button' }, t(lang, 'plan.apply'));
  apply.addEventListener('click', () => {
    const m = Number(height.value);
    const techs = boxes.filter(([, b]) => b.checked).map(([tech]) => tech);
    if (!(m >= 5 && m <= 150) || techs.length === 0) return;
    const set: Partial<SiteProperties> = {};
    if (m !== p.antennaHeightM) set.antennaHeightM = m;
    if (op.value !== p.operator) set.operator = op.value;
    if (techs.join() !== [...has].sort().join()) set.cells = techs.map((tech) => p.cells.find((c) => c.tech === tech) ?? { tech, ...NEW_STATION_CARRIERS[tech] });
    h.apply(set);
  });
  const remove = el('button', { type: 'button', class: 'plan-remove' }, t(lang, 'plan.removeStation'));
  remove.addEventListener('click', h.remove);
  return el('div', { class: 'plan-popup' },
    el('strong', {}, p.name),
    el('label', {}, `${t(lang, 'field.operator')} `, op),
    el('label', {}, `${t(lang, 'plan.height')} `, height),
    el('div', { class: 'plan-techs' }, ...boxes.map(([tech, b]) => el('label', { class: 'plan-tech' }, b, ` ${tech}`))),
    el('div', { class: 'plan-actions' }, apply, remove));
}

/** The cells of a site's properties as the map gives them (a JSON string) or as objects. */
function cellsOf(props: Record<string, unknown>): Cell[] {
  try {
    return (typeof props.cells === 'string' ? JSON.parse(props.cells) : props.cells ?? []) as Cell[];
  } catch {
    return [];
  }
}

/**
 * The popup on an existing site: take it out, raise it by 10 m, add 4G (when it has none).
 *
 * @example
 * popup.setDOMContent(sitePopupContent('S1', props, 'en', (edit) => …));
 */
export function sitePopupContent(id: string, props: Record<string, unknown>, lang: Lang, choose: (edit: ScenarioEdit) => void): HTMLElement {
  const heightM = Number(props.antennaHeightM) || 30;
  const action = (label: string, edit: ScenarioEdit) => {
    const b = el('button', { type: 'button' }, label);
    b.addEventListener('click', () => choose(edit));
    return b;
  };
  const cells = cellsOf(props);
  const buttons = [
    action(t(lang, 'plan.decommission'), { op: 'remove', siteId: id }),
    action(t(lang, 'plan.raise', { height: heightM + 10 }), { op: 'modify', siteId: id, set: { antennaHeightM: heightM + 10 } }),
  ];
  if (cells.length > 0 && !cells.some((c) => c.tech === '4G')) {
    buttons.push(action(t(lang, 'plan.add4g'), { op: 'modify', siteId: id, set: { cells: [...cells, { tech: '4G', ...NEW_STATION_CARRIERS['4G'] }] } }));
  }
  return el('div', { class: 'plan-popup' }, el('strong', {}, `${t(lang, 'popup.site')} ${id}`), el('div', { class: 'plan-actions' }, ...buttons));
}
