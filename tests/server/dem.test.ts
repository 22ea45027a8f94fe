import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { afterAll, describe, expect, it } from 'vitest';
import { writeGeoTiff } from '../../core/formats/geotiffWrite';
import { sampleBilinear } from '../../core/terrain/sample';
import { readDemFile, readDemFiles } from '../../server/data/dem';
import { rejectedInputErrorMessage } from '../helpers/inputError';

const dir = mkdtempSync(join(tmpdir(), 'covgap-dem-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const W = 40;
const H = 30;
const RES = 1 / 1200;
const WEST = 106;
const NORTH = 23;
/** A known elevation field: 200 + 3·col + 2·row. */
const value = (col: number, row: number) => 200 + 3 * col + 2 * row;

type Kind = 'int16' | 'uint16' | 'int32' | 'uint8' | 'float32' | 'float64';

/** The known field as plain numbers. */
function field(): number[] {
  const out: number[] = [];
  for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) out.push(value(c, r));
  return out;
}

/**
 * A stripped, uncompressed GeoTIFF from geotiff's own writer. Its writer encodes only unsigned and
 * float arrays, so signed integers go in as their two's-complement unsigned bits with SampleFormat 2.
 */
function writeTiff(name: string, kind: Kind, values: number[], extra: Record<string, unknown> = {}): string {
  const path = join(dir, name);
  const arrays = {
    int16: () => new Uint16Array(Int16Array.from(values).buffer),
    uint16: () => Uint16Array.from(values),
    int32: () => new Uint32Array(Int32Array.from(values).buffer),
    uint8: () => Uint8Array.from(values),
    float32: () => Float32Array.from(values),
    float64: () => Float64Array.from(values),
  };
  const ab = writeArrayBuffer(arrays[kind](), {
    width: W,
    height: H,
    ModelPixelScale: [RES, RES, 0],
    ModelTiepoint: [0, 0, 0, WEST, NORTH, 0],
    GTModelTypeGeoKey: 2,
    GeographicTypeGeoKey: 4326,
    ...(kind === 'int16' || kind === 'int32' ? { SampleFormat: [2] } : {}),
    ...extra,
  });
  writeFileSync(path, new Uint8Array(ab));
  return path;
}

const message = rejectedInputErrorMessage;

function expectKnownGrid(dem: Awaited<ReturnType<typeof readDemFile>>, west = WEST, north = NORTH) {
  expect([dem.width, dem.height]).toEqual([W, H]);
  expect(dem.transform[0]).toBeCloseTo(west, 12);
  expect(dem.transform[1]).toBeCloseTo(RES, 14);
  expect(dem.transform[3]).toBeCloseTo(north, 12);
  expect(dem.transform[5]).toBeCloseTo(-RES, 14);
  expect(dem.data[0]).toBe(value(0, 0));
  expect(dem.data[7 * W + 11]).toBe(value(11, 7));
  expect(dem.data[W * H - 1]).toBe(value(W - 1, H - 1));
}

describe('readDemFile: GeoTIFF', () => {
  it('reads a stripped Int16 GeoTIFF written by geotiff, with GDAL_NODATA to NaN', async () => {
    const values = field();
    values[5 * W + 6] = -32768;
    values[9 * W + 1] = -12; // below sea level stays
    const dem = await readDemFile(writeTiff('int16.tif', 'int16', values, { GDAL_NODATA: '-32768' }));
    expect(dem.data[5 * W + 6]).toBeNaN();
    expect(dem.data[9 * W + 1]).toBe(-12);
    dem.data[5 * W + 6] = value(6, 5);
    dem.data[9 * W + 1] = value(1, 9);
    expectKnownGrid(dem);
    // the cell centre of (col 11, row 7)
    expect(sampleBilinear(dem, WEST + 11.5 * RES, NORTH - 7.5 * RES)).toBeCloseTo(value(11, 7), 4);
  });

  it('reads UInt16, Int32, Float32 and Float64 samples', async () => {
    for (const kind of ['uint16', 'int32', 'float32', 'float64'] as const) {
      expectKnownGrid(await readDemFile(writeTiff(`${kind}.${kind === 'float64' ? 'TIFF' : 'tif'}`, kind, field())));
    }
    const neg = field();
    neg[3] = -400;
    expect((await readDemFile(writeTiff('neg32.tif', 'int32', neg))).data[3]).toBe(-400);
  });

  it('honours PixelIsPoint: the tie point is the centre of the first sample', async () => {
    const dem = await readDemFile(writeTiff('point.tif', 'int16', field(), { GTRasterTypeGeoKey: 2 }));
    expectKnownGrid(dem, WEST - RES / 2, NORTH + RES / 2);
    expect(sampleBilinear(dem, WEST, NORTH)).toBe(value(0, 0));
  });

  it('reads a tiled, DEFLATE GeoTIFF from writeGeoTiff (int16 with nodata, and float32)', async () => {
    const W2 = 300;
    const H2 = 270; // more than one 256-pixel tile each way, with partial edge tiles
    const data = new Float32Array(W2 * H2);
    for (let r = 0; r < H2; r++) for (let c = 0; c < W2; c++) data[r * W2 + c] = 150 + c - r * 0.5;
    data[260 * W2 + 290] = NaN;
    const transform = [105.5, 1 / 3600, 0, 22.75, 0, -1 / 3600] as const;
    for (const sampleFormat of ['int16', 'float32'] as const) {
      const path = join(dir, `tiled-${sampleFormat}.tif`);
      writeFileSync(path, writeGeoTiff({ width: W2, height: H2, data, transform, nodata: -9999, sampleFormat }));
      const dem = await readDemFile(path);
      expect([dem.width, dem.height]).toEqual([W2, H2]);
      dem.transform.forEach((v, i) => expect(v).toBeCloseTo(transform[i], 12));
      expect(dem.data[260 * W2 + 290]).toBeNaN();
      const expected = (c: number, r: number) => (sampleFormat === 'int16' ? Math.round(150 + c - r * 0.5) : 150 + c - r * 0.5);
      for (const [c, r] of [[0, 0], [299, 0], [0, 269], [257, 258], [123, 45]]) expect(dem.data[r * W2 + c]).toBe(expected(c, r));
    }
  });

  it('rejects projected and unknown CRSs with the gdalwarp command', async () => {
    const utm = writeTiff('utm.tif', 'int16', field(), { GTModelTypeGeoKey: 1, GeographicTypeGeoKey: undefined, ProjectedCSTypeGeoKey: 32648 });
    expect(await message(readDemFile(utm))).toBe(
      `${utm}: the DEM has projected CRS EPSG:32648; covgap reads geographic WGS84 (EPSG:4326) only: reproject it with \`gdalwarp -t_srs EPSG:4326 in.tif out.tif\``,
    );
    const nad = writeTiff('nad27.tif', 'int16', field(), { GeographicTypeGeoKey: 4267 });
    expect(await message(readDemFile(nad))).toContain('the DEM has geographic CRS EPSG:4267; covgap reads geographic WGS84 (EPSG:4326) only');
  });

  it('rejects unsupported sample types, non-TIFF bytes and unknown extensions', async () => {
    const u8 = writeTiff('u8.tif', 'uint8', field().map((v) => v % 256));
    expect(await message(readDemFile(u8))).toBe(
      `${u8}: unsupported sample type (SampleFormat 1, 8 bits); expected Int16, UInt16, Int32, Float32 or Float64`,
    );
    const junk = join(dir, 'junk.tif');
    writeFileSync(junk, 'not a tiff');
    expect(await message(readDemFile(junk))).toMatch(new RegExp(`^${junk.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a readable GeoTIFF: `));
    expect(await message(readDemFile(join(dir, 'dem.asc')))).toBe(
      `${join(dir, 'dem.asc')}: unknown DEM format ".asc"; expected a GeoTIFF (.tif, .tiff) or an SRTM tile (.hgt)`,
    );
    expect(await message(readDemFile(join(dir, 'missing.tif')))).toBe(`${join(dir, 'missing.tif')}: file not found`);
  });
});

describe('readDemFiles: SRTM tiles', () => {
  const hgt = (name: string, v: number) => {
    const bytes = new Uint8Array(1201 * 1201 * 2);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < 1201 * 1201; i++) view.setInt16(2 * i, v, false);
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('reads one tile and a mosaic of two', async () => {
    const a = hgt('N22E105.hgt', 300);
    const b = hgt('n22e106.HGT', 500);
    const one = await readDemFiles([a]);
    expect([one.width, one.height]).toEqual([1201, 1201]);
    expect(one.transform[0]).toBeCloseTo(105 - RES / 2, 12);
    const both = await readDemFiles([a, b]);
    expect([both.width, both.height]).toEqual([2401, 1201]);
    expect(sampleBilinear(both, 105.5, 22.5)).toBe(300);
    expect(sampleBilinear(both, 106.5, 22.5)).toBe(500);
    expect(await message(readDemFiles([]))).toBe('no DEM file given; pass a GeoTIFF (.tif) or SRTM tiles (.hgt)');
  });
});

/** GDAL is installed by CI (.ci/run); where it is missing these tests are skipped. */
const hasGdal = (() => {
  try {
    execFileSync('gdal_translate', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasGdal)('readDemFile: GeoTIFFs written by GDAL', () => {
  const gdal = (tool: string, args: string[]) => execFileSync(tool, ['-q', ...args], { stdio: 'pipe' });
  const src = () => {
    const values = field();
    values[2 * W + 3] = -32768;
    return writeTiff('gdal-src.tif', 'int16', values, { GDAL_NODATA: '-32768' });
  };

  it('reads tiled LZW, DEFLATE and ZSTD files with their nodata', async () => {
    const input = src();
    for (const compress of ['LZW', 'DEFLATE', 'ZSTD']) {
      const out = join(dir, `gdal-${compress}.tif`);
      try {
        gdal('gdal_translate', ['-co', 'TILED=YES', '-co', 'BLOCKXSIZE=16', '-co', 'BLOCKYSIZE=16', '-co', `COMPRESS=${compress}`, '-co', 'PREDICTOR=2', input, out]);
      } catch {
        if (compress === 'ZSTD') continue; // a GDAL built without ZSTD
        throw new Error(`gdal_translate failed for ${compress}`);
      }
      const dem = await readDemFile(out);
      expect(dem.data[2 * W + 3]).toBeNaN();
      dem.data[2 * W + 3] = value(3, 2);
      expectKnownGrid(dem);
    }
  });

  it('honours AREA_OR_POINT=Point and rejects a warped UTM file', async () => {
    const point = join(dir, 'gdal-point.tif');
    gdal('gdal_translate', ['-mo', 'AREA_OR_POINT=Point', src(), point]);
    // GDAL keeps the geotransform (area) and writes the tie point half a cell in for PixelIsPoint
    expectKnownGrid(await readDemFile(point));
    const utm = join(dir, 'gdal-utm.tif');
    gdal('gdalwarp', ['-t_srs', 'EPSG:32648', src(), utm]);
    expect(await message(readDemFile(utm))).toContain('projected CRS EPSG:32648; covgap reads geographic WGS84 (EPSG:4326) only');
  });
});
