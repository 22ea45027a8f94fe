import { deflateSync } from 'node:zlib';

/**
 * A minimal PNG encoder (8-bit truecolour, RGB or RGBA, no interlace), written for tiles:
 * signature, IHDR, one IDAT (zlib deflate of filtered scanlines), IEND, each chunk with its CRC-32.
 * Each scanline uses the "Sub" filter, which compresses smooth terrain well and costs one pass.
 *
 * @example
 * const png = encodePng(pixels, 256, 256, 3); // pixels: Uint8Array of 256*256*3 RGB bytes
 */
export function encodePng(pixels: Uint8Array, width: number, height: number, channels: 3 | 4, level = 6): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`encodePng: width and height must be positive integers, got ${width}×${height}`);
  }
  if (pixels.length !== width * height * channels) {
    throw new RangeError(`encodePng: expected ${width * height * channels} bytes for ${width}×${height}×${channels}, got ${pixels.length}`);
  }
  const stride = width * channels;
  const raw = Buffer.allocUnsafe((stride + 1) * height);
  // filter each scanline with Sub (type 1): byte minus the byte one pixel to the left
  for (let row = 0; row < height; row++) {
    const src = row * stride;
    const dst = row * (stride + 1);
    raw[dst] = 1;
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? pixels[src + i - channels] : 0;
      raw[dst + 1 + i] = (pixels[src + i] - left) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = channels === 4 ? 6 : 2; // colour type: 6 = RGBA, 2 = RGB
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level })), chunk('IEND', Buffer.alloc(0))]);
}

/** The 8 bytes every PNG starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out, 4, 8 + data.length), 8 + data.length);
  return out;
}

const CRC_TABLE = makeCrcTable();

function makeCrcTable(): Uint32Array {
  // the reflected CRC-32 polynomial 0xEDB88320 of ISO 3309 / PNG
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/**
 * CRC-32 (PNG / zlib polynomial) of buf[start, end).
 *
 * @example
 * crc32(Buffer.from('IEND'), 0, 4) // 0xae426082
 */
export function crc32(buf: Uint8Array, start = 0, end = buf.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
