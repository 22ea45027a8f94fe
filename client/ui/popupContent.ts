/**
 * What a popup says about a site, village or commune, as plain rows (no DOM), so it is unit
 * tested and the DOM renderer stays trivial.
 */
import type { Cell } from '../../core/model/types';
import type { Lang } from '../map/urlState';
import { t, tMaybe } from './i18n';

export interface PopupContent {
  title: string;
  subtitle: string;
  rows: { label: string; value: string }[];
  /** Set for synthetic features: the note says so. */
  note?: string;
}

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');
const num = (lang: Lang, x: unknown, digits = 0) =>
  typeof x === 'number' && Number.isFinite(x) ? x.toLocaleString(locale(lang), { maximumFractionDigits: digits }) : t(lang, 'unknown');
const yesNo = (lang: Lang, x: unknown) => (x === true ? t(lang, 'yes') : x === false ? t(lang, 'no') : t(lang, 'unknown'));

/**
 * "2G 900 MHz · 4G 1800, 2100 MHz": each technology once with its distinct frequencies.
 *
 * @example
 * describeCells([{ tech: '4G', freqMHz: 1800, eirpDbm: 60 }, { tech: '2G', freqMHz: 900, eirpDbm: 55 }]) // '2G 900 MHz · 4G 1800 MHz' (with no-break spaces)
 */
export function describeCells(cells: readonly Cell[] | undefined): string {
  if (!Array.isArray(cells) || cells.length === 0) return '—';
  const byTech = new Map<string, Set<number>>();
  for (const c of cells) {
    if (!byTech.has(c.tech)) byTech.set(c.tech, new Set());
    byTech.get(c.tech)!.add(c.freqMHz);
  }
  return [...byTech.keys()]
    .sort()
    // non-breaking spaces keep "4G 1800 MHz" on one line in a narrow popup
    .map((tech) => `${tech}\u00a0${[...byTech.get(tech)!].sort((a, b) => a - b).join(', ')}\u00a0MHz`)
    .join(' · ');
}

export interface SitePopupInput {
  id: string;
  name?: string;
  operator: string;
  status?: string;
  antennaHeightM?: number;
  power?: string;
  backhaul?: string;
  cells?: Cell[];
  synthetic?: boolean;
}

/** @example sitePopup(site.properties, 'en').rows[0] // { label: 'Operator', value: 'Viettel' } */
export function sitePopup(p: SitePopupInput, lang: Lang): PopupContent {
  return {
    title: p.name || p.id,
    subtitle: `${t(lang, 'popup.site')} · ${p.id}`,
    rows: [
      { label: t(lang, 'field.operator'), value: p.operator || t(lang, 'unknown') },
      { label: t(lang, 'field.techs'), value: describeCells(p.cells) },
      { label: t(lang, 'field.antennaHeight'), value: `${num(lang, p.antennaHeightM, 1)} m` },
      { label: t(lang, 'field.power'), value: tMaybe(lang, `power.${p.power}`, String(p.power ?? '—')) },
      { label: t(lang, 'field.backhaul'), value: tMaybe(lang, `backhaul.${p.backhaul}`, String(p.backhaul ?? '—')) },
      { label: t(lang, 'field.status'), value: tMaybe(lang, `status.${p.status}`, String(p.status ?? '—')) },
    ],
    note: p.synthetic ? t(lang, 'syntheticFeature') : undefined,
  };
}

export interface VillagePopupInput {
  id: string;
  name: string;
  communeId: string;
  population?: number;
  households?: number;
  electrified?: boolean;
  fixedBroadband?: boolean | null;
  synthetic?: boolean;
}

/** @example villagePopup(village.properties, 'Bạch Đằng', 'vi').rows[0].value // 'Bạch Đằng' */
export function villagePopup(p: VillagePopupInput, communeName: string | undefined, lang: Lang): PopupContent {
  return {
    title: p.name,
    subtitle: `${t(lang, 'popup.village')} · ${p.id}`,
    rows: [
      { label: t(lang, 'field.commune'), value: communeName ?? p.communeId },
      { label: t(lang, 'field.population'), value: num(lang, p.population) },
      { label: t(lang, 'field.households'), value: num(lang, p.households) },
      { label: t(lang, 'field.electrified'), value: yesNo(lang, p.electrified) },
      { label: t(lang, 'field.fixedBroadband'), value: yesNo(lang, p.fixedBroadband) },
    ],
    note: p.synthetic ? t(lang, 'syntheticFeature') : undefined,
  };
}

export interface CommunePopupInput {
  id: string;
  name: string;
  kind?: string;
  population?: number;
  households?: number;
  areaKm2?: number;
  synthetic?: boolean;
}

/** @example communePopup(commune.properties, 'en').rows[0] // { label: 'Code', value: '01708' } */
export function communePopup(p: CommunePopupInput, lang: Lang): PopupContent {
  return {
    title: p.name,
    subtitle: `${t(lang, 'popup.commune')}${p.kind ? ` (${p.kind})` : ''}`,
    rows: [
      { label: t(lang, 'field.id'), value: p.id },
      { label: t(lang, 'field.population'), value: num(lang, p.population) },
      { label: t(lang, 'field.households'), value: num(lang, p.households) },
      { label: t(lang, 'field.area'), value: `${num(lang, p.areaKm2, 1)} km²` },
    ],
    note: p.synthetic ? t(lang, 'syntheticFeature') : undefined,
  };
}
