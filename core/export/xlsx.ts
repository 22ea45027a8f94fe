/**
 * The gap list as an Excel workbook (Office Open XML, ECMA-376), written directly: a zip (fflate)
 * of the workbook, two worksheets, shared strings and styles. Sheet 1 holds the gaps with a bold,
 * frozen header row and an AutoFilter; sheet 2 the totals per commune with a grand total row.
 */
import { strToU8, zipSync } from 'fflate';
import type { Gap } from '../gaps/types';
import { communeTotals, GAP_COLUMNS, gapRows, TOTAL_COLUMNS, type CellValue, type Lang } from './columns';
import { xmlEscape } from './text';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** Sheet names per language (at most 31 characters, none of []:*?/\). */
export const XLSX_SHEETS: Record<Lang, [string, string]> = {
  vi: ['Thôn bản chưa có sóng', 'Tổng theo xã'],
  en: ['Gaps', 'Totals by commune'],
};

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** XML 1.0 forbids most control characters even escaped: drop them. */
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

class SharedStrings {
  list: string[] = [];
  private _ids = new Map<string, number>();
  id(s: string): number {
    let i = this._ids.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this._ids.set(s, i);
    }
    return i;
  }
}

function sheetXml(header: string[], rows: CellValue[][], sst: SharedStrings, autoFilter: boolean): string {
  const last = columnLetter(header.length - 1);
  const widths = header.map((h, j) => Math.min(50, Math.max(8, h.length + 2, ...rows.map((r) => (r[j] === null ? 0 : String(r[j]).length + 1)))));
  const cell = (v: CellValue, ref: string, style: number): string => {
    const s = style ? ` s="${style}"` : '';
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${v}</v></c>` : '';
    if (typeof v === 'boolean') return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${s} t="s"><v>${sst.id(clean(v))}</v></c>`;
  };
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`,
    `<worksheet xmlns="${NS}" xmlns:r="${NS_R}">`,
    `<dimension ref="A1:${last}${rows.length + 1}"/>`,
    // the header row stays in view: a pane split below row 1, frozen
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>',
    '<sheetFormatPr defaultRowHeight="15"/>',
    `<cols>${widths.map((w, j) => `<col min="${j + 1}" max="${j + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`,
    '<sheetData>',
    `<row r="1">${header.map((h, j) => cell(h, `${columnLetter(j)}1`, 1)).join('')}</row>`,
  ];
  rows.forEach((r, i) => {
    const style = i === rows.length - 1 && !autoFilter ? 1 : 0; // the totals sheet's grand total row in bold
    out.push(`<row r="${i + 2}">${r.map((v, j) => cell(v, `${columnLetter(j)}${i + 2}`, style)).join('')}</row>`);
  });
  out.push('</sheetData>');
  if (autoFilter) out.push(`<autoFilter ref="A1:${last}${rows.length + 1}"/>`);
  out.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>', '</worksheet>');
  return out.join('');
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/**
 * The gap list as an .xlsx file (bytes). Headers and sheet names in `lang`.
 *
 * @example
 * const bytes = toXlsx(gaps, 'vi'); // serve as application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
 */
export function toXlsx(gaps: readonly Gap[], lang: Lang = 'vi'): Uint8Array {
  const sst = new SharedStrings();
  const [sheet1, sheet2] = XLSX_SHEETS[lang];
  const gapSheet = sheetXml(GAP_COLUMNS.map((c) => c[lang]), gapRows(gaps, lang), sst, true);
  const totals = communeTotals(gaps);
  const totalRows: CellValue[][] = totals.map((t) => TOTAL_COLUMNS.map((c) => t[c.key]));
  const sum = (k: 'villages' | 'population' | 'households' | 'withoutPower') => totals.reduce((a, t) => a + t[k], 0);
  totalRows.push([lang === 'vi' ? 'Tổng cộng' : 'Total', null, sum('villages'), sum('population'), sum('households'), sum('withoutPower')]);
  const totalSheet = sheetXml(TOTAL_COLUMNS.map((c) => c[lang]), totalRows, sst, false);
  const lastCol = columnLetter(GAP_COLUMNS.length - 1);

  const files: Record<string, string> = {
    '[Content_Types].xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet2.xml" ContentType="${CT}.worksheet+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/></Types>`,
    '_rels/.rels':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${NS_PKG}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${NS}" xmlns:r="${NS_R}"><bookViews><workbookView/></bookViews><sheets>` +
      `<sheet name="${xmlEscape(sheet1)}" sheetId="1" r:id="rId1"/><sheet name="${xmlEscape(sheet2)}" sheetId="2" r:id="rId2"/></sheets>` +
      // Excel keeps the AutoFilter range in this hidden name
      `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${xmlEscape(`'${sheet1}'!$A$1:$${lastCol}$${gaps.length + 1}`)}</definedName></definedNames></workbook>`,
    'xl/_rels/workbook.xml.rels':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${NS_PKG}">` +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': gapSheet,
    'xl/worksheets/sheet2.xml': totalSheet,
    'xl/styles.xml': STYLES,
    'xl/sharedStrings.xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${NS}" count="${sst.list.length}" uniqueCount="${sst.list.length}">` +
      sst.list.map((s) => `<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`).join('') + '</sst>',
  };
  const zip: Record<string, Uint8Array> = {};
  for (const [name, xml] of Object.entries(files)) zip[name] = strToU8(xml);
  // fixed timestamps: the same gaps give the same bytes
  return zipSync(zip, { level: 6, mtime: new Date(Date.UTC(2025, 0, 1)) });
}
