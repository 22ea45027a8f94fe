/** OpenAPI 3.0 paths of the coverage API (tiles, status, legend, point, preview) and the profile. */

/** An answer whose schema is the wire contract's (core/wire, listed in components.schemas). */
const wire = (name: string, description: string, type = 'application/json'): object => ({ description, content: { [type]: { schema: { $ref: `#/components/schemas/${name}` } } } });
const techParam = { name: 'tech', in: 'query', required: false, schema: { type: 'string', enum: ['2G', '3G', '4G', '5G'], default: '4G' } };
const deg = (name: string, limit: number, description: string): object => ({ name, in: 'query', required: true, description, schema: { type: 'number', minimum: -limit, maximum: limit } });

/**
 * @example
 * const paths = { ...otherPaths, ...coverageOpenApiPaths({ $ref: '#/components/responses/Problem' }) };
 */
export function coverageOpenApiPaths(problem: object): Record<string, object> {
  const notReady = { description: 'The province coverage is still being computed: problem+json with `progress` { state, done, total, percent } and Retry-After', content: { 'application/problem+json': { schema: { type: 'object' } } } };
  return {
    '/tiles/coverage/{z}/{x}/{y}.png': {
      get: {
        operationId: 'getCoverageTile',
        summary: 'Best-server signal tile (256 px RGBA): colours of /api/coverage/legend, transparent below the threshold or where no site reaches',
        tags: ['Coverage'],
        parameters: [
          ...['z', 'x', 'y'].map((n) => ({ name: n, in: 'path', required: true, schema: { type: 'integer', minimum: 0 } })),
          techParam,
          { name: 'operator', in: 'query', required: false, description: 'all (default) or one operator of the sites', schema: { type: 'string' } },
          { name: 'v', in: 'query', required: false, description: 'The composite version (/api/coverage/status); when current, the tile may be cached a day', schema: { type: 'string' } },
        ],
        responses: {
          '200': { description: 'PNG tile; ETag keyed by the composite version', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } },
          '304': { description: 'Not modified' },
          '400': problem,
          '503': notReady,
        },
      },
    },
    '/api/coverage/status': {
      get: { operationId: 'getCoverageStatus', summary: 'Progress of the province coverage: state (computing | ready | failed), done, total, percent, version', tags: ['Coverage'], responses: { '200': wire('CoverageStatus', 'Status') } },
    },
    '/api/coverage/legend': {
      get: { operationId: 'getCoverageLegend', summary: 'Legend of a technology: quantity (e.g. RSRP), unit, threshold and colour classes', tags: ['Coverage'], parameters: [techParam], responses: { '200': wire('CoverageLegend', 'Legend'), '400': problem } },
    },
    '/api/coverage/point': {
      get: {
        operationId: 'getCoverageAtPoint',
        summary: 'Predicted level per technology at a point, the best server, and the best site of each operator',
        tags: ['Coverage'],
        parameters: [deg('lon', 180, 'Longitude, decimal degrees'), deg('lat', 90, 'Latitude, decimal degrees')],
        responses: { '200': wire('CoveragePoint', 'Levels and servers'), '400': problem, '404': problem, '503': notReady },
      },
    },
    '/api/coverage/preview': {
      post: {
        operationId: 'previewCoverage',
        summary: 'Coverage of a hypothetical site: polygons at each technology threshold (3″ DEM, 15 km), area and villages covered / newly covered',
        tags: ['Coverage'],
        parameters: [{ name: 'model', in: 'query', required: false, schema: { type: 'string', enum: ['itm', 'p526'], default: 'itm' } }],
        requestBody: {
          required: true,
          description: 'A GeoJSON Feature: Point geometry; properties operator, antennaHeightM, cells [{ tech, freqMHz, eirpDbm, azimuthDeg?, beamwidthDeg?, downtiltDeg? }] (id, name, status, power, backhaul optional)',
          content: { 'application/json': { schema: { type: 'object' } }, 'application/geo+json': { schema: { type: 'object' } } },
        },
        responses: { '200': wire('CoveragePreview', 'FeatureCollection of MultiPolygons per technology, with a summary', 'application/geo+json'), '400': problem, '413': problem, '415': problem, '429': problem },
      },
    },
    '/api/profile': {
      get: {
        operationId: 'getProfile',
        summary: 'Terrain profile from a site to a village: ground with Earth curvature, line of sight, first Fresnel zone, every model\'s loss at the site\'s frequencies',
        tags: ['Coverage'],
        parameters: [
          { name: 'to', in: 'query', required: true, description: 'Village id', schema: { type: 'string' } },
          { name: 'from', in: 'query', required: false, description: 'Site id; without it the village\'s best server, else the nearest site', schema: { type: 'string' } },
        ],
        responses: { '200': wire('Profile', 'The profile'), '400': problem, '404': problem },
      },
    },
  };
}
