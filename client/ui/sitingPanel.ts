/**
 * The planning panel: what to optimise (villages or people), for how many stations, what budget or
 * every village; the technology and operator of the gaps; the main cost settings. Runs a siting
 * plan on the server (POST /api/plans, followed with GET /api/plans/{id} and a progress bar), then
 * shows the proposed stations on the map (numbered in build order, linked to the villages each
 * brings signal to; a row click shows that station's coverage), the marginal-gain chart with the
 * bound, the build-order table with costs by payer, and saves the plan as a scenario.
 */
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { SiteProperties, Tech } from '../../core/model/types';
import { LABEL_FONT } from '../map/layers';
import type { Lang } from '../map/urlState';
import type { Store } from '../state/store';
import { el } from './dom';
import { t } from './i18n';
import { renderSitingResults } from './sitingResults';
import { previewStation } from '../api/coverage';
import { getPlan, planToScenario, startPlan } from '../api/plans';
import type { PlanDoc, PlanStationProperties } from '../../core/wire';

/** A plan as GET /api/plans/{id} gives it, and one proposed station's properties. */
export type { PlanDoc } from '../../core/wire';
type StationProps = PlanStationProperties;

export interface SitingOptions {
  /** The page's state: the language, and the scenario on screen (the plan is made on its network; a saved plan is put on screen). */
  store: Store;
  operators: string[];
  /** Where a village is, by id (the map's villages). */
  villageAt(id: string): [number, number] | null;
  /** The stations placed in Plan mode (the site editor): offered as candidates. */
  placed(): Feature<Point, SiteProperties>[];
}

export interface SitingController {
  /** For tests: the plan on screen and whether one runs. */
  plan(): PlanDoc | null;
  busy(): boolean;
}

const STATIONS = 'siting-stations';
const LINKS = 'siting-links';
const PREVIEW = 'siting-preview';


/**
 * @example
 * const siting = mountSiting(map, section, { store, operators, villageAt, placed });
 */
