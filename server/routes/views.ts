/**
 * The network a request is about, for the routes: `?scenario=ID` (400 when repeated), absent or
 * `baseline` for the network as loaded; for a partner limited to one operator, that operator's
 * part of the baseline (server/auth/policy.ts refuses it any scenario). The views themselves
 * (server/services/networkViews.ts) know nothing of HTTP.
 */
import type { Request } from 'express';
import { operatorLimit } from '../auth/principal';
import { queryString } from '../http/params';
import type { NetworkView, NetworkViews } from '../services/networkViews';
import type { GapService } from '../services/gaps';
import { ApiError } from '../http/errors';

/** The view `?scenario=` names (for a partner limited to an operator: its network). */
export function viewOf(views: NetworkViews, req: Request): Promise<NetworkView> {
  const operator = operatorLimit(req);
  const id = queryString(req, 'scenario') || 'baseline';
  if (operator !== null) {
    if (id !== 'baseline') throw new ApiError(403, 'Forbidden', `a partner limited to operator ${operator} reads only that operator's network as loaded, not scenarios`);
    return views.limited(operator);
  }
  return views.view(id);
}

/** The gap service of the request's network (the gap routes are mounted only with coverage). */
export async function gapsOf(views: NetworkViews, req: Request): Promise<GapService> {
  const v = await viewOf(views, req);
  if (!v.gaps) throw new ApiError(500, 'Internal Server Error', 'the gap analysis is not set up for this network');
  return v.gaps;
}
