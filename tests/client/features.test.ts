/**
 * client/api/features.ts fetchMapData: a collection the server does not have (404 with its problem
 * detail) is an empty one for the optional layers (village boundaries, power lines, sites, the
 * outline), and an error for the communes; other failures are errors. fetch is a stub here.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const FC = (n: number) => ({ type: 'FeatureCollection', features: Array.from({ length: n }, (_, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [106, 22] }, properties: { id: `F${i}` } })) });
/** What the stub server answers per collection: a status (problem detail) or a collection. */
let answers: Record<string, number>;

beforeEach(() => {
  vi.stubGlobal('location', { href: 'http://covgap.test/', origin: 'http://covgap.test', hash: '' });
  answers = {};
  vi.stubGlobal('fetch', async (url: string) => {
    const id = /\/collections\/([\w-]+)\/items/.exec(url)?.[1] ?? '';
    const status = answers[id] ?? 200;
    if (status !== 200) return new Response(JSON.stringify({ detail: `collection "${id}" does not exist; known collections: sites, villages, communes` }), { status, headers: { 'content-type': 'application/problem+json' } });
    return new Response(JSON.stringify(FC(2)), { status: 200, headers: { 'content-type': 'application/geo+json' } });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchMapData', () => {
  it('reads a missing optional collection (404) as empty', async () => {
    const { fetchMapData } = await import('../../client/api/features');
    answers = { 'village-boundaries': 404, province: 404 };
    const data = await fetchMapData();
    expect(data.villageBoundaries.features).toEqual([]);
    expect(data.outline.features).toEqual([]);
    expect(data.villages.features).toHaveLength(2);
    expect(data.communes.features).toHaveLength(2);
  });

  it('fails when the communes are missing, or an optional collection fails otherwise', async () => {
    const { fetchMapData } = await import('../../client/api/features');
    answers = { communes: 404 };
    await expect(fetchMapData()).rejects.toMatchObject({ status: 404, detail: expect.stringContaining('"communes" does not exist') });
    answers = { 'power-lines': 500 };
    await expect(fetchMapData()).rejects.toMatchObject({ status: 500 });
  });
});
