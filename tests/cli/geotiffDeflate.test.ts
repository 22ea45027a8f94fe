/**
 * writeGeoTiff's injectable compressor, as `covgap coverage` uses it (node:zlib's native deflate):
 * the file reads back identically to the default (fflate) one.
 */
import { promisify } from 'node:util';
import { deflate, deflateSync } from 'node:zlib';
import { fromArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { writeGeoTiff, writeGeoTiffAsync } from '../../core/formats/geotiffWrite';

const T = [105, 1 / 3600, 0, 23, 0, -1 / 3600] as const;

async function band(bytes: Uint8Array): Promise<Float32Array> {
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const image = await (await fromArrayBuffer(ab)).getImage();
  const [b] = (await image.readRasters()) as unknown as Float32Array[];
  return b;
}

describe('writeGeoTiff deflate option', () => {
  const width = 45;
  const height = 33;
  const data = new Float32Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = -40 - ((i * 7919) % 997) / 10;
  data[0] = NaN;
  data[100] = NaN;

  it('uses the injected compressor for every tile and reads back like the default', async () => {
    let calls = 0;
    const deflate = (b: Uint8Array): Uint8Array => {
      calls++;
      return deflateSync(b, { level: 1 });
    };
    const opts = { width, height, data, transform: T, sampleFormat: 'float32', nodata: NaN, tileSize: 16, level: 1 } as const;
    const native = writeGeoTiff({ ...opts, deflate });
    expect(calls).toBe(3 * 3); // 45 x 33 in 16-pixel tiles
    const fallback = writeGeoTiff(opts);
    const a = await band(native);
    const b = await band(fallback);
    expect(a.length).toBe(width * height);
    expect(Number.isNaN(a[0]) && Number.isNaN(a[100])).toBe(true);
    for (let i = 0; i < a.length; i++) {
      if (Number.isNaN(data[i])) expect(a[i]).toBeNaN();
      else expect(a[i]).toBe(Math.fround(data[i]));
    }
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('rejects a compressor that does not return a zlib stream', () => {
    const opts = { width: 4, height: 4, data: new Float32Array(16), transform: T, sampleFormat: 'float32', tileSize: 16 } as const;
    expect(() => writeGeoTiff({ ...opts, deflate: () => new Uint8Array([0x1f, 0x8b, 8, 0]) })).toThrow(
      'writeGeoTiff: deflate must return a zlib stream (a Uint8Array starting with a DEFLATE zlib header)',
    );
  });

  it('writeGeoTiffAsync gives the same bytes as writeGeoTiff with the same compressor (float32 in place, plain arrays, int16)', async () => {
    const deflateAsync = promisify(deflate);
    let asyncCalls = 0;
    const compressAsync = (b: Uint8Array): Promise<Uint8Array> => {
      asyncCalls++;
      return deflateAsync(b, { level: 1 });
    };
    const compress = (b: Uint8Array): Uint8Array => deflateSync(b, { level: 1 });
    const negNaN = new Float32Array(data);
    new DataView(negNaN.buffer).setUint32(4 * 7, 0xffc00000, true); // a negative NaN, as 0 × ∞ gives
    const cases = [
      { width, height, data, transform: T, sampleFormat: 'float32', nodata: NaN, tileSize: 16 },
      { width, height, data: negNaN, transform: T, sampleFormat: 'float32', nodata: NaN, tileSize: 32 },
      { width, height, data: Array.from(data), transform: T, sampleFormat: 'float32', tileSize: 16 },
      { width, height, data, transform: T, sampleFormat: 'int16', nodata: -32768, tileSize: 16 },
    ] as const;
    for (const opts of cases) {
      asyncCalls = 0;
      const a = await writeGeoTiffAsync({ ...opts, deflateAsync: compressAsync });
      const b = writeGeoTiff({ ...opts, deflate: compress });
      expect(asyncCalls).toBe(Math.ceil(width / opts.tileSize) * Math.ceil(height / opts.tileSize));
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    }
    const back = await band(await writeGeoTiffAsync({ ...cases[0], deflateAsync: compressAsync }));
    expect(Array.from(back)).toEqual(Array.from(data));
  });

  it('writeGeoTiffAsync rejects a compressor that does not return a zlib stream', async () => {
    const opts = { width: 4, height: 4, data: new Float32Array(16), transform: T, sampleFormat: 'float32', tileSize: 16 } as const;
    await expect(writeGeoTiffAsync({ ...opts, deflateAsync: async () => new Uint8Array([0x1f, 0x8b, 8, 0]) })).rejects.toThrow(
      'writeGeoTiff: deflate must return a zlib stream (a Uint8Array starting with a DEFLATE zlib header)',
    );
  });
});
