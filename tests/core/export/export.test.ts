import ExcelJS from 'exceljs';
import gjv from 'geojson-validation';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { communeTotals, GAP_COLUMNS, gapColumnsMarkdown, toCsv, toGeoJson, toKml, toXlsx, columnLetter } from '../../../core/export';
import { findGaps } from '../../../core/gaps';
import type { Gap } from '../../../core/gaps/types';
import { makeInput } from '../gaps/fixture';

const gaps = findGaps(makeInput()); // V5, V1 "Bản Nà Mạ", V4
const N = gaps.length;

/** Minimal RFC 4180 parser (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') q = false; else field += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += ch;
  }
  return rows;
}

describe('columns', () => {
  it('have unique ASCII keys and both languages; the README table lists every one', () => {
    const keys = GAP_COLUMNS.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => /^[a-z][a-z0-9_]*$/.test(k))).toBe(true);
    expect(GAP_COLUMNS.every((c) => c.vi && c.en && c.descVi && c.descEn)).toBe(true);
    const md = gapColumnsMarkdown().split('\n');
    expect(md.length).toBe(GAP_COLUMNS.length + 2);
    expect(md[2]).toBe('| `rank` | Thứ tự ưu tiên | Rank | 1 = ưu tiên cao nhất (điểm cao nhất) / 1 = highest priority (highest score) |');
    expect(columnLetter(0) + columnLetter(25) + columnLetter(26) + columnLetter(701)).toBe('AZAAZZ');
  });
  it('totals per commune', () => {
    expect(communeTotals(gaps)).toEqual([
      { communeId: '00001', communeName: 'Xã Trường Hà', villages: 1, population: 320, households: 80, withoutPower: 1 },
      { communeId: '00002', communeName: 'Xã Quảng Uyên', villages: 1, population: 90, households: 20, withoutPower: 1 },
      { communeId: '00003', communeName: 'Phường Thục Phán', villages: 1, population: 600, households: 150, withoutPower: 0 },
    ]);
  });
});

describe('CSV', () => {
  it('starts with a BOM, keeps diacritics, one row per gap, CRLF, RFC 4180 quoting', () => {
    const csv = toCsv(gaps, 'vi');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toContain('Bản Nà Mạ');
    expect(csv.split('\r\n').length).toBe(N + 2); // header, N rows, trailing empty
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const rows = parseCsv(csv.slice(1));
    expect(rows.length).toBe(N + 1);
    expect(rows[0].slice(0, 3)).toEqual(['Thứ tự ưu tiên', 'Mã thôn/bản', 'Tên thôn/bản']);
    expect(rows.every((r) => r.length === GAP_COLUMNS.length)).toBe(true);
    const col = (k: string) => GAP_COLUMNS.findIndex((c) => c.key === k);
    expect(rows.slice(1).map((r) => r[col('village_id')])).toEqual(['V5', 'V1', 'V4']);
    expect(rows[2][col('village_name')]).toBe('Bản Nà Mạ');
    expect(rows[2][col('electrified')]).toBe('false');
    expect(rows[2][col('score')]).toBe('66.54');
    expect(rows[2][col('site1_level_dbm')]).toBe('-120');
    expect(rows[3][col('site1_level_dbm')]).toBe(''); // null → empty
    // the reason text has a comma in English: quoted
    const en = toCsv(gaps, 'en', { header: 'key' });
    expect(en).toContain('"No site within 10 km (nearest: Trạm B, 14.4 km)"');
    expect(parseCsv(en.slice(1))[0][0]).toBe('rank');
  });
  it('codes: text writes digit-only codes as a text formula for spreadsheets; the rest as plain', () => {
    const col = (k: string) => GAP_COLUMNS.findIndex((c) => c.key === k);
    const plain = parseCsv(toCsv(gaps, 'vi').slice(1));
    const text = parseCsv(toCsv(gaps, 'vi', { codes: 'text' }).slice(1));
    expect(plain.slice(1).map((r) => r[col('commune_id')])).toEqual(['00003', '00001', '00002']);
    expect(text.slice(1).map((r) => r[col('commune_id')])).toEqual(['="00003"', '="00001"', '="00002"']);
    // only the digit-only text fields change: ids with letters, numbers, names stay as they were
    text.forEach((r, i) => r.forEach((v, j) => j !== col('commune_id') && expect(v, `${i}:${j}`).toBe(plain[i][j])));
    expect(toCsv(gaps, 'vi', { codes: 'text' })).toContain(',"=""00001""",');
  });
  it('doubles quotes and quotes fields with line breaks', () => {
    const odd: Gap = { ...gaps[0], name: 'Bản "Mới"\nA' };
    const rows = parseCsv(toCsv([odd], 'en').slice(1));
    expect(rows[1][2]).toBe('Bản "Mới"\nA');
  });
});

describe('GeoJSON', () => {
  it('is a valid RFC 7946 FeatureCollection of N points with keyed properties', () => {
    const fc = toGeoJson(gaps, 'vi');
    expect(gjv.valid(fc, true)).toEqual([]);
    expect(fc.features.length).toBe(N);
    expect('crs' in fc).toBe(false);
    const f = fc.features[1];
    expect(f.id).toBe('V1');
    expect(f.geometry.coordinates).toEqual([106.045, 22.975]);
    expect(f.properties).toMatchObject({ rank: 2, village_name: 'Bản Nà Mạ', reason: 'terrain-blocked', site1_id: 'S-A', score: 66.54, electrified: false });
    expect(JSON.parse(JSON.stringify(fc))).toEqual(fc);
  });
});

describe('KML', () => {
  it('has a style per reason and N named, styled placemarks with ExtendedData', () => {
    const kml = toKml(gaps, 'vi');
    expect(kml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">')).toBe(true);
    expect(kml.match(/<Placemark>/g)?.length).toBe(N);
    expect(kml.match(/<Style id="reason-/g)?.length).toBe(3);
    expect(kml).toContain('<name>Bản Nà Mạ</name>');
    expect(kml).toContain('<styleUrl>#reason-terrain-blocked</styleUrl>');
    expect(kml).toContain('<Data name="village_name"><displayName>Tên thôn/bản</displayName><value>Bản Nà Mạ</value></Data>');
    expect(kml).toContain('<Point><coordinates>106.045,22.975</coordinates></Point>');
  });
  it('escapes markup in names and keeps CDATA closed', () => {
    const odd: Gap = { ...gaps[0], name: 'A & B <x> ]]> C' };
    const kml = toKml([odd], 'en');
    expect(kml).toContain('<name>A &amp; B &lt;x&gt; ]]&gt; C</name>');
    expect(kml.match(/<!\[CDATA\[/g)?.length).toBe(kml.match(/]]>/g)?.length);
  });
});

describe('XLSX', () => {
  it('opens with exceljs: frozen, filterable header row, N rows, a totals sheet', async () => {
    const bytes = toXlsx(gaps, 'vi');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Thôn bản chưa có sóng', 'Tổng theo xã']);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(N + 1);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const lastCol = columnLetter(GAP_COLUMNS.length - 1);
    expect(ws.autoFilter).toBe(`A1:${lastCol}${N + 1}`);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(GAP_COLUMNS.map((c) => c.vi));
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(3).getCell(3).value).toBe('Bản Nà Mạ');
    expect(ws.getRow(3).getCell(1).value).toBe(2);
    // booleans as words of the workbook's language, not TRUE/FALSE or 1/0
    expect(ws.getRow(3).getCell(GAP_COLUMNS.findIndex((c) => c.key === 'electrified') + 1).value).toBe('không');
    // printing: A4 landscape, fit to the page width, the header row on every page
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(wb.worksheets[1].pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, printTitlesRow: '1:1' });
    expect(ws.getRow(2).getCell(GAP_COLUMNS.length).value).toBe(71.27);
    const totals = wb.worksheets[1];
    expect(totals.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((totals.getRow(1).values as unknown[]).slice(1)).toEqual(['Mã xã/phường', 'Xã/phường', 'Số thôn/bản chưa có sóng', 'Dân số', 'Số hộ', 'Trong đó chưa có điện']);
    expect((totals.getRow(2).values as unknown[]).slice(1)).toEqual(['00001', 'Xã Trường Hà', 1, 320, 80, 1]);
    expect((totals.getRow(5).values as unknown[]).slice(1)).toEqual(['Tổng cộng', undefined, 3, 1010, 250, 2]);
  });
  it('has the OOXML parts, the pane XML and the filter name; same gaps → same bytes', () => {
    const bytes = toXlsx(gaps, 'en');
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(strFromU8(files['xl/workbook.xml'])).toContain('<sheet name="Totals by commune" sheetId="2" r:id="rId2"/>');
    expect(toXlsx(gaps, 'en')).toEqual(bytes);
  });
  it('writes booleans as English words with lang en', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(toXlsx(gaps, 'en')) as never);
    const electrified = GAP_COLUMNS.findIndex((c) => c.key === 'electrified') + 1;
    expect(wb.worksheets[0].getColumn(electrified).values.slice(2)).toEqual(gaps.map((g) => (g.electrified ? 'yes' : 'no')));
  });
  it('an empty list still makes a workbook with the header', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(toXlsx([], 'en')) as never);
    expect(wb.worksheets[0].rowCount).toBe(1);
  });
});

describe('exports do not modify the gaps', () => {
  it('leaves the list as it was', () => {
    const before = JSON.stringify(gaps);
    toCsv(gaps); toGeoJson(gaps); toKml(gaps); toXlsx(gaps);
    expect(JSON.stringify(gaps)).toBe(before);
  });
});
