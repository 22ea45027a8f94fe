import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import type { Health } from '../core/wire';
import express, { type Express, type Request } from 'express';
import { HTTP_DEFAULTS } from './config';
import type { AppServices } from './appServices';
import { BASELINE } from '../core/scenario/types';
import { problemHandler, unknownRoute } from './http/errors';
import { OPENAPI_TYPE } from './http/mediaTypes';
import { jsonOnly, JSON_RESOURCES, landingFormat } from './http/negotiate';
import { jsonBody, markBodyRead } from './http/json';
import { PageCache } from './http/pageCache';
import { fastLane } from './http/fastLane';
import { AnswerMemo } from './http/answerMemo';
import { baseUrl, onlyParams } from './http/params';
import { requestLog } from './http/requestLog';
import { answerClientErrors, corsFor, methodNotAllowed, rateLimitPerMinute, securityHeaders, type RouteMethods } from './http/security';
import { hostAllowed, hostGuard } from './http/host';
import { documentedBodies } from './http/contentTypes';
import { openApiDocument } from './openapi';
import { LOCAL_ADMIN, operatorLimit, principalOf, setPrincipal } from './auth/principal';
import { authGate, crossSiteWrites } from './http/auth';
import { authRoutes } from './routes/auth';
import { authOpenApi } from './services/authOpenapi';
import { coverageRoutes } from './routes/coverage';
import { gapRoutes } from './routes/gaps';
import { GAPS_COLLECTION } from './data/gapsRepository';
import { addGapOpenApi } from './services/gapsOpenapi';
import { addScenarioOpenApi } from './services/scenariosOpenapi';
import { addImportOpenApi } from './services/importsOpenapi';
import { importRoutes } from './routes/imports';
import { featureRoutes } from './routes/features';
import { SCENARIO_BODY_LIMIT_BYTES, scenarioRoutes } from './routes/scenarios';
import { compareRoutes } from './routes/compare';
import { reportRoutes } from './routes/report';
import { tileRoutes } from './routes/tiles';
import { planRoutes } from './routes/plans';
import { addPlanOpenApi } from './services/plansOpenapi';

export type { AppDeps } from './appServices';

/**
 * Build the Express application over the services it serves (server/appServices.ts): OGC API –
 * Features, terrain-RGB tiles, OpenAPI, health, the built web client, and the one problem+json
 * error middleware. No module-level state: two apps built from two deps share nothing.
 *
 * @example
 * const app = createApp(appServices({ config, name: 'Demo', repository, dem }));
 * const server = app.listen(0);
 */
