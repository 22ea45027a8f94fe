/**
 * The gap list as an Excel workbook (Office Open XML, ECMA-376), written directly: a zip (fflate)
 * of the workbook, two worksheets, shared strings and styles. Sheet 1 holds the gaps with a bold,
 * frozen header row and an AutoFilter; sheet 2 the totals per commune with a grand total row.
 * Both print on A4 landscape, scaled to the page width, with the header row on every page;
 * booleans are words of the chosen language (có/không, yes/no).
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

/** Booleans are written as words of the workbook's language (a spreadsheet shows t="b" cells as TRUE/FALSE or 1/0). */
export const XLSX_BOOLEAN_WORDS: Record<Lang, { true: string; false: string }> = {
  vi: { true: 'có', false: 'không' },
  en: { true: 'yes', false: 'no' },
};

function sheetXml(header: string[], rowsIn: CellValue[][], sst: SharedStrings, autoFilter: boolean, lang: Lang): string {
  const last = columnLetter(header.length - 1);
  const rows = rowsIn.map((r) => r.map((v) => (typeof v === 'boolean' ? XLSX_BOOLEAN_WORDS[lang][v ? 'true' : 'false'] : v)));
  // columns as wide as their values (headers wrap onto several lines, so only their longest word
  // counts); text longer than WRAP_WIDTH wraps, so that the printed page stays legible
  const longest = header.map((_h, j) => Math.max(0, ...rows.map((r) => (r[j] === null ? 0 : String(r[j]).length))));
  const widths = header.map((h, j) => Math.min(WRAP_WIDTH, Math.max(6, ...h.split(/\s+/).map((w) => w.length + 2), longest[j] + 1)));
  const dataStyle = longest.map((n) => (n > WRAP_WIDTH ? XF.wrapTop : XF.top));
  // explicit heights for rows with wrapped text: spreadsheets do not all re-measure rows on opening
  const rowAttrs = (cells: CellValue[], wraps: (j: number) => boolean): string => {
    const lines = Math.max(1, ...cells.map((v, j) => (v !== null && wraps(j) ? wrappedLines(String(v), widths[j] - 1) : 1)));
    return lines > 1 ? ` ht="${lines * ROW_HEIGHT_PT}" customHeight="1"` : '';
  };
  const cell = (v: CellValue, ref: string, style: number): string => {
    const s = style ? ` s="${style}"` : '';
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${v}</v></c>` : '';
    return `<c r="${ref}"${s} t="s"><v>${sst.id(clean(String(v)))}</v></c>`;
  };
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`,
    `<worksheet xmlns="${NS}" xmlns:r="${NS_R}">`,
    // printing: scaled to the page width (as many pages down as needed), see pageSetup below
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
    `<dimension ref="A1:${last}${rows.length + 1}"/>`,
    // the header row stays in view: a pane split below row 1, frozen
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>',
    `<sheetFormatPr defaultRowHeight="${ROW_HEIGHT_PT}"/>`,
    `<cols>${widths.map((w, j) => `<col min="${j + 1}" max="${j + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`,
    '<sheetData>',
    `<row r="1"${rowAttrs(header, () => true)}>${header.map((h, j) => cell(h, `${columnLetter(j)}1`, XF.header)).join('')}</row>`,
  ];
  rows.forEach((r, i) => {
    const total = i === rows.length - 1 && !autoFilter; // the totals sheet's grand total row in bold
    out.push(`<row r="${i + 2}"${rowAttrs(r, (j) => dataStyle[j] === XF.wrapTop)}>${r.map((v, j) => cell(v, `${columnLetter(j)}${i + 2}`, total ? XF.bold : dataStyle[j])).join('')}</row>`);
  });
  out.push('</sheetData>');
  if (autoFilter) out.push(`<autoFilter ref="A1:${last}${rows.length + 1}"/>`);
  // A4 landscape, all columns on the width of one page (fitToHeight 0: any number of pages down);
  // the header row repeats on every page through the workbook's _xlnm.Print_Titles
  out.push(
    '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>',
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
    '</worksheet>',
  );
  return out.join('');
}

/** Cell formats (indices into cellXfs of STYLES). */
const XF = { normal: 0, bold: 1, header: 2, top: 3, wrapTop: 4 } as const;
const XF_XML = [
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>',
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf>',
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>',
];
/** Columns never get wider than this (characters); longer text wraps. */
const WRAP_WIDTH = 40;
/** Height of one line of 11 pt text, points. */
const ROW_HEIGHT_PT = 15;

