/**
 * GDAL's OGC API – Features driver reads the server: `ogrinfo -so OAPIF:<url> sites` must report
 * the demo's 1217 sites and 56 communes. Skipped (with the reason printed) only when ogrinfo is not
 * installed and CI is not set; in CI a missing ogrinfo fails.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main';
import { DEMO_MANIFEST, demoSkipReason } from './demo.helpers';

const run = promisify(execFile);
const OGRINFO = ['/usr/bin/ogrinfo', '/usr/local/bin/ogrinfo'].find((p) => existsSync(p)) ?? 'ogrinfo';
const ogrMissing = OGRINFO === 'ogrinfo' && !process.env.CI;
const skip = ogrMissing ? 'ogrinfo (gdal-bin) is not installed: apt-get install gdal-bin' : demoSkipReason();
if (skip) console.warn(`tests/server/ogrinfo.test.ts skipped: ${skip}`);

describe.skipIf(skip !== null)('GDAL OAPIF driver reads the API', () => {
  let srv: RunningServer;
  beforeAll(async () => {
    srv = await startServer({ port: 0, host: '127.0.0.1', geodataPath: DEMO_MANIFEST, log: false, clientDir: 'tests/fixtures/no-such-client-dir' });
  });
  afterAll(async () => {
    await srv?.close();
  });

  const featureCount = async (layer: string): Promise<string> => {
    const { stdout } = await run(OGRINFO, ['-so', `OAPIF:${srv.url}`, layer], { timeout: 60_000, env: { ...process.env, GDAL_HTTP_TIMEOUT: '30' } });
    return stdout;
  };

  it('sites: Feature Count 1217', async () => {
    const out = await featureCount('sites');
    expect(out).toContain('Feature Count: 1217');
    expect(out).toContain('Geometry: Point');
  });

  it('communes: Feature Count 56', async () => {
    expect(await featureCount('communes')).toContain('Feature Count: 56');
  });
});
