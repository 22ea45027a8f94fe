/**
 * Who may do what: THE one place (issue 12). Four roles, each including the ones below it:
 *
 * | role    | for                  | may                                                           |
 * |---------|----------------------|---------------------------------------------------------------|
 * | viewer  | leaders              | read the data (collections, tiles, stats, scenarios), reports |
 * | partner | operators' staff     | + downloads (CSV, XLSX, KML, GeoPackage); may be limited to   |
 * |         | and scripts          |   one operator: then only that operator's network, no scenarios or plans |
 * | planner | planning department  | + previews, scenarios, plans                                  |
 * | admin   | whoever runs it      | + imports and dataset versions, users                         |
 *
 * A request's least role comes from RULES, the first rule whose method and path match. What no
 * rule names: a read (GET/HEAD) under /api/, /collections or /tiles/ needs viewer, another read
 * (the web client's files) is public; any other method needs admin — so a route added later is
 * closed until it is listed here.
 */
import { routedPath, templateRegExp } from '../http/routePath';

export const ROLES = ['viewer', 'partner', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** Who needs no credentials. */
export type Access = Role | 'public';

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/** True when `role` includes `needed`. */
export const atLeast = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);

/** The `f` values that make a read a download (a partner's right, not a viewer's). */
export const DOWNLOAD_FORMATS: readonly string[] = ['csv', 'xlsx', 'kml', 'gpkg'];

export interface Rule {
  /** An HTTP method, or '*' for any. */
  method: string;
  /** A path template: `{name}` is one segment, a trailing `/*` any rest (or none). */
  path: string;
  role: Access;
  /** The least role when the read is a download (?f= one of DOWNLOAD_FORMATS). */
  download?: Role;
}

const WRITE = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** First match wins: specific paths before their prefixes. */
export const RULES: readonly Rule[] = [
  // public: the login, the server's health, the API's description (the web client's files fall to the default)
  // (/api/me answers 401 itself to an anonymous caller)
  ...['POST /api/login', 'POST /api/logout', 'GET /api/me', 'GET /api/health', 'GET /openapi.json', 'GET /conformance', 'GET /'].map((r) => {
    const [method, path] = r.split(' ');
    return { method, path, role: 'public' as const };
  }),
  // administration
  { method: '*', path: '/api/users/*', role: 'admin' },
  { method: '*', path: '/api/imports/*', role: 'admin' },
  { method: '*', path: '/api/datasets/*', role: 'admin' }, // the versions of every layer, old ones whole: every operator's sites
  // planning
  { method: 'POST', path: '/api/coverage/preview', role: 'planner' },
  ...WRITE.map((method) => ({ method, path: '/api/scenarios/*', role: 'planner' as const })),
  ...WRITE.map((method) => ({ method, path: '/api/plans/*', role: 'planner' as const })),
  { method: 'GET', path: '/api/plans/*', role: 'viewer' },
  // reading; downloads are a partner's
  { method: 'GET', path: '/api/scenarios/{id}/work-orders', role: 'viewer', download: 'partner' },
  { method: 'GET', path: '/collections/*', role: 'viewer', download: 'partner' },
  { method: 'GET', path: '/api/*', role: 'viewer' },
  { method: 'GET', path: '/tiles/*', role: 'viewer' },
];

/**
 * What a partner limited to one operator may not read at all, beyond its role: the scenarios and
 * plans (their edits and proposals name every operator's sites; reports, comparisons and work
 * orders are theirs), and any read of a scenario (`?scenario=` other than baseline).
 */
export const OPERATOR_LIMITED_REFUSED: readonly string[] = ['/api/scenarios/*', '/api/plans/*'];

interface Compiled extends Rule {
  re: RegExp;
}
const COMPILED: readonly Compiled[] = RULES.map((r) => ({ ...r, re: templateRegExp(r.path) }));
const REFUSED = OPERATOR_LIMITED_REFUSED.map(templateRegExp);
const DATA_PATHS = /^\/(api|collections|tiles)(\/|$)/i;

/**
 * The least role for `method path` (`query`: the request's query, for downloads); 'public' when
 * anyone may.
 *
 * @example
 * requiredRole('GET', '/collections/gaps/items', { f: 'csv' }) // 'partner'
 * requiredRole('POST', '/api/imports/sites', {})              // 'admin'
 */
export function requiredRole(method: string, rawPath: string, query: Record<string, unknown> = {}): Access {
  const path = routedPath(rawPath);
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  if (m === 'OPTIONS') return 'public'; // CORS preflights carry no credentials
  const rule = COMPILED.find((r) => (r.method === '*' || r.method === m) && r.re.test(path));
  if (rule) return rule.download && typeof query.f === 'string' && DOWNLOAD_FORMATS.includes(query.f) ? rule.download : rule.role;
  if (m === 'GET') return DATA_PATHS.test(path) ? 'viewer' : 'public';
  return 'admin';
}

/**
 * Why a partner limited to `operator` may not make this read, or null when it may.
 *
 * @example
 * operatorLimitRefusal('/api/scenarios', {}, 'Viettel') // 'a partner limited to Viettel …'
 */
export function operatorLimitRefusal(rawPath: string, query: Record<string, unknown>, operator: string): string | null {
  const path = routedPath(rawPath);
  const scenario = query.scenario;
  const ofScenario = scenario !== undefined && scenario !== '' && scenario !== 'baseline';
  if (REFUSED.some((re) => re.test(path)) || ofScenario) {
    return `a partner limited to operator ${operator} reads that operator's network as loaded (the baseline); scenarios, plans and their reports name every operator's sites and need a role not limited to an operator`;
  }
  return null;
}
