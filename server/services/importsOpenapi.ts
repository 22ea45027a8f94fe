/** OpenAPI 3.0 additions of the imports and dataset versions: /api/imports/{layer}, /api/datasets[…]. */
import { DATASET_LAYERS } from '../data/store/datasets';
import { TEXT_ENCODINGS } from '../imports/text';
import { IMPORT_FORMATS } from './datasets';
import { IMPORT_MEDIA_TYPES } from '../../core/formats/mediaTypes';

const problem = { $ref: '#/components/responses/Problem' };
const layerParam = (layers: readonly string[]) => ({ name: 'layer', in: 'path', required: true, description: 'The layer', schema: { type: 'string', enum: layers } });
const versionParam = { name: 'version', in: 'path', required: true, description: 'The dataset version (1 = the files of the geodata manifest)', schema: { type: 'integer', minimum: 1 } };
const query = (name: string, description: string, schema: object) => ({ name, in: 'query', required: false, description, schema });
const ADMIN = 'Admin only (once roles are enforced).';

/** The body of a refused import: problem+json with the problems and how many there are. */
const refusal = (description: string) => ({
  description,
  content: {
    'application/problem+json': {
      schema: {
        allOf: [{ $ref: '#/components/schemas/Problem' }, {
          type: 'object',
          properties: {
            errors: { type: 'array', maxItems: 1000, items: { $ref: '#/components/schemas/ImportProblem' }, description: 'The problems: every one of every feature, the first 1,000 of them' },
            problemCount: { type: 'integer', description: 'How many problems the file has (errors lists the first 1,000)' },
          },
        }],
      },
    },
  },
});

/**
 * Adds the import and dataset paths and schemas (mutates and returns the document).
 *
 * @example
 * openApiDocument(collections, base, name, [addImportOpenApi]);
 */
export function addImportOpenApi<T extends object>(doc: T): T {
  const d = doc as { paths: Record<string, object>; components: { schemas: Record<string, object> } };
  // ImportReport, ImportProblem, DatasetVersion, DatasetList: the wire contract's (core/wire/datasets.ts)
  const report = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportReport' } } } });
  const formats = [...new Set(Object.values(IMPORT_FORMATS).flat())];
  d.paths['/api/imports/{layer}'] = {
    post: {
      operationId: 'importLayer',
      summary: 'Import a file as the layer\'s next dataset version: validated whole, applied all or nothing',
      description: `${ADMIN} The file is the request body. Formats: sites ${IMPORT_FORMATS.sites.join(', ')}; villages and communes ${IMPORT_FORMATS.villages.join(', ')} (shapefile: a zip with .shp, .shx, .dbf, .prj, .cpg); power-lines ${IMPORT_FORMATS['power-lines'].join(', ')}; dem ${IMPORT_FORMATS.dem.join(', ')} (hgt: with filename=N22E106.hgt). Any problem: 422 with every problem of every feature in errors (the first 1,000; problemCount counts them all), nothing applied. A size limit passed: 413 naming it and its variable — the body (IMPORT_MAX_MB), records or rows declared or counted past IMPORT_MAX_FEATURES (.dbf, .shp, CSV, GeoPackage), a GeoTIFF declaring more than IMPORT_MAX_DEM_CELLS, or the import worker past its wall clock (IMPORT_TIMEOUT_S) or heap (IMPORT_MAX_WORKER_MB). The file is read and checked in a worker process, off the server\'s event loop.`,
      tags: ['Data'],
      parameters: [
        layerParam(DATASET_LAYERS),
        { name: 'format', in: 'query', required: true, description: 'The file\'s format (which formats a layer takes: see above)', schema: { type: 'string', enum: formats } },
        query('dryRun', 'true: check the file and answer the report, apply nothing', { type: 'string', enum: ['true', 'false'], default: 'false' }),
        query('mode', 'replace the layer (default) or merge by id (features of the file replace those with their id, the others are kept)', { type: 'string', enum: ['replace', 'merge'], default: 'replace' }),
        query('operator', 'Sites, mode=replace: replace only this operator\'s sites (the file must hold only theirs)', { type: 'string' }),
        query('encoding', 'The text encoding of a CSV or KML file, or of a .dbf without .cpg', { type: 'string', enum: [...TEXT_ENCODINGS], default: 'utf-8' }),
        query('filename', 'The file\'s name; an SRTM .hgt tile is located by it (N22E106.hgt)', { type: 'string' }),
      ],
      requestBody: {
        required: true,
        description: `The file, with the Content-Type of its format (else 415): ${Object.entries(IMPORT_MEDIA_TYPES).map(([f, types]) => `${f} ${types.join(' or ')}`).join('; ')}`,
        content: Object.fromEntries([...new Set(Object.values(IMPORT_MEDIA_TYPES).flat())].map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
        // which of them each format takes (checked by the route, server/routes/imports.ts)
        'x-content-types-by-format': IMPORT_MEDIA_TYPES,
      },
      responses: {
        '200': report('Dry run: the report, nothing applied'),
        '201': { ...report('Applied: the report with the new version'), headers: { Location: { description: 'URL of the new dataset version', schema: { type: 'string' } } } },
        '400': problem, '404': problem, '415': problem,
        '413': refusal('A limit passed: the body (IMPORT_MAX_MB), the records, cells or rows the file declares or holds (IMPORT_MAX_FEATURES, IMPORT_MAX_DEM_CELLS), or the import worker\'s wall clock (IMPORT_TIMEOUT_S) or heap (IMPORT_MAX_WORKER_MB); the detail names it; nothing applied'),
        '422': refusal('The file is refused: problem+json with every problem in errors (line or feature, field, detail), problemCount and the report\'s counts; nothing applied'),
      },
    },
  };
  d.paths['/api/datasets'] = {
    get: {
      operationId: 'listDatasets', summary: 'Every version of every layer, with the active one', tags: ['Data'],
      responses: {
        '200': { description: 'The layers and their versions', content: { 'application/json': { schema: { $ref: '#/components/schemas/DatasetList' } } } },
        '400': problem,
      },
    },
  };
  const one = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/DatasetVersion' } } } });
  d.paths['/api/datasets/{layer}/{version}'] = {
    get: { operationId: 'getDatasetVersion', summary: 'One dataset version', tags: ['Data'], parameters: [layerParam(DATASET_LAYERS), versionParam], responses: { '200': one('The version'), '400': problem, '404': problem } },
  };
  d.paths['/api/datasets/{layer}/{version}/restore'] = {
    post: {
      operationId: 'restoreDatasetVersion', summary: 'Make a kept version the active one again (coverage, gaps and scenarios then use it)', description: ADMIN, tags: ['Data'],
      parameters: [layerParam(DATASET_LAYERS), versionParam], responses: { '200': one('The version, now active'), '400': problem, '404': problem },
    },
  };
  return doc;
}
