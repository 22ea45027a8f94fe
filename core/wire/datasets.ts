/**
 * Imports and dataset versions: POST /api/imports/{layer} (the report), GET /api/datasets,
 * GET /api/datasets/{layer}/{version} and POST …/restore.
 */
import { array, bool, dateTime, int, map, nullable, num, object, str, type Wire } from './schema';

/** The layers a file can be imported as (each has its versions). */
export const DATASET_LAYERS = ['sites', 'villages', 'communes', 'power-lines', 'dem'] as const;
const layer = { type: 'string', enum: DATASET_LAYERS } as const;

/** One problem of a refused file (422/413 problem+json `errors`). */
export const ImportProblem = object({
  path: { ...str, description: 'Where: `line 7: lat`, `features[3].properties.id`' },
  line: { ...int, description: 'The file\'s line (CSV: header = line 1)' },
  feature: { ...int, description: 'The feature\'s index in the file (0-based)' },
  field: { ...str, description: 'The field or column; empty for the whole record or file' },
  detail: str,
  limit: { ...str, description: 'The environment variable of the size limit the file passes (the answer is then 413), e.g. IMPORT_MAX_DEM_CELLS' },
}, ['line', 'feature', 'limit']);
export type ImportProblem = Wire<typeof ImportProblem>;

/** What an import found and did (200 dry run, 201 applied). */
export const ImportReport = object({
  layer,
  format: str,
  mode: { type: 'string', enum: ['replace', 'merge'] },
  operator: nullable(str),
  dryRun: bool,
  applied: { ...bool, description: 'True when the file became the layer\'s active version' },
  version: nullable({ ...int, description: 'The new version (applied imports)' }),
  counts: map(num, 'features, before, after, added, updated, unchanged, removed; CSV: cells; DEM: width, height, cellArcSec'),
  warnings: array(str),
  errors: array(ImportProblem, 'Empty in a report: a file with any problem is refused (422)'),
});
export type ImportReport = Wire<typeof ImportReport>;

/** One version of a layer. */
export const DatasetVersion = object({
  layer,
  version: int,
  createdAt: dateTime,
  active: { ...bool, description: 'Whether this is the version the server uses' },
  source: { type: 'string', enum: ['manifest', 'import'], description: 'manifest: version 1, the file the geodata manifest names; import: a file posted to /api/imports' },
  format: str,
  mode: nullable({ type: 'string', enum: ['replace', 'merge'] }),
  operator: nullable(str),
  fileName: nullable(str),
  counts: map(num),
  bytes: { ...int, description: 'Bytes of stored content (0 for the manifest\'s version)' },
});
export type DatasetVersion = Wire<typeof DatasetVersion>;

/** GET /api/datasets: every version of every layer, with the active one. */
export const DatasetList = object({ layers: array(object({ layer, active: int, versions: array(DatasetVersion) })) });
export type DatasetList = Wire<typeof DatasetList>;
