/**
 * Server configuration: the ONLY module that reads process.env. Parsed and validated once into a
 * frozen, typed object; a bad value throws with a message naming the variable and what it accepts.
 *
 * Environment variables (all optional):
 * - PORT        TCP port to listen on; 0 picks a free one. Default 8080.
 * - HOST        interface to bind. Default 127.0.0.1 (this machine only); 0.0.0.0 for all.
 * - GEODATA     path of the geodata manifest (JSON naming the DEM and the GeoJSON files, paths
 *               relative to it). Default geodata/covgap.json.
 * - CLIENT_DIR  directory of the built browser client (`npm run build`). Default dist/client.
 * - DATA_DIR    writable directory for scenarios, jobs and caches. Default data.
 * - PUBLIC_URL  absolute base URL for links in responses (e.g. https://maps.example.org/covgap),
 *               for servers behind a proxy; without it links are built from the request's Host
 *               header and protocol.
 * - LOG         "on" or "off": one JSON line per request (time, method, path without its query,
 *               status, ms) and internal errors on stderr. Default on.
 * - CHROMIUM_PATH  the Chromium executable that prints the PDF reports. Default /usr/bin/chromium
 *               (Debian's `chromium` package); missing: the report.pdf routes answer 501.
 * - DATABASE_URL  postgres://user[:password]@host[:port]/database: keep scenarios in PostgreSQL +
 *               PostGIS instead of the SQLite file DATA_DIR/covgap.sqlite. Default unset (SQLite).
 * - ALLOWED_HOSTS comma-separated host names the server answers to when PUBLIC_URL is unset (the
 *               links are then built from the Host header, so a foreign Host gets 400). Default:
 *               HOST (unless 0.0.0.0/::), localhost, 127.0.0.1, ::1. "*" accepts any (not advised).
 * - CORS_ORIGINS comma-separated origins (https://app.example.org) allowed to call the API from
 *               a browser on another site. Default empty: no CORS headers at all.
 * - BODY_LIMIT_KB largest JSON request body, KB. Default 64.
 * - PREVIEW_RATE_LIMIT coverage previews per minute per client address. Default 60; 0 = no limit.
 * - IMPORT_MAX_MB largest file an import takes, MB. Default 200.
 * - IMPORT_MAX_FEATURES most features (or CSV rows) in one imported file. Default 200000.
 * - IMPORT_MAX_UNZIPPED_MB bytes a zipped Shapefile may inflate to, MB (a zip bomb stops there). Default 500.
 * - IMPORT_MAX_DEM_CELLS most cells (width × height) of an imported DEM, read from its header. Default 100000000.
 * - IMPORT_TIMEOUT_S longest an import may read and check its file (in its worker), s. Default 60.
 * - IMPORT_MAX_WORKER_MB largest JavaScript heap of an import's worker, MB. Default 1024.
 * - LOGIN_RATE_LIMIT logins (POST /api/login) per minute per client address. Default 10; 0 = no limit.
 */

export interface Config {
  port: number;
  host: string;
  geodataPath: string;
  clientDir: string;
  dataDir: string;
  /** Base URL without a trailing slash, or null to derive it from each request. */
  publicUrl: string | null;
  log: boolean;
  /** PostgreSQL connection URL, or null for the embedded SQLite store in dataDir. */
  databaseUrl: string | null;
  /** Lower-case host names (no port) accepted in the Host header when publicUrl is null; ['*'] = any. */
  allowedHosts: string[];
  /** Origins allowed by CORS; empty = no CORS headers. */
  corsOrigins: string[];
  /** Largest JSON request body, bytes. */
  bodyLimitBytes: number;
  /** Coverage previews per minute per client address; 0 = unlimited. */
  previewRateLimit: number;
  /** Logins per minute per client address; 0 = unlimited. */
  loginRateLimit: number;
  /** The Chromium executable for the PDF reports. */
  chromiumPath: string;
  /** Limits of an import: body bytes, features (rows), bytes a zip may inflate to. */
  importLimits: { maxBytes: number; maxFeatures: number; maxInflatedBytes: number; maxDemCells: number; timeoutMs: number; maxWorkerMb: number };
}

type Env = Record<string, string | undefined>;

/** The HTTP hardening settings when neither the environment nor the caller gives them. */
export const HTTP_DEFAULTS: Readonly<Pick<Config, 'allowedHosts' | 'corsOrigins' | 'bodyLimitBytes' | 'previewRateLimit' | 'loginRateLimit'>> = Object.freeze({
  allowedHosts: ['localhost', '127.0.0.1', '::1'], // plus HOST when it names one interface
  corsOrigins: [], // no CORS headers: browsers keep answers from other sites' pages
  bodyLimitBytes: 64 * 1024, // a site with its cells is well under 4 KB
  previewRateLimit: 60, // a preview costs ≈ 0.5–1 s of both cores
  loginRateLimit: 10, // a person mistypes a few times; a password guesser gets 14,400 tries a day per address
});

/**
 * Read the configuration from an environment (process.env by default) plus overrides.
 *
 * @example
 * const config = loadConfig({ port: 0, log: false });
 */
