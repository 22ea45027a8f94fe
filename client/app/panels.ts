/**
 * The analysis panels, mounted once the map has loaded: coverage (when the server computes it),
 * the gap analysis, plan mode and the siting optimiser (for a role that may plan), and the import
 * form (for a role that may import). Each follows the store on its own; `Panels` is what the click
 * router and the tests reach them by.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapData } from '../api/features';
import { health, takesImports } from '../api/server';
import type { Store } from '../state/store';
import { mountGaps, type GapsController } from '../ui/gapsMount';
import { mountImportForm } from '../ui/importForm';
import { mountPlan, type PlanController } from '../ui/planMode';
import { mountCoverage, type CoverageController } from '../ui/signalPanel';
import { mountSiting, type SitingController } from '../ui/sitingPanel';
import type { PageData } from './lookups';

/** The panels mounted so far (filled in as the server's answers come). */
export interface Panels {
  coverage?: CoverageController;
  gaps?: GapsController;
  plan?: PlanController;
  siting?: SitingController;
}

export interface AnalysisContext {
  map: MapLibreMap;
  store: Store;
  page: PageData;
  bbox: [number, number, number, number];
  /** The side panel's legend section: the coverage section goes above it, the import form after. */
  panel: HTMLElement;
  /** Opens a village's popup (the gap table's row click). */
  openVillage(id: string, lngLat: [number, number]): void;
  /** After an import: the layer's new version read and shown (map/reloadLayer.ts). */
  reloadLayer(layer: string): Promise<void>;
}

const section = (id: string) => Object.assign(document.createElement('section'), { id });

/**
 * Mounts the panels into `panels` as the server says what it offers.
 *
 * @example
 * const panels: Panels = {};
 * await mountAnalysis(panels, { map, store, page, bbox, panel, openVillage, reloadLayer });
 */
export async function mountAnalysis(panels: Panels, c: AnalysisContext): Promise<void> {
  const { map, store, page } = c;
  const me = store.get().user;
  if (me?.may.imports) void takesImports().then((yes) => {
    if (!yes) return;
    const form = section('import-panel');
    c.panel.after(form);
    const imports = mountImportForm(form, { lang: store.get().lang, onApplied: c.reloadLayer });
    store.subscribe((s, changed) => changed.has('lang') && imports.setLang(s.lang));
  }).catch(() => {});
  const h = await health().catch(() => null);
  if (!h?.coverage) return;
  const coverageSection = section('coverage-panel');
  c.panel.before(coverageSection); // above the long legend: the computing line and the switch stay in view
  const operators = page.operators();
  panels.coverage = mountCoverage(map, coverageSection, store, operators, c.bbox);
  // the gap analysis: KPI header, gap table, villages by status, commune choropleth
  panels.gaps = mountGaps(map, { store, villages: page.data.villages, communes: page.data.communes, operators, downloads: me?.may.download !== false, openVillage: c.openVillage });
  // the site editor and the siting optimiser: need the coverage (previews), and a role that may plan
  if (!me?.may.plan) return;
  const planSection = section('plan-panel');
  coverageSection.after(planSection);
  panels.plan = mountPlan(map, planSection, { store, operators });
  const sitingSection = section('siting-panel');
  planSection.after(sitingSection);
  const villageAt = new Map(page.data.villages.features.map((f) => [String(f.properties.id), f.geometry.coordinates as [number, number]]));
  panels.siting = mountSiting(map, sitingSection, { store, operators, villageAt: (id) => villageAt.get(id) ?? null, placed: () => panels.plan?.stations() ?? [] });
}

/**
 * The data changed (an import): the coverage follows the new computation, the gap analysis is read
 * again with the new villages and communes.
 *
 * @example
 * refreshAnalysis(panels, page.data);
 */
export function refreshAnalysis(panels: Panels, data: MapData): void {
  panels.coverage?.refresh();
  void panels.gaps?.refresh({ villages: data.villages, communes: data.communes });
}
