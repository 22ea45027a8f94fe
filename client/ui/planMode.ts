/**
 * Plan mode (the site editor): a click on the map places a station with the form's settings and
 * shows within about a second the area it covers and the gap villages it would give signal to
 * (POST /api/coverage/preview against the network on screen); a station can be dragged, changed
 * and removed, an existing site removed or changed, with undo and redo. The edits go into a named
 * scenario, made on the first edit and saved at every change (PUT with If-Match); "Save and show"
 * puts it on screen (the store's scenario: the app swaps its data in place).
 *
 * This file is the controller; planRender.ts draws the panel and popups, planMap.ts the map side,
 * planEdits.ts holds the pure helpers.
 */
import type { Feature, Point } from 'geojson';
import { Popup, type Map as MapLibreMap } from 'maplibre-gl';
import type { SiteProperties } from '../../core/model/types';
import type { ScenarioEdit } from '../../core/scenario/types';
import { NEW_STATION, newStation } from '../../core/siting/newStation';
import { ApiFailure, createScenario, getScenario, saveScenario, type ScenarioDoc } from '../api/scenario';
import { previewStation } from '../api/coverage';
import type { Store } from '../state/store';
import { t } from './i18n';
import { defaultPlanName, draftToken, planStationId, plannedStations, withoutStation } from './planEdits';
import { planMap } from './planMap';
import { renderPlanPanel, sitePopupContent, stationPopupContent, type StationForm } from './planRender';

/** What a new station gets unless the form says otherwise: the template the siting optimiser uses too. */
export const PLAN_DEFAULTS = NEW_STATION;

export interface PlanOptions {
  /** The page's state: language, and the scenario on screen (the one the plan edits). */
  store: Store;
  operators: string[];
}