export function mountSiting(map: MapLibreMap, root: HTMLElement, o: SitingOptions): SitingController {
  let lang: Lang = o.store.get().lang;
  let open = false;
  let plan: PlanDoc | null = null;
  let running = false;
  let message = '';
  const form = {
    objective: 'villages' as 'villages' | 'population', goal: 'coverAll' as 'k' | 'budget' | 'coverAll', k: 10, budget: 20_000_000_000,
    /** Candidates of the user's own (a GeoJSON FeatureCollection of sites, uploaded), or null. */
    sites: null as FeatureCollection | null, sitesName: '',
    /** Also the stations placed in Plan mode as candidates (the plan is then made on the baseline). */
    usePlaced: false,
    tech: '' as '' | Tech, operator: '', currency: 'VND', newSite: 1_500_000_000, solarKit: 600_000_000, gridPerKm: 400_000_000, microwaveHop: 250_000_000, timeLimitS: 60,
  };

  const ensureLayers = (): void => {
    if (map.getSource(STATIONS)) return;
    map.addSource(PREVIEW, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({ id: PREVIEW, type: 'fill', source: PREVIEW, paint: { 'fill-color': '#7048e8', 'fill-opacity': 0.25, 'fill-outline-color': '#5f3dc4' } });
    map.addSource(LINKS, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({ id: LINKS, type: 'line', source: LINKS, paint: { 'line-color': '#5f3dc4', 'line-width': 1, 'line-opacity': 0.6, 'line-dasharray': [2, 2] } });
    map.addSource(STATIONS, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({ id: STATIONS, type: 'circle', source: STATIONS, paint: { 'circle-radius': 8, 'circle-color': '#5f3dc4', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } });
    map.addLayer({ id: `${STATIONS}-label`, type: 'symbol', source: STATIONS, layout: { 'text-field': ['to-string', ['get', 'order']], 'text-size': 10, 'text-font': [LABEL_FONT], 'text-allow-overlap': true }, paint: { 'text-color': '#ffffff' } });
  };
  const draw = (): void => {
    ensureLayers();
    const feats = plan?.stations?.features ?? [];
    (map.getSource(STATIONS) as GeoJSONSource).setData({ type: 'FeatureCollection', features: feats.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { order: f.properties.order, id: f.properties.id } })) });
    const links: Feature<LineString>[] = [];
    for (const f of feats) {
      for (const v of f.properties.addedVillageIds) {
        const at = o.villageAt(v);
        if (at) links.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: [f.geometry.coordinates, at] }, properties: {} });
      }
    }
    (map.getSource(LINKS) as GeoJSONSource).setData({ type: 'FeatureCollection', features: links });
    (map.getSource(PREVIEW) as GeoJSONSource).setData({ type: 'FeatureCollection', features: [] });
  };
  const showCoverage = async (s: StationProps): Promise<void> => {
    map.flyTo({ center: s.site.geometry.coordinates as [number, number], zoom: Math.max(map.getZoom(), 11) });
    try {
      const answer = await previewStation(s.site, o.store.get().scenario);
      ensureLayers();
      (map.getSource(PREVIEW) as GeoJSONSource).setData(answer);
    } catch (err) {
      message = t(lang, 'siting.error', { error: (err as Error).message });
      render();
    }
  };

  const run = async (): Promise<void> => {
    running = true;
    message = '';
    plan = null;
    render();
    const goal = form.goal === 'k' ? { k: form.k } : form.goal === 'budget' ? { budget: form.budget } : { coverAll: true };
    const body = {
      objective: form.objective, ...goal, tech: form.tech || null, operator: form.operator || null, scenario: o.store.get().scenario,
      costs: { currency: form.currency, newSite: form.newSite, solarKit: form.solarKit, gridPerKm: form.gridPerKm, microwaveHop: form.microwaveHop },
      timeLimitS: form.timeLimitS,
    };
    const own = [...(form.sites?.features ?? []), ...(form.usePlaced ? o.placed() : [])];
    if (own.length > 0) Object.assign(body, { sites: { type: 'FeatureCollection', features: own } });
    // placed stations are already in the scenario on screen: plan on the baseline with them as candidates
    if (form.usePlaced && o.placed().length > 0) body.scenario = null;
    try {
      const started = await startPlan(body);
      for (;;) {
        plan = await getPlan(started.id);
        render();
        if (plan.state === 'done' || plan.state === 'failed') break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      if (plan.state === 'failed') message = t(lang, 'siting.error', { error: plan.error ?? '' });
      else draw();
    } catch (err) {
      message = t(lang, 'siting.error', { error: (err as Error).message });
    }
    running = false;
    render();
  };

  const save = async (): Promise<void> => {
    if (!plan) return;
    running = true;
    render();
    try {
      const s = await planToScenario(plan.id, { lang });
      running = false;
      o.store.update({ scenario: s.id });
    } catch (err) {
      message = t(lang, 'siting.error', { error: (err as Error).message });
      running = false;
      render();
    }
  };

  const numberInput = (id: string, key: 'k' | 'budget' | 'newSite' | 'solarKit' | 'gridPerKm' | 'microwaveHop' | 'timeLimitS', min: number, max: number) => {
    const input = el('input', { type: 'number', id, min: String(min), max: String(max), value: String(form[key]) });
    input.addEventListener('change', () => {
      const v = Number(input.value);
      if (Number.isFinite(v) && v >= min && v <= max) form[key] = v;
      else input.value = String(form[key]);
    });
    return input;
  };
  const select = <K extends 'objective' | 'goal' | 'tech' | 'operator'>(id: string, key: K, options: [string, string][]) => {
    const s = el('select', { id }, ...options.map(([v, label]) => el('option', v === form[key] ? { value: v, selected: '' } : { value: v }, label)));
    s.addEventListener('change', () => {
      (form as Record<string, unknown>)[key] = s.value;
      render();
    });
    return s;
  };

  const results = (): Element[] => (plan ? renderSitingResults(plan, lang, { saving: running, showStation: (p) => void showCoverage(p), save: () => void save() }) : []);

  const render = (): void => {
    root.replaceChildren();
    const toggle = el('button', { type: 'button', id: 'siting-toggle', 'aria-pressed': String(open) }, t(lang, open ? 'siting.close' : 'siting.open'));
    toggle.addEventListener('click', () => {
      open = !open;
      render();
    });
    root.append(el('div', { class: 'plan-head' }, el('h2', {}, t(lang, 'siting.title')), toggle));
    if (!open) return;
    const goalInput = form.goal === 'k' ? numberInput('siting-k', 'k', 1, 2000) : form.goal === 'budget' ? numberInput('siting-budget', 'budget', 0, 1e15) : null;
    const currency = el('input', { type: 'text', id: 'siting-currency', value: form.currency, maxlength: '3', size: '3' });
    currency.addEventListener('change', () => (form.currency = currency.value.trim().toUpperCase() || 'VND'));
    // candidates of one's own: a GeoJSON file of sites (as collection sites has them)
    const upload = el('input', { type: 'file', id: 'siting-sites', accept: '.geojson,.json,application/geo+json,application/json' });
    upload.addEventListener('change', () => {
      const file = upload.files?.[0];
      if (!file) return;
      void file.text().then((text) => {
        const fc = JSON.parse(text) as FeatureCollection;
        if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new Error(t(lang, 'siting.sitesBad'));
        form.sites = fc;
        form.sitesName = file.name;
        message = '';
      }).catch((err: unknown) => {
        form.sites = null;
        message = t(lang, 'siting.error', { error: (err as Error).message });
      }).finally(render);
    });
    const placedBox = (): HTMLElement | null => {
      const n = o.placed().length;
      if (n === 0) return null;
      const box = el('input', form.usePlaced ? { type: 'checkbox', id: 'siting-placed', checked: '' } : { type: 'checkbox', id: 'siting-placed' });
      box.addEventListener('change', () => (form.usePlaced = box.checked));
      return el('label', {}, box, ` ${t(lang, 'siting.placed', { n })}`);
    };
    const runBtn = el('button', { type: 'button', id: 'siting-run' }, t(lang, 'siting.run'));
    runBtn.disabled = running;
    runBtn.addEventListener('click', () => void run());
    root.append(
      el('p', { class: 'plan-hint' }, t(lang, 'siting.hint')),
      el('div', { class: 'siting-form' },
        el('label', {}, `${t(lang, 'siting.objective')} `, select('siting-objective', 'objective', [['villages', t(lang, 'siting.objective.villages')], ['population', t(lang, 'siting.objective.population')]])),
        el('label', {}, `${t(lang, 'siting.goal')} `, select('siting-goal', 'goal', [['coverAll', t(lang, 'siting.goal.coverAll')], ['k', t(lang, 'siting.goal.k')], ['budget', t(lang, 'siting.goal.budget')]]), goalInput ? ' ' : '', goalInput),
        el('label', {}, `${t(lang, 'siting.tech')} `, select('siting-tech', 'tech', [['', t(lang, 'siting.anyTech')], ...(['2G', '3G', '4G', '5G'] as const).map((x) => [x, x] as [string, string])])),
        el('label', {}, `${t(lang, 'siting.operator')} `, select('siting-operator', 'operator', [['', t(lang, 'siting.anyOperator')], ...o.operators.map((x) => [x, x] as [string, string])])),
        el('details', { class: 'siting-costs' }, el('summary', {}, t(lang, 'siting.costs')),
          el('label', {}, `${t(lang, 'siting.currency')} `, currency),
          el('label', {}, `${t(lang, 'siting.newSite')} `, numberInput('siting-newSite', 'newSite', 0, 1e15)),
          el('label', {}, `${t(lang, 'siting.solarKit')} `, numberInput('siting-solarKit', 'solarKit', 0, 1e15)),
          el('label', {}, `${t(lang, 'siting.gridPerKm')} `, numberInput('siting-gridPerKm', 'gridPerKm', 0, 1e15)),
          el('label', {}, `${t(lang, 'siting.microwaveHop')} `, numberInput('siting-microwaveHop', 'microwaveHop', 0, 1e15)),
          el('label', {}, `${t(lang, 'siting.timeLimit')} `, numberInput('siting-timeLimit', 'timeLimitS', 1, 600))),
        el('label', {}, `${t(lang, 'siting.sites')} `, upload),
        placedBox(),
        form.sites ? el('p', { class: 'plan-hint', id: 'siting-sites-count' }, t(lang, 'siting.sitesCount', { n: form.sites.features.length, file: form.sitesName })) : null),
      el('div', { class: 'siting-actions' }, runBtn),
      ...results(),
      el('p', { class: 'plan-message', role: 'status' }, message),
    );
  };
  render();
  // the language relabels in place; another network on screen: the plan made on the one before goes
  o.store.subscribe((state, changed) => {
    if (changed.has('lang')) lang = state.lang;
    if (changed.has('scenario') && !running) {
      plan = null;
      message = '';
      if (map.getSource(STATIONS)) draw();
    }
    if (changed.has('lang') || changed.has('scenario')) render();
  });

  return {
    plan: () => plan,
    busy: () => running,
  };
}
