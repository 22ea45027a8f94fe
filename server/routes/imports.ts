/**
 * Import and dataset-version routes (admin only, once roles are enforced):
 *
 *  - POST /api/imports/{layer}?format=…&dryRun=true|false&mode=replace|merge[&operator=…][&encoding=…][&filename=…]
 *    with the file as the body, sent as one of its format's media types (core/formats/mediaTypes.ts;
 *    415 otherwise): 200 with the report (dry run), 201 with the
 *    report and Location of the new version (applied), 422 problem+json with `errors` (refused);
 *  - GET /api/datasets: every version of every layer, the active one named;
 *  - GET /api/datasets/{layer}/{version}: one version;
 *  - POST /api/datasets/{layer}/{version}/restore: make it active again.
 *
 * Parsing and status codes only: the dataset service reads, checks and stores.
 */
import express, { Router, type Request, type Response } from 'express';
import { DATASET_LAYERS, type DatasetLayer } from '../data/store/datasets';
import { ApiError, badRequest } from '../http/errors';
import { markBodyRead } from '../http/json';
import { baseUrl, onlyParams, queryString } from '../http/params';
import { IMPORT_FORMATS, type DatasetService } from '../services/datasets';
import { TEXT_ENCODINGS, type TextEncoding } from '../imports/text';
import type { ImportBody } from '../imports/importWorker';
import type { DatasetList, DatasetVersion, ImportReport } from '../../core/wire';
import { importMediaTypes } from '../../core/formats/mediaTypes';
import { requireType } from '../http/contentTypes';

const IMPORT_PARAMS = ['format', 'dryRun', 'mode', 'operator', 'encoding', 'filename'];

function layerParam(value: string): DatasetLayer {
  if (!(DATASET_LAYERS as readonly string[]).includes(value)) {
    throw new ApiError(404, 'Not Found', `no layer "${value.slice(0, 60)}" to import; layers: ${DATASET_LAYERS.join(', ')}`);
  }
  return value as DatasetLayer;
}

function versionParam(value: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw badRequest(`version: expected a dataset version number ≥ 1, got "${value.slice(0, 40)}"`);
  return Number(value);
}

function choice<T extends string>(req: Request, name: string, values: readonly T[], def: T | undefined): T {
  const v = queryString(req, name);
  if (v === undefined) {
    if (def === undefined) throw badRequest(`${name}: required; one of ${values.join(', ')}`);
    return def;
  }
  if (!(values as readonly string[]).includes(v)) throw badRequest(`${name}: expected one of ${values.join(', ')}, got ${JSON.stringify(v.slice(0, 60))}`);
  return v as T;
}

/**
 * @example
 * app.use(importRoutes(datasets, config.publicUrl));
 */
export function importRoutes(datasets: DatasetService, publicUrl: string | null): Router {
  const router = Router();
  const limit = datasets.limits.maxBytes;
  const raw = express.raw({ type: () => true, limit });

  // the body's type must be one of its format's (an unknown layer or format: the handler's 404 or 400)
  const formatType: express.RequestHandler = (req, _res, next) => {
    const format = (req.query as Record<string, unknown>).format;
    const formats: readonly string[] = (IMPORT_FORMATS as Record<string, readonly string[] | undefined>)[String(req.params.layer)] ?? [];
    const types = typeof format === 'string' && formats.includes(format) ? importMediaTypes(format) : [];
    try {
      if (types.length > 0) requireType(req, types, `an import of format=${format}`);
      next();
    } catch (err) {
      next(err);
    }
  };

  const tooLarge = (length?: number): ApiError => new ApiError(413, 'Content Too Large', `the file${typeof length === 'number' && Number.isFinite(length) ? ` (${length} bytes)` : ''} is larger than the import limit of ${limit} bytes (IMPORT_MAX_MB=${Math.round((limit / 2 ** 20) * 10) / 10}); split it or raise the limit`);
  /** A body without a Content-Length (chunked): read whole, within the limit. */
  const readWhole = (req: Request, res: Response): Promise<Uint8Array> => new Promise((resolve, reject) => {
    raw(req, res, (err?: unknown) => {
      const e = err as { type?: string; length?: number } | undefined;
      if (e?.type === 'entity.too.large') reject(tooLarge(e.length));
      else if (err) reject(err);
      else resolve(Buffer.isBuffer(req.body) ? new Uint8Array(req.body.buffer, req.body.byteOffset, req.body.byteLength) : new Uint8Array(0));
    });
  });

  router.post('/api/imports/:layer', formatType, async (req, res) => {
    // the file is the body, read as bytes (not as JSON, whatever its Content-Type), after the parameters are checked
    markBodyRead(req);
    const layer = layerParam(String(req.params.layer));
    onlyParams(req, IMPORT_PARAMS);
    const format = choice(req, 'format', IMPORT_FORMATS[layer], undefined);
    const dryRun = choice(req, 'dryRun', ['true', 'false'], 'false') === 'true';
    const mode = choice(req, 'mode', ['replace', 'merge'], 'replace');
    const encoding = choice<TextEncoding>(req, 'encoding', TEXT_ENCODINGS, 'utf-8');
    const operator = queryString(req, 'operator') ?? null;
    const fileName = queryString(req, 'filename') ?? null;
    if (operator !== null && (layer !== 'sites' || mode !== 'replace')) throw badRequest('operator: only for layer sites with mode=replace (replace one operator\'s sites)');
    if (operator !== null && (operator.trim() === '' || operator.length > 100)) throw badRequest('operator: expected an operator name as in the sites (e.g. Viettel)');
    if (layer === 'dem' && mode === 'merge') throw badRequest('mode: a DEM is replaced whole; mode=merge is for the vector layers');
    if (fileName !== null && !/^[\w.-]{1,200}$/.test(fileName)) throw badRequest(`filename: expected a plain file name (letters, digits, . _ -), got ${JSON.stringify(fileName.slice(0, 60))}`);
    // with a Content-Length the body streams to the import worker as it arrives: it never gathers in
    // the server's memory, and no copy of it holds the event loop (a 51 MB CSV held it 0.2 s so)
    const declared = req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : null;
    if (declared !== null && declared > limit) throw tooLarge(declared);
    const body: ImportBody = declared !== null ? { stream: req, bytes: declared } : await readWhole(req, res);
    if ((body instanceof Uint8Array ? body.byteLength : body.bytes) === 0) throw badRequest('the request has no body: send the file as the body (curl --data-binary @file)');
    const report = await datasets.import({ layer, format, dryRun, mode, operator, encoding, fileName, body });
    if (report.applied && report.version !== null) {
      res.status(201).location(`${baseUrl(req, publicUrl)}/api/datasets/${layer}/${report.version}`);
    }
    res.set('Cache-Control', 'no-store').json(report satisfies ImportReport);
  });

  router.get('/api/datasets', async (req, res) => {
    onlyParams(req, []);
    res.set('Cache-Control', 'no-cache').json({ layers: await datasets.list() } satisfies DatasetList);
  });

  router.get('/api/datasets/:layer/:version', async (req, res) => {
    onlyParams(req, []);
    const layer = layerParam(String(req.params.layer));
    res.set('Cache-Control', 'no-cache').json((await datasets.get(layer, versionParam(String(req.params.version)))) satisfies DatasetVersion);
  });

  router.post('/api/datasets/:layer/:version/restore', async (req, res) => {
    onlyParams(req, []);
    const layer = layerParam(String(req.params.layer));
    res.set('Cache-Control', 'no-store').json((await datasets.restore(layer, versionParam(String(req.params.version)))) satisfies DatasetVersion);
  });
  return router;
}
