/**
 * A server with users and roles over the small ridge world (coverage, gaps, scenarios), for the
 * tests of issue 12's item 1: two operators whose site ids and names are easy to find in any
 * answer (Viettel's VTX-…, MobiFone's MOBX-…), a token of every role and one limited to Viettel.
 */
import { openSqliteStore } from '../../server/data/store/sqlite';
import { AuthService } from '../../server/services/auth';
import { DatasetService } from '../../server/services/datasets';
import { ScenarioService } from '../../server/services/scenarios';
import type { AppDeps } from '../../server/app';
import type { Role } from '../../server/auth/policy';
import type { SiteFeature, Sites } from '../../core/model/types';
import { fixtureDeps, listen, type TestServer } from './fixture';
import { smallWorld } from './smallWorld.helpers';

const site = (id: string, name: string, operator: string, lon: number, lat: number): SiteFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { id, name, operator, antennaHeightM: 30, status: 'existing', power: 'grid', backhaul: 'fiber', cells: [{ tech: '2G', freqMHz: 900, eirpDbm: 56 }, { tech: '4G', freqMHz: 1800, eirpDbm: 61 }] },
});

/** The other operator's values: none may appear in an answer to the partner limited to Viettel. */
export const FOREIGN = { operator: 'MobiFone', ids: ['MOBX-71', 'MOBX-72'], names: ['Trạm Mobi Kép', 'Trạm Mobi Đơn'] };

export function authSites(): Sites {
  return {
    type: 'FeatureCollection',
    features: [
      site('VTX-01', 'Trạm Viettel Một', 'Viettel', 106.03, 22.6),
      site('VTX-02', 'Trạm Viettel Hai', 'Viettel', 106.05, 22.66),
      site(FOREIGN.ids[0], FOREIGN.names[0], FOREIGN.operator, 106.06, 22.55),
      site(FOREIGN.ids[1], FOREIGN.names[1], FOREIGN.operator, 106.16, 22.62), // east of the ridge: only MobiFone reaches there
    ],
  };
}

export interface AuthServer extends TestServer {
  auth: AuthService;
  tokens: Record<Role | 'limited', string>;
  /** Waits until the composite (and the limited partner's network) is computed. */
  ready(): Promise<void>;
}

/** The app with auth; `localAdmin` and the config as given; tokens made unless `noTokens`. */
export async function startAuthServer(options: { config?: Partial<AppDeps['config']>; noTokens?: boolean; localAdmin?: boolean; log?: (l: string) => void; reports?: AppDeps['reports'] } = {}): Promise<AuthServer> {
  const { sites, villages, communes, powerLines, dem, coverage, gaps, repository } = smallWorld(authSites());
  const store = openSqliteStore(':memory:');
  const scenarios = new ScenarioService(store, { sites: sites.features, gapOptions: {} });
  const auth = new AuthService(store.auth, { localAdmin: options.localAdmin ?? true });
  const datasets = new DatasetService(store.datasets, { name: 'Auth', sites, villages, communes: { type: 'FeatureCollection', features: communes }, powerLines: { type: 'FeatureCollection', features: powerLines }, dem, outline: null });
  const tokens = {} as Record<Role | 'limited', string>;
  if (!options.noTokens) {
    for (const role of ['viewer', 'partner', 'planner', 'admin'] as const) tokens[role] = (await auth.createToken({ role })).token;
    tokens.limited = (await auth.createToken({ role: 'partner', operator: 'Viettel' })).token;
  }
  const srv = await listen(fixtureDeps({
    dem, coverage, gaps, repository, scenarios, auth, datasets, plans: { outline: null, dir: null, solver: null }, ...(options.reports ? { reports: options.reports } : {}), log: options.log ?? (() => {}),
    config: { clientDir: 'none', publicUrl: null, log: options.log !== undefined, previewRateLimit: 0, ...options.config },
  }));
  const ready = async (): Promise<void> => {
    for (let i = 0; i < 1200; i++) {
      const states = await Promise.all([tokens.admin, tokens.limited].filter(Boolean).map(async (t) => (await (await fetch(`${srv.url}/api/coverage/status`, { headers: { authorization: `Bearer ${t}` } })).json()).state));
      if (coverage.coverage.provider.status().state === 'ready' && states.every((s) => s === 'ready')) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the coverage did not become ready');
  };
  return { ...srv, auth, tokens, ready, close: async () => { await srv.close(); await store.close(); } };
}

/** fetch with a Bearer token (or none). */
export function as(token: string | null, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(url, { ...init, headers, signal: AbortSignal.timeout(30_000) });
}
