/**
 * Plan mode (the site editor): a click on the map places a station with the form's settings and
 * shows within about a second the area it covers and the gap villages it would give signal to
 * (POST /api/coverage/preview against the network on screen); a station can be dragged, changed
 * and removed, an existing site removed or changed, with undo and redo. The edits go into a named
 * scenario, made on the first edit and saved at every change (PUT with If-Match); "Save and show"
 * switches the whole app to it (the URL carries it).
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import { Marker, Popup, type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import type { Cell, SiteProperties, Tech } from '../../core/model/types';
import type { ScenarioEdit } from '../../core/scenario/types';
import { NEW_STATION, NEW_STATION_CARRIERS, newStation } from '../../core/siting/newStation';
import { ApiFailure, createScenario, getScenario, saveScenario, type ScenarioDoc } from '../api/scenario';
import { previewStation } from '../api/coverage';
import type { PreviewAnswer } from '../../core/wire';
import { LAYER_IDS } from '../map/layers';
import type { Lang } from '../map/urlState';
import { el } from './dom';
import { t } from './i18n';

/** What a new station gets unless the form says otherwise: the template the siting optimiser uses too. */
export const PLAN_DEFAULTS = NEW_STATION;
const CARRIERS = NEW_STATION_CARRIERS;

const PREVIEW_SOURCE = 'plan-preview';
const PREVIEW_LAYER = 'plan-preview-fill';
const NEWLY_LAYER = 'plan-newly-covered';

export interface PlanOptions {
  lang: Lang;
  operators: string[];
  /** The scenario on screen (its edits are what the plan starts from), or null for the baseline. */
  scenario: string | null;
  /** Show the saved scenario (switch the app to it). */
  show(id: string): void;
}

export interface PlanController {
  active(): boolean;
  /** A map click while planning: true when the plan took it. */
  click(lngLat: [number, number], site: { id: string; properties: Record<string, unknown> } | null): boolean;
  setLang(lang: Lang): void;
  /** For tests and the URL: the edits, the scenario and the villages highlighted as newly covered. */
  edits(): ScenarioEdit[];
  /** The stations the edits place (as the later edits leave them): candidates for the siting panel. */
  stations(): Feature<Point, SiteProperties>[];
  scenarioId(): string | null;
  highlighted(): string[];
  busy(): boolean;
}

/**
 * @example
 * const plan = mountPlan(map, section, { lang: 'vi', operators, scenario: null, show: (id) => … });
 * map.on('click', (e) => plan.active() && plan.click([e.lngLat.lng, e.lngLat.lat], null));
 */
