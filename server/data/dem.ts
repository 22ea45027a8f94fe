/**
 * Reading DEM files into a DemGrid: GeoTIFF (the `geotiff` reader: tiled or stripped, DEFLATE,
 * LZW, ZSTD or none; Int16, UInt16, Int32, Float32, Float64; GDAL_NODATA → NaN; geographic
 * EPSG:4326 only) and SRTM `.hgt` tiles (core/formats/hgt), several tiles joined into one grid.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fromArrayBuffer, type GeoTIFFImage } from 'geotiff';
import { InputError, TooLargeError } from '../../core/errors';
import { mosaicDems, parseHgt } from '../../core/formats/hgt';
import type { DemGrid } from '../../core/model/types';

/** GeoKey values (GeoTIFF 1.1): model types and raster types. */
const MODEL_GEOGRAPHIC = 2;
const RASTER_PIXEL_IS_POINT = 2;
const EPSG_WGS84 = 4326;

/** Supported sample types: `${SampleFormat}/${BitsPerSample}` (1 uint, 2 int, 3 float). */
const SAMPLE_TYPES: Record<string, string> = { '1/16': 'UInt16', '2/16': 'Int16', '2/32': 'Int32', '3/32': 'Float32', '3/64': 'Float64' };

/** The file's bytes, or an InputError naming the file. */
async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${path}: file not found` : `${path}: cannot read the file: ${(err as Error).message}`);
  }
}

/** The GDAL geotransform of a north-up geographic image, pixel-is-area. */
function geoTransform(image: GeoTIFFImage, path: string): DemGrid['transform'] {
  const keys = image.getGeoKeys() ?? {};
  const model = keys.GTModelTypeGeoKey as number | undefined;
  const epsg = (keys.GeographicTypeGeoKey ?? keys.ProjectedCSTypeGeoKey) as number | undefined;
  if (model !== MODEL_GEOGRAPHIC || (epsg !== undefined && epsg !== EPSG_WGS84)) {
    const crs = model === undefined ? 'no coordinate reference system' : `${model === MODEL_GEOGRAPHIC ? 'geographic' : 'projected'} CRS EPSG:${epsg ?? 'unknown'}`;
    throw new InputError(
      `${path}: the DEM has ${crs}; covgap reads geographic WGS84 (EPSG:4326) only: reproject it with \`gdalwarp -t_srs EPSG:4326 in.tif out.tif\``,
    );
  }
  const dir = image.getFileDirectory();
  const matrix = dir.getValue('ModelTransformation') as number[] | undefined;
  const tie = dir.getValue('ModelTiepoint') as number[] | undefined;
  const scale = dir.getValue('ModelPixelScale') as number[] | undefined;
  let west: number;
  let north: number;
  let resX: number;
  let resY: number;
  if (matrix && matrix.length >= 8) {
    if (matrix[1] !== 0 || matrix[4] !== 0) throw new InputError(`${path}: the DEM is rotated; warp it north-up with \`gdalwarp -t_srs EPSG:4326 in.tif out.tif\``);
    [resX, west, resY, north] = [matrix[0], matrix[3], -matrix[5], matrix[7]];
  } else if (tie && tie.length >= 6 && scale && scale.length >= 2) {
    [resX, resY] = [scale[0], scale[1]];
    // the tie point maps raster (I, J) to model (X, Y)
    west = tie[3] - tie[0] * resX;
    north = tie[4] + tie[1] * resY;
  } else {
    throw new InputError(`${path}: the GeoTIFF has no georeferencing (ModelTiepoint + ModelPixelScale or ModelTransformation)`);
  }
  if (!(resX > 0 && resY > 0)) throw new InputError(`${path}: the DEM is not north-up (pixel size ${resX} × ${-resY}); warp it with \`gdalwarp -t_srs EPSG:4326 in.tif out.tif\``);
  if (keys.GTRasterTypeGeoKey === RASTER_PIXEL_IS_POINT) {
    // the tie point is a sample's centre: move to the cell's north-west edge
    west -= resX / 2;
    north += resY / 2;
  }
  return [west, resX, 0, north, 0, -resY];
}

