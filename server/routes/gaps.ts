/**
 * Gap routes: GET /api/stats, and the `gaps` OGC API – Features collection's items
 * (/collections/gaps/items, /collections/gaps/items/{id}) with the gap filters and the downloads
 * (`f=csv|xlsx|geojson|kml|gpkg`, `lang=vi|en`). /collections and /collections/gaps come from the
 * repository (gapsRepository.ts) through the feature routes. While the coverage computes: 503
 * problem+json with `progress`.
 */
import { Router, type Request } from 'express';
import { gapFeature } from '../../core/export/flat';
import type { Gap } from '../../core/gaps';
import type { BBox } from '../../core/model/types';
import { GAP_FORMATS, GAP_MEDIA_TYPES, gapDownload } from '../export/download';
import { badRequest } from '../http/errors';
import { OGC_ITEM_PARAMS, parseOgcItemParams } from '../http/ogcParams';
import { baseUrl, onlyParams, queryInteger, queryString } from '../http/params';
import { GEOJSON, JSON_TYPE, type Link } from '../services/features';
import { parseGapQuery, parseGapRule, type GapQuery, type GapService } from '../services/gaps';
import { resolveGapOptions } from '../../core/gaps';
import { gapsOf } from './views';
import type { NetworkViews } from '../services/networkViews';
import { ITEMS_LIMIT_DEFAULT, ITEMS_LIMIT_MAX } from './features';
import type { Stats } from '../../core/wire';

export const GAP_FILTERS = ['communeId', 'tech', 'operator', 'electrified', 'minPopulation'] as const;
/** The village rule of the answer (server/services/gaps.ts parseGapRule). */
export const GAP_RULE_PARAMS = ['rule', 'minAreaShare'] as const;
const ACCEPTED = [...OGC_ITEM_PARAMS, 'lang', 'codes', 'scenario', ...GAP_FILTERS, ...GAP_RULE_PARAMS];

/** The analysis under the request's `rule` / `minAreaShare` (the view's own when absent). */
function underRule(req: Request, gaps: GapService): GapService {
  const own = resolveGapOptions(gaps.options);
  return gaps.withRule(parseGapRule({ rule: queryString(req, 'rule'), minAreaShare: queryString(req, 'minAreaShare') }, own));
}
const PAGE_FORMATS = ['json'];

function gapFilters(req: Request, gaps: GapService): GapQuery {
  const raw: Record<string, string | undefined> = {};
  for (const k of GAP_FILTERS) raw[k] = queryString(req, k);
  return parseGapQuery(raw, gaps.operators(), gaps.communeIds());
}

const inBox = (g: Gap, b: BBox): boolean => g.lon >= b[0] && g.lon <= b[2] && g.lat >= b[1] && g.lat <= b[3];

/**
 * @example
 * app.use(gapRoutes(new GapService(coverage, data), null));
 */