export function createApp(deps: AppServices): Express {
  const { config, dem, name, repository, log, features, views, plans, tiles } = deps;
  const clientDir = resolve(config.clientDir);
  const indexHtml = join(clientDir, 'index.html');
  const base = (req: Request): string => baseUrl(req, config.publicUrl);
  const http = { ...HTTP_DEFAULTS, ...definedOnly(config) };
  const openApiExtensions = [...(deps.gaps ? [addGapOpenApi] : []), ...(deps.scenarios ? [addScenarioOpenApi] : []), ...(plans ? [addPlanOpenApi] : []), ...(deps.datasets ? [addImportOpenApi] : []), authOpenApi(deps.auth !== undefined)];
  const openApi = (b: string, collections = repository.collections()): object => openApiDocument(collections, b, name, openApiExtensions);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  const security = securityHeaders();
  if (config.log) app.use(requestLog(log));
  app.use(security);
  // a Host that is not an authority: 400; without PUBLIC_URL (links from the Host) also one not configured
  app.use(hostGuard(config.publicUrl === null ? http.allowedHosts : null));
  const corsHandler = corsFor(http.corsOrigins);
  if (corsHandler) app.use(corsHandler);
  // who the caller is and whether its role may (server/auth/policy.ts), before any body is read;
  // a write from another site's page is refused in every mode
  if (deps.auth) app.use(authGate(deps.auth, config.publicUrl));
  else app.use(crossSiteWrites(config.publicUrl), (req, _res, next) => (setPrincipal(req, LOCAL_ADMIN), next()));
  // every write: only the body types its OpenAPI operation documents (415)
  app.use(documentedBodies(openApi('') as { paths: Record<string, Record<string, unknown>> }));

  // the baseline's feature pages change only with the data version (the gap list also with its
  // coverage version): answered from memory, ETag/304, as early as the caller is known to be
  // allowed. A scenario's (?scenario=ID) are built per request; so are an operator-limited
  // partner's (its own network's), and the gap list while the coverage computes (503).
  const provider = deps.gaps?.coverage.provider;
  const dataVersion = deps.dataVersion ?? '';
  // kept answers are the baseline's as every operator's sites show it
  const wholeBaseline = (scenario: unknown, operator: string | null): boolean => (scenario === undefined || scenario === '' || scenario === BASELINE) && operator === null;
  const pageVersion = (collectionId: string, scenario: unknown, operator: string | null): string | null => {
    if (!wholeBaseline(scenario, operator)) return null;
    if (collectionId !== GAPS_COLLECTION) return `data~${dataVersion}`;
    return provider?.composite() ? `${provider.version}~${dataVersion}` : null;
  };
  const pages = new PageCache();
  app.get(['/collections/:collectionId/items', '/collections/:collectionId/items/:featureId'], pages.middleware((req) => pageVersion(req.params.collectionId as string, req.query.scenario, operatorLimit(req))));
  // the tiles of the baseline: their bytes and headers kept for the fast lane (the routes keep answering the rest)
  const tileProvider = deps.coverage?.coverage.provider;
  const answerVersion = (path: string, scenario: unknown, operator: string | null): string | null => {
    if (!wholeBaseline(scenario, operator)) return null;
    if (path.startsWith('/tiles/terrain/')) return `data~${dataVersion}`;
    if (path.startsWith('/tiles/coverage/')) return tileProvider?.composite() ? `${tileProvider.version}~${dataVersion}` : null;
    return null;
  };
  const answers = new AnswerMemo();
  app.get(['/tiles/coverage/:z/:x/:y.png', '/tiles/terrain/:z/:x/:y.png'], answers.middleware((req) => answerVersion(req.path, req.query.scenario, operatorLimit(req))));

  const health = (): string => {
    const { minM, maxM } = tiles.range();
    return JSON.stringify({
      status: 'ok',
      name,
      collections: Object.fromEntries(repository.collections().map((c) => [c.id, c.count])),
      dem: { width: dem.width, height: dem.height, bounds: tiles.bounds, minM, maxM },
      ...(deps.coverage ? { coverage: deps.coverage.coverage.status() } : {}),
    } satisfies Health);
  };
  // kept pages, kept tiles and /api/health before Express (server/http/fastLane.ts); not with CORS (it adds Vary: Origin)
  const auth0 = deps.auth;
  if (!corsHandler) {
    lanes.set(app, fastLane({
      security,
      allowedHost: hostAllowed(config.publicUrl === null ? http.allowedHosts : ['*']),
      anonymous: auth0 ? () => auth0.anonymous() : () => LOCAL_ADMIN,
      log: config.log ? log : null,
      pages,
      pageVersion,
      answers,
      answerVersion,
      health,
    }));
  }
  // the server app.listen makes: the fast lane first; it answers its own refusals (431, malformed) as problem+json
  app.listen = ((...args: unknown[]) => {
    const server = createServer(httpHandler(app));
    answerClientErrors(server);
    return (server.listen as (...a: unknown[]) => ReturnType<Express['listen']>)(...args);
  }) as Express['listen'];

  if (deps.auth && http.loginRateLimit > 0) app.post('/api/login', rateLimitPerMinute(http.loginRateLimit, 'POST /api/login', 'LOGIN_RATE_LIMIT'));
  if (deps.coverage && http.previewRateLimit > 0) app.post('/api/coverage/preview', rateLimitPerMinute(http.previewRateLimit, 'POST /api/coverage/preview'));
  // safe JSON for every body (a scenario plan may be larger than other bodies)
  app.use('/api/scenarios', jsonBody(Math.max(http.bodyLimitBytes, SCENARIO_BODY_LIMIT_BYTES)));
  if (plans) {
    if (http.previewRateLimit > 0) app.post('/api/plans', rateLimitPerMinute(http.previewRateLimit, 'POST /api/plans'));
    app.use('/api/plans', jsonBody(Math.max(http.bodyLimitBytes, SCENARIO_BODY_LIMIT_BYTES)));
  }
  // an import's body is the file, read as bytes by its route (whatever its Content-Type)
  if (deps.datasets) app.use('/api/imports', (req, _res, next) => { markBodyRead(req); next(); });
  app.use(jsonBody(http.bodyLimitBytes));

  // landing page: JSON for API clients (any Accept but one preferring text/html), the web client for browsers
  app.get('/', (req, res) => {
    res.vary('Accept');
    if (landingFormat(req) === 'json') {
      res.json(features.landing(base(req)));
    } else if (existsSync(indexHtml)) {
      res.sendFile(indexHtml);
    } else {
      res.type('html').send(noClientPage(config.clientDir)); // as configured: no absolute server path to visitors
    }
  });

  // the other JSON resources: f=json or none, 406 when the Accept header excludes JSON
  for (const [path, type] of Object.entries(JSON_RESOURCES)) app.get(expressPath(path), jsonOnly(type));

  app.get('/openapi.json', async (req, res) => {
    onlyParams(req, ['f']);
    // a partner limited to an operator: the filters' values of its own network only
    const operator = operatorLimit(req);
    const collections = operator === null ? repository.collections() : (await views.limited(operator)).features.collectionInfos();
    res.type(OPENAPI_TYPE).send(JSON.stringify(openApi(base(req), collections)));
  });
  app.use(authRoutes(deps.auth ?? null, config.publicUrl, () => views.operators()));

  app.get('/api/health', (req, res) => {
    onlyParams(req, []);
    res.type('json').send(health());
  });

  // before /api/scenarios/{id}: 'compare' is not an id
  // the report browser reads the page as the caller (a short-lived token of the caller's role)
  const auth = deps.auth;
  const credentials = auth
    ? (req: Request) => {
        const d = auth.delegate(principalOf(req)!);
        return { headers: { authorization: `Bearer ${d.token}` }, release: d.release };
      }
    : undefined;
  if (deps.scenarios && deps.gaps) app.use(reportRoutes({ views, scenarios: deps.scenarios, renderer: deps.reports ?? null, clientDir, ...(credentials ? { credentials } : {}) }));
  if (deps.scenarios && deps.gaps && deps.coverage) app.use(compareRoutes(views, { scenarios: deps.scenarios, pipeline: deps.coverage.pipeline }));
  if (deps.scenarios) app.use(scenarioRoutes(deps.scenarios, config.publicUrl));
  if (plans) app.use(planRoutes(plans, config.publicUrl));
  if (deps.datasets) app.use(importRoutes(deps.datasets, config.publicUrl));
  if (deps.gaps) {
    app.use(gapRoutes(views, config.publicUrl));
  }
  app.use(featureRoutes(views, config.publicUrl));
  app.use(tileRoutes(tiles, name, config.publicUrl));
  if (deps.coverage) app.use(coverageRoutes(deps.coverage, views));
  app.use(express.static(clientDir, { index: false }));

  // only what no route answered: a known path with another method is 405 with Allow
  app.use(methodNotAllowed(routeMethods(openApi('') as { paths: Record<string, object> })));

  app.use(unknownRoute);
  app.use(problemHandler(log));
  return app;
}

