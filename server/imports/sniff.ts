/**
 * What a file is by its first bytes (magic numbers), so that a file that is not what its format
 * says — a zip sent as format=geojson, a PNG as format=geotiff — is refused with both named.
 */

/** The kinds of file the first bytes tell apart. */
export type FileKind = 'zip' | 'gzip' | 'tiff' | 'sqlite' | 'json' | 'xml' | 'png' | 'pdf' | 'text' | 'binary' | 'empty';

const KIND_NAMES: Record<FileKind, string> = {
  zip: 'a zip archive', gzip: 'a gzip file', tiff: 'a TIFF image', sqlite: 'an SQLite database (GeoPackage)', json: 'JSON',
  xml: 'XML', png: 'a PNG image', pdf: 'a PDF document', text: 'text', binary: 'binary data', empty: 'empty',
};

const starts = (b: Uint8Array, sig: readonly number[]): boolean => sig.every((v, i) => b[i] === v);

/**
 * @example
 * sniff(new TextEncoder().encode('{"type":"FeatureCollection"}')) // 'json'
 */
export function sniff(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return 'empty';
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04]) || starts(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (starts(bytes, [0x1f, 0x8b])) return 'gzip';
  if (starts(bytes, [0x49, 0x49, 0x2a, 0x00]) || starts(bytes, [0x4d, 0x4d, 0x00, 0x2a]) || starts(bytes, [0x49, 0x49, 0x2b, 0x00]) || starts(bytes, [0x4d, 0x4d, 0x00, 0x2b])) return 'tiff';
  if (starts(bytes, [...'SQLite format 3\0'].map((c) => c.charCodeAt(0)))) return 'sqlite';
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  // text: skip a BOM and white space, look at the first character
  let i = starts(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  const c = bytes[i];
  if (c === 0x7b || c === 0x5b) return 'json';
  if (c === 0x3c) return 'xml';
  const head = bytes.subarray(0, 512);
  return head.some((b) => b === 0) ? 'binary' : 'text';
}

/** "a zip archive", "JSON", … for messages. */
export const kindName = (k: FileKind): string => KIND_NAMES[k];