export function loadConfig(overrides: Partial<Config> = {}, env: Env = process.env): Readonly<Config> {
  const config: Config = {
    port: parsePort(env.PORT),
    host: nonEmpty('HOST', env.HOST) ?? '127.0.0.1',
    geodataPath: nonEmpty('GEODATA', env.GEODATA) ?? 'geodata/covgap.json',
    clientDir: nonEmpty('CLIENT_DIR', env.CLIENT_DIR) ?? 'dist/client',
    dataDir: nonEmpty('DATA_DIR', env.DATA_DIR) ?? 'data',
    publicUrl: parsePublicUrl(env.PUBLIC_URL),
    log: parseLog(env.LOG),
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    allowedHosts: [],
    corsOrigins: parseOrigins(env.CORS_ORIGINS),
    bodyLimitBytes: parseCount('BODY_LIMIT_KB', env.BODY_LIMIT_KB, HTTP_DEFAULTS.bodyLimitBytes / 1024, 1, 102400) * 1024,
    previewRateLimit: parseCount('PREVIEW_RATE_LIMIT', env.PREVIEW_RATE_LIMIT, HTTP_DEFAULTS.previewRateLimit, 0, 1_000_000),
    loginRateLimit: parseCount('LOGIN_RATE_LIMIT', env.LOGIN_RATE_LIMIT, HTTP_DEFAULTS.loginRateLimit, 0, 1_000_000),
    chromiumPath: nonEmpty('CHROMIUM_PATH', env.CHROMIUM_PATH) ?? '/usr/bin/chromium',
    importLimits: {
      maxBytes: parseCount('IMPORT_MAX_MB', env.IMPORT_MAX_MB, 200, 1, 10_000) * 2 ** 20,
      maxFeatures: parseCount('IMPORT_MAX_FEATURES', env.IMPORT_MAX_FEATURES, 200_000, 1, 10_000_000),
      maxInflatedBytes: parseCount('IMPORT_MAX_UNZIPPED_MB', env.IMPORT_MAX_UNZIPPED_MB, 500, 1, 100_000) * 2 ** 20,
      maxDemCells: parseCount('IMPORT_MAX_DEM_CELLS', env.IMPORT_MAX_DEM_CELLS, 100_000_000, 1, 2_000_000_000),
      timeoutMs: parseCount('IMPORT_TIMEOUT_S', env.IMPORT_TIMEOUT_S, 60, 1, 3600) * 1000,
      maxWorkerMb: parseCount('IMPORT_MAX_WORKER_MB', env.IMPORT_MAX_WORKER_MB, 1024, 64, 65_536),
    },
    ...overrides,
  };
  if (overrides.allowedHosts === undefined) config.allowedHosts = parseHosts(env.ALLOWED_HOSTS, config.host);
  if (config.publicUrl !== null) config.publicUrl = config.publicUrl.replace(/\/+$/, '');
  return Object.freeze(config);
}

function nonEmpty(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new Error(`${name}: must not be empty; unset it to use the default`);
  return value;
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(`PORT: expected an integer 0–65535 (0 = any free port), got "${value}"`);
  }
  return n;
}

function parsePublicUrl(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL: expected an absolute http(s) URL such as https://example.org/covgap, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`PUBLIC_URL: expected an http or https URL, got protocol "${url.protocol}"`);
  }
  return value;
}

function parseLog(value: string | undefined): boolean {
  if (value === undefined || value === '') return true;
  const v = value.toLowerCase();
  if (v === 'on' || v === '1' || v === 'true') return true;
  if (v === 'off' || v === '0' || v === 'false') return false;
  throw new Error(`LOG: expected "on" or "off", got "${value}"`);
}

function parseDatabaseUrl(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('DATABASE_URL: expected a URL such as postgres://covgap@127.0.0.1:5432/covgap, got a value that is not a URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`DATABASE_URL: expected a postgres:// or postgresql:// URL, got protocol "${url.protocol}"`);
  }
  return value;
}

/** The Host names to accept: the list given, else the bound host (when specific) and loopback. */
function parseHosts(value: string | undefined, host: string): string[] {
  if (value === undefined || value.trim() === '') {
    const bound = host === '0.0.0.0' || host === '::' ? [] : [host.toLowerCase()];
    return [...new Set([...bound, ...HTTP_DEFAULTS.allowedHosts])];
  }
  const hosts = value.split(',').map((h) => h.trim().toLowerCase()).filter((h) => h !== '');
  for (const h of hosts) {
    if (h !== '*' && !/^(\[?[0-9a-f:.]+\]?|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)$/.test(h)) {
      throw new Error(`ALLOWED_HOSTS: expected comma-separated host names without port or scheme (maps.example.org,10.0.0.5), got "${h}"`);
    }
  }
  return hosts.map((h) => h.replace(/^\[(.*)\]$/, '$1'));
}

function parseOrigins(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  return value.split(',').map((o) => o.trim()).filter((o) => o !== '').map((o) => {
    let url: URL;
    try {
      url = new URL(o);
    } catch {
      throw new Error(`CORS_ORIGINS: expected comma-separated origins such as https://app.example.org, got "${o}"`);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== o.replace(/\/$/, '')) {
      throw new Error(`CORS_ORIGINS: expected an origin (scheme://host[:port], no path), got "${o}"`);
    }
    return url.origin;
  });
}

function parseCount(name: string, value: string | undefined, def: number, min: number, max: number): number {
  if (value === undefined || value === '') return def;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new Error(`${name}: expected an integer ${min}–${max}, got "${value}"`);
  }
  return n;
}
