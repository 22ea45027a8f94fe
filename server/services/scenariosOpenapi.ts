/** OpenAPI 3.0 additions of the scenario API: /api/scenarios and /api/scenarios/{id}[/edits]. */

const problem = { $ref: '#/components/responses/Problem' };
const idParam = { name: 'id', in: 'path', required: true, description: 'Scenario id (assigned by the server)', schema: { type: 'string' } };
const ifMatch = { name: 'If-Match', in: 'header', required: true, description: 'The current ETag of the scenario (from GET), compared strongly (RFC 9110 §13.1.1: a weak W/ tag never matches); a comma-separated list is met when it holds the current ETag; * is met by whatever version exists. Not met: 412; missing: 428; not a list of entity tags: 400', schema: { type: 'string' } };
const etag = { ETag: { description: 'The scenario version, e.g. "aB3x_9Qk.4"', schema: { type: 'string' } } };
const ref = { $ref: '#/components/schemas/Scenario' };
const one = (description: string) => ({ description, headers: etag, content: { 'application/json': { schema: ref } } });
const body = (description: string, types: string[] = ['application/json'], schema: object = { $ref: '#/components/schemas/ScenarioDraft' }) => ({
  required: true, description, content: Object.fromEntries(types.map((t) => [t, { schema }])),
});
const writeErrors = { '400': problem, '404': problem, '412': problem, '415': problem, '422': problem, '428': problem };