export interface PlanController {
  active(): boolean;
  /** A map click while planning: true when the plan took it. */
  click(lngLat: [number, number], site: { id: string; properties: Record<string, unknown> } | null): boolean;
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
 * const plan = mountPlan(map, section, { store, operators });
 * map.on('click', (e) => plan.active() && plan.click([e.lngLat.lng, e.lngLat.lat], null));
 */
export function mountPlan(map: MapLibreMap, root: HTMLElement, o: PlanOptions): PlanController {
  const { store } = o;
  const lang = () => store.get().lang;
  const s = {
    on: false, doc: null as ScenarioDoc | null, etag: null as string | null, name: '',
    edits: [] as ScenarioEdit[], undo: [] as ScenarioEdit[][], redo: [] as ScenarioEdit[][],
    /** What the last preview found, and where the last save stands: two lines, so neither hides the other. */
    message: '', saveMessage: '', highlighted: [] as string[], pending: 0, counter: 0,
  };
  let saving: Promise<void> = Promise.resolve();
  /** Which scenario the plan holds: counts the scenarios put on screen (a late answer for another is dropped). */
  let loading = 0;
  const form: StationForm = { operator: o.operators[0] ?? 'Viettel', antennaHeightM: PLAN_DEFAULTS.antennaHeightM, techs: new Set(PLAN_DEFAULTS.techs), power: PLAN_DEFAULTS.power, backhaul: PLAN_DEFAULTS.backhaul };
  let popup: Popup | null = null;
  const openPopup = (at: [number, number], content: HTMLElement, maxWidth: string) => {
    popup?.remove();
    popup = new Popup({ maxWidth }).setLngLat(at).setDOMContent(content).addTo(map);
  };

  const drawn = planMap(map, {
    moved(id, at) {
      const before = plannedStations(s.edits).find((x) => x.properties.id === id);
      const moved = before ? { ...before, geometry: { type: 'Point' as const, coordinates: at } } : null;
      change([...s.edits, { op: 'modify', siteId: id, set: { lon: at[0], lat: at[1] } }], moved);
    },
    clicked: (id, at) => stationPopup(id, at),
  });
  const syncMarkers = () => drawn.markers(plannedStations(s.edits), s.on);

  const render = (): void => renderPlanPanel(root, {
    lang: lang(), on: s.on, name: s.name, operators: o.operators, form, edits: s.edits,
    canUndo: s.undo.length > 0, canRedo: s.redo.length > 0, busy: s.pending > 0, message: s.message, saveMessage: s.saveMessage,
  }, {
    toggle() {
      s.on = !s.on;
      map.getCanvas().style.cursor = s.on ? 'crosshair' : '';
      if (!s.on) {
        popup?.remove();
        clearPreview();
      }
      syncMarkers();
      render();
    },
    rename(name) {
      s.name = name;
      if (s.doc) save();
    },
    undo: () => step(s.undo, s.redo),
    redo: () => step(s.redo, s.undo),
    saveAndShow(name) {
      s.name = name || s.name;
      save();
      void saving.then(() => {
        if (s.doc) store.update({ scenario: s.doc.id });
      });
    },
  });

  /** Undo and redo: move the edit list from one stack to the other. */
  const step = (from: ScenarioEdit[][], to: ScenarioEdit[][]) => {
    const other = from.pop();
    if (!other) return;
    to.push(s.edits);
    s.edits = other;
    commit(null);
  };
  /** Applies a change to the edit list (undoable) and saves it. */
  const change = (next: ScenarioEdit[], preview: Feature<Point, SiteProperties> | null): void => {
    s.undo.push(s.edits);
    s.redo.length = 0;
    s.edits = next;
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
    const of = loading; // the scenario these edits belong to: another one on screen meanwhile, nothing is saved
    s.pending++;
    saving = saving.then(async () => {
      try {
        if (of !== loading) return;
        const set = { name: s.name || defaultPlanName(lang()), edits: s.edits };
        const saved = !s.doc || !s.etag ? await createScenario({ ...set, base: 'baseline' }) : await saveScenario(s.doc, s.etag, set);
        if (of !== loading) return;
        s.doc = saved.body;
        s.etag = saved.etag;
        s.name = s.doc.name;
        s.saveMessage = t(lang(), 'plan.saved', { version: s.doc.version });
      } catch (err) {
        if (of === loading) s.saveMessage = err instanceof ApiFailure && err.status === 412 ? t(lang(), 'plan.conflict') : t(lang(), 'plan.error', { error: (err as Error).message });
      } finally {
        s.pending--;
        render();
      }
    });
  };

  let previewSeq = 0;
  const clearPreview = (): void => {
    previewSeq++;
    drawn.clearPreview();
    s.highlighted = [];
  };
  const showPreview = async (site: Feature<Point, SiteProperties>): Promise<void> => {
    const seq = ++previewSeq;
    s.pending++;
    render();
    try {
      const answer = await previewStation(site, store.get().scenario);
      if (seq !== previewSeq) return;
      s.highlighted = answer.summary.newlyCoveredVillages.map((v) => v.id);
      drawn.preview(answer, s.highlighted);
      s.message = t(lang(), 'plan.preview', {
        area: answer.summary.areaKm2.toLocaleString(lang() === 'vi' ? 'vi-VN' : 'en-GB'),
        villages: answer.summary.villagesNewlyCovered ?? '…',
        names: answer.summary.newlyCoveredVillages.length ? `: ${answer.summary.newlyCoveredVillages.slice(0, 4).map((v) => v.name).join(', ')}` : '',
        ms: answer.summary.elapsedMs,
      });
    } catch (err) {
      if (seq === previewSeq) s.message = t(lang(), 'plan.error', { error: (err as Error).message });
    } finally {
      s.pending--;
      render();
    }
  };

  /** Actions on a planned station: operator, height, technologies, remove. */
  const stationPopup = (id: string, at: [number, number]): void => {
    const st = plannedStations(s.edits).find((x) => x.properties.id === id);
    if (!st) return;
    openPopup(at, stationPopupContent(st.properties, o.operators, lang(), {
      apply(set) {
        popup?.remove();
        if (Object.keys(set).length > 0) change([...s.edits, { op: 'modify', siteId: id, set }], { ...st, properties: { ...st.properties, ...set } });
      },
      remove() {
        popup?.remove();
        change(withoutStation(s.edits, id), null);
      },
    }), '280px');
  };
  /** Actions on an existing site: take it out, raise it, add 4G. */
  const sitePopup = (id: string, props: Record<string, unknown>, at: [number, number]): void =>
    openPopup(at, sitePopupContent(id, props, lang(), (edit) => {
      popup?.remove();
      change([...s.edits, edit], null);
    }), '260px');

  /** The scenario on screen is the one the plan edits: its edits are read (none for the baseline). */
  const load = (id: string | null): void => {
    // the plan's own scenario put on screen ("Save and show"): nothing to read, the undo stays
    if (id !== null && s.doc?.id === id) return;
    const mine = ++loading;
    popup?.remove();
    clearPreview();
    Object.assign(s, { doc: null, etag: null, name: '', edits: [], undo: [], redo: [], counter: 0, message: '', saveMessage: '' });
    syncMarkers();
    render();
    if (!id) return;
    s.pending++;
    void getScenario(id).then(({ body, etag }) => {
      if (mine !== loading) return;
      Object.assign(s, { doc: body, etag, name: body.name, edits: [...body.edits], counter: body.edits.filter((x) => x.op === 'add').length });
      syncMarkers();
    }).catch((err: unknown) => {
      if (mine === loading) s.message = t(lang(), 'plan.error', { error: (err as Error).message });
    }).finally(() => {
      s.pending--;
      render();
    });
  };
  load(store.get().scenario);
  store.subscribe((state, changed) => {
    if (changed.has('scenario')) load(state.scenario);
    else if (changed.has('lang')) render();
  });

  // the draft's own token while it has no scenario id yet: its stations' ids are unique too
  const draft = draftToken();
  const placeStation = (lngLat: [number, number]): Feature<Point, SiteProperties> => {
    s.counter++;
    const id = planStationId(s.doc?.id ?? draft, s.counter);
    return newStation({
      id, name: `${t(lang(), 'plan.stationName')} ${s.counter}`, lon: lngLat[0], lat: lngLat[1], operator: form.operator,
      antennaHeightM: form.antennaHeightM, techs: form.techs, power: form.power, backhaul: form.backhaul,
    });
  };

  return {
    active: () => s.on,
    click(lngLat, site) {
      if (!s.on) return false;
      if (site) {
        if (plannedStations(s.edits).some((x) => x.properties.id === site.id)) stationPopup(site.id, lngLat);
        else sitePopup(site.id, site.properties, lngLat);
        return true;
      }
      const station = placeStation(lngLat);
      change([...s.edits, { op: 'add', site: station }], station);
      return true;
    },
    edits: () => s.edits,
    stations: () => plannedStations(s.edits),
    scenarioId: () => s.doc?.id ?? null,
    highlighted: () => s.highlighted,
    busy: () => s.pending > 0,
  };
}
