/**
 * The one door from the web client to its server (issue 12): every API request of the pages goes
 * through apiFetch. A 401 while a page is open — the session cookie expired (after 12 hours), a
 * logout in another tab ended it, its user was deleted — is not an error to show: the page's
 * handler (whenSignedOut, ui/login.ts keepSignedIn) brings back the login form, one form however
 * many requests met the 401 meanwhile, and each of them is sent again once the user has signed
 * in, so the page carries on where it was.
 *
 * /api/me, /api/login and /api/logout (api/session.ts) answer 401 for reasons of their own (nobody
 * logged in yet, a wrong password) and call fetch themselves. MapLibre's tile requests do not pass
 * here; a page reports their 401 with signInAgain() (main.ts, on the map's error event).
 */

/** Shows the login form; resolves once the user has signed in again. */
export type SignIn = () => Promise<void>;

let signIn: SignIn | null = null;
let signingIn: Promise<void> | null = null;
/** Sign-ins completed so far: a 401 to a request sent before the latest one needs no new form. */
let signIns = 0;

/** What the page does when the server wants a login again (null: 401s are answered as they are). */
export function whenSignedOut(handler: SignIn | null): void {
  signIn = handler;
}

/**
 * Resolves once the user has signed in again: the page's login form, shared by every caller
 * until it is done. Rejects when the page has no handler.
 */
export function signInAgain(): Promise<void> {
  const handler = signIn;
  if (!handler) return Promise.reject(new Error('the server asks for a login (HTTP 401)'));
  signingIn ??= handler().then(
    () => {
      signIns++;
      signingIn = null;
    },
    (err: unknown) => {
      signingIn = null;
      throw err;
    },
  );
  return signingIn;
}

/**
 * fetch() for the API: the same arguments and answer, except that a 401 waits for the user to
 * sign in again (signInAgain) and sends the request once more. Bodies must be sendable twice
 * (strings, Blobs and Files are; the client sends no streams).
 *
 * @example
 * const res = await apiFetch(scoped('/api/stats'));
 */
export async function apiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  for (;;) {
    const before = signIns;
    const res = await fetch(url, init);
    if (res.status !== 401 || !signIn) return res;
    await res.body?.cancel().catch(() => {});
    // signed in again while this request was out: just send it again
    if (signIns === before) await signInAgain();
  }
}

/** An API error: the status and the server's problem detail (every problem, when it lists them). */
export class ApiFailure extends Error {
  /** The computation's progress a 503 carries (the coverage is being computed), else null. */
  readonly progress: { percent: number } | null;
  constructor(readonly status: number, readonly detail: string, progress: { percent: number } | null = null) {
    super(detail);
    this.name = 'ApiFailure';
    this.progress = progress;
  }
}

/**
 * One request to the API with a JSON body (or none) and a JSON answer: the answer and its ETag, or
 * an ApiFailure with the problem's detail.
 *
 * @example
 * const { body, etag } = await call<ScenarioDoc>('GET', '/api/scenarios/a1b2');
 */
export async function call<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ body: T; etag: string | null }> {
  const res = await apiFetch(url, {
    method,
    headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    if (res.ok) throw new ApiFailure(res.status, `${method} ${url}: the answer is not JSON`);
  }
  if (!res.ok) {
    const p = parsed as { detail?: string; errors?: { path: string; detail: string }[]; progress?: { percent?: number } } | null;
    const detail = p?.errors?.length ? p.errors.map((e) => `${e.path}: ${e.detail}`).join('; ') : p?.detail ?? `HTTP ${res.status}`;
    throw new ApiFailure(res.status, detail, res.status === 503 ? { percent: p?.progress?.percent ?? 0 } : null);
  }
  return { body: parsed as T, etag: res.headers.get('etag') };
}

/** GET a JSON answer (`accept`: what to ask for; GeoJSON readers ask for application/geo+json first). */
export const getJson = async <T>(url: string, accept = 'application/json'): Promise<T> => (await call<T>('GET', url, undefined, { accept })).body;

/** How often a page asks again while the server computes (503), ms. */
export const READY_POLL_MS = 3000;

/**
 * `read()` once the server can answer it: while it answers 503 (the coverage is being computed),
 * `onProgress` gets the percent done and `read` is tried again every `everyMs` (READY_POLL_MS), for
 * at most `timeoutMs` (no limit by default). Other errors are thrown as they are.
 *
 * @example
 * const stats = await whenReady(() => getStats('point'), (percent) => showProgress(percent));
 */
export async function whenReady<T>(read: () => Promise<T>, onProgress: (percent: number) => void = () => {}, o: { everyMs?: number; timeoutMs?: number } = {}): Promise<T> {
  const until = Date.now() + (o.timeoutMs ?? Infinity);
  for (;;) {
    try {
      return await read();
    } catch (err) {
      if (!(err instanceof ApiFailure) || err.status !== 503 || Date.now() > until) throw err;
      onProgress(err.progress?.percent ?? 0);
      await new Promise((r) => setTimeout(r, o.everyMs ?? READY_POLL_MS));
    }
  }
}
