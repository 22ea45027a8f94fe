/**
 * GET /api/scenarios/compare?a=ID&b=ID (either may be `baseline`): two networks side by side —
 * villages gained and lost, people and households, villages without power, stations added,
 * removed and changed, per commune and per operator (server/services/compare.ts). 503 with
 * progress while either side is evaluated; 404 for an unknown scenario.
 */
import { Router } from 'express';
import { badRequest } from '../http/errors';
import { queryString } from '../http/params';
import { compare } from '../services/compare';
import type { NetworkViews } from '../services/networkViews';

export function compareRoutes(views: NetworkViews): Router {
  const router = Router();
  router.get('/api/scenarios/compare', async (req, res) => {
    for (const name of Object.keys(req.query)) {
      if (name !== 'a' && name !== 'b') throw badRequest(`unknown query parameter "${name}"; accepted: a, b`);
    }
    const side = async (name: 'a' | 'b') => {
      const id = queryString(req, name);
      if (id === undefined || id.trim() === '') throw badRequest(`${name}: give a scenario id or "baseline", e.g. /api/scenarios/compare?a=baseline&b=<scenario id>`);
      const v = await views.view(id);
      if (!v.gaps) throw badRequest('this server computes no coverage, so there is nothing to compare');
      return { id: v.id, gaps: v.gaps, sites: v.gaps.coverage.provider.sites };
    };
    const [a, b] = [await side('a'), await side('b')];
    res.set('Cache-Control', 'no-cache').json(compare(a, b));
  });
  return router;
}
