/**
 * An OpenCelliD CSV export as sites: the text split into records by csv-parse (the maintained
 * streaming RFC 4180 parser: quoted fields, CRLF, a BOM; each record with the file's line number),
 * the rows checked and grouped by core/formats/opencellid. Every malformed row is a problem with
 * its line (header = line 1) and column.
 */
import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { openCellidFromRows, type CsvRow, type OpenCellidResult } from '../../core/formats/opencellid';
import type { ImportProblem } from './problems';
import { kindName, sniff } from './sniff';
import { decodeText, type TextEncoding } from './text';

/** Characters handed to the CSV parser at a time. */
const CSV_SLICE_CHARS = 1 << 16;

function* slices(text: string, size: number): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/**
 * @example
 * const out = await readOpenCellidCsv(bytes, 'utf-8', { maxRows: 1_000_000 });
 * if ('problems' in out) refuse(out.problems); else use(out.sites);
 */
export async function readOpenCellidCsv(bytes: Uint8Array, encoding: TextEncoding, limits: { maxRows: number }): Promise<OpenCellidResult | { problems: ImportProblem[] }> {
  const kind = sniff(bytes);
  if (kind !== 'text') return { problems: [{ field: '', message: `format=opencellid expects a CSV text file (radio,mcc,net,area,cell,unit,lon,lat,…), but the file is ${kindName(kind)}` }] };
  const decoded = decodeText(bytes, encoding);
  if ('problem' in decoded) return { problems: [decoded.problem] };
  const rows: CsvRow[] = [];
  // fed in slices, so that the parser stops (backpressure) when the rows past the limit are found
  const parser = Readable.from(slices(decoded.text, CSV_SLICE_CHARS)).pipe(parse({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      rows.push({ line: info.lines, fields: record });
      // counted while streaming: the parse stops at the limit (413)
      if (rows.length > limits.maxRows + 1) return { problems: [{ line: info.lines, field: '', message: `more than ${limits.maxRows} rows, the limit of IMPORT_MAX_FEATURES; split the file`, limit: 'IMPORT_MAX_FEATURES' }] };
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const line = typeof err.lines === 'number' ? err.lines : undefined;
      return { problems: [{ ...(line !== undefined ? { line } : {}), field: '', message: `not valid CSV: ${err.message.replace(/^Invalid Record Length: /, '')}` }] };
    }
    throw err;
  }
  if (rows.length === 0) return { problems: [{ field: '', message: 'the file has no rows' }] };
  const out = openCellidFromRows(rows, { source: 'OpenCelliD CSV' });
  if ('problems' in out) return { problems: out.problems.map((p) => ({ line: p.line, field: p.field, message: p.message })) };
  return out;
}
