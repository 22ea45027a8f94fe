import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';

describe('server/config', () => {
  it('defaults', () => {
    const c = loadConfig({}, {});
    expect(c).toEqual({
      port: 8080, host: '127.0.0.1', geodataPath: 'geodata/covgap.json', clientDir: 'dist/client', dataDir: 'data', publicUrl: null, log: true, databaseUrl: null,
      allowedHosts: ['127.0.0.1', 'localhost', '::1'], corsOrigins: [], bodyLimitBytes: 65536, previewRateLimit: 60, loginRateLimit: 10, chromiumPath: '/usr/bin/chromium',
      importLimits: { maxBytes: 200 * 2 ** 20, maxFeatures: 200_000, maxInflatedBytes: 500 * 2 ** 20, maxDemCells: 100_000_000, timeoutMs: 60_000, maxWorkerMb: 1024 },
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads the environment, overrides win', () => {
    const c = loadConfig({ port: 0 }, { PORT: '9000', HOST: '0.0.0.0', GEODATA: 'x/m.json', PUBLIC_URL: 'https://maps.example.org/covgap/', LOG: 'off' });
    expect(c.port).toBe(0);
    expect(c.host).toBe('0.0.0.0');
    expect(c.geodataPath).toBe('x/m.json');
    expect(c.publicUrl).toBe('https://maps.example.org/covgap');
    expect(c.log).toBe(false);
    // bound to every interface: only the loopback names unless ALLOWED_HOSTS says more
    expect(c.allowedHosts).toEqual(['localhost', '127.0.0.1', '::1']);
  });

  it('reads the import limits, and refuses a bad one naming the variable', () => {
    const c = loadConfig({}, { IMPORT_MAX_MB: '5', IMPORT_MAX_FEATURES: '12000', IMPORT_MAX_UNZIPPED_MB: '50', IMPORT_MAX_DEM_CELLS: '1000000', IMPORT_TIMEOUT_S: '5', IMPORT_MAX_WORKER_MB: '256' });
    expect(c.importLimits).toEqual({ maxBytes: 5 * 2 ** 20, maxFeatures: 12000, maxInflatedBytes: 50 * 2 ** 20, maxDemCells: 1_000_000, timeoutMs: 5000, maxWorkerMb: 256 });
    expect(() => loadConfig({}, { IMPORT_TIMEOUT_S: '0' })).toThrow('IMPORT_TIMEOUT_S: expected an integer 1–3600, got "0"');
    expect(() => loadConfig({}, { IMPORT_MAX_WORKER_MB: '8' })).toThrow('IMPORT_MAX_WORKER_MB: expected an integer 64–65536, got "8"');
    expect(() => loadConfig({}, { IMPORT_MAX_MB: '0' })).toThrow('IMPORT_MAX_MB: expected an integer 1–10000, got "0"');
    expect(() => loadConfig({}, { IMPORT_MAX_FEATURES: 'lots' })).toThrow('IMPORT_MAX_FEATURES: expected an integer 1–10000000, got "lots"');
  });

  it('reads the hardening settings', () => {
    const c = loadConfig({}, { HOST: '10.0.0.5', ALLOWED_HOSTS: 'Maps.Example.org, 10.0.0.5,[::1]', CORS_ORIGINS: 'https://app.example.org,http://localhost:5173', BODY_LIMIT_KB: '8', PREVIEW_RATE_LIMIT: '0', LOGIN_RATE_LIMIT: '3' });
    expect(c.allowedHosts).toEqual(['maps.example.org', '10.0.0.5', '::1']);
    expect(c.corsOrigins).toEqual(['https://app.example.org', 'http://localhost:5173']);
    expect(c.bodyLimitBytes).toBe(8192);
    expect(c.previewRateLimit).toBe(0);
    expect(c.loginRateLimit).toBe(3);
    expect(() => loadConfig({}, { LOGIN_RATE_LIMIT: 'many' })).toThrow('LOGIN_RATE_LIMIT: expected an integer 0–1000000, got "many"');
    expect(loadConfig({}, { HOST: 'maps.lan' }).allowedHosts).toEqual(['maps.lan', 'localhost', '127.0.0.1', '::1']);
    expect(() => loadConfig({}, { ALLOWED_HOSTS: 'http://x.org' })).toThrow('ALLOWED_HOSTS: expected comma-separated host names without port or scheme (maps.example.org,10.0.0.5), got "http://x.org"');
    expect(() => loadConfig({}, { CORS_ORIGINS: 'https://app.example.org/path' })).toThrow('CORS_ORIGINS: expected an origin (scheme://host[:port], no path), got "https://app.example.org/path"');
    expect(() => loadConfig({}, { CORS_ORIGINS: 'app' })).toThrow('CORS_ORIGINS: expected comma-separated origins such as https://app.example.org, got "app"');
    expect(() => loadConfig({}, { BODY_LIMIT_KB: '0' })).toThrow('BODY_LIMIT_KB: expected an integer 1–102400, got "0"');
    expect(() => loadConfig({}, { PREVIEW_RATE_LIMIT: '-1' })).toThrow('PREVIEW_RATE_LIMIT: expected an integer 0–1000000, got "-1"');
  });

  it('rejects bad values with exact messages', () => {
    expect(() => loadConfig({}, { PORT: 'http' })).toThrow('PORT: expected an integer 0–65535 (0 = any free port), got "http"');
    expect(() => loadConfig({}, { PORT: '70000' })).toThrow('PORT: expected an integer 0–65535 (0 = any free port), got "70000"');
    expect(() => loadConfig({}, { LOG: 'verbose' })).toThrow('LOG: expected "on" or "off", got "verbose"');
    expect(() => loadConfig({}, { PUBLIC_URL: 'maps.example.org' })).toThrow('PUBLIC_URL: expected an absolute http(s) URL such as https://example.org/covgap, got "maps.example.org"');
    expect(() => loadConfig({}, { PUBLIC_URL: 'ftp://x.org' })).toThrow('PUBLIC_URL: expected an http or https URL, got protocol "ftp:"');
    expect(() => loadConfig({}, { HOST: ' ' })).toThrow('HOST: must not be empty; unset it to use the default');
    expect(() => loadConfig({}, { DATABASE_URL: 'mysql://u:secret@h/db' })).toThrow('DATABASE_URL: expected a postgres:// or postgresql:// URL, got protocol "mysql:"');
    // the message never repeats the value: it may hold a password
    expect(() => loadConfig({}, { DATABASE_URL: 'secret password' })).toThrow(/^DATABASE_URL: expected a URL such as postgres:\/\/covgap@127.0.0.1:5432\/covgap, got a value that is not a URL$/);
    expect(loadConfig({}, { DATABASE_URL: 'postgres://covgap@db:5432/covgap' }).databaseUrl).toBe('postgres://covgap@db:5432/covgap');
  });
});
