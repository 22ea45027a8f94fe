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

const PROBLEM_ITEM = {
  type: 'object',
  required: ['path', 'field', 'detail'],
  properties: {
    path: { type: 'string', description: 'Where: `line 7: lat`, `features[3].properties.id`' },
    line: { type: 'integer', description: 'The file\'s line (CSV: header = line 1)' },
    feature: { type: 'integer', description: 'The feature\'s index in the file (0-based)' },
    field: { type: 'string', description: 'The field or column; empty for the whole record or file' },
    detail: { type: 'string' },
  },
};

/**
 * Adds the import and dataset paths and schemas (mutates and returns the document).
 *
 * @example
 * openApiDocument(collections, base, name, [addImportOpenApi]);
 */
export function addImportOpenApi<T extends object>(doc: T): T {
  const d = doc as { paths: Record<string, object>; components: { schemas: Record<string, object> } };
  d.components.schemas.ImportReport = {
    type: 'object',
    required: ['layer', 'format', 'mode', 'dryRun', 'applied', 'counts', 'warnings', 'errors'],
    properties: {
      layer: { type: 'string', enum: [...DATASET_LAYERS] },
      format: { type: 'string' },
      mode: { type: 'string', enum: ['replace', 'merge'] },
      operator: { type: 'string', nullable: true },
      dryRun: { type: 'boolean' },
      applied: { type: 'boolean', description: 'True when the file became the layer\'s active version' },
      version: { type: 'integer', nullable: true, description: 'The new version (applied imports)' },
      counts: { type: 'object', additionalProperties: { type: 'number' }, description: 'features, before, after, added, updated, unchanged, removed; CSV: cells; DEM: width, height, cellArcSec' },
      warnings: { type: 'array', items: { type: 'string' } },
      errors: { type: 'array', items: { $ref: '#/components/schemas/ImportProblem' } },
    },
  };
  d.components.schemas.ImportProblem = PROBLEM_ITEM;
  d.components.schemas.DatasetVersion = {
    type: 'object',
    required: ['layer', 'version', 'createdAt', 'active', 'source', 'format'],
    properties: {
      layer: { type: 'string', enum: [...DATASET_LAYERS] },
      version: { type: 'integer', minimum: 1 },
      createdAt: { type: 'string', format: 'date-time' },
      active: { type: 'boolean' },
      source: { type: 'string', enum: ['manifest', 'import'] },
      format: { type: 'string' },
      mode: { type: 'string', nullable: true },
      operator: { type: 'string', nullable: true },
      fileName: { type: 'string', nullable: true },
      counts: { type: 'object', additionalProperties: { type: 'number' } },
      bytes: { type: 'integer', minimum: 0 },
    },
  };
  const report = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportReport' } } } });
  const formats = [...new Set(Object.values(IMPORT_FORMATS).flat())];
  d.paths['/api/imports/{layer}'] = {
    post: {
      operationId: 'importLayer',
      summary: 'Import a file as the layer\'s next dataset version: validated whole, applied all or nothing',
      description: `${ADMIN} The file is the request body. Formats: sites ${IMPORT_FORMATS.sites.join(', ')}; villages and communes ${IMPORT_FORMATS.villages.join(', ')} (shapefile: a zip with .shp, .shx, .dbf, .prj, .cpg); power-lines ${IMPORT_FORMATS['power-lines'].join(', ')}; dem ${IMPORT_FORMATS.dem.join(', ')} (hgt: with filename=N22E106.hgt). Any problem: 422 with every problem in errors, nothing applied.`,
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
        '400': problem, '404': problem, '413': problem, '415': problem,
        '422': { description: 'The file is refused: problem+json with every problem in errors (line or feature, field, detail) and the report\'s counts; nothing applied', content: { 'application/problem+json': { schema: { allOf: [{ $ref: '#/components/schemas/Problem' }, { type: 'object', properties: { errors: { type: 'array', items: { $ref: '#/components/schemas/ImportProblem' } } } }] } } } },
      },
    },
  };
  d.paths['/api/datasets'] = {
    get: {
      operationId: 'listDatasets', summary: 'Every version of every layer, with the active one', tags: ['Data'],
      responses: {
        '200': { description: 'The layers and their versions', content: { 'application/json': { schema: { type: 'object', properties: { layers: { type: 'array', items: { type: 'object', properties: { layer: { type: 'string' }, active: { type: 'integer' }, versions: { type: 'array', items: { $ref: '#/components/schemas/DatasetVersion' } } } } } } } } } },
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