/** Limits of a GeoTIFF read. */
export interface GeoTiffLimits {
  /** Most cells (width × height) the header may declare; checked before the raster is decoded. Default: no limit. */
  maxCells?: number;
}

/**
 * Read a GeoTIFF DEM (first band) from its bytes. `path` names it in messages. Past
 * `limits.maxCells`, throws TooLargeError before decoding anything (a 280 KB file may declare
 * 12,000 × 12,000 cells).
 *
 * @example
 * const dem = await parseGeoTiffDem(await readFile('dem.tif'), 'dem.tif', { maxCells: 100_000_000 });
 */
export async function parseGeoTiffDem(bytes: Uint8Array, path: string, limits: GeoTiffLimits = {}): Promise<DemGrid> {
  let image: GeoTIFFImage;
  try {
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    image = await (await fromArrayBuffer(ab)).getImage();
  } catch (err) {
    throw new InputError(`${path}: not a readable GeoTIFF: ${(err as Error).message}`);
  }
  const type = SAMPLE_TYPES[`${image.getSampleFormat(0)}/${image.getBitsPerSample(0)}`];
  if (type === undefined) {
    throw new InputError(
      `${path}: unsupported sample type (SampleFormat ${image.getSampleFormat(0)}, ${image.getBitsPerSample(0)} bits); expected Int16, UInt16, Int32, Float32 or Float64`,
    );
  }
  const width = image.getWidth();
  const height = image.getHeight();
  if (limits.maxCells !== undefined && width * height > limits.maxCells) {
    throw new TooLargeError([{ path: '', message: `the DEM declares ${width} × ${height} cells (${(width * height).toLocaleString('en')}), more than the limit of ${limits.maxCells.toLocaleString('en')} (IMPORT_MAX_DEM_CELLS); crop or resample it with gdalwarp` }]);
  }
  const transform = geoTransform(image, path);
  let raster: ArrayLike<number>;
  try {
    raster = (await image.readRasters({ samples: [0], interleave: true })) as unknown as ArrayLike<number>;
  } catch (err) {
    throw new InputError(`${path}: cannot decode the raster: ${(err as Error).message}`);
  }
  const nodata = readNoData(image);
  const data = new Float32Array(width * height);
  // copy, with the no-data value to NaN
  for (let i = 0; i < data.length; i++) {
    const v = raster[i];
    data[i] = v === nodata ? NaN : v;
  }
  return { width, height, data, transform };
}

/** GDAL_NODATA as a number (NaN when "nan"), or null. */
function readNoData(image: GeoTIFFImage): number | null {
  const dir = image.getFileDirectory();
  if (!dir.hasTag('GDAL_NODATA')) return null;
  const text = String(dir.getValue('GDAL_NODATA')).replace(/\0+$/, '').trim();
  if (text === '') return null;
  const v = Number(text);
  return Number.isNaN(v) ? null : v; // NaN no-data cells are NaN already
}

/**
 * Read one DEM file: GeoTIFF (.tif, .tiff) or SRTM (.hgt).
 *
 * @example
 * const dem = await readDemFile('geodata/dem.tif');
 */
export async function readDemFile(path: string): Promise<DemGrid> {
  const ext = extname(path).toLowerCase();
  if (ext === '.hgt') return parseHgt(await readBytes(path), path);
  if (ext === '.tif' || ext === '.tiff') return parseGeoTiffDem(await readBytes(path), path);
  throw new InputError(`${path}: unknown DEM format "${ext || '(no extension)'}"; expected a GeoTIFF (.tif, .tiff) or an SRTM tile (.hgt)`);
}

/**
 * Read one DEM file, or several tiles of one resolution (SRTM .hgt, say) joined into one grid.
 *
 * @example
 * const dem = await readDemFiles(['N22E105.hgt', 'N22E106.hgt', 'N23E105.hgt', 'N23E106.hgt']);
 */
export async function readDemFiles(paths: string[]): Promise<DemGrid> {
  if (paths.length === 0) throw new InputError('no DEM file given; pass a GeoTIFF (.tif) or SRTM tiles (.hgt)');
  const grids: DemGrid[] = [];
  for (const p of paths) grids.push(await readDemFile(p));
  return mosaicDems(grids);
}
