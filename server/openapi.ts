import type { CollectionInfo } from './data/repository';
import { CRS84 } from './http/mediaTypes';
import { JSON_RESOURCES } from './http/negotiate';
import { ITEMS_LIMIT_DEFAULT, ITEMS_LIMIT_MAX } from './routes/features';
import { coverageOpenApiPaths } from './services/coverageOpenapi';
import { WIRE_SCHEMAS } from '../core/wire';

const problem = { $ref: '#/components/responses/Problem' };
/** If-None-Match matched: the kept page is unchanged (server/http/pageCache.ts). */
const notModified = { description: 'Not modified: If-None-Match matched the ETag' };
/** The common parameters of every items operation (components.parameters), in this order. */
const ITEMS_PARAMS = ['bbox', 'bbox-crs', 'datetime', 'limit', 'offset', 'crs', 'f'];
const json = (schemaRef: string, description: string, type = 'application/json'): object => ({
  description,
  content: { [type]: { schema: { $ref: schemaRef } } },
});

/**
 * The OpenAPI 3.0 document of the whole HTTP API (OGC API – Features, terrain tiles, health).
 * Each collection gets its own items path so that its property filters are listed.
 *
 * `extensions` add the paths of optional parts (e.g. addGapOpenApi) before the 4xx answers of the
 * negotiated resources are declared.
 *
 * @example
 * res.json(openApiDocument(repository.collections(), 'http://127.0.0.1:8080', 'Cao Bằng (demo)', [addGapOpenApi]));
 */
