import type { Feature } from 'geojson';
import { NotFoundError } from '../../core/errors';
import { CRS84, GEOJSON, JSON_TYPE, OPENAPI_TYPE } from '../http/mediaTypes';
import type { CollectionInfo, FeatureRepository, FilterValue } from '../data/repository';
import type { BBox } from '../../core/model/types';

/** OGC API link object. */
export interface Link {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

export { CRS84, GEOJSON, JSON_TYPE, OPENAPI_TYPE };

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
];

/** A validated items request. */
export interface ItemsRequest {
  bbox?: BBox;
  filters: Record<string, FilterValue>;
  limit: number;
  offset: number;
}

/**
 * The OGC API – Features documents, built from a {@link FeatureRepository}. All hrefs are absolute,
 * under `base` (no trailing slash).
 */
export class FeatureService {
  constructor(
    private readonly _repo: FeatureRepository,
    private readonly _title: string,
    /** The scenario these documents are of (null: the baseline): its links carry `scenario=ID`. */
    private readonly _scenario: string | null = null,
  ) {}

  /** `href` with this document's scenario in its query. */
  private _scoped(href: string): string {
    return this._scenario ? `${href}${href.includes('?') ? '&' : '?'}scenario=${encodeURIComponent(this._scenario)}` : href;
  }

  /** The descriptions of the collections (their filters' values among them). */
  collectionInfos(): CollectionInfo[] {
    return this._repo.collections();
  }

  /** The collection's description or a 404 ApiError listing the known collections. */
  info(collectionId: string): CollectionInfo {
    const info = this._repo.describe(collectionId);
    if (!info) {
      const known = this._repo.collections().map((c) => c.id).join(', ');
      throw new NotFoundError(`collection "${collectionId}" does not exist; known collections: ${known}`);
    }
    return info;
  }

  landing(base: string): object {
    return {
      title: `covgap: ${this._title}`,
      description: 'Telecom coverage-gap planning data: mobile sites, villages, communes and power lines (OGC API – Features).',
      links: [
        { href: `${base}/?f=json`, rel: 'self', type: JSON_TYPE, title: 'This document' },
        { href: `${base}/`, rel: 'alternate', type: 'text/html', title: 'The map (web client)' },
        { href: `${base}/openapi.json`, rel: 'service-desc', type: OPENAPI_TYPE, title: 'The API definition (OpenAPI 3.0)' },
        { href: `${base}/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'Conformance classes' },
        { href: `${base}/collections`, rel: 'data', type: JSON_TYPE, title: 'Feature collections' },
        { href: `${base}/tiles/terrain.json`, rel: 'describedby', type: JSON_TYPE, title: 'Terrain-RGB tiles (TileJSON)' },
      ] satisfies Link[],
    };
  }

  conformance(): object {
    return { conformsTo: CONFORMANCE };
  }

  collections(base: string): object {
    return {
      links: [{ href: this._scoped(`${base}/collections`), rel: 'self', type: JSON_TYPE, title: 'This document' }],
      collections: this._repo.collections().map((c) => this._collectionDoc(c, base)),
    };
  }

  collection(collectionId: string, base: string): object {
    return this._collectionDoc(this.info(collectionId), base);
  }

  /** One page of features, with numberMatched/numberReturned and self/next/prev links. */
  async items(collectionId: string, q: ItemsRequest, base: string, query: URLSearchParams): Promise<object> {
    this.info(collectionId);
    const result = await this._repo.list(collectionId, q);
    if (!result) throw new NotFoundError(`collection "${collectionId}" does not exist`);
    const itemsUrl = `${base}/collections/${encodeURIComponent(collectionId)}/items`;
    const pageHref = (offset: number): string => {
      const p = new URLSearchParams(query);
      p.set('limit', String(q.limit));
      p.set('offset', String(offset));
      return `${itemsUrl}?${queryText(p)}`;
    };
    const selfQuery = queryText(query);
    const links: Link[] = [
      { href: selfQuery ? `${itemsUrl}?${selfQuery}` : itemsUrl, rel: 'self', type: GEOJSON, title: 'This page' },
      { href: this._scoped(`${base}/collections/${encodeURIComponent(collectionId)}`), rel: 'collection', type: JSON_TYPE, title: 'The collection' },
    ];
    if (q.offset + result.features.length < result.numberMatched) links.push({ href: pageHref(q.offset + q.limit), rel: 'next', type: GEOJSON, title: 'Next page' });
    if (q.offset > 0) links.push({ href: pageHref(Math.max(0, q.offset - q.limit)), rel: 'prev', type: GEOJSON, title: 'Previous page' });
    return {
      type: 'FeatureCollection',
      numberMatched: result.numberMatched,
      numberReturned: result.features.length,
      timeStamp: new Date().toISOString(),
      links,
      features: result.features,
    };
  }

  /** One feature with self/collection links, or a 404 naming the feature and collection. */
  async feature(collectionId: string, featureId: string, base: string): Promise<Feature & { links: Link[] }> {
    this.info(collectionId);
    const f = await this._repo.get(collectionId, featureId);
    if (!f) throw new NotFoundError(`feature "${featureId}" does not exist in collection "${collectionId}"`);
    const coll = `${base}/collections/${encodeURIComponent(collectionId)}`;
    return {
      ...f,
      links: [
        { href: this._scoped(`${coll}/items/${encodeURIComponent(featureId)}`), rel: 'self', type: GEOJSON, title: 'This feature' },
        { href: this._scoped(coll), rel: 'collection', type: JSON_TYPE, title: 'The collection' },
      ],
    };
  }

  private _collectionDoc(c: CollectionInfo, base: string): object {
    const href = `${base}/collections/${encodeURIComponent(c.id)}`;
    return {
      id: c.id,
      title: c.title,
      description: c.description,
      itemType: 'feature',
      crs: [CRS84],
      storageCrs: CRS84,
      extent: { spatial: { bbox: c.extent ? [c.extent] : [[-180, -90, 180, 90]], crs: CRS84 } },
      links: [
        { href: this._scoped(href), rel: 'self', type: JSON_TYPE, title: 'This collection' },
        { href: this._scoped(`${href}/items`), rel: 'items', type: GEOJSON, title: `${c.title} (GeoJSON)` },
      ] satisfies Link[],
    };
  }
}

/** A query string with commas left readable (bbox=106.2,22.6,…): they are legal in a query. */
function queryText(p: URLSearchParams): string {
  return p.toString().replace(/%2C/gi, ',');
}