export function mountPlan(map: MapLibreMap, root: HTMLElement, o: PlanOptions): PlanController {
  let lang = o.lang;
  let on = false;
  let doc: ScenarioDoc | null = null;
  let etag: string | null = null;
  let name = '';
  let edits: ScenarioEdit[] = [];
  const undo: ScenarioEdit[][] = [];
  const redo: ScenarioEdit[][] = [];
  /** What the last preview found, and where the last save stands: two lines, so neither hides the other. */
  let message = '';
  let saveMessage = '';
  let highlighted: string[] = [];
  let pending = 0;
  let saving: Promise<void> = Promise.resolve();
  let counter = 0;
  const markers = new Map<string, Marker>();
  const form = { operator: o.operators[0] ?? 'Viettel', antennaHeightM: PLAN_DEFAULTS.antennaHeightM as number, techs: new Set<Tech>(PLAN_DEFAULTS.techs), power: PLAN_DEFAULTS.power, backhaul: PLAN_DEFAULTS.backhaul };

  // the scenario on screen is the one the plan edits
  if (o.scenario) {
    pending++;
    void getScenario(o.scenario).then(({ body, etag: e }) => {
      doc = body;
      etag = e;
      name = body.name;
      edits = [...body.edits];
      counter = edits.filter((x) => x.op === 'add').length;
      syncMarkers();
    }).catch((err: unknown) => {
      message = t(lang, 'plan.error', { error: (err as Error).message });
    }).finally(() => {
      pending--;
      render();
    });
  }

  const placeStation = (lngLat: [number, number]): Feature<Point, SiteProperties> => {
    counter++;
    const id = `PLAN-${(doc?.id ?? 'new').slice(0, 8)}-${String(counter).padStart(3, '0')}`;
    return newStation({
      id, name: `${t(lang, 'plan.stationName')} ${counter}`, lon: lngLat[0], lat: lngLat[1], operator: form.operator,
      antennaHeightM: form.antennaHeightM, techs: form.techs, power: form.power, backhaul: form.backhaul,
    });
  };

  /** The station an add edit places, as the edits leave it (later modify edits applied). */
  const stations = (): Feature<Point, SiteProperties>[] => {
    const out = new Map<string, Feature<Point, SiteProperties>>();
    for (const e of edits) {
      if (e.op === 'add') out.set(e.site.properties.id, e.site);
      else if (e.op === 'remove') out.delete(e.siteId);
      else if (e.op === 'modify' && out.has(e.siteId)) {
        const s = out.get(e.siteId)!;
        const { lon, lat, ...props } = e.set;
        out.set(e.siteId, { ...s, geometry: { type: 'Point', coordinates: [lon ?? s.geometry.coordinates[0], lat ?? s.geometry.coordinates[1]] }, properties: { ...s.properties, ...props } });
      }
    }
    return [...out.values()];
  };

  /** Applies a change to the edit list (undoable) and saves it. */
  const change = (next: ScenarioEdit[], preview: Feature<Point, SiteProperties> | null): void => {
    undo.push(edits);
    redo.length = 0;
    edits = next;
    commit(preview);
  };
  const commit = (preview: Feature<Point, SiteProperties> | null): void => {
    syncMarkers();
    render();
    if (preview) void showPreview(preview);
    else clearPreview();
    save();
  };

  /** Saves the edits: the scenario is made on the first edit, then replaced at its version. */
  const save = (): void => {
    pending++;
    saving = saving.then(async () => {
      try {
        const set = { name: name || defaultName(lang), edits };
        if (!doc || !etag) {
          const made = await createScenario({ ...set, base: 'baseline' });
          doc = made.body;
          etag = made.etag;
          name = doc.name;
        } else {
          const saved = await saveScenario(doc, etag, set);
          doc = saved.body;
          etag = saved.etag;
        }
        saveMessage = t(lang, 'plan.saved', { version: doc.version });
      } catch (err) {
        saveMessage = err instanceof ApiFailure && err.status === 412 ? t(lang, 'plan.conflict') : t(lang, 'plan.error', { error: (err as Error).message });
      } finally {
        pending--;
        render();
      }
    });
  };

  const ensureLayers = (): void => {
    if (!map.getSource(PREVIEW_SOURCE)) {
      map.addSource(PREVIEW_SOURCE, { type: 'geojson', data: emptyFc() });
      map.addLayer({ id: PREVIEW_LAYER, type: 'fill', source: PREVIEW_SOURCE, paint: { 'fill-color': '#1d6fd1', 'fill-opacity': 0.28, 'fill-outline-color': '#0b4a94' } });
    }
    if (!map.getLayer(NEWLY_LAYER) && map.getLayer(LAYER_IDS.villages)) {
      const source = (map.getLayer(LAYER_IDS.villages) as unknown as { source: string }).source;
      map.addLayer({
        id: NEWLY_LAYER, type: 'circle', source, filter: ['in', ['to-string', ['get', 'id']], ['literal', ['']]],
        paint: { 'circle-radius': 9, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#ffb000', 'circle-stroke-width': 3 },
      });
    }
  };
  const clearPreview = (): void => {
    (map.getSource(PREVIEW_SOURCE) as GeoJSONSource | undefined)?.setData(emptyFc());
    highlighted = [];
    if (map.getLayer(NEWLY_LAYER)) map.setFilter(NEWLY_LAYER, ['in', ['to-string', ['get', 'id']], ['literal', ['']]]);
  };
  let previewSeq = 0;
  const showPreview = async (site: Feature<Point, SiteProperties>): Promise<void> => {
    const seq = ++previewSeq;
    pending++;
    render();
    try {
      const answer: PreviewAnswer = await previewStation(site);
      if (seq !== previewSeq) return;
      ensureLayers();
      (map.getSource(PREVIEW_SOURCE) as GeoJSONSource).setData(answer);
      highlighted = answer.summary.newlyCoveredVillages.map((v) => v.id);
      if (map.getLayer(NEWLY_LAYER)) map.setFilter(NEWLY_LAYER, ['in', ['to-string', ['get', 'id']], ['literal', highlighted.length ? highlighted : ['']]]);
      message = t(lang, 'plan.preview', {
        area: answer.summary.areaKm2.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB'),
        villages: answer.summary.villagesNewlyCovered ?? '…',
        names: answer.summary.newlyCoveredVillages.length ? `: ${answer.summary.newlyCoveredVillages.slice(0, 4).map((v) => v.name).join(', ')}` : '',
        ms: answer.summary.elapsedMs,
      });
    } catch (err) {
      if (seq === previewSeq) message = t(lang, 'plan.error', { error: (err as Error).message });
    } finally {
      pending--;
      render();
    }
  };

  /** One draggable marker per planned station. */
  const syncMarkers = (): void => {
    const now = stations();
    const ids = new Set(now.map((s) => s.properties.id));
    for (const [id, m] of markers) if (!ids.has(id) || !on) { m.remove(); markers.delete(id); }
    if (!on) return;
    for (const s of now) {
      const at = s.geometry.coordinates as [number, number];
      let m = markers.get(s.properties.id);
      if (!m) {
        const dot = el('div', { class: 'plan-marker', title: s.properties.name, 'data-site': s.properties.id });
        m = new Marker({ element: dot, draggable: true }).setLngLat(at).addTo(map);
        const id = s.properties.id;
        m.on('dragend', () => {
          const p = m!.getLngLat();
          const at2: [number, number] = [round6(p.lng), round6(p.lat)];
          const before = stations().find((x) => x.properties.id === id);
          const moved = before ? { ...before, geometry: { type: 'Point' as const, coordinates: at2 } } : null;
          change([...edits, { op: 'modify', siteId: id, set: { lon: at2[0], lat: at2[1] } }], moved);
        });
        dot.addEventListener('click', (ev) => {
          ev.stopPropagation();
          stationPopup(id, m!.getLngLat().toArray() as [number, number]);
        });
        markers.set(id, m);
      } else {
        m.setLngLat(at);
      }
    }
  };

  let popup: Popup | null = null;
  /** Actions on a planned station: height, remove. */
  const stationPopup = (id: string, at: [number, number]): void => {
    const s = stations().find((x) => x.properties.id === id);
    if (!s) return;
    const height = el('input', { type: 'number', min: '5', max: '150', step: '1', value: String(s.properties.antennaHeightM), class: 'plan-height' });
    const op = el('select', { class: 'plan-station-operator' }, ...o.operators.map((x) => el('option', x === s.properties.operator ? { value: x, selected: '' } : { value: x }, x)));
    const has = new Set(s.properties.cells.map((c) => c.tech));
    const boxes = (['2G', '3G', '4G', '5G'] as Tech[]).map((tech) => [tech, el('input', has.has(tech) ? { type: 'checkbox', checked: '' } : { type: 'checkbox' })] as const);
    const apply = el('button', { type: 'button' }, t(lang, 'plan.apply'));
    apply.addEventListener('click', () => {
      const h = Number(height.value);
      const techs = boxes.filter(([, b]) => b.checked).map(([tech]) => tech);
      if (!(h >= 5 && h <= 150) || techs.length === 0) return;
      // only what changed goes into the edit
      const set: Partial<SiteProperties> = {};
      if (h !== s.properties.antennaHeightM) set.antennaHeightM = h;
      if (op.value !== s.properties.operator) set.operator = op.value;
      if (techs.join() !== [...has].sort().join()) set.cells = techs.map((tech) => s.properties.cells.find((c) => c.tech === tech) ?? { tech, ...CARRIERS[tech] });
      popup?.remove();
      if (Object.keys(set).length === 0) return;
      change([...edits, { op: 'modify', siteId: id, set }], { ...s, properties: { ...s.properties, ...set } });
    });
    const remove = el('button', { type: 'button', class: 'plan-remove' }, t(lang, 'plan.removeStation'));
    remove.addEventListener('click', () => {
      popup?.remove();
      change(edits.filter((e) => !(e.op === 'add' && e.site.properties.id === id) && !('siteId' in e && e.siteId === id)), null);
    });
    popup?.remove();
    popup = new Popup({ maxWidth: '280px' }).setLngLat(at).setDOMContent(el('div', { class: 'plan-popup' },
      el('strong', {}, s.properties.name),
      el('label', {}, `${t(lang, 'field.operator')} `, op),
      el('label', {}, `${t(lang, 'plan.height')} `, height),
      el('div', { class: 'plan-techs' }, ...boxes.map(([tech, b]) => el('label', { class: 'plan-tech' }, b, ` ${tech}`))),
      el('div', { class: 'plan-actions' }, apply, remove))).addTo(map);
  };
  /** Actions on an existing site: take it out, raise it, add 4G. */
  const sitePopup = (id: string, props: Record<string, unknown>, at: [number, number]): void => {
    const h = Number(props.antennaHeightM) || 30;
    const buttons: HTMLButtonElement[] = [];
    const action = (label: string, edit: ScenarioEdit) => {
      const b = el('button', { type: 'button' }, label);
      b.addEventListener('click', () => {
        popup?.remove();
        change([...edits, edit], null);
      });
      buttons.push(b);
    };
    action(t(lang, 'plan.decommission'), { op: 'remove', siteId: id });
    action(t(lang, 'plan.raise', { height: h + 10 }), { op: 'modify', siteId: id, set: { antennaHeightM: h + 10 } });
    let techs: string[] = [];
    try {
      techs = (typeof props.cells === 'string' ? JSON.parse(props.cells) : (props.cells as Cell[] | undefined) ?? []).map((c: Cell) => c.tech);
    } catch {
      techs = [];
    }
    if (techs.length > 0 && !techs.includes('4G')) {
      const existing = typeof props.cells === 'string' ? JSON.parse(props.cells) as Cell[] : (props.cells as Cell[]);
      action(t(lang, 'plan.add4g'), { op: 'modify', siteId: id, set: { cells: [...existing, { tech: '4G', ...CARRIERS['4G'] }] } });
    }
    popup?.remove();
    popup = new Popup({ maxWidth: '260px' }).setLngLat(at).setDOMContent(el('div', { class: 'plan-popup' },
      el('strong', {}, `${t(lang, 'popup.site')} ${id}`), el('div', { class: 'plan-actions' }, ...buttons))).addTo(map);
  };

  const render = (): void => {
    root.replaceChildren();
    const toggle = el('button', { type: 'button', id: 'plan-toggle', 'aria-pressed': String(on) }, t(lang, on ? 'plan.leave' : 'plan.enter'));
    toggle.addEventListener('click', () => {
      on = !on;
      map.getCanvas().style.cursor = on ? 'crosshair' : '';
      if (!on) {
        popup?.remove();
        clearPreview();
      }
      syncMarkers();
      render();
    });
    root.append(el('div', { class: 'plan-head' }, el('h2', {}, t(lang, 'plan.title')), toggle));
    if (!on) return;
    const nameInput = el('input', { type: 'text', id: 'plan-name', value: name, placeholder: defaultName(lang), maxlength: '200' });
    nameInput.addEventListener('change', () => {
      name = nameInput.value.trim();
      if (doc) save();
    });
    const opSelect = el('select', { id: 'plan-operator' }, ...o.operators.map((op) => el('option', op === form.operator ? { value: op, selected: '' } : { value: op }, op)));
    opSelect.addEventListener('change', () => (form.operator = opSelect.value));
    const height = el('input', { type: 'number', id: 'plan-height', min: '5', max: '150', value: String(form.antennaHeightM) });
    height.addEventListener('change', () => {
      const h = Number(height.value);
      if (h >= 5 && h <= 150) form.antennaHeightM = h;
    });
    const techBoxes = (['2G', '3G', '4G', '5G'] as Tech[]).map((tech) => {
      const box = el('input', form.techs.has(tech) ? { type: 'checkbox', checked: '' } : { type: 'checkbox' });
      box.addEventListener('change', () => {
        if (box.checked) form.techs.add(tech);
        else if (form.techs.size > 1) form.techs.delete(tech);
        else box.checked = true; // a station needs at least one technology
      });
      return el('label', { class: 'plan-tech' }, box, ` ${tech}`);
    });
    const choice = <K extends 'power' | 'backhaul'>(key: K, values: string[]) => {
      const s = el('select', { id: `plan-${key}` }, ...values.map((v) => el('option', v === form[key] ? { value: v, selected: '' } : { value: v }, t(lang, `plan.${key}.${v}` as never))));
      s.addEventListener('change', () => ((form as Record<string, unknown>)[key] = s.value));
      return s;
    };
    // undo and redo: move the edit list from one stack to the other
    const stepButton = (id: string, label: 'plan.undo' | 'plan.redo', from: ScenarioEdit[][], to: ScenarioEdit[][]) => {
      const b = el('button', { type: 'button', id }, t(lang, label));
      b.disabled = from.length === 0;
      b.addEventListener('click', () => {
        const other = from.pop();
        if (!other) return;
        to.push(edits);
        edits = other;
        commit(null);
      });
      return b;
    };
    const undoBtn = stepButton('plan-undo', 'plan.undo', undo, redo);
    const redoBtn = stepButton('plan-redo', 'plan.redo', redo, undo);
    const show = el('button', { type: 'button', id: 'plan-save' }, t(lang, 'plan.save'));
    show.disabled = edits.length === 0 || pending > 0;
    show.addEventListener('click', () => {
      name = nameInput.value.trim() || name;
      save();
      void saving.then(() => {
        if (doc) o.show(doc.id);
      });
    });
    const list = el('ol', { class: 'plan-edits' }, ...edits.map((e) => el('li', {}, describeEdit(e, lang))));
    root.append(
      el('p', { class: 'plan-hint' }, t(lang, 'plan.hint')),
      el('label', {}, `${t(lang, 'plan.name')} `, nameInput),
      el('div', { class: 'plan-form' },
        el('label', {}, `${t(lang, 'field.operator')} `, opSelect),
        el('label', {}, `${t(lang, 'plan.height')} `, height),
        el('div', { class: 'plan-techs' }, ...techBoxes),
        el('label', {}, `${t(lang, 'plan.powerLabel')} `, choice('power', ['grid', 'solar', 'none'])),
        el('label', {}, `${t(lang, 'plan.backhaulLabel')} `, choice('backhaul', ['fiber', 'microwave', 'satellite']))),
      el('div', { class: 'plan-actions' }, undoBtn, redoBtn, show),
      list,
      el('p', { class: 'plan-message', role: 'status' }, pending > 0 ? t(lang, 'plan.working') : message),
      el('p', { class: 'plan-save-status', role: 'status' }, saveMessage),
    );
  };
  render();

  return {
    active: () => on,
    click(lngLat, site) {
      if (!on) return false;
      if (site) {
        const planned = stations().some((s) => s.properties.id === site.id);
        if (planned) stationPopup(site.id, lngLat);
        else sitePopup(site.id, site.properties, lngLat);
        return true;
      }
      const station = placeStation(lngLat);
      change([...edits, { op: 'add', site: station }], station);
      return true;
    },
    setLang(l) {
      lang = l;
      render();
    },
    edits: () => edits,
    stations: () => stations(),
    scenarioId: () => doc?.id ?? null,
    highlighted: () => highlighted,
    busy: () => pending > 0,
  };
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const emptyFc = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });
const defaultName = (lang: Lang): string => `${t(lang, 'plan.defaultName')} ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;

/** One line per edit in the plan's list. */
function describeEdit(e: ScenarioEdit, lang: Lang): string {
  switch (e.op) {
    case 'add':
      return t(lang, 'plan.edit.add', { name: e.site.properties.name, operator: e.site.properties.operator, height: e.site.properties.antennaHeightM, techs: e.site.properties.cells.map((c) => c.tech).join('+') });
    case 'remove':
      return t(lang, 'plan.edit.remove', { id: e.siteId });
    case 'modify':
      return t(lang, 'plan.edit.modify', { id: e.siteId, what: Object.keys(e.set).join(', ') });
    default:
      return t(lang, 'plan.edit.options');
  }
}
