/**
 * client/api/http.ts, the client's one door to the API (issue 12): a 401 while a page is open
 * waits for one sign-in, however many requests met it, and each is sent again; a 401 to a
 * request sent before the latest sign-in needs no new form; a page without a handler gets the 401.
 * fetch is a stub here (what the server answers is the browser test's: tests/e2e/login.e2e.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Http = typeof import('../../client/api/http');
let http: Http;
/** Whether the stub server takes the session; every request it saw. */
let signedIn: boolean;
let seen: string[];
/** Answers held back until released (a request still out while the user signs in). */
let held: Map<string, () => void>;

beforeEach(async () => {
  vi.resetModules(); // the module's state (handler, sign-ins) anew for each test
  http = await import('../../client/api/http');
  signedIn = true;
  seen = [];
  held = new Map();
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    seen.push(`${init.method ?? 'GET'} ${url}`);
    const status = signedIn ? 200 : 401; // the session as it was when the request arrived
    if (url.includes('slow')) await new Promise<void>((r) => held.set(url, r));
    return new Response(status === 200 ? JSON.stringify({ url, body: init.body ?? null }) : '{"detail":"nobody is logged in"}', { status });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** A sign-in that the test completes by calling the returned `done` (the user pressing Log in). */
function manualSignIn(): { calls: () => number; done: () => void } {
  let calls = 0;
  let finish: (() => void) | null = null;
  http.whenSignedOut(() => {
    calls++;
    return new Promise<void>((r) => {
      finish = () => {
        signedIn = true;
        r();
      };
    });
  });
  return { calls: () => calls, done: () => finish?.() };
}
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

describe('apiFetch', () => {
  it('answers a 401 as it is while the page has no handler (before the first login)', async () => {
    signedIn = false;
    expect((await http.apiFetch('/api/stats')).status).toBe(401);
    await expect(http.signInAgain()).rejects.toThrow('HTTP 401');
  });

  it('shows one login for every request that met the 401, then sends each again, body and all', async () => {
    const signIn = manualSignIn();
    signedIn = false;
    const answers = Promise.all([http.apiFetch('/api/stats'), http.apiFetch('/api/coverage/legend?tech=2G'), http.apiFetch('/api/scenarios', { method: 'POST', body: '{"name":"A"}' })]);
    await until(() => seen.length === 3 && signIn.calls() === 1);
    signIn.done();
    const res = await answers;
    expect(res.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(signIn.calls()).toBe(1);
    expect(((await res[2].json()) as { body: string }).body).toBe('{"name":"A"}');
    expect(seen).toEqual(['GET /api/stats', 'GET /api/coverage/legend?tech=2G', 'POST /api/scenarios', 'GET /api/stats', 'GET /api/coverage/legend?tech=2G', 'POST /api/scenarios']);
  });

  it('sends again, without a second login, a request refused before the sign-in that finished while it was out', async () => {
    const signIn = manualSignIn();
    signedIn = false;
    const first = http.apiFetch('/api/stats');
    const slow = http.apiFetch('/api/slow-profile'); // refused (401) but answered only after the sign-in
    await until(() => signIn.calls() === 1 && held.has('/api/slow-profile'));
    signIn.done();
    expect((await first).status).toBe(200);
    held.get('/api/slow-profile')!();
    held.delete('/api/slow-profile');
    await until(() => held.has('/api/slow-profile'));
    held.get('/api/slow-profile')!();
    expect((await slow).status).toBe(200);
    expect(signIn.calls()).toBe(1);
  });

  it('asks again when the session ends again later', async () => {
    const signIn = manualSignIn();
    for (const round of [1, 2]) {
      signedIn = false;
      const res = http.apiFetch('/api/stats');
      await until(() => signIn.calls() === round);
      signIn.done();
      expect((await res).status).toBe(200);
    }
  });

  it('fails the waiting requests when the sign-in fails', async () => {
    http.whenSignedOut(() => Promise.reject(new Error('the login form went away')));
    signedIn = false;
    await expect(http.apiFetch('/api/stats')).rejects.toThrow('the login form went away');
  });
});