export function openApiDocument(collections: CollectionInfo[], base: string, name: string, extensions: readonly ((doc: object) => void)[] = []): object {
  const paths: Record<string, object> = {
    '/': {
      get: {
        operationId: 'getLandingPage',
        summary: 'Landing page: JSON for API clients (no Accept, */*, application/json, or ?f=json); the web client for a request that prefers text/html (a browser) or ?f=html',
        tags: ['Capabilities'],
        parameters: [{ name: 'f', in: 'query', required: false, description: 'json or html; overrides the Accept header', schema: { type: 'string', enum: ['json', 'html'] } }],
        responses: {
          '200': { description: 'The landing page (JSON), or the web client (HTML)', content: { 'application/json': { schema: { $ref: '#/components/schemas/LandingPage' } }, 'text/html': { schema: { type: 'string' } } } },
          '400': problem,
          '406': problem,
          default: problem,
        },
      },
    },
    '/conformance': {
      get: { operationId: 'getConformance', summary: 'Conformance classes', tags: ['Capabilities'], responses: { '200': json('#/components/schemas/Conformance', 'Conformance classes'), default: problem } },
    },
    '/collections': {
      get: { operationId: 'getCollections', summary: 'The feature collections', tags: ['Capabilities'], responses: { '200': json('#/components/schemas/Collections', 'The collections'), default: problem } },
    },
    '/collections/{collectionId}': {
      get: {
        operationId: 'describeCollection',
        summary: 'One collection',
        tags: ['Capabilities'],
        parameters: [{ $ref: '#/components/parameters/collectionId' }],
        responses: { '200': json('#/components/schemas/Collection', 'The collection'), '404': problem, default: problem },
      },
    },
    '/tiles/terrain.json': {
      get: { operationId: 'getTerrainTileJson', summary: 'TileJSON 3.0 of the terrain-RGB tiles', tags: ['Tiles'], responses: { '200': { description: 'TileJSON', content: { 'application/json': { schema: { type: 'object' } } } } } },
    },
    '/tiles/terrain/{z}/{x}/{y}.png': {
      get: {
        operationId: 'getTerrainTile',
        summary: 'Terrain-RGB tile (Mapbox encoding, 256 px, 0 m outside the DEM)',
        tags: ['Tiles'],
        parameters: ['z', 'x', 'y'].map((n) => ({ name: n, in: 'path', required: true, schema: { type: 'integer', minimum: 0 } })),
        responses: {
          '200': { description: 'PNG tile; Cache-Control public, max-age=86400; ETag', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } },
          '304': { description: 'Not modified (If-None-Match matched the ETag)' },
          '400': problem,
        },
      },
    },
    '/api/health': {
      get: { operationId: 'getHealth', summary: 'Health: status, feature counts, DEM size, and the coverage\'s progress when the server computes it', tags: ['Server'], responses: { '200': { description: 'Health', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } } } },
    },
    '/openapi.json': {
      get: { operationId: 'getOpenApi', summary: 'This document', tags: ['Capabilities'], responses: { '200': { description: 'OpenAPI 3.0', content: { 'application/vnd.oai.openapi+json;version=3.0': { schema: { type: 'object' } } } } } },
    },
  };
  Object.assign(paths, coverageOpenApiPaths(problem));
  for (const c of collections) {
    const filterParams = c.filters.map((f) => ({
      name: f.name,
      in: 'query',
      required: false,
      description: f.description,
      schema: f.type === 'boolean' ? { type: 'boolean' } : f.type === 'enum' ? { type: 'string', enum: f.values } : { type: 'string' },
    }));
    paths[`/collections/${c.id}/items`] = {
      get: {
        operationId: `getFeatures_${c.id}`,
        summary: `Features of "${c.title}"`,
        tags: ['Data'],
        parameters: [...ITEMS_PARAMS.map((p) => ({ $ref: `#/components/parameters/${p}` })), ...filterParams],
        responses: { '200': json('#/components/schemas/FeatureCollection', 'A page of features, with a weak ETag (a page of the baseline is kept until the data changes)', 'application/geo+json'), '304': notModified, '400': problem, default: problem },
      },
    };
    paths[`/collections/${c.id}/items/{featureId}`] = {
      get: {
        operationId: `getFeature_${c.id}`,
        summary: `One feature of "${c.title}"`,
        tags: ['Data'],
        parameters: [{ $ref: '#/components/parameters/featureId' }],
        responses: { '200': json('#/components/schemas/Feature', 'The feature, with a weak ETag', 'application/geo+json'), '304': notModified, '404': problem, default: problem },
      },
    };
  }
  const doc = {
    openapi: '3.0.3',
    info: {
      title: `covgap API: ${name}`,
      version: '0.1.0',
      description: 'OGC API – Features (Core, GeoJSON, OAS 3.0) over the coverage-gap data, terrain-RGB tiles and health. Errors are application/problem+json (RFC 9457). Coordinates are CRS84 (WGS 84 longitude, latitude) only. Every request: a Host header that is not a host name or address with an optional port is 400. Every write (POST, PUT, PATCH, DELETE): from another site\'s page (Sec-Fetch-Site other than same-origin, or a foreign Origin) 403 unless it carries a Bearer token; with a body, a Content-Type other than those its requestBody lists 415.',
      license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
    },
    servers: [{ url: base }],
    // who may call what: set by authOpenApi (server/services/authOpenapi.ts), from the roles
    security: [],
    paths,
    components: {
      parameters: {
        collectionId: { name: 'collectionId', in: 'path', required: true, schema: { type: 'string', enum: collections.map((c) => c.id) } },
        featureId: { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } },
        bbox: {
          name: 'bbox',
          in: 'query',
          required: false,
          description: 'west,south,east,north in degrees (CRS84); west > east crosses the antimeridian. Points match when inside the box; lines and polygons when their bounding box intersects it.',
          style: 'form',
          explode: false,
          schema: { type: 'array', minItems: 4, maxItems: 4, items: { type: 'number' } },
        },
        'bbox-crs': {
          name: 'bbox-crs',
          in: 'query',
          required: false,
          description: `The CRS of bbox. Only ${CRS84} (WGS 84 longitude, latitude) is supported; any other is a 400.`,
          schema: { type: 'string', format: 'uri', enum: [CRS84], default: CRS84 },
        },
        crs: {
          name: 'crs',
          in: 'query',
          required: false,
          description: `The CRS of the answer's coordinates. Only ${CRS84} is served (the collections' crs and storageCrs); any other is a 400.`,
          schema: { type: 'string', format: 'uri', enum: [CRS84], default: CRS84 },
        },
        datetime: {
          name: 'datetime',
          in: 'query',
          required: false,
          description:
            'An RFC 3339 instant (2025-01-01T00:00:00Z, 2025-01-01) or an interval start/end with ".." (or nothing) for an open end (2025-01-01T00:00:00Z/.., ../2025-12-31). ' +
            'No collection has a time dimension, so a valid value selects every feature; an invalid one is a 400.',
          style: 'form',
          explode: false,
          schema: { type: 'string' },
        },
        f: { name: 'f', in: 'query', required: false, description: 'json or geojson (the same GeoJSON answer).', schema: { type: 'string', enum: ['json', 'geojson'], default: 'json' } },
        limit: { name: 'limit', in: 'query', required: false, description: `Page size; larger values are served as ${ITEMS_LIMIT_MAX}.`, schema: { type: 'integer', minimum: 1, maximum: ITEMS_LIMIT_MAX, default: ITEMS_LIMIT_DEFAULT } },
        offset: { name: 'offset', in: 'query', required: false, description: 'Features to skip (paging).', schema: { type: 'integer', minimum: 0, default: 0 } },
      },
      responses: {
        Problem: { description: 'An error (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
      schemas: {
        Link: { type: 'object', required: ['href', 'rel'], properties: { href: { type: 'string' }, rel: { type: 'string' }, type: { type: 'string' }, title: { type: 'string' } } },
        LandingPage: { type: 'object', required: ['links'], properties: { title: { type: 'string' }, description: { type: 'string' }, links: { type: 'array', items: { $ref: '#/components/schemas/Link' } } } },
        Conformance: { type: 'object', required: ['conformsTo'], properties: { conformsTo: { type: 'array', items: { type: 'string' } } } },
        Collection: {
          type: 'object',
          required: ['id', 'links'],
          properties: { id: { type: 'string' }, title: { type: 'string' }, description: { type: 'string' }, itemType: { type: 'string' }, crs: { type: 'array', items: { type: 'string' } }, extent: { type: 'object' }, links: { type: 'array', items: { $ref: '#/components/schemas/Link' } } },
        },
        Collections: { type: 'object', required: ['links', 'collections'], properties: { links: { type: 'array', items: { $ref: '#/components/schemas/Link' } }, collections: { type: 'array', items: { $ref: '#/components/schemas/Collection' } } } },
        Feature: { type: 'object', required: ['type', 'geometry', 'properties'], properties: { type: { type: 'string', enum: ['Feature'] }, id: { type: 'string' }, geometry: { type: 'object', nullable: true }, properties: { type: 'object', nullable: true } } },
        FeatureCollection: {
          type: 'object',
          required: ['type', 'features'],
          properties: {
            type: { type: 'string', enum: ['FeatureCollection'] },
            features: { type: 'array', items: { $ref: '#/components/schemas/Feature' } },
            links: { type: 'array', items: { $ref: '#/components/schemas/Link' } },
            timeStamp: { type: 'string', format: 'date-time' },
            numberMatched: { type: 'integer', minimum: 0 },
            numberReturned: { type: 'integer', minimum: 0 },
          },
        },
        Problem: { type: 'object', required: ['title', 'status', 'detail'], properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' } } },
        // the answers of the /api operations: one contract with the server's routes and the client (core/wire)
        ...WIRE_SCHEMAS,
      },
    },
  };
  for (const extend of extensions) extend(doc);
  declareNegotiation(paths);
  declareHttpRefusals(paths);
  // the contract's schemas of operations this server does not serve (no coverage: no plans) are left out
  const text = JSON.stringify(doc.paths);
  for (const name of Object.keys(WIRE_SCHEMAS)) if (!text.includes(`"#/components/schemas/${name}"`)) delete (doc.components.schemas as Record<string, unknown>)[name];
  return doc;
}

/**
 * What any operation may answer before its route runs: 400 for a Host that is not a host[:port]
 * (or, without PUBLIC_URL, not one of ALLOWED_HOSTS; server/http/host.ts), and for a write with a
 * body 415 when its Content-Type is none of the types its requestBody lists
 * (server/http/contentTypes.ts), and 403 for a write from another site's page (server/http/auth.ts).
 */
function declareHttpRefusals(paths: Record<string, object>): void {
  for (const ops of Object.values(paths)) {
    for (const [method, op] of Object.entries(ops as Record<string, { responses?: Record<string, object>; requestBody?: object }>)) {
      if (!op.responses) continue;
      op.responses['400'] ??= problem;
      if (method !== 'get') op.responses['403'] ??= problem;
      if (op.requestBody) op.responses['415'] ??= problem;
    }
  }
}

/** Adds 400 (an `f` other than json) and 406 (an Accept header without JSON) to the JSON-only resources. */
function declareNegotiation(paths: Record<string, object>): void {
  for (const path of Object.keys(JSON_RESOURCES)) {
    const op = (paths[path] as { get?: { responses: Record<string, object>; parameters?: object[] } } | undefined)?.get;
    if (!op) continue; // served only with the coverage (added by addGapOpenApi and coverageOpenApiPaths)
    op.responses['400'] = problem;
    op.responses['406'] = problem;
    op.parameters = [...(op.parameters ?? []), { name: 'f', in: 'query', required: false, description: 'json (the only format of this resource)', schema: { type: 'string', enum: ['json'] } }];
  }
}
