/**
 * Scenario routes: GET/POST /api/scenarios, GET/PUT/PATCH/DELETE /api/scenarios/{id} and
 * POST /api/scenarios/{id}/edits. The ETag of a scenario is its version; every write to an
 * existing scenario needs If-Match met by the current ETag (server/http/etag.ts, RFC 9110: strong
 * comparison, a list, `*`; not met: 412, nothing changes; missing: 428). The version the
 * precondition was judged on is the one the store writes over, so a write between the two is 412
 * too. Parsing and status codes only: the service validates and stores.
 */
import express, { Router, type Request, type Response } from 'express';
import type { Scenario } from '../../core/scenario/types';
import { ApiError } from '../http/errors';
import { baseUrl, onlyParams } from '../http/params';
import { ifNoneMatch, requireIfMatch } from '../http/etag';
import type { ScenarioService } from '../services/scenarios';
import type { ScenarioDoc, ScenarioList } from '../../core/wire';
import { LOCAL_ADMIN, principalOf } from '../auth/principal';

/**
 * The author of a scenario the request makes: its caller's name — the user's, `token <id>`, or
 * `local` (the local administrator; server/auth/principal.ts). Never the body's.
 */
export const authorOf = (req: Request): string => principalOf(req)?.name ?? LOCAL_ADMIN.name;

/** Largest scenario body (a plan of a few hundred stations with their cells). */
export const SCENARIO_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
const BODY_LIMIT = SCENARIO_BODY_LIMIT_BYTES;
const JSON_TYPES = ['application/json', 'application/merge-patch+json'];

/** The ETag of a scenario version (strong: the stored document changes with every version). */
export const scenarioEtag = (s: Pick<Scenario, 'id' | 'version'>): string => `"${s.id}.${s.version}"`;

const json = express.json({ limit: BODY_LIMIT, type: JSON_TYPES });

function requireJson(req: Request): void {
  if (!req.is(JSON_TYPES)) {
    throw new ApiError(415, 'Unsupported Media Type', `send the body as JSON with Content-Type: ${req.method === 'PATCH' ? 'application/merge-patch+json or application/json' : 'application/json'}`);
  }
}

/**
 * @example
 * app.use(scenarioRoutes(new ScenarioService(store, baseline), null));
 */
export function scenarioRoutes(scenarios: ScenarioService, publicUrl: string | null): Router {
  const router = Router();
  /** The version of scenario `id` the request's If-Match is met by (404 when there is none; else 428, 400 or 412). */
  const matchedVersion = async (req: Request, id: string): Promise<number> => {
    const current = await scenarios.get(id);
    requireIfMatch(req, scenarioEtag(current), `scenario "${id}"`, `/api/scenarios/${id}`);
    return current.version;
  };
  const link = (req: Request, s: Scenario) => `${baseUrl(req, publicUrl)}/api/scenarios/${encodeURIComponent(s.id)}`;
  const send = (req: Request, res: Response, s: Scenario, status = 200): void => {
    res.status(status).set({ ETag: scenarioEtag(s), 'Cache-Control': 'no-cache' }).json({ ...s, links: [{ rel: 'self', type: 'application/json', href: link(req, s) }] } satisfies ScenarioDoc);
  };

  router.get('/api/scenarios', async (req, res) => {
    onlyParams(req, ['f']);
    const all = await scenarios.list();
    res.set('Cache-Control', 'no-cache').json({
      scenarios: all.map((s) => ({ ...s, links: [{ rel: 'self', type: 'application/json', href: link(req, s) }] })),
      numberReturned: all.length,
    } satisfies ScenarioList);
  });

  router.post('/api/scenarios', json, async (req, res) => {
    onlyParams(req, []);
    requireJson(req);
    const s = await scenarios.create(req.body, authorOf(req));
    res.location(link(req, s));
    send(req, res, s, 201);
  });

  router.get('/api/scenarios/:id', async (req, res) => {
    onlyParams(req, ['f']);
    const s = await scenarios.get(req.params.id);
    if (ifNoneMatch(req.get('if-none-match'), scenarioEtag(s))) {
      res.status(304).set('ETag', scenarioEtag(s)).end();
      return;
    }
    send(req, res, s);
  });

  router.put('/api/scenarios/:id', json, async (req, res) => {
    onlyParams(req, []);
    requireJson(req);
    const version = await matchedVersion(req, req.params.id);
    send(req, res, await scenarios.replace(req.params.id, version, req.body));
  });

  router.patch('/api/scenarios/:id', json, async (req, res) => {
    onlyParams(req, []);
    requireJson(req);
    const version = await matchedVersion(req, req.params.id);
    send(req, res, await scenarios.patch(req.params.id, version, req.body));
  });

  router.post('/api/scenarios/:id/edits', json, async (req, res) => {
    onlyParams(req, []);
    requireJson(req);
    const version = await matchedVersion(req, req.params.id);
    send(req, res, await scenarios.appendEdits(req.params.id, version, req.body));
  });

  router.delete('/api/scenarios/:id', async (req, res) => {
    onlyParams(req, []);
    const version = await matchedVersion(req, req.params.id);
    await scenarios.delete(req.params.id, version);
    res.status(204).end();
  });

  return router;
}
