/**
 * The part of an import that reads the file: parse it (readers.ts, geopackage.ts,
 * opencellidCsv.ts, server/data/dem.ts, core/formats/hgt.ts) and check every feature
 * (validateLayer.ts). It runs in an import worker (importWorker.ts), off the server's event loop,
 * and answers what crosses back: the validated layer or DEM, or the problems (the first
 * IMPORT_MAX_LISTED_PROBLEMS, with their count). Combining with the layer in use and storing stay
 * with the dataset service.
 */
import type { FeatureCollection } from 'geojson';
import { InputError, TooLargeError } from '../../core/errors';
import { parseHgt } from '../../core/formats/hgt';
import type { DemGrid } from '../../core/model/types';
import { parseGeoTiffDem } from '../data/dem';
import type { DatasetLayer } from '../data/store/datasets';
import { readGeopackage } from './geopackage';
import { readOpenCellidCsv } from './opencellidCsv';
import { IMPORT_MAX_LISTED_PROBLEMS, fileProblem, limitProblem, type ImportProblem } from './problems';
import { readGeojson, readKml, readShapefileZip, wrongKind, type ReadResult } from './readers';
import { sniff } from './sniff';
import type { TextEncoding } from './text';
import { validateLayer, type DemExtent } from './validateLayer';

/** The limits a file is read under (see DEFAULT_IMPORT_LIMITS). */
export interface ImportJobLimits {
  maxFeatures: number;
  maxInflatedBytes: number;
  maxDemCells: number;
}

/** What the worker is given: the file and what its checks need (no layer data, no DEM heights). */
export interface ImportJob {
  layer: DatasetLayer;
  format: string;
  encoding: TextEncoding;
  fileName: string | null;
  body: Uint8Array;
  limits: ImportJobLimits;
  /** The terrain the points of a vector layer must lie on (null: not checked). */
  demExtent: DemExtent | null;
}

/** What crosses back. */
export type ImportJobResult =
  | { kind: 'dem'; dem: DemGrid; warnings: string[] }
  | { kind: 'layer'; collection: FeatureCollection; warnings: string[]; counts: Record<string, number> }
  | { kind: 'refused'; problems: ImportProblem[]; problemCount: number; warnings: string[] };

const refused = (problems: ImportProblem[], warnings: string[] = []): ImportJobResult => ({
  kind: 'refused', problems: problems.slice(0, IMPORT_MAX_LISTED_PROBLEMS), problemCount: problems.length, warnings,
});

/**
 * @example
 * const out = await runImportJob({ layer: 'sites', format: 'geojson', encoding: 'utf-8', fileName: null, body, limits, demExtent });
 * if (out.kind === 'refused') refuse(out.problems, out.problemCount);
 */
export async function runImportJob(job: ImportJob): Promise<ImportJobResult> {
  if (job.layer === 'dem') return readDem(job);
  const read = await readLayer(job);
  if ('problems' in read) return refused(read.problems);
  const checked = validateLayer(job.layer, read.features, { dem: job.demExtent, typedFromText: job.format !== 'geojson' && job.format !== 'opencellid', maxFeatures: job.limits.maxFeatures });
  if ('problems' in checked) return refused(checked.problems, read.warnings);
  return { kind: 'layer', collection: checked.collection, warnings: read.warnings, counts: read.counts ?? {} };
}

async function readLayer(job: ImportJob): Promise<ReadResult & { counts?: Record<string, number> }> {
  const { body, encoding, limits } = job;
  switch (job.format) {
    case 'geojson':
      return readGeojson(body);
    case 'kml':
      return readKml(body, encoding);
    case 'shapefile':
      return readShapefileZip(body, limits, encoding);
    case 'gpkg':
      return readGeopackage(body, limits);
    case 'opencellid': {
      const out = await readOpenCellidCsv(body, encoding, { maxRows: limits.maxFeatures });
      if ('problems' in out) return out;
      return { features: out.sites.features, warnings: out.warnings, counts: { cells: out.cellCount, skippedCells: out.skippedCount } };
    }
    default:
      return { problems: [fileProblem(`format "${job.format}" cannot be read`, 'format')] };
  }
}

async function readDem(job: ImportJob): Promise<ImportJobResult> {
  const kind = sniff(job.body);
  let dem: DemGrid;
  try {
    if (job.format === 'geotiff') {
      if (kind !== 'tiff') return refused([wrongKind('geotiff', 'a GeoTIFF', kind)]);
      // the cells the header declares are checked before the raster is decoded
      dem = await parseGeoTiffDem(job.body, 'the GeoTIFF', { maxCells: job.limits.maxDemCells });
    } else {
      if (!job.fileName) return refused([fileProblem('an SRTM .hgt tile is located by its name: add filename=N22E106.hgt (the tile\'s south-west corner)', 'filename')]);
      if (kind === 'tiff' || kind === 'zip' || kind === 'json' || kind === 'xml' || kind === 'sqlite') return refused([wrongKind('hgt', 'an SRTM .hgt tile (raw big-endian 16-bit heights)', kind)]);
      dem = parseHgt(job.body, job.fileName);
    }
  } catch (err) {
    if (err instanceof TooLargeError) return refused([limitProblem(err.problems[0]?.message ?? err.message, 'IMPORT_MAX_DEM_CELLS')]);
    if (err instanceof InputError) return refused([fileProblem(err.message.replace(/^the GeoTIFF: /, ''))]);
    throw err;
  }
  if (dem.width * dem.height > job.limits.maxDemCells) {
    return refused([limitProblem(`the DEM has ${dem.width} × ${dem.height} cells, more than the limit of ${job.limits.maxDemCells} (IMPORT_MAX_DEM_CELLS); crop or resample it with gdalwarp`, 'IMPORT_MAX_DEM_CELLS')]);
  }
  let finite = 0;
  for (let i = 0; i < dem.data.length; i += Math.max(1, Math.floor(dem.data.length / 10_000))) if (Number.isFinite(dem.data[i])) finite++;
  if (finite === 0) return refused([fileProblem('the DEM holds no heights (every sampled cell is no-data)')]);
  return { kind: 'dem', dem, warnings: [] };
}
