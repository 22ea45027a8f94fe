/**
 * Plan mode's pure helpers: the stations a list of scenario edits places, one line per edit, and
 * the default name of a new scenario.
 */
import type { Feature, Point } from 'geojson';
import type { SiteProperties } from '../../core/model/types';
import type { ScenarioEdit } from '../../core/scenario/types';
import type { Lang } from '../map/urlState';
import { t } from './i18n';

/**
 * The stations the add edits place, as the later edits leave them (modify applied, remove dropped).
 *
 * @example
 * plannedStations([{ op: 'add', site }, { op: 'modify', siteId: site.properties.id, set: { antennaHeightM: 40 } }])[0].properties.antennaHeightM // 40
 */
export function plannedStations(edits: readonly ScenarioEdit[]): Feature<Point, SiteProperties>[] {
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
}

/**
 * The edits without a planned station (its add and every later edit of it).
 *
 * @example
 * withoutStation(edits, 'PLAN-a1-001')
 */
export function withoutStation(edits: readonly ScenarioEdit[], id: string): ScenarioEdit[] {
  return edits.filter((e) => !(e.op === 'add' && e.site.properties.id === id) && !('siteId' in e && e.siteId === id));
}

/**
 * One line per edit in the plan's list.
 *
 * @example
 * describeEdit({ op: 'remove', siteId: 'S1' }, 'en') // '− decommission S1'
 */
export function describeEdit(e: ScenarioEdit, lang: Lang): string {
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

/**
 * A coordinate to 6 decimals (≈ 0.1 m), as the plan saves dragged stations.
 *
 * @example
 * round6(106.12345678) // 106.123457
 */
export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * The name of a scenario made before the user names it.
 *
 * @example
 * defaultPlanName('en') // 'Plan 07/12/2026, 14:05' (the prefix from i18n's plan.defaultName, the local time)
 */
export const defaultPlanName = (lang: Lang, when: Date = new Date()): string =>
  `${t(lang, 'plan.defaultName')} ${new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(when)}`;

/**
 * The id of the n-th station placed in a draft: PLAN-<scenario id, or the draft's own random token>-NNN,
 * so that no two scenarios' stations share an id (their work orders would collide).
 *
 * @example
 * planStationId('a1b2c3d4', 3) // 'PLAN-a1b2c3d4-003'
 */
export const planStationId = (scope: string, n: number): string => `PLAN-${scope.slice(0, 8)}-${String(n).padStart(3, '0')}`;

/** A random token of 8 hex digits (crypto.getRandomValues: randomUUID needs a secure context). */
export function draftToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, '0')).join('');
}