/** The reads that take ?scenario=. */
const SCENARIO_READS = [/^\/collections$/, /^\/collections\/[^/]+(\/items(\/\{featureId\})?)?$/, /^\/api\/stats$/, /^\/tiles\/coverage\//, /^\/api\/coverage\/(status|point)$/, /^\/api\/profile$/];

const EDIT = {
  type: 'object',
  description: 'One edit, applied in order: {"op":"add","site":<site Feature>} | {"op":"remove","siteId":…} | {"op":"modify","siteId":…,"set":{<site properties>,"lon"?,"lat"?}} | {"op":"options","set":{<gap rule and thresholds>}}',
  required: ['op'],
  properties: {
    op: { type: 'string', enum: ['add', 'remove', 'modify', 'options'] },
    site: { type: 'object', description: 'op add: a GeoJSON Feature with a Point and the site properties' },
    siteId: { type: 'string', description: 'op remove / modify: the id of a site of the base network' },
    set: { type: 'object', description: 'op modify: site properties to replace, lon, lat; op options: gap options (rule, minAreaShare, techs, thresholdsDbm, noSiteWithinKm, weights…)' },
  },
};

/**
 * Adds the scenario paths and schemas to an OpenAPI document built by openApiDocument (mutates and returns it).
 *
 * @example
 * res.json(addScenarioOpenApi(openApiDocument(repo.collections(), base, name)));
 */
export function addScenarioOpenApi<T extends object>(doc: T): T {
  const d = doc as { paths: Record<string, object>; components: { schemas: Record<string, object> } };
  d.components.schemas.ScenarioEdit = EDIT;
  d.components.schemas.ScenarioDraft = {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200, description: 'No control, format or invisible character (NUL, CR/LF, bidi overrides such as U+202E, zero-width): 422' },
      description: { type: 'string', maxLength: 5000, default: '', description: 'Line breaks and tabs allowed; no other control, format or invisible character (422)' },
      base: { type: 'string', default: 'baseline', description: '"baseline" or the id of another scenario' },
      edits: { type: 'array', maxItems: 2000, items: { $ref: '#/components/schemas/ScenarioEdit' } },
      author: { type: 'string', maxLength: 200, description: 'Set by the server: the caller who made the scenario (the user\'s name, `token <id>`, or `local` for the local administrator). A body may carry it back unchanged; another value is 422' },
    },
  };
  // Scenario (an answer) and ScenarioList: the wire contract's (core/wire/scenarios.ts)
  // ?scenario=ID on every read of a network
  const scenarioParam = { name: 'scenario', in: 'query', required: false, description: 'A scenario id (GET /api/scenarios): the answer is for its network; absent or "baseline": the network as loaded. Unknown: 404; while it is evaluated: 503 with progress', schema: { type: 'string' } };
  for (const [path, item] of Object.entries(d.paths)) {
    const get = (item as { get?: { parameters?: object[]; responses?: Record<string, object> } }).get;
    if (!get || !SCENARIO_READS.some((re) => re.test(path))) continue;
    get.parameters = [...(get.parameters ?? []), scenarioParam];
    get.responses = { ...get.responses, '404': problem };
  }
  d.paths['/api/scenarios'] = {
    get: {
      operationId: 'listScenarios', summary: 'All scenarios, oldest first', tags: ['Scenarios'],
      responses: { '200': { description: 'The scenarios', content: { 'application/json': { schema: { $ref: '#/components/schemas/ScenarioList' } } } }, default: problem },
    },
    post: {
      operationId: 'createScenario', summary: 'A new scenario (its id is assigned); every edit is validated against the base', tags: ['Scenarios'],
      requestBody: body('The scenario'),
      responses: { '201': { ...one('Created'), headers: { ...etag, Location: { description: 'URL of the new scenario', schema: { type: 'string' } } } }, '400': problem, '415': problem, '422': problem },
    },
  };
  if (d.paths['/api/stats']) {
    const side = (name: string, what: string) => ({ name, in: 'query', required: true, description: `${what}: a scenario id, or "baseline"`, schema: { type: 'string' } });
    d.paths['/api/scenarios/compare'] = {
      get: {
        operationId: 'compareScenarios', summary: 'Two networks side by side: villages gained and lost, people, households, villages without power, stations added, removed and changed, per commune and per operator', tags: ['Scenarios'],
        parameters: [side('a', 'The first network'), side('b', 'The second network')],
        responses: {
          '200': { description: 'The comparison, from a to b (gained − lost = the difference of their /api/stats)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Comparison' } } } },
          '400': problem, '404': problem,
          '503': { description: 'A side is still being evaluated: problem+json with progress', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        },
      },
    };
    const lang = { name: 'lang', in: 'query', required: false, description: 'The report\'s language: vi (Vietnamese) or en (English)', schema: { type: 'string', enum: ['vi', 'en'], default: 'vi' } };
    const pdfErrors = {
      '400': problem, '404': problem,
      '501': { description: 'This server cannot print: Chromium is not installed (the detail says what to install: apt-get install chromium) or the web client is not built', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      '503': { description: 'A side is still being evaluated (problem+json with progress), or the render timed out', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    };
    const pdf = (what: string) => ({ description: what, content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } });
    // declared before /api/scenarios/{id}/report.pdf, as the server routes them: 'compare' is not an id
    d.paths['/api/scenarios/compare/report.pdf'] = {
      get: {
        operationId: 'getComparisonReport', summary: 'The one-page report (A4 PDF) of two networks side by side: map, figures before → after, the per-commune chart and the proposed stations of b', tags: ['Scenarios'],
        parameters: [side('a', 'The network before'), side('b', 'The network after'), lang],
        responses: { '200': pdf('One A4 page, fonts embedded'), ...pdfErrors },
      },
    };
    d.paths['/api/scenarios/{id}/report.pdf'] = {
      get: {
        operationId: 'getScenarioReport', summary: 'The one-page report (A4 PDF) of a scenario against its base (or the baseline): map, figures before → after, the per-commune chart and the proposed stations', tags: ['Scenarios'],
        parameters: [idParam, lang],
        responses: { '200': pdf('One A4 page, fonts embedded'), ...pdfErrors },
      },
    };
    d.paths['/api/scenarios/{id}/work-orders'] = {
      get: {
        operationId: 'getWorkOrders', summary: 'The stations a scenario adds or upgrades, per operator, in build order, with the villages without signal in its base that each newly serves (each to the first station that serves it), its cost by payer and an empty deadline column', tags: ['Scenarios'],
        parameters: [
          idParam,
          { name: 'operator', in: 'query', required: false, description: 'Only this operator\'s stations (case-insensitive)', schema: { type: 'string' } },
          { name: 'f', in: 'query', required: false, schema: { type: 'string', enum: ['geojson', 'csv', 'xlsx', 'kml'], default: 'geojson' } },
          { name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['vi', 'en'], default: 'vi' } },
        ],
        responses: {
          '200': {
            description: 'The work orders (downloads with Content-Disposition: attachment)',
            content: {
              'application/geo+json': { schema: { $ref: '#/components/schemas/FeatureCollection' } },
              'text/csv': { schema: { type: 'string' } },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
              'application/vnd.google-earth.kml+xml': { schema: { type: 'string' } },
            },
          },
          '400': problem, '404': problem,
          '503': { description: 'The scenario is still being evaluated: problem+json with progress', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        },
      },
    };
  }
  d.paths['/api/scenarios/{id}'] = {
    get: { operationId: 'getScenario', summary: 'One scenario', tags: ['Scenarios'], parameters: [idParam], responses: { '200': one('The scenario'), '304': { description: 'Not modified (If-None-Match)' }, '404': problem } },
    put: { operationId: 'replaceScenario', summary: 'Replace the scenario\'s fields', tags: ['Scenarios'], parameters: [idParam, ifMatch], requestBody: body('The scenario'), responses: { '200': one('Saved'), ...writeErrors } },
    patch: {
      operationId: 'patchScenario', summary: 'JSON Merge Patch (RFC 7396) of the scenario\'s fields', tags: ['Scenarios'], parameters: [idParam, ifMatch],
      requestBody: body('A merge patch', ['application/merge-patch+json', 'application/json'], { type: 'object' }), responses: { '200': one('Saved'), ...writeErrors },
    },
    delete: { operationId: 'deleteScenario', summary: 'Delete the scenario (409 while another is based on it)', tags: ['Scenarios'], parameters: [idParam, ifMatch], responses: { '204': { description: 'Deleted' }, '404': problem, '409': problem, '412': problem, '428': problem } },
  };
  d.paths['/api/scenarios/{id}/edits'] = {
    post: {
      operationId: 'appendScenarioEdits', summary: 'Append edits (one edit, or an array) to the scenario', tags: ['Scenarios'], parameters: [idParam, ifMatch],
      requestBody: body('One edit or an array of edits', ['application/json'], { oneOf: [{ $ref: '#/components/schemas/ScenarioEdit' }, { type: 'array', items: { $ref: '#/components/schemas/ScenarioEdit' } }] }),
      responses: { '200': one('Saved'), ...writeErrors },
    },
  };
  return doc;
}
