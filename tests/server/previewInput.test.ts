/**
 * Hostile input to POST /api/coverage/preview (issue 12, found when tried): deep JSON, prototype
 * keys, physically impossible sites, unknown parameters, oversized bodies, a flood of previews.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoveragePipeline } from '../../server/coverage/pipeline';
import type { CoverageProvider } from '../../server/services/coverageProvider';
import { setupCoverage } from '../../server/services/coverageSetup';
import { coverageDem, coverageSites, coverageVillages } from './coverageApi.helpers';
import { fixtureDeps, listen, type TestServer } from './fixture';

let srv: TestServer;
let provider: CoverageProvider;
const dem = coverageDem();
const sites = coverageSites();
const villages = coverageVillages();
const coverage = setupCoverage({ sites, villages }, new CoveragePipeline(dem, { dataDir: null, workers: 0, settings: { coverage: { radiusM: 8000 } } }));

beforeAll(async () => {
  provider = coverage.coverage.provider;
  srv = await listen(fixtureDeps({ dem, coverage }));
  for (let i = 0; i < 600 && provider.status().state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 50));
  expect(provider.status().state).toBe('ready');
}, 60_000);
afterAll(async () => {
  await srv?.close();
});

const CANDIDATE_PROPS = '"operator":"Viettel","antennaHeightM":30';
const cellJson = '{"tech":"4G","freqMHz":1800,"eirpDbm":61}';
/** A candidate east of the ridge as JSON text, with `extra` spliced into its properties. */
const candidateText = (extra = '', cells = `[${cellJson}]`): string =>
  `{"type":"Feature","geometry":{"type":"Point","coordinates":[106.15,22.6]},"properties":{${CANDIDATE_PROPS},${extra}"cells":${cells}}}`;

async function postText(url: string, body: string, type = 'application/json') {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': type }, body });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', headers: res.headers, body: JSON.parse(text) };
}

