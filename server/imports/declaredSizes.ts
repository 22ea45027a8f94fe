/**
 * The sizes a file declares in its headers, checked against its bytes and the limits before a
 * reader loops on them: a .dbf's record count × record length, a .shp's records (their headers
 * walked, nothing decoded). A forged header (2,000,000,000 records in an 897-byte file) is refused
 * at once instead of being read record by record.
 */
import { fileProblem, limitProblem, type ImportProblem } from './problems';

/** The .dbf header (dBASE III+): 32 bytes, then the field descriptors. */
const DBF_HEADER_BYTES = 32;
/** A .shp's main header; each record then has an 8-byte header (number, content length in 16-bit words). */
const SHP_HEADER_BYTES = 100;
const SHP_RECORD_HEADER_BYTES = 8;

const count = (n: number): string => n.toLocaleString('en');

/**
 * The .dbf's declared records against its size and `maxRecords` (IMPORT_MAX_FEATURES): null when
 * they fit, else the problem (a limit problem, 413, when the file is consistent but holds more).
 *
 * @example
 * checkDbfSize('villages.dbf', dbf, 200_000) // null, or { field: '.dbf', message: 'the header declares …' }
 */
export function checkDbfSize(name: string, dbf: Uint8Array, maxRecords: number): ImportProblem | null {
  if (dbf.length < DBF_HEADER_BYTES) return fileProblem(`${name}: ${dbf.length} bytes is shorter than a .dbf header (32 bytes)`, '.dbf');
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const records = view.getUint32(4, true);
  const headerBytes = view.getUint16(8, true);
  const recordBytes = view.getUint16(10, true);
  if (records > 0 && recordBytes === 0) return fileProblem(`${name}: the header declares ${count(records)} records of 0 bytes; not a valid .dbf`, '.dbf');
  const declared = headerBytes + records * recordBytes;
  if (declared > dbf.length) {
    return fileProblem(`${name}: the header declares ${count(records)} records of ${recordBytes} bytes after a ${headerBytes}-byte header (${count(declared)} bytes), but the file has ${count(dbf.length)} bytes: truncated, or a forged header`, '.dbf');
  }
  if (records > maxRecords) return limitProblem(`${name}: ${count(records)} records is more than the limit of ${count(maxRecords)} features (IMPORT_MAX_FEATURES); split the file`, 'IMPORT_MAX_FEATURES');
  return null;
}

/**
 * The .shp's records counted by walking their headers (each within the file), against
 * `maxRecords`: null when they fit, else the problem.
 *
 * @example
 * checkShpSize('villages.shp', shp, 200_000) // null
 */
export function checkShpSize(name: string, shp: Uint8Array, maxRecords: number): ImportProblem | null {
  if (shp.length < SHP_HEADER_BYTES) return fileProblem(`${name}: ${shp.length} bytes is shorter than a .shp header (100 bytes)`, '.shp');
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  let records = 0;
  // walk the record headers: the next one is 8 bytes + the content length further on
  for (let at = SHP_HEADER_BYTES; at + SHP_RECORD_HEADER_BYTES <= shp.length; ) {
    const contentBytes = view.getInt32(at + 4) * 2;
    if (contentBytes < 0 || at + SHP_RECORD_HEADER_BYTES + contentBytes > shp.length) break; // the reader stops here too
    at += SHP_RECORD_HEADER_BYTES + contentBytes;
    if (++records > maxRecords) return limitProblem(`${name}: more than ${count(maxRecords)} records, the limit of features (IMPORT_MAX_FEATURES); split the file`, 'IMPORT_MAX_FEATURES');
  }
  return null;
}
