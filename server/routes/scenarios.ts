/**
 * Scenario routes: GET/POST /api/scenarios, GET/PUT/PATCH/DELETE /api/scenarios/{id} and
 * POST /api/scenarios/{id}/edits. The ETag of a scenario is its version; every write to an
 * existing scenario needs If-Match with the current ETag (stale: 412, nothing changes; missing:
 * 428). Parsing and status codes only: the service validates and stores.
 */
import express, { Router, type Request, type Response } from 'express';
import type { Scenario } from '../../core/scenario/types';
import { ApiError } from '../http/errors';
import { baseUrl, onlyParams } from '../http/params';
import type { ScenarioService } from '../services/scenarios';
import { principalOf } from '../auth/principal';

/** The author a new scenario gets when its body names none: the logged-in user. */
const authorOf = (req: Request): string | undefined => {
  const p = principalOf(req);
  return p?.via === 'session' ? p.name : undefined;
};

/** Largest scenario body (a plan of a few hundred stations with their cells). */
export const SCENARIO_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
const BODY_LIMIT = SCENARIO_BODY_LIMIT_BYTES;
const JSON_TYPES = ['application/json', 'application/merge-patch+json'];

/** The ETag of a scenario version (strong: the stored document changes with every version). */
export const scenarioEtag = (s: Pick<Scenario, 'id' | 'version'>): string => `"${s.id}.${s.version}"`;

/**
 * The version an If-Match header names for scenario `id`: 428 when absent, 412 when it names
 * another resource or no version (so nothing is written).
 */
function ifMatchVersion(req: Request, id: string): number {
  const h = req.get('if-match');
  if (h === undefined || h.trim() === '') {
    throw new ApiError(428, 'Precondition Required', `a write to scenario "${id}" needs If-Match with its current ETag (from GET /api/scenarios/${id}), so that it cannot overwrite someone else's change`);
  }
  const tags = h.split(',').map((t) => t.trim().replace(/^W\//, ''));
  for (const t of tags) {
    const m = /^"(.+)\.(\d{1,9})"$/.exec(t);
    if (m && m[1] === id) return Number(m[2]);
  }
  if (tags.includes('*')) {
    throw new ApiError(428, 'Precondition Required', `If-Match: * does not protect against a concurrent change; send the ETag of scenario "${id}" (from GET /api/scenarios/${id})`);
  }
  throw new ApiError(412, 'Precondition Failed', `If-Match ${JSON.stringify(h)} is not an ETag of scenario "${id}"; GET /api/scenarios/${id} for the current one`);
}

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
  const link = (req: Request, s: Scenario) => `${baseUrl(req, publicUrl)}/api/scenarios/${encodeURIComponent(s.id)}`;
  const send = (req: Request, res: Response, s: Scenario, status = 200): void => {
    res.status(status).set({ ETag: scenarioEtag(s), 'Cache-Control': 'no-cache' }).json({ ...s, links: [{ rel: 'self', type: 'application/json', href: link(req, s) }] });
  };

  router.get('/api/scenarios', async (req, res) => {
    onlyParams(req, ['f']);
    const all = await scenarios.list();
    res.set('Cache-Control', 'no-cache').json({
      scenarios: all.map((s) => ({ ...s, links: [{ rel: 'self', type: 'application/json', href: link(req, s) }] })),
      numberReturned: all.length,
    });
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
    const inm = req.get('if-none-match');
    if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === scenarioEtag(s))) {
      res.status(304).set('ETag', scenarioEtag(s)).end();
      return;
    }
    send(req, res, s);
  });

  router.put('/api/scenarios/:id', json, async (req, res) => {
    onlyParams(req, []);
    requireJson(req);
    const version = ifMatchVersion(req, req.params.id);
    send(req, res, await scenarios.replace(req.params.id, version, req.body, authorOf(req)));
  });

  router.patch('/api/scenarios/:id', json, async (req, res) => {
    onlyParams(req, []);
    requireJson(req);
    const version = ifMatchVersion(req, req.params.id);
    send(req, res, await scenarios.patch(req.params.id, version, req.body));
  });

  router.post('/api/scenarios/:id/edits', json, async (req, res) => {
    onlyParams(req, []);
    requireJson(req);
    const version = ifMatchVersion(req, req.params.id);
    send(req, res, await scenarios.appendEdits(req.params.id, version, req.body));
  });

  router.delete('/api/scenarios/:id', async (req, res) => {
    onlyParams(req, []);
    const version = ifMatchVersion(req, req.params.id);
    await scenarios.delete(req.params.id, version);
    res.status(204).end();
  });

  return router;
}