describe('POST /api/coverage/preview refuses hostile bodies with 4xx problem+json', () => {
  it('JSON nested 3,000 deep (a 6 KB body) is a 400 naming the path and the limit, not a 500', async () => {
    const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
    const r = await postText(`${srv.url}/api/coverage/preview`, candidateText(`"x":${deep},`));
    expect(r.status).toBe(400);
    expect(r.type).toContain('application/problem+json');
    expect(r.body.detail).toBe(`request body: properties.x${'[0]'.repeat(30)}: JSON nested deeper than 32 levels; covgap reads at most 32 levels of objects and arrays`);
    // the server is still up and answers a valid preview
    expect((await postText(`${srv.url}/api/coverage/preview`, candidateText())).status).toBe(200);
  });

  it('a "__proto__" (or "constructor": {"prototype"}) key is refused, so hidden values cannot pass validation', async () => {
    const poisoned = await postText(`${srv.url}/api/coverage/preview`, candidateText('', '[{"__proto__":{"azimuthDeg":"abc","beamwidthDeg":-5,"downtiltDeg":1e9},"tech":"4G","freqMHz":1800,"eirpDbm":61}]'));
    const ctor = await postText(`${srv.url}/api/coverage/preview`, candidateText('"constructor":{"prototype":{"antennaHeightM":1e9}},'));
    for (const r of [poisoned, ctor]) {
      expect(r.status).toBe(422);
      expect(r.type).toContain('application/problem+json');
      expect(r.body.detail).toBe('request body: a "__proto__" or "constructor": {"prototype": …} key is refused (it would change what the server reads); remove it');
    }
    // a plain "constructor" property is only dropped; the site is previewed as without it
    const plain = await postText(`${srv.url}/api/coverage/preview`, candidateText());
    const named = await postText(`${srv.url}/api/coverage/preview`, candidateText('"constructor":"x",'));
    expect(named.status).toBe(200);
    expect(named.body.summary.areaKm2).toBe(plain.body.summary.areaKm2);
    expect(plain.body.summary.areaKm2).toBeGreaterThan(10);
  });

  it('physically impossible sites are 400 with the documented range', async () => {
    const cases: [string, string, string][] = [
      ['"antennaHeightM":1e9,', `[${cellJson}]`, 'site: properties.antennaHeightM: must be a number from 0.5 to 1000 metres above ground, got 1000000000'],
      ['', '[{"tech":"4G","freqMHz":1800,"eirpDbm":1e9}]', 'site: properties.cells[0].eirpDbm: must be a number from 0 to 90 dBm, got 1000000000'],
      ['', '[{"tech":"4G","freqMHz":0.001,"eirpDbm":61}]', 'site: properties.cells[0].freqMHz: must be a number from 20 to 100000 MHz, got 0.001'],
      ['', '[{"tech":"4G","freqMHz":1800,"eirpDbm":61,"azimuthDeg":400,"beamwidthDeg":65}]', 'site: properties.cells[0].azimuthDeg: must be a number of degrees in [0, 360), got 400'],
      ['', '[{"tech":"4G","freqMHz":1800,"eirpDbm":61,"downtiltDeg":1e9}]', 'site: properties.cells[0].downtiltDeg: must be a number of degrees in [-90, 90], got 1000000000'],
    ];
    for (const [extra, cells, detail] of cases) {
      // the later antennaHeightM key wins in JSON.parse, so the 1e9 one goes after the default
      const text = extra ? candidateText('', cells).replace('"antennaHeightM":30', '"antennaHeightM":1e9') : candidateText('', cells);
      const r = await postText(`${srv.url}/api/coverage/preview`, text);
      expect(r.status).toBe(400);
      expect(r.type).toContain('application/problem+json');
      expect(r.body.detail).toBe(detail);
    }
  });

  it('an unknown query parameter is a 400 (the radius is not the caller\'s to set)', async () => {
    const r = await postText(`${srv.url}/api/coverage/preview?radius=1e9`, candidateText());
    expect(r.status).toBe(400);
    expect(r.body.detail).toBe('unknown query parameter "radius" for POST /api/coverage/preview; accepted: model, scenario');
  });

  it('a site off the terrain is refused in the API\'s terms, naming no internal function', async () => {
    const r = await postText(`${srv.url}/api/coverage/preview`, candidateText().replace('[106.15,22.6]', '[100,20]'));
    expect(r.status).toBe(400);
    expect(r.body.detail).not.toMatch(/pathLossGrid|siteCoverage/);
    expect(r.body.detail).toMatch(/^site: geometry\.coordinates: the point \(100, 20\) is outside the terrain model/);
  });

  it('a body over the limit is a 413 whose detail states the limit; PUT is a 405 with Allow', async () => {
    const big = candidateText(`"pad":"${'x'.repeat(70 * 1024)}",`);
    const r = await postText(`${srv.url}/api/coverage/preview`, big);
    expect(r.status).toBe(413);
    expect(r.type).toContain('application/problem+json');
    expect(r.body.detail).toBe(`request body: ${Buffer.byteLength(big)} bytes is more than the limit of 65536 bytes (64 KB, BODY_LIMIT_KB); send a smaller body`);
    const put = await fetch(`${srv.url}/api/coverage/preview`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: candidateText() });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('POST');
    expect(put.headers.get('content-type')).toContain('application/problem+json');
    expect((await put.json()).detail).toBe('PUT is not allowed on /api/coverage/preview; allowed: POST');
  });

  it('is rate limited per client: past the limit, 429 problem+json with Retry-After', async () => {
    const s2 = await listen(fixtureDeps({ dem, coverage, config: { clientDir: 'tests/fixtures/no-such-client-dir', publicUrl: null, log: false, previewRateLimit: 2 } }));
    try {
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await postText(`${s2.url}/api/coverage/preview`, candidateText()));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
      expect(answers[2].type).toContain('application/problem+json');
      expect(answers[2].body.detail).toBe('POST /api/coverage/preview: at most 2 requests a minute from one address (PREVIEW_RATE_LIMIT); retry after the time in Retry-After');
      expect(Number(answers[2].headers.get('retry-after'))).toBeGreaterThan(0);
      // other endpoints are not limited
      expect((await fetch(`${s2.url}/api/coverage/status`)).status).toBe(200);
    } finally {
      await s2.close();
    }
  });
});