/** Lines that `text` takes when wrapped at word boundaries into `width` characters (a long word breaks). */
function wrappedLines(text: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const n = word.length;
    if (used > 0 && used + 1 + n <= width) {
      used += 1 + n;
      continue;
    }
    if (used > 0) lines++;
    lines += Math.floor(Math.max(0, n - 1) / width); // a word longer than the column breaks
    used = ((n - 1) % width) + 1;
  }
  return lines;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${XF_XML.length}">${XF_XML.join('')}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** One worksheet of a workbook: its name, header and rows; the first sheet may carry an AutoFilter. */
export interface XlsxSheet {
  /** At most 31 characters, none of []:*?/\. */
  name: string;
  header: string[];
  rows: CellValue[][];
  /** An AutoFilter on the header row (the gap list); a sheet without one prints its last row bold (a grand total). */
  autoFilter: boolean;
}

/**
 * A workbook of the given sheets as .xlsx bytes: bold, frozen, filterable header, A4 landscape fit
 * to width with the header on every printed page, booleans as words of `lang`.
 *
 * @example
 * const bytes = workbookXlsx([{ name: 'Trạm', header: ['Mã', 'Tên'], rows: [['N-1', 'Trạm mới 1']], autoFilter: true }], 'vi');
 */
export function workbookXlsx(sheets: readonly XlsxSheet[], lang: Lang = 'vi'): Uint8Array {
  const sst = new SharedStrings();
  const xml = sheets.map((sh) => sheetXml(sh.header, sh.rows, sst, sh.autoFilter, lang));
  const n = sheets.length;
  const filters = sheets.map((sh, i) => (sh.autoFilter
    ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlEscape(`'${sh.name}'!$A$1:$${columnLetter(sh.header.length - 1)}$${sh.rows.length + 1}`)}</definedName>`
    : '')).join('');
  const files: Record<string, string> = {
    '[Content_Types].xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
      sheets.map((_s, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.worksheet+xml"/>`).join('') +
      `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/></Types>`,
    '_rels/.rels':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${NS_PKG}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${NS}" xmlns:r="${NS_R}"><bookViews><workbookView/></bookViews><sheets>` +
      sheets.map((sh, i) => `<sheet name="${xmlEscape(sh.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') + '</sheets>' +
      // Excel keeps the AutoFilter range in this hidden name; print titles: row 1 (the header) repeated at the top of every printed page
      `<definedNames>${filters}` +
      sheets.map((sh, i) => `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlEscape(`'${sh.name}'!$1:$1`)}</definedName>`).join('') +
      '</definedNames></workbook>',
    'xl/_rels/workbook.xml.rels':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${NS_PKG}">` +
      sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/styles.xml': STYLES,
    'xl/sharedStrings.xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${NS}" count="${sst.list.length}" uniqueCount="${sst.list.length}">` +
      sst.list.map((s) => `<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`).join('') + '</sst>',
  };
  xml.forEach((x, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = x));
  const zip: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(files)) zip[name] = strToU8(text);
  // fixed timestamps: the same rows give the same bytes
  return zipSync(zip, { level: 6, mtime: new Date(Date.UTC(2025, 0, 1)) });
}

/**
 * The gap list as an .xlsx file (bytes). Headers and sheet names in `lang`.
 *
 * @example
 * const bytes = toXlsx(gaps, 'vi'); // serve as application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
 */
export function toXlsx(gaps: readonly Gap[], lang: Lang = 'vi'): Uint8Array {
  const [sheet1, sheet2] = XLSX_SHEETS[lang];
  const totals = communeTotals(gaps);
  const totalRows: CellValue[][] = totals.map((t) => TOTAL_COLUMNS.map((c) => t[c.key]));
  const sum = (k: 'villages' | 'population' | 'households' | 'withoutPower') => totals.reduce((a, t) => a + t[k], 0);
  totalRows.push([lang === 'vi' ? 'Tổng cộng' : 'Total', null, sum('villages'), sum('population'), sum('households'), sum('withoutPower')]);
  return workbookXlsx([
    { name: sheet1, header: GAP_COLUMNS.map((c) => c[lang]), rows: gapRows(gaps, lang), autoFilter: true },
    { name: sheet2, header: TOTAL_COLUMNS.map((c) => c[lang]), rows: totalRows, autoFilter: false },
  ], lang);
}
