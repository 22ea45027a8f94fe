/**
 * Text downloads of the gap list: CSV (UTF-8 with BOM, RFC 4180), GeoJSON (RFC 7946) and KML 2.2.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Gap, GapReason } from '../gaps/types';
import { GAP_COLUMNS, gapRows, type CellValue, type Lang } from './columns';

/** Byte order mark: Excel reads the file as UTF-8 only when it starts with one. */
export const BOM = '\uFEFF';

function csvField(v: CellValue): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * How text made only of digits is written: `plain` (01795, for scripts; a spreadsheet opening the
 * file turns it into the number 1795) or `text` (="01795", a formula giving the text "01795" that
 * Excel and LibreOffice Calc keep, leading zero included, when they open the file).
 */
export type CsvCodes = 'plain' | 'text';
export const CSV_CODES: readonly CsvCodes[] = ['plain', 'text'];

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
  const header = GAP_COLUMNS.map((c) => (options.header === 'key' ? c.key : c[lang]));
  const asText = (v: CellValue, j: number): boolean => options.codes === 'text' && GAP_COLUMNS[j].type === 'text' && typeof v === 'string' && /^\d+$/.test(v);
  const rows = gapRows(gaps, lang).map((row) => row.map((v, j) => (asText(v, j) ? `="${v}"` : v)));
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}

/**
 * The gap list as a GeoJSON FeatureCollection of points (RFC 7946: WGS84 [lon, lat], no crs),
 * properties keyed by the column keys.
 *
 * @example
 * toGeoJson(gaps, 'en').features[0].properties.reason_text
 */
export function toGeoJson(gaps: readonly Gap[], lang: Lang = 'vi'): FeatureCollection<Point, Record<string, CellValue>> {
  const rows = gapRows(gaps, lang);
  const features: Feature<Point, Record<string, CellValue>>[] = gaps.map((g, i) => {
    const properties: Record<string, CellValue> = {};
    GAP_COLUMNS.forEach((c, j) => (properties[c.key] = rows[i][j]));
    return { type: 'Feature', id: g.id, geometry: { type: 'Point', coordinates: [g.lon, g.lat] }, properties };
  });
  return { type: 'FeatureCollection', features };
}

/** Escapes text for XML content and attributes. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] as string);
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
  const rows = gapRows(gaps, lang);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '<Document>',
    `<name>${xmlEscape(name)}</name>`,
  ];
  for (const [reason, s] of Object.entries(REASON_STYLE)) {
    out.push(`<Style id="reason-${reason}"><IconStyle><color>${s.color}</color><scale>1.1</scale></IconStyle><LabelStyle><scale>0.8</scale></LabelStyle></Style>`);
  }
  gaps.forEach((g, i) => {
    const table = GAP_COLUMNS.map((c, j) => {
      const v = rows[i][j];
      return v === null ? '' : `<tr><th align="left">${xmlEscape(c[lang])}</th><td>${xmlEscape(String(v))}</td></tr>`;
    }).join('');
    // the description is HTML; CDATA cannot contain "]]>", so split any such sequence
    const html = `<table>${table}</table>`.replace(/]]>/g, ']]]]><![CDATA[>');
    out.push(
      '<Placemark>',
      `<name>${xmlEscape(g.name)}</name>`,
      `<description><![CDATA[${html}]]></description>`,
      `<styleUrl>#reason-${g.reason}</styleUrl>`,
      '<ExtendedData>',
      ...GAP_COLUMNS.map((c, j) => {
        const v = rows[i][j];
        return `<Data name="${c.key}"><displayName>${xmlEscape(c[lang])}</displayName><value>${v === null ? '' : xmlEscape(String(v))}</value></Data>`;
      }),
      '</ExtendedData>',
      `<Point><coordinates>${g.lon},${g.lat}</coordinates></Point>`,
      '</Placemark>',
    );
  });
  out.push('</Document>', '</kml>');
  return out.join('\n') + '\n';
}

/** The legend of the KML styles (reason → colour, label), for UIs that mirror it. */
export const KML_REASON_STYLE = REASON_STYLE;
