/**
 * Text downloads of the gap list: CSV (UTF-8 with BOM, RFC 4180), GeoJSON (RFC 7946) and KML 2.2,
 * as tables (table.ts) of the gap columns.
 */
import type { FeatureCollection, Point } from 'geojson';
import type { Gap, GapReason } from '../gaps/types';
import { GAP_COLUMNS, gapRows, type CellValue, type Lang } from './columns';
import { tableCsv, tableGeoJson, tableKml, type CsvCodes } from './table';

export { BOM, CSV_CODES, xmlEscape, type CsvCodes } from './table';

/**
 * The gap list as CSV: a BOM, a header row (labels in `lang`, or the field keys), CRLF line ends,
 * RFC 4180 quoting. With `codes: 'text'` the text columns whose value is only digits (commune
 * codes such as 01795) are written as the formula ="01795" (RFC 4180-quoted), for spreadsheets;
 * nothing but digits ever goes into that formula.
 *
 * @example
 * toCsv(gaps, 'vi').startsWith('\uFEFFThứ tự ưu tiên,Mã thôn/bản') // true
 * toCsv(gaps, 'vi', { codes: 'text' }) // the commune code field reads "=""01795"""
 */
export function toCsv(gaps: readonly Gap[], lang: Lang = 'vi', options: { header?: 'label' | 'key'; codes?: CsvCodes } = {}): string {
  return tableCsv(GAP_COLUMNS, gapRows(gaps, lang), lang, options);
}

/**
 * The gap list as a GeoJSON FeatureCollection of points (RFC 7946: WGS84 [lon, lat], no crs),
 * properties keyed by the column keys.
 *
 * @example
 * toGeoJson(gaps, 'en').features[0].properties.reason_text
 */
export function toGeoJson(gaps: readonly Gap[], lang: Lang = 'vi'): FeatureCollection<Point, Record<string, CellValue>> {
  return tableGeoJson(GAP_COLUMNS, gapRows(gaps, lang), gaps);
}

/** Icon colours per reason, KML aabbggrr. */
const REASON_STYLE: Record<GapReason, { color: string; vi: string; en: string }> = {
  'terrain-blocked': { color: 'ff0080ff', vi: 'Bị địa hình che khuất', en: 'Blocked by terrain' }, // orange
  'out-of-range': { color: 'ff00d7ff', vi: 'Ngoài tầm phủ', en: 'Out of range' }, // gold
  'no-site-within': { color: 'ff0000e0', vi: 'Không có trạm gần', en: 'No site nearby' }, // red
};

/**
 * The gap list as KML 2.2 (Google Earth, QGIS): a Document with one Style per reason, and per gap a
 * Placemark with its name, a description table, ExtendedData (column keys, labelled in `lang`) and
 * its point.
 *
 * @example
 * toKml(gaps, 'vi', { name: 'Thôn/bản chưa có sóng' })
 */
export function toKml(gaps: readonly Gap[], lang: Lang = 'vi', options: { name?: string } = {}): string {
  const name = options.name ?? (lang === 'vi' ? 'Thôn/bản chưa có sóng di động' : 'Villages without mobile signal');
  const styles = Object.entries(REASON_STYLE).map(([reason, s]) => ({ id: `reason-${reason}`, color: s.color }));
  return tableKml(name, GAP_COLUMNS, gapRows(gaps, lang), gaps.map((g) => ({ name: g.name, lon: g.lon, lat: g.lat, style: `reason-${g.reason}` })), lang, styles);
}

/** The legend of the KML styles (reason → colour, label), for UIs that mirror it. */
export const KML_REASON_STYLE = REASON_STYLE;
