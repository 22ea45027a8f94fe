/**
 * The text of an imported file: UTF-8 by default (strict: a byte that is not UTF-8 is a problem
 * naming its line, not a silent U+FFFD), or a legacy Vietnamese encoding named by the import's
 * `encoding` parameter or a Shapefile's .cpg — Windows-1258 (iconv-lite) or TCVN3 (the table
 * below). The result is in Unicode NFC: Windows-1258 writes tones as combining marks, which NFC
 * composes, so `Bản` reads the same whichever encoding the file came in.
 */
import iconv from 'iconv-lite';
import { fileProblem, type ImportProblem } from './problems';

/** The encodings an import accepts, by the names the `encoding` parameter takes. */
export const TEXT_ENCODINGS = ['utf-8', 'windows-1258', 'tcvn3'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/**
 * TCVN3 (TCVN 5712:1993, the VN3 table of the "ABC" fonts .VnTime, .VnArial): ASCII below 0x80,
 * and in the upper half the precomposed lower-case letters of Vietnamese and seven capitals
 * (Ă Â Ê Ô Ơ Ư Đ). Capitals with tones have no code of their own in VN3 (the ABC upper-case fonts
 * draw the lower-case codes as capitals), so a file in VN3 holds them as lower case. Bytes not
 * listed here are unassigned in VN3 and refused. Listed by base letter: each row gives the codes of
 * the letter with no tone, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc) and dot (nặng).
 */
const TCVN3_ROWS: readonly (readonly [string, readonly number[]])[] = [
  ['a à ả ã á ạ', [0x61, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9]],
  ['ă ằ ẳ ẵ ắ ặ', [0xa8, 0xbb, 0xbc, 0xbd, 0xbe, 0xc6]],
  ['â ầ ẩ ẫ ấ ậ', [0xa9, 0xc7, 0xc8, 0xc9, 0xca, 0xcb]],
  ['e è ẻ ẽ é ẹ', [0x65, 0xcc, 0xce, 0xcf, 0xd0, 0xd1]],
  ['ê ề ể ễ ế ệ', [0xaa, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6]],
  ['i ì ỉ ĩ í ị', [0x69, 0xd7, 0xd8, 0xdc, 0xdd, 0xde]],
  ['o ò ỏ õ ó ọ', [0x6f, 0xdf, 0xe1, 0xe2, 0xe3, 0xe4]],
  ['ô ồ ổ ỗ ố ộ', [0xab, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9]],
  ['ơ ờ ở ỡ ớ ợ', [0xac, 0xea, 0xeb, 0xec, 0xed, 0xee]],
  ['u ù ủ ũ ú ụ', [0x75, 0xef, 0xf1, 0xf2, 0xf3, 0xf4]],
  ['ư ừ ử ữ ứ ự', [0xad, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9]],
  ['y ỳ ỷ ỹ ý ỵ', [0x79, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe]],
  ['đ Ă Â Ê Ô Ơ Ư Đ', [0xae, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7]],
];

/** Byte (0x80–0xFF) → character of TCVN3; undefined = unassigned. */
const TCVN3_UPPER: readonly (string | undefined)[] = (() => {
  const table: (string | undefined)[] = new Array(128);
  for (const [letters, codes] of TCVN3_ROWS) {
    const chars = letters.split(' ');
    codes.forEach((code, i) => {
      if (code >= 0x80) table[code - 0x80] = chars[i];
    });
  }
  table[0xa0 - 0x80] = '\u00a0'; // no-break space
  return table;
})();

/** The 1-based line of byte offset `at`. */
function lineAt(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The first byte offset where `bytes` stop being UTF-8, or -1. */
function firstNonUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= bytes.length + (n === 0 ? 1 : 0)) return i;
    for (let k = 1; k <= n; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

/**
 * Decode `bytes` as `encoding`: the text (NFC, without a byte-order mark), or the problem naming
 * the line of the first byte that the encoding does not have.
 *
 * @example
 * decodeText(new TextEncoder().encode('Bản'), 'utf-8') // { text: 'Bản' }
 * decodeText(Uint8Array.of(0x42, 0xb6, 0x6e), 'tcvn3') // { text: 'Bản' }
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): { text: string } | { problem: ImportProblem } {
  if (encoding === 'utf-8') {
    let text: string | null = null;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = null;
    }
    if (text === null) {
      const found = firstNonUtf8(bytes);
      const bad = found >= 0 ? found : 0;
      const line = lineAt(bytes, bad);
      return {
        problem: {
          line,
          field: '',
          message: `the file is not UTF-8: byte 0x${bytes[bad].toString(16).toUpperCase().padStart(2, '0')} at offset ${bad} is not valid UTF-8 (a legacy encoding?); send it with encoding=windows-1258 or encoding=tcvn3, or convert it to UTF-8 (iconv -f CP1258 -t UTF-8)`,
        },
      };
    }
    return { text: text.replace(/^\uFEFF/, '').normalize('NFC') };
  }
  if (encoding === 'windows-1258') return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1258').replace(/^\uFEFF/, '').normalize('NFC') };
  let out = '';
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    const c = TCVN3_UPPER[b - 0x80];
    if (c === undefined) {
      return { problem: { line: lineAt(bytes, i), field: '', message: `byte 0x${b.toString(16).toUpperCase()} at offset ${i} is not a TCVN3 (VN3) character; is the file in another encoding (encoding=utf-8 or windows-1258)?` } };
    }
    out += ascii(bytes.subarray(start, i)) + c;
    start = i + 1;
  }
  out += ascii(bytes.subarray(start));
  return { text: out.normalize('NFC') };
}

/**
 * A Shapefile's .cpg (its code page) as an encoding covgap reads: UTF-8, 1258 / CP1258 /
 * windows-1258, TCVN3; anything else is a problem of the file.
 */
export function cpgEncoding(cpg: string | undefined, fallback: TextEncoding): TextEncoding | ImportProblem {
  if (cpg === undefined || cpg.trim() === '') return fallback;
  const v = cpg.trim().toLowerCase().replace(/^ansi\s+/, '');
  if (v === 'utf-8' || v === 'utf8' || v === '65001') return 'utf-8';
  if (v === '1258' || v === 'cp1258' || v === 'windows-1258') return 'windows-1258';
  if (v === 'tcvn3' || v === 'tcvn' || v === 'tcvn5712' || v === 'vn3') return 'tcvn3';
  return fileProblem(`the .cpg names the code page "${cpg.trim()}", which covgap does not read; expected UTF-8, 1258 (Windows-1258) or TCVN3 — convert the .dbf with ogr2ogr -lco ENCODING=UTF-8`, '.cpg');
}

/** Bytes below 0x80 as text. */
const ascii = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
