/** OpenAPI 3.0 additions of the gap API: /api/stats, and the `f`/`lang` parameters of the gaps items. */
import { GAP_FORMATS, GAP_MEDIA_TYPES } from '../export/download';

const notReady = { description: 'The province coverage is still being computed: problem+json with `progress` { state, done, total, percent } and Retry-After', content: { 'application/problem+json': { schema: { type: 'object' } } } };

/**
 * Adds the gap paths to an OpenAPI document built by openApiDocument (mutates and returns it).
 *
 * @example
 * res.json(openApiDocument(repo.collections(), base, name, [addGapOpenApi]));
 */
export function addGapOpenApi<T extends object>(doc: T): T {
  const paths = (doc as { paths: Record<string, Record<string, { parameters?: object[]; responses: Record<string, object> }>> }).paths;
  const problem = { $ref: '#/components/responses/Problem' };
  const ruleParams = [
    { name: 'rule', in: 'query', required: false, description: 'How a village is judged: point (default: the cell of its settlement point) or area (the share of its boundary\'s cells with signal, for villages with a boundary; the others by their point)', schema: { type: 'string', enum: ['point', 'area'], default: 'point' } },
    { name: 'minAreaShare', in: 'query', required: false, description: 'rule=area: the share of the boundary\'s cells that must have signal (0 < s ≤ 1)', schema: { type: 'number', exclusiveMinimum: true, minimum: 0, maximum: 1, default: 0.5 } },
  ];
  paths['/api/stats'] = {
    get: {
      operationId: 'getStats',
      parameters: ruleParams,
      summary: 'Villages with and without signal, population covered, per technology and operator, villages without power; the same per commune',
      tags: ['Gaps'],
      responses: { '200': { description: 'Statistics', content: { 'application/json': { schema: { $ref: '#/components/schemas/Stats' } } } }, '503': notReady, default: problem },
    } as never,
  };
  const items = paths['/collections/gaps/items']?.get;
  if (items) {
    items.parameters = [
      ...(items.parameters ?? [])
        .filter((p) => (p as { $ref?: string }).$ref !== '#/components/parameters/f') // replaced by the gaps' own f below
        .map((p) => ((p as { name?: string }).name === 'minPopulation' ? { ...p, schema: { type: 'integer', minimum: 0 } } : p)),
      { name: 'f', in: 'query', required: false, description: 'json (default): a page of features; csv, xlsx, geojson, kml or gpkg: the whole filtered list as a download (Content-Disposition: attachment)', schema: { type: 'string', enum: ['json', ...GAP_FORMATS], default: 'json' } },
      { name: 'lang', in: 'query', required: false, description: 'Language of the download\'s headers and texts', schema: { type: 'string', enum: ['vi', 'en'], default: 'vi' } },
      {
        name: 'codes',
        in: 'query',
        required: false,
        description: 'f=csv only. plain (default): codes as they are (01795), for scripts. text: codes made only of digits written as the formula ="01795", which Excel and LibreOffice Calc open as the text 01795 (leading zero kept)',
        schema: { type: 'string', enum: ['plain', 'text'], default: 'plain' },
      },
      ...ruleParams,
    ];
    const content: Record<string, object> = { 'application/geo+json': { schema: { $ref: '#/components/schemas/FeatureCollection' } } };
    for (const f of GAP_FORMATS) if (f !== 'geojson') content[GAP_MEDIA_TYPES[f].split(';')[0]] = { schema: { type: 'string', format: 'binary' } };
    items.responses['200'] = { description: 'A page of gaps sorted by priority, or a download', content };
    items.responses['503'] = notReady;
  }
  const one = paths['/collections/gaps/items/{featureId}']?.get;
  if (one) one.parameters = [...(one.parameters ?? []), ...ruleParams];
  return doc;
}
