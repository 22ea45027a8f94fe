/**
 * The network a request is about, for the routes: `?scenario=ID` (400 when repeated), absent or
 * `baseline` for the network as loaded; the views themselves (server/services/networkViews.ts)
 * know nothing of HTTP.
 */
import type { Request } from 'express';
import { queryString } from '../http/params';
import type { NetworkView, NetworkViews } from '../services/networkViews';
import type { GapService } from '../services/gaps';
import { ApiError } from '../http/errors';

/** The view `?scenario=` names. */
export function viewOf(views: NetworkViews, req: Request): Promise<NetworkView> {
  return views.view(queryString(req, 'scenario') || 'baseline');
}

/** The gap service of the request's network (the gap routes are mounted only with coverage). */
export async function gapsOf(views: NetworkViews, req: Request): Promise<GapService> {
  const v = await viewOf(views, req);
  if (!v.gaps) throw new ApiError(500, 'Internal Server Error', 'the gap analysis is not set up for this network');
  return v.gaps;
}
