/**
 * Any table of rows as a download: CSV (UTF-8 with BOM, RFC 4180), GeoJSON points (RFC 7946) and
 * KML 2.2 placemarks. The gap list (text.ts) and the work orders (workOrders.ts) are tables of
 * columns with a key, a Vietnamese and an English header, and a type.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { CellValue, Lang } from './columns';
import { neutraliseFormula } from './formula';

export interface TableColumn {
  /** Field name in GeoJSON and KML ExtendedData. */
  key: string;
  vi: string;
  en: string;
  type: 'text' | 'integer' | 'real' | 'boolean';
}

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
 * Rows as CSV: a BOM, a header row (labels in `lang`, or the keys), CRLF line ends, RFC 4180
 * quoting; with `codes: 'text'` digit-only text cells are written as ="…" for spreadsheets.
 *
 * @example
 * tableCsv([{ key: 'id', vi: 'Mã', en: 'Id', type: 'text' }], [['01795']], 'vi') // '\uFEFFMã\r\n01795\r\n'
 */
export function tableCsv(columns: readonly TableColumn[], rowsIn: readonly CellValue[][], lang: Lang, options: { header?: 'label' | 'key'; codes?: CsvCodes } = {}): string {
  const header = columns.map((c) => (options.header === 'key' ? c.key : c[lang]));
  const asText = (v: CellValue, j: number): boolean => options.codes === 'text' && columns[j].type === 'text' && typeof v === 'string' && /^\d+$/.test(v);
  // data text that a spreadsheet would run as a formula opens as text (numbers stay numbers); the
  // only formula written is ours, ="digits", for codes
  const rows = rowsIn.map((row) => row.map((v, j) => (asText(v, j) ? `="${v}"` : typeof v === 'string' ? neutraliseFormula(v) : v)));
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}

/**
 * Rows as a GeoJSON FeatureCollection of points (WGS84 [lon, lat], no crs), properties keyed by the column keys.
 *
 * @example
 * tableGeoJson(cols, rows, [{ id: 'N-1', lon: 106.2, lat: 22.6 }]).features[0].properties
 */
export function tableGeoJson(columns: readonly TableColumn[], rows: readonly CellValue[][], points: readonly { id: string; lon: number; lat: number }[]): FeatureCollection<Point, Record<string, CellValue>> {
  const features: Feature<Point, Record<string, CellValue>>[] = points.map((p, i) => {
    const properties: Record<string, CellValue> = {};
    columns.forEach((c, j) => (properties[c.key] = rows[i][j]));
    return { type: 'Feature', id: p.id, geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties };
  });
  return { type: 'FeatureCollection', features };
}

/** Escapes text for XML content and attributes. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] as string);
}

/**
 * Rows as KML 2.2: a Document with the given icon styles (KML colours aabbggrr) and per row a
 * Placemark with its name, a description table, ExtendedData (column keys, labelled in `lang`) and
 * its point.
 *
 * @example
 * tableKml('Trạm cần xây', cols, rows, [{ name: 'Trạm mới 1', lon: 106.2, lat: 22.6 }], 'vi')
 */
export function tableKml(
  name: string, columns: readonly TableColumn[], rows: readonly CellValue[][],
  marks: readonly { name: string; lon: number; lat: number; style?: string }[], lang: Lang, styles: readonly { id: string; color: string }[] = [],
): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<kml xmlns="http://www.opengis.net/kml/2.2">', '<Document>', `<name>${xmlEscape(name)}</name>`];
  for (const s of styles) {
    out.push(`<Style id="${xmlEscape(s.id)}"><IconStyle><color>${s.color}</color><scale>1.1</scale></IconStyle><LabelStyle><scale>0.8</scale></LabelStyle></Style>`);
  }
  marks.forEach((m, i) => {
    const table = columns.map((c, j) => {
      const v = rows[i][j];
      return v === null ? '' : `<tr><th align="left">${xmlEscape(c[lang])}</th><td>${xmlEscape(String(v))}</td></tr>`;
    }).join('');
    // the description is HTML; CDATA cannot contain "]]>", so split any such sequence
    const html = `<table>${table}</table>`.replace(/]]>/g, ']]]]><![CDATA[>');
    out.push(
      '<Placemark>',
      `<name>${xmlEscape(m.name)}</name>`,
      `<description><![CDATA[${html}]]></description>`,
      ...(m.style ? [`<styleUrl>#${xmlEscape(m.style)}</styleUrl>`] : []),
      '<ExtendedData>',
      ...columns.map((c, j) => {
        const v = rows[i][j];
        return `<Data name="${c.key}"><displayName>${xmlEscape(c[lang])}</displayName><value>${v === null ? '' : xmlEscape(String(v))}</value></Data>`;
      }),
      '</ExtendedData>',
      `<Point><coordinates>${m.lon},${m.lat}</coordinates></Point>`,
      '</Placemark>',
    );
  });
  out.push('</Document>', '</kml>');
  return out.join('\n') + '\n';
}
