/**
 * client/map/tileAuth.ts: tiles refused with 401 bring one login form for the page, then every
 * refused source's tiles are asked again (the comparison page's two maps share the one form).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Http = typeof import('../../client/api/http');
type TileAuth = typeof import('../../client/map/tileAuth');
let http: Http;
let tileAuth: TileAuth;

beforeEach(async () => {
  vi.resetModules(); // the sign-in state anew for each test
  http = await import('../../client/api/http');
  tileAuth = await import('../../client/map/tileAuth');
});

/** A map's part that tileAuth uses: its error listeners, its sources, the refreshed ones. */
function fakeMap(sources: string[]) {
  const listeners: ((e: { error?: { status?: number; message?: string }; sourceId?: string }) => void)[] = [];
  const refreshed: string[] = [];
  return {
    refreshed,
    emit: (status: number, sourceId?: string) => listeners.forEach((l) => l({ error: { status, message: `HTTP ${status}` }, ...(sourceId ? { sourceId } : {}) })),
    on: (_type: 'error', l: (typeof listeners)[number]) => listeners.push(l),
    getSource: (id: string) => (sources.includes(id) ? {} : undefined),
    refreshTiles: (id: string) => void refreshed.push(id),
  };
}

describe('refreshTilesAfterSignIn', () => {
  it('one login form for every 401 of both maps, then the refused sources of each map again; other errors only logged', async () => {
    let forms = 0;
    let signIn!: () => void;
    http.whenSignedOut(() => {
      forms++;
      return new Promise<void>((r) => (signIn = r));
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const a = fakeMap(['coverage', 'terrain']);
    const b = fakeMap(['coverage']);
    tileAuth.refreshTilesAfterSignIn(a);
    tileAuth.refreshTilesAfterSignIn(b);
    a.emit(401, 'coverage');
    a.emit(401, 'coverage');
    a.emit(401, 'terrain');
    b.emit(401, 'coverage');
    b.emit(401, 'gone'); // a source the map no longer has
    a.emit(500, 'coverage');
    expect(forms).toBe(1);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(a.refreshed).toEqual([]); // not before the sign-in
    signIn();
    await new Promise((r) => setTimeout(r, 0));
    expect(a.refreshed.sort()).toEqual(['coverage', 'terrain']);
    expect(b.refreshed).toEqual(['coverage']);
    // a later 401: a new form, and only that source again
    b.emit(401, 'coverage');
    expect(forms).toBe(2);
    signIn();
    await new Promise((r) => setTimeout(r, 0));
    expect(b.refreshed).toEqual(['coverage', 'coverage']);
    errors.mockRestore();
  });
});
