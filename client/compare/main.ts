/**
 * The comparison page (leaders): two networks — the baseline or scenarios — on two synchronised
 * maps side by side, or on one map with a swipe divider; each map labelled; KPI cards A vs B with
 * the difference; the per-commune bar chart sorted by the gain; the villages gained and lost,
 * linked to the maps. The URL (compare.html#a=…&b=…&mode=…&map=…) restores it all.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/vietnamese-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/vietnamese-700.css';
import '../styles.css';
import './compare.css';
import { Map as MapLibreMap, NavigationControl, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import viFontUrl from '@fontsource/noto-sans/files/noto-sans-vietnamese-400-normal.woff2?url';
import latinFontUrl from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import { fetchCollection, fetchMapData, fetchTerrainTiles } from '../api/features';
import { listScenarios, type ScenarioDoc } from '../api/scenario';
import { VILLAGE_COLORS } from '../map/colors';
import { gapStatusColorExpression, villageStatusById } from '../map/gapStyle';
import { LAYER_IDS, SOURCE_IDS } from '../map/layers';
import { collectionBBox, communeLabelPoints, outsideMask, prepareSites } from '../map/prepare';
import { buildStyle } from '../map/style';
import type { Lang } from '../map/urlState';
import { el } from '../ui/dom';
import { t } from '../ui/i18n';
import { whoAmI } from '../api/session';
import { askLogin, keepSignedIn } from '../ui/login';
import { communeChart } from './chart';
import { formatCompareHash, parseCompareHash, type CompareState } from './state';
import { whenReady } from '../api/http';
import { coverageStatus } from '../api/coverage';
import { compareNetworks } from '../api/compare';
import { gapItems } from '../api/gaps';
import type { Comparison } from '../../core/wire';
import { refreshTilesAfterSignIn } from '../map/tileAuth';

setWorkerUrl(workerUrl);

declare global {
  interface Window {
    __compare?: { ready: boolean; maps: [MapLibreMap, MapLibreMap]; state: CompareState };
  }
}

const VIETNAMESE_RANGE = ['U+0102-0103', 'U+0110-0111', 'U+0128-0129', 'U+0168-0169', 'U+01A0-01A1', 'U+01AF-01B0', 'U+0300-0301', 'U+0303-0304', 'U+0308-0309', 'U+0323', 'U+0329', 'U+1EA0-1EF9', 'U+20AB'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


async function main(): Promise<void> {
  const state = parseCompareHash(location.hash);
  const lang: Lang = state.lang;
  // a server with users: log in first (the session cookie then serves every read)
  // and from then on, a 401 (the session ended) brings the login form back
  keepSignedIn((await whoAmI()) ?? (await askLogin(lang)), () => lang);
  document.documentElement.lang = lang;
  document.title = t(lang, 'compare.title');
  const head = document.getElementById('compare-head')!;
  const side = document.getElementById('compare-side')!;
  const status = el('p', { class: 'compare-status', role: 'status' }, t(lang, 'loading'));
  side.append(status);

  const scenarios: ScenarioDoc[] = await listScenarios().catch(() => []);
  const nameOf = (id: string) => (id === 'baseline' ? t(lang, 'scenario.baselineOption') : scenarios.find((s) => s.id === id)?.name ?? id);
  const write = () => history.replaceState(null, '', formatCompareHash(state));

  // the header: the two pickers and the mode
  const picker = (which: 'a' | 'b') => {
    const s = el('select', { id: `pick-${which}`, 'aria-label': `${which.toUpperCase()}` },
      el('option', state[which] === 'baseline' ? { value: 'baseline', selected: '' } : { value: 'baseline' }, t(lang, 'scenario.baselineOption')),
      ...scenarios.map((x) => el('option', x.id === state[which] ? { value: x.id, selected: '' } : { value: x.id }, x.name)));
    s.addEventListener('change', () => {
      state[which] = s.value;
      write();
      location.reload();
    });
    return el('label', { class: `pick pick-${which}` }, `${which.toUpperCase()}: `, s);
  };
  const modeBtn = el('button', { type: 'button', id: 'compare-mode' }, t(lang, state.mode === 'side' ? 'compare.toSwipe' : 'compare.toSide'));
  modeBtn.addEventListener('click', () => {
    state.mode = state.mode === 'side' ? 'swipe' : 'side';
    write();
    location.reload();
  });
  head.append(el('h1', {}, t(lang, 'compare.title')), picker('a'), picker('b'), modeBtn, el('a', { href: `./#lang=${lang}` }, t(lang, 'compare.back')));

  const [data, terrain] = await Promise.all([fetchMapData(), fetchTerrainTiles()]);
  const absolute = (url: string) => new URL(url, location.href).href;
  const bbox = collectionBBox(data.communes) ?? [-180, -85, 180, 85];
  const mapFor = async (container: string, id: string): Promise<MapLibreMap> => {
    const sites = await fetchCollection<typeof data.sites>('sites', id === 'baseline' ? null : id);
    const style = buildStyle({
      data: { communes: data.communes, communeLabels: communeLabelPoints(data.communes), villages: data.villages, sites: prepareSites(sites), powerLines: data.powerLines, outsideMask: outsideMask(data.outline) },
      terrain: terrain ?? undefined,
      fontFaces: [{ url: absolute(viFontUrl), unicodeRange: VIETNAMESE_RANGE }, { url: absolute(latinFontUrl) }],
    });
    const map = new MapLibreMap({
      container, style, fadeDuration: 0, attributionControl: false,
      ...(state.view ? { center: state.view.center, zoom: state.view.zoom } : { bounds: bbox as [number, number, number, number], fitBoundsOptions: { padding: 30 } }),
    });
    map.getContainer().append(el('div', { class: `map-label map-label-${container.slice(-1)}` }, `${container.slice(-1).toUpperCase()}: ${nameOf(id)}`));
    return map;
  };
  const [mapA, mapB] = await Promise.all([mapFor('map-a', state.a), mapFor('map-b', state.b)]);
  // tiles refused with 401 (the session ended): the login form, then those tiles again, on both maps
  refreshTilesAfterSignIn(mapA);
  refreshTilesAfterSignIn(mapB);
  mapB.addControl(new NavigationControl(), 'top-right');
  window.__compare = { ready: false, maps: [mapA, mapB], state };

  // moving one map moves the other
  let syncing = false;
  const follow = (from: MapLibreMap, to: MapLibreMap) => () => {
    if (syncing) return;
    syncing = true;
    to.jumpTo({ center: from.getCenter(), zoom: from.getZoom(), bearing: from.getBearing(), pitch: from.getPitch() });
    syncing = false;
  };
  mapA.on('move', follow(mapA, mapB));
  mapB.on('move', follow(mapB, mapA));
  mapA.on('moveend', () => {
    const c = mapA.getCenter();
    state.view = { zoom: mapA.getZoom(), center: [c.lng, c.lat] };
    write();
  });

  // the swipe: B over A, cut at the divider
  const maps = document.getElementById('maps')!;
  maps.classList.add(`mode-${state.mode}`);
  if (state.mode === 'swipe') {
    const divider = document.getElementById('swipe')!;
    divider.hidden = false;
    const cut = (x: number) => {
      const w = maps.clientWidth;
      const at = Math.max(0, Math.min(w, x));
      mapB.getContainer().style.clipPath = `inset(0 0 0 ${at}px)`;
      divider.style.left = `${at}px`;
    };
    cut(maps.clientWidth / 2);
    divider.addEventListener('pointerdown', (e) => {
      divider.setPointerCapture(e.pointerId);
      const move = (ev: PointerEvent) => cut(ev.clientX - maps.getBoundingClientRect().left);
      divider.addEventListener('pointermove', move);
      divider.addEventListener('pointerup', () => divider.removeEventListener('pointermove', move), { once: true });
    });
  }
  for (const m of [mapA, mapB]) m.resize();

  // the villages by status on each map
  const colourVillages = async (map: MapLibreMap, id: string) => {
    const gaps = await whenReady(() => gapItems<Record<string, unknown>>('limit=10000', id === 'baseline' ? null : id), () => {}, { everyMs: 1000 });
    const ids = new Set(gaps.features.map((f) => String(f.id ?? f.properties?.id)));
    const byId = villageStatusById(data.villages.features.map((f) => ({ id: String(f.properties.id), electrified: f.properties.electrified })), ids);
    const apply = () => {
      (map.getSource(SOURCE_IDS.villages) as GeoJSONSource).setData({ ...data.villages, features: data.villages.features.map((f) => ({ ...f, properties: { ...f.properties, gapStatus: byId.get(String(f.properties.id)) } })) });
      map.setPaintProperty(LAYER_IDS.villages, 'circle-color', gapStatusColorExpression(['case', ['==', ['get', 'electrified'], true], VILLAGE_COLORS.electrified, VILLAGE_COLORS.notElectrified]));
    };
    if (map.isStyleLoaded()) apply();
    else map.once('load', apply);
  };

  // each side's coverage first (its status answers 200 while it computes), so that no read meets a 503
  for (const id of [state.a, state.b]) {
    for (;;) {
      const st = await coverageStatus(id === 'baseline' ? null : id).catch(() => null);
      if (!st || st.state !== 'computing') break;
      status.textContent = t(lang, 'compare.evaluating', { percent: st.percent ?? 0 });
      await sleep(1000);
    }
  }
  const c = await whenReady(() => compareNetworks(state.a, state.b), (pct) => {
    status.textContent = t(lang, 'compare.evaluating', { percent: pct });
  }, { everyMs: 1000 });
  await Promise.all([colourVillages(mapA, state.a), colourVillages(mapB, state.b)]);
  status.remove();

  // KPI cards: A, B and the difference
  const fmt = (n: number) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  const signed = (n: number) => (n > 0 ? `+${fmt(n)}` : n < 0 ? `−${fmt(-n)}` : '±0');
  const card = (key: string, a: number, b: number, better: 'up' | 'down') => el('div', { class: `kpi-card ${b === a ? '' : (b > a) === (better === 'up') ? 'better' : 'worse'}`, 'data-kpi': key },
    el('span', { class: 'kpi-label' }, t(lang, key as never)),
    el('span', { class: 'kpi-ab' }, el('b', { class: 'kpi-a' }, fmt(a)), ' → ', el('b', { class: 'kpi-b' }, fmt(b))),
    el('span', { class: 'kpi-diff' }, signed(b - a)));
  side.append(el('section', { id: 'compare-kpis' },
    card('compare.withSignal', c.a.villagesWithSignal, c.b.villagesWithSignal, 'up'),
    card('compare.people', c.a.populationCovered, c.b.populationCovered, 'up'),
    card('compare.noSignalNoPower', c.a.villagesWithoutSignalWithoutPower, c.b.villagesWithoutSignalWithoutPower, 'down'),
    el('div', { class: 'kpi-card', 'data-kpi': 'compare.stations' }, el('span', { class: 'kpi-label' }, t(lang, 'compare.stations')),
      el('span', { class: 'kpi-ab' }, stationChanges(lang, c.stations))),
    el('div', { class: 'kpi-card', 'data-kpi': 'compare.cost' }, el('span', { class: 'kpi-label' }, t(lang, 'compare.cost', { currency: c.cost.currency })),
      el('span', { class: 'kpi-ab' }, el('b', {}, fmt(Math.round(c.cost.total / 1e6)))),
      el('span', { class: 'kpi-diff' }, t(lang, 'compare.costPayers', { operator: fmt(Math.round(c.cost.operator / 1e6)), fund: fmt(Math.round(c.cost.fund / 1e6)), power: fmt(Math.round(c.cost.powerUtility / 1e6)) })))));

  // the chart: the communes with a change, by the gain (then the rest, up to 15)
  const rows = c.byCommune.slice(0, 15).map((r) => ({ name: r.name ?? r.id, a: r.a.villagesWithSignal, b: r.b.villagesWithSignal }));
  side.append(el('section', { id: 'compare-chart' }, el('h2', {}, t(lang, 'compare.chart')), communeChart(rows, { a: `A: ${nameOf(state.a)}`, b: `B: ${nameOf(state.b)}` })));

  // the villages gained and lost, linked to the maps
  const fly = (id: string) => {
    const f = data.villages.features.find((v) => String(v.properties.id) === id);
    if (!f || f.geometry.type !== 'Point') return;
    mapA.flyTo({ center: f.geometry.coordinates as [number, number], zoom: Math.max(mapA.getZoom(), 12.5) });
  };
  const list = (key: string, vs: Comparison['villagesGained'], cls: string) => el('section', { class: `village-list ${cls}` },
    el('h2', {}, t(lang, key as never, { n: vs.length })),
    el('ol', {}, ...vs.slice(0, 200).map((v) => {
      const b = el('button', { type: 'button', 'data-village': v.id }, `${v.name} — ${v.communeName ?? ''} (${fmt(v.population)})`);
      b.addEventListener('click', () => fly(v.id));
      return el('li', {}, b);
    })));
  side.append(list('compare.gained', c.villagesGained, 'gained'), list('compare.lost', c.villagesLost, 'lost'));

  // what a leader takes away: the one-page report (page and PDF) and, for a scenario B, its work orders
  const ab = `a=${encodeURIComponent(state.a)}&b=${encodeURIComponent(state.b)}&lang=${lang}`;
  side.append(el('nav', { id: 'compare-outputs', 'aria-label': t(lang, 'compare.outputs') },
    el('h2', {}, t(lang, 'compare.outputs')),
    el('ul', {},
      el('li', {}, el('a', { href: `report.html?${ab}`, 'data-output': 'report' }, t(lang, 'compare.reportPage'))),
      el('li', {}, el('a', { href: `/api/scenarios/compare/report.pdf?${ab}`, 'data-output': 'pdf' }, t(lang, 'compare.reportPdf'))),
      ...(state.b !== 'baseline' ? [el('li', {}, el('a', { href: `/api/scenarios/${encodeURIComponent(state.b)}/work-orders?f=xlsx&lang=${lang}`, 'data-output': 'work-orders' }, t(lang, 'compare.workOrders')))] : []))));

  let loaded = 0;
  for (const m of [mapA, mapB]) {
    m.once('idle', () => {
      if (++loaded === 2) {
        window.__compare!.ready = true;
        document.body.dataset.ready = 'true';
      }
    });
    m.triggerRepaint();
  }
}

void main().catch((e: unknown) => {
  const s = document.getElementById('compare-side');
  if (s) s.textContent = (e as Error).message;
  console.error(e);
});

/** "3 trạm mới, 1 trạm tắt": only the kinds of change there are (never "−0 tắt"). */
function stationChanges(lang: Lang, s: Comparison['stations']): string {
  const parts = ([['compare.stationsAdded', s.added.length], ['compare.stationsRemoved', s.removed.length], ['compare.stationsChanged', s.changed.length]] as const)
    .filter(([, n]) => n > 0).map(([key, n]) => t(lang, key, { n: n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') }));
  return parts.length > 0 ? parts.join(', ') : t(lang, 'compare.stationsNone');
}
