/**
 * Flat, typed feature properties for desktop GIS (QGIS's OAPIF provider, GDAL's OAPIF driver),
 * served beside the nested ones (`nearestSites`, `cells`) that JSON clients read. Desktop GIS
 * show lists of objects as NULL; these are plain strings, numbers and booleans they can show,
 * style and filter.
 *
 * Gaps get the columns of the downloads (GAP_COLUMNS is their one source), named in camelCase
 * (`site1_distance_m` → `site1DistanceM`); a column whose text depends on the language comes twice,
 * `reasonTextVi` and `reasonTextEn`. Sites get a summary of their cells (SITE_FLAT_FIELDS).
 */
import type { Feature, Point } from 'geojson';
import type { Gap } from '../gaps/types';
import { TECHS, type SiteProperties } from '../model/types';
import { GAP_COLUMNS, type CellValue, type GapColumn } from './columns';

/** A flat property: its name, JSON type and meaning (for the OpenAPI document and the README). */
export interface FlatField {
  name: string;
  type: GapColumn['type'];
  description: string;
}

/**
 * The camelCase property name of a column key.
 *
 * @example
 * flatName('site1_distance_m') // 'site1DistanceM'
 */
export function flatName(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

const LANG_SUFFIX = { vi: 'Vi', en: 'En' } as const;

/** The gaps' flat properties, in download order. */
export const GAP_FLAT_FIELDS: readonly FlatField[] = Object.freeze(
  GAP_COLUMNS.flatMap((c): FlatField[] =>
    c.localized
      ? (['vi', 'en'] as const).map((l) => ({ name: flatName(c.key) + LANG_SUFFIX[l], type: c.type, description: `${l === 'vi' ? c.descVi : c.descEn} (${l})` }))
      : [{ name: flatName(c.key), type: c.type, description: c.descEn }],
  ),
);

/**
 * The flat properties of the gap at position `rank` (1 = highest priority): every download column.
 *
 * @example
 * gapFlatProperties(gap, 1).site1DistanceM // 2140
 */
export function gapFlatProperties(g: Gap, rank: number): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  for (const c of GAP_COLUMNS) {
    if (c.localized) {
      out[flatName(c.key) + LANG_SUFFIX.vi] = c.value(g, 'vi', rank);
      out[flatName(c.key) + LANG_SUFFIX.en] = c.value(g, 'en', rank);
    } else {
      out[flatName(c.key)] = c.value(g, 'en', rank);
    }
  }
  return out;
}

/**
 * A gap as a GeoJSON feature: every field of the gap (nested `nearestSites`, `scoreParts`,
 * `reasonText` for JSON clients), its rank in the (filtered) list, and the download columns as flat
 * typed properties for desktop GIS (`site1Id`, `site1DistanceM`, …). The gaps collection's pages
 * (server/routes/gaps.ts) and its repository (server/data/gapsRepository.ts) both answer with it.
 *
 * @example
 * gapFeature(gap, 1).properties.site1DistanceM // 2140
 */
export function gapFeature(g: Gap, rank: number): Feature<Point> {
  const { lon, lat, ...rest } = g;
  return { type: 'Feature', id: g.id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { rank, ...rest, ...gapFlatProperties(g, rank) } };
}

/** The sites' flat properties: a summary of the cells. */
export const SITE_FLAT_FIELDS: readonly FlatField[] = Object.freeze([
  { name: 'techs', type: 'text', description: 'Technologies of the cells, in generation order, comma-separated (e.g. "2G,3G,4G")' },
  ...TECHS.map((t): FlatField => ({ name: `has${t}`, type: 'boolean', description: `true when the site has at least one ${t} cell` })),
  { name: 'cellCount', type: 'integer', description: 'Number of radio cells' },
  { name: 'freqsMHz', type: 'text', description: 'Carrier frequencies of the cells, MHz, ascending, comma-separated (e.g. "900,1800")' },
  { name: 'maxEirpDbm', type: 'real', description: 'Highest EIRP of the cells, dBm' },
] satisfies FlatField[]);

/**
 * The flat properties of a site.
 *
 * @example
 * siteFlatProperties(site.properties) // { techs: '2G,4G', has2G: true, …, cellCount: 6, freqsMHz: '900,1800', maxEirpDbm: 59 }
 */
export function siteFlatProperties(p: Pick<SiteProperties, 'cells'>): Record<string, CellValue> {
  const cells = Array.isArray(p.cells) ? p.cells : [];
  const techs = TECHS.filter((t) => cells.some((c) => c.tech === t));
  const out: Record<string, CellValue> = { techs: techs.join(',') };
  for (const t of TECHS) out[`has${t}`] = techs.includes(t);
  out.cellCount = cells.length;
  out.freqsMHz = [...new Set(cells.map((c) => c.freqMHz))].sort((a, b) => a - b).join(',');
  out.maxEirpDbm = cells.length ? Math.max(...cells.map((c) => c.eirpDbm)) : null;
  return out;
}
