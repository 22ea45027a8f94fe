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
 * - LOG         "on" or "off": one line per request and internal errors on stderr. Default on.
 * - DATABASE_URL  postgres://user[:password]@host[:port]/database: keep scenarios in PostgreSQL +
 *               PostGIS instead of the SQLite file DATA_DIR/covgap.sqlite. Default unset (SQLite).
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
}

type Env = Record<string, string | undefined>;

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
    ...overrides,
  };
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
