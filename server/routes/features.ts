import { Router, type Request } from 'express';
import type { CollectionInfo, FilterValue } from '../data/repository';
import { badRequest } from '../http/errors';
import { featureCollectionText } from '../http/geojsonText';
import { OGC_ITEM_PARAMS, parseOgcItemParams } from '../http/ogcParams';
import { baseUrl, onlyParams, queryInteger, queryString } from '../http/params';
import { GEOJSON, type ItemsRequest } from '../services/features';
import { viewOf } from './views';
import type { NetworkViews } from '../services/networkViews';

/** Page size when `limit` is absent, and the largest page (larger limits are clamped to it). */
export const ITEMS_LIMIT_DEFAULT = 100;
export const ITEMS_LIMIT_MAX = 10000;

/** Besides the OGC parameters: which network to read (a scenario id; absent = the baseline). */
const NETWORK_PARAMS = ['scenario'];

/**
 * OGC API – Features routes: /conformance, /collections, /collections/{id},
 * /collections/{id}/items, /collections/{id}/items/{featureId}. The landing page is in app.ts
 * because it shares `/` with the web client.
 */
export function featureRoutes(views: NetworkViews, publicUrl: string | null): Router {
  const router = Router();
  const base = (req: Request): string => baseUrl(req, publicUrl);

  router.get('/conformance', (req, res) => {
    onlyParams(req, ['f']);
    res.json(views.baseline.features.conformance());
  });

  router.get('/collections', async (req, res) => {
    onlyParams(req, ['f', 'scenario']);
    const service = (await viewOf(views, req)).features;
    res.json(service.collections(base(req)));
  });

  router.get('/collections/:collectionId', async (req, res) => {
    onlyParams(req, ['f', 'scenario']);
    const service = (await viewOf(views, req)).features;
    res.json(service.collection(req.params.collectionId, base(req)));
  });

  router.get('/collections/:collectionId/items', async (req, res) => {
    const service = (await viewOf(views, req)).features;
    const info = service.info(req.params.collectionId);
    const q = parseItemsRequest(req, info);
    const query = new URLSearchParams(req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '');
    const body = await service.items(info.id, q, base(req), query);
    res.type(GEOJSON).send(featureCollectionText(body));
  });

  router.get('/collections/:collectionId/items/:featureId', async (req, res) => {
    onlyParams(req, ['f', 'scenario']);
    const service = (await viewOf(views, req)).features;
    const f = await service.feature(req.params.collectionId, req.params.featureId, base(req));
    res.type(GEOJSON).send(JSON.stringify(f));
  });

  return router;
}

/**
 * Validate the items query of a collection: bbox, bbox-crs, crs, datetime, limit, offset, f and the
 * collection's property filters; any other parameter is a 400 (it is most likely a typo).
 */
export function parseItemsRequest(req: Request, info: CollectionInfo): ItemsRequest {
  const accepted = [...OGC_ITEM_PARAMS, ...NETWORK_PARAMS, ...info.filters.map((f) => f.name)];
  for (const name of Object.keys(req.query)) {
    if (!accepted.includes(name)) {
      throw badRequest(`unknown query parameter "${name}" for collection "${info.id}"; accepted: ${accepted.join(', ')}`);
    }
  }
  const f = queryString(req, 'f');
  if (f !== undefined && f !== 'json' && f !== 'geojson') throw badRequest(`f: expected "json" or "geojson", got "${f}"`);
  const { bbox } = parseOgcItemParams(req);
  const filters: Record<string, FilterValue> = {};
  for (const spec of info.filters) {
    const v = queryString(req, spec.name);
    if (v === undefined) continue;
    if (spec.type === 'boolean') {
      if (v !== 'true' && v !== 'false') throw badRequest(`${spec.name}: expected true or false, got "${v}"`);
      filters[spec.name] = v === 'true';
    } else if (spec.type === 'enum') {
      if (!spec.values?.includes(v)) throw badRequest(`${spec.name}: expected one of ${spec.values?.join(', ')}, got "${v}"`);
      filters[spec.name] = v;
    } else {
      if (v.trim() === '') throw badRequest(`${spec.name}: must not be empty`);
      if (spec.known && !spec.known.some((k) => (spec.caseInsensitive ? k.toLowerCase() === v.toLowerCase() : k === v))) {
        const shown = spec.known.length <= 12 ? `one of ${spec.known.join(', ')}` : `one of the ${spec.known.length} values in the data, e.g. ${spec.known.slice(0, 3).join(', ')}`;
        throw badRequest(`${spec.name}: expected ${shown}, got ${JSON.stringify(v.slice(0, 100))}`);
      }
      filters[spec.name] = v;
    }
  }
  return {
    bbox,
    filters,
    limit: queryInteger(req, 'limit', { def: ITEMS_LIMIT_DEFAULT, min: 1, max: ITEMS_LIMIT_MAX, clamp: true }),
    offset: queryInteger(req, 'offset', { def: 0, min: 0, max: Number.MAX_SAFE_INTEGER }),
  };
}
