/**
 * /api/health must cost microseconds: the DEM's elevation range is scanned once, not on every
 * call (issue 12: 45–80 ms a call on the province DEM, p99 8.7 s under a recompute).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixtureDeps, getJson, listen, type TestServer } from './fixture';

const scans = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../core/terrain/sample', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../core/terrain/sample')>();
  return { ...real, demRange: (...args: Parameters<typeof real.demRange>) => { scans.count++; return real.demRange(...args); } };
});

let srv: TestServer;
beforeAll(async () => {
  srv = await listen(fixtureDeps());
});
afterAll(async () => {
  await srv?.close();
});

describe('/api/health', () => {
  it('answers the DEM range from one scan however often it is asked', async () => {
    const first = await getJson(`${srv.url}/api/health`);
    expect(first.status).toBe(200);
    expect(first.body.dem).toMatchObject({ width: 60, height: 50 });
    for (let i = 0; i < 20; i++) expect((await getJson(`${srv.url}/api/health`)).body.dem).toEqual(first.body.dem);
    expect(scans.count).toBe(1);
    // 200 + 1000·(lon − 106) + 500·(lat − 22.4) over the fixture's cell centres
    expect(first.body.dem.minM).toBeCloseTo(200 + 1000 * 0.005 + 500 * 0.005, 3);
    expect(first.body.dem.maxM).toBeCloseTo(200 + 1000 * 0.595 + 500 * 0.495, 3);
  });
});
