import { describe, expect, it } from 'vitest';
import { fromArrayBuffer } from 'geotiff';
import { writeGeoTiff } from '../../core/formats/geotiffWrite';
import { InputError } from '../../core/errors';

const T = [105, 1 / 3600, 0, 23, 0, -1 / 3600] as const;

// the reader's typings list only its eager tags; every tag read here is present in the file
function tag(image: { fileDirectory: unknown }, name: string): any {
  return (image.fileDirectory as { getValue(n: string): unknown }).getValue(name);
}

async function read(bytes: Uint8Array) {
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const tiff = await fromArrayBuffer(ab);
  const image = await tiff.getImage();
  const [band] = (await image.readRasters()) as unknown as ArrayLike<number>[];
  return { image, band };
}

describe('writeGeoTiff', () => {
  // 37 x 21 with 16-pixel tiles: 3 x 2 tiles, the right and bottom ones padded
  const width = 37;
  const height = 21;

  it('round-trips an int16 grid through the geotiff reader, tiled, with padded edge tiles', async () => {
    const data = new Float32Array(width * height);
    for (let i = 0; i < data.length; i++) data[i] = 200 + ((i * 7919) % 1700) - (i % 3);
    data[5] = NaN;
    const bytes = writeGeoTiff({ width, height, data, transform: T, nodata: -32768, sampleFormat: 'int16', tileSize: 16 });
    const { image, band } = await read(bytes);
    expect(image.getWidth()).toBe(width);
    expect(image.getHeight()).toBe(height);
    expect(image.isTiled).toBe(true);
    expect(image.getTileWidth()).toBe(16);
    expect(image.getTileHeight()).toBe(16);
    expect(tag(image, 'Compression')).toBe(8);
    expect(tag(image, 'Predictor')).toBe(2);
    expect(tag(image, 'TileOffsets').length).toBe(6);
    expect(image.getGDALNoData()).toBe(-32768);
    for (let i = 0; i < data.length; i++) expect(band[i]).toBe(i === 5 ? -32768 : Math.round(data[i]));
    const [west, , , north] = image.getBoundingBox();
    expect(west).toBeCloseTo(105, 12);
    expect(north).toBeCloseTo(23, 12);
    expect(image.getResolution()[0]).toBeCloseTo(1 / 3600, 15);
    const keys = image.getGeoKeys() as Record<string, number>;
    expect(keys.GTModelTypeGeoKey).toBe(2);
    expect(keys.GTRasterTypeGeoKey).toBe(1);
    expect(keys.GeographicTypeGeoKey).toBe(4326);
  });

  it('round-trips a float32 grid with the floating-point predictor, NaN kept', async () => {
    const data = new Float32Array(width * height);
    for (let i = 0; i < data.length; i++) data[i] = -120 + Math.sin(i) * 40.123;
    data[0] = NaN;
    const bytes = writeGeoTiff({ width, height, data, transform: T, nodata: NaN, sampleFormat: 'float32', tileSize: 16 });
    const { image, band } = await read(bytes);
    expect(tag(image, 'Predictor')).toBe(3);
    expect(Array.from(tag(image, 'SampleFormat') as ArrayLike<number>)).toEqual([3]);
    expect(Number.isNaN(band[0])).toBe(true);
    for (let i = 1; i < data.length; i++) expect(band[i]).toBe(data[i]);
  });

  it('is deterministic', () => {
    const data = new Int16Array(width * height).map((_, i) => i);
    const a = writeGeoTiff({ width, height, data, transform: T, sampleFormat: 'int16', tileSize: 16 });
    const b = writeGeoTiff({ width, height, data, transform: T, sampleFormat: 'int16', tileSize: 16 });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('rejects bad input with exact messages', () => {
    const base = { width: 2, height: 2, data: [1, 2, 3, 4], transform: T, sampleFormat: 'int16' as const };
    expect(() => writeGeoTiff({ ...base, data: [1, 2, 3] })).toThrow(new InputError('writeGeoTiff: data must hold width*height = 4 samples, got 3'));
    expect(() => writeGeoTiff({ ...base, width: 0 })).toThrow('writeGeoTiff: width must be a positive integer, got 0');
    expect(() => writeGeoTiff({ ...base, tileSize: 100 })).toThrow('writeGeoTiff: tileSize must be a positive multiple of 16, got 100');
    expect(() => writeGeoTiff({ ...base, transform: [105, 1, 0, 23, 0, 1] })).toThrow(
      'writeGeoTiff: transform must be north-up: pixelWidth > 0, rotation terms 0, pixelHeight < 0',
    );
    expect(() => writeGeoTiff({ ...base, nodata: 1.5 })).toThrow('writeGeoTiff: an int16 nodata must be an integer in -32768..32767, got 1.5');
    expect(() => writeGeoTiff({ ...base, sampleFormat: 'uint8' as never })).toThrow(`writeGeoTiff: sampleFormat must be 'int16' or 'float32', got "uint8"`);
  });
});