export function gapRoutes(views: NetworkViews, publicUrl: string | null): Router {
  const router = Router();

  router.get('/api/stats', async (req, res) => {
    onlyParams(req, ['scenario', ...GAP_RULE_PARAMS]);
    const gaps = underRule(req, await gapsOf(views, req));
    res.set('Cache-Control', 'no-store');
    res.json(gaps.stats() satisfies Stats);
  });

  router.get('/collections/gaps/items', async (req, res) => {
    const viewGaps = await gapsOf(views, req);
    for (const name of Object.keys(req.query)) {
      if (!ACCEPTED.includes(name)) throw badRequest(`unknown query parameter "${name}" for collection "gaps"; accepted: ${ACCEPTED.join(', ')}`);
    }
    const gaps = underRule(req, viewGaps);
    const f = queryString(req, 'f') ?? 'json';
    if (!PAGE_FORMATS.includes(f) && !(GAP_FORMATS as readonly string[]).includes(f)) {
      throw badRequest(`f: expected json (a page of features) or a download: ${GAP_FORMATS.join(', ')}; got ${JSON.stringify(f)}`);
    }
    const lang = queryString(req, 'lang') ?? 'vi';
    if (lang !== 'vi' && lang !== 'en') throw badRequest(`lang: expected vi or en, got ${JSON.stringify(lang)}`);
    const codes = queryString(req, 'codes');
    if (codes !== undefined && f === 'json') throw badRequest(`codes: only applies to the CSV download (f=csv), not to a page of features`);
    const q = gapFilters(req, gaps);
    const { bbox } = parseOgcItemParams(req);
    const limit = queryInteger(req, 'limit', { def: ITEMS_LIMIT_DEFAULT, min: 1, max: ITEMS_LIMIT_MAX, clamp: true });
    const offset = queryInteger(req, 'offset', { def: 0, min: 0, max: Number.MAX_SAFE_INTEGER });
    let list = gaps.list(q);
    if (bbox) list = list.filter((g) => inBox(g, bbox));

    if (f !== 'json') {
      // a download: the whole filtered list, in priority order
      const parts = ['gaps', q.communeId, q.tech, q.operator].filter((x): x is string => !!x).map((x) => x.replace(/[^\w.-]+/g, '-'));
      const d = gapDownload(list, f, lang, { basename: parts.join('-'), codes });
      res.set('Content-Disposition', `attachment; filename="${d.filename}"`);
      res.set('Cache-Control', 'no-store');
      res.type(d.contentType).send(d.body);
      return;
    }

    const base = baseUrl(req, publicUrl);
    const itemsUrl = `${base}/collections/gaps/items`;
    const query = new URLSearchParams(req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '');
    const pageHref = (o: number): string => {
      const p = new URLSearchParams(query);
      p.set('limit', String(limit));
      p.set('offset', String(o));
      return `${itemsUrl}?${p.toString().replace(/%2C/gi, ',')}`;
    };
    const page = list.slice(offset, offset + limit);
    const links: Link[] = [
      { href: query.toString() ? `${itemsUrl}?${query.toString().replace(/%2C/gi, ',')}` : itemsUrl, rel: 'self', type: GEOJSON, title: 'This page' },
      { href: `${base}/collections/gaps`, rel: 'collection', type: JSON_TYPE, title: 'The collection' },
      ...GAP_FORMATS.map((fmt) => {
        const p = new URLSearchParams(query);
        p.delete('limit');
        p.delete('offset');
        p.set('f', fmt);
        // the media type the download is served with (IANA-registered), not the f= value
        return { href: `${itemsUrl}?${p.toString()}`, rel: 'enclosure', type: GAP_MEDIA_TYPES[fmt], title: `The whole list as ${fmt.toUpperCase()}` };
      }),
    ];
    if (offset + page.length < list.length) links.push({ href: pageHref(offset + limit), rel: 'next', type: GEOJSON, title: 'Next page' });
    if (offset > 0) links.push({ href: pageHref(Math.max(0, offset - limit)), rel: 'prev', type: GEOJSON, title: 'Previous page' });
    res.type(GEOJSON).send(JSON.stringify({
      type: 'FeatureCollection', numberMatched: list.length, numberReturned: page.length, timeStamp: new Date().toISOString(),
      version: gaps.coverage.provider.version, links, features: page.map((g, i) => gapFeature(g, offset + i + 1)),
    }));
  });

  router.get('/collections/gaps/items/:featureId', async (req, res) => {
    onlyParams(req, ['f', 'scenario', ...GAP_RULE_PARAMS]);
    const gaps = underRule(req, await gapsOf(views, req));
    const g = gaps.get(req.params.featureId);
    const base = baseUrl(req, publicUrl);
    const rank = gaps.list().findIndex((x) => x.id === g.id) + 1;
    res.type(GEOJSON).send(JSON.stringify({
      ...gapFeature(g, rank),
      links: [
        { href: `${base}/collections/gaps/items/${encodeURIComponent(g.id)}`, rel: 'self', type: GEOJSON, title: 'This feature' },
        { href: `${base}/collections/gaps`, rel: 'collection', type: JSON_TYPE, title: 'The collection' },
      ],
    }));
  });

  return router;
}