const lanes = new WeakMap<Express, ReturnType<typeof fastLane>>();

/** The app's fast lane (undefined with CORS configured): resolves true when it answered. For tests. */
export const fastLaneOf = (app: Express): ReturnType<typeof fastLane> | undefined => lanes.get(app);

/**
 * The request handler of an app for a node:http server: its fast lane first (kept pages and
 * /api/health, server/http/fastLane.ts), then Express. `app.listen` uses it; so does main.ts.
 *
 * @example
 * createServer(httpHandler(createApp(deps))).listen(8080);
 */
export function httpHandler(app: Express): (req: IncomingMessage, res: ServerResponse) => void {
  const lane = lanes.get(app);
  if (!lane) return (req, res) => app(req, res);
  return (req, res) => {
    lane(req, res).then(
      (done) => { if (!done) app(req, res); },
      (err: unknown) => {
        // a bug of the lane: Express answers (its problem handler logs what it can)
        process.stderr.write(`fastLane: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
        if (!res.headersSent) app(req, res);
      },
    );
  };
}

/** An OpenAPI path as an Express route: /collections/{collectionId} → /collections/:collectionId. */
const expressPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/** The paths of the OpenAPI document with their methods (upper case). */
function routeMethods(doc: { paths: Record<string, object> }): RouteMethods[] {
  return Object.entries(doc.paths).map(([template, ops]) => ({ template, methods: Object.keys(ops).map((m) => m.toUpperCase()) }));
}

/** The keys of `o` whose value is not undefined. */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function noClientPage(clientDir: string): string {
  const dir = clientDir.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>covgap</title>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>covgap</h1>
<p>The web client is not built (no <code>${dir}</code>). Run <code>npm run build</code>, then reload.</p>
<p>The API works already: <a href="/?f=json">landing page</a>, <a href="/collections">collections</a>,
<a href="/openapi.json">OpenAPI</a>, <a href="/api/health">health</a>.</p>
</body></html>`;
}
