import { inflateSync } from 'node:zlib';
import { PNG_SIGNATURE, crc32 } from './png';

/** A decoded 8-bit PNG: pixels row-major, `channels` bytes each. */
export interface DecodedPng {
  width: number;
  height: number;
  channels: 3 | 4;
  pixels: Uint8Array;
}

/**
 * Decode an 8-bit, non-interlaced RGB or RGBA PNG (all five scanline filters), checking every
 * chunk's CRC. Enough to read back our own tiles in tests and tools; not a general PNG reader.
 *
 * @example
 * const { width, pixels } = decodePng(await (await fetch(tileUrl)).arrayBuffer().then(Buffer.from));
 */
export function decodePng(png: Buffer): DecodedPng {
  if (png.length < 8 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('decodePng: not a PNG (bad signature)');
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels: 3 | 4 = 3;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    const crc = png.readUInt32BE(pos + 8 + len);
    if (crc !== crc32(png, pos + 4, pos + 8 + len)) throw new Error(`decodePng: CRC mismatch in ${type} chunk`);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || (data[9] !== 2 && data[9] !== 6) || data[12] !== 0) {
        throw new Error(`decodePng: only 8-bit non-interlaced RGB/RGBA is supported (depth ${data[8]}, colour type ${data[9]})`);
      }
      channels = data[9] === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  // undo the per-scanline filters (None, Sub, Up, Average, Paeth)
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)];
    const src = row * (stride + 1) + 1;
    const dst = row * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? pixels[dst + i - channels] : 0;
      const b = row > 0 ? pixels[dst - stride + i] : 0;
      const c = i >= channels && row > 0 ? pixels[dst - stride + i - channels] : 0;
      let p: number;
      if (filter === 0) p = 0;
      else if (filter === 1) p = a;
      else if (filter === 2) p = b;
      else if (filter === 3) p = (a + b) >> 1;
      else if (filter === 4) p = paeth(a, b, c);
      else throw new Error(`decodePng: unknown filter type ${filter} in row ${row}`);
      pixels[dst + i] = (raw[src + i] + p) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
