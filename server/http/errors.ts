import type { ErrorRequestHandler, RequestHandler } from 'express';
import { BusyError, ConflictError, InputError, NotFoundError, NotReadyError, TooLargeError, UnprocessableError, VersionConflictError } from '../../core/errors';

/**
 * The one error type of the HTTP layer. Routes and services throw it; the error middleware turns it
 * into an RFC 9457 `application/problem+json` answer. `detail` says exactly what is wrong and how to
 * fix it; `title` is the short, constant summary of the status.
 *
 * @example
 * throw new ApiError(404, 'Not Found', 'collection "roads" does not exist; known collections: sites, villages');
 */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  /** Extension members of the problem document (RFC 9457 §3.2). */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** Response headers to send with the problem (e.g. Retry-After). */
  readonly headers: Readonly<Record<string, string>>;
  constructor(status: number, title: string, detail: string, extras: { extensions?: Record<string, unknown>; headers?: Record<string, string> } = {}) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.extensions = extras.extensions ?? {};
    this.headers = extras.headers ?? {};
  }
}

/** 400 Bad Request with a precise detail. */
export function badRequest(detail: string): ApiError {
  return new ApiError(400, 'Bad Request', detail);
}

/** 404 Not Found with a precise detail. */
export function notFound(detail: string): ApiError {
  return new ApiError(404, 'Not Found', detail);
}

/** The problem document of RFC 9457. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  /** Extension members (RFC 9457 §3.2), e.g. `progress` of a computation under way. */
  [extension: string]: unknown;
}

/** Any error → ApiError: InputError is the client's fault (400), anything else is ours (500). */
export function toApiError(err: unknown): { apiError: ApiError; internal: boolean } {
  if (err instanceof ApiError) return { apiError: err, internal: false };
  if (err instanceof UnprocessableError) {
    const errors = err.problems.map(({ path, message, ...more }) => ({ path, ...more, detail: message }));
    const [status, title] = err instanceof TooLargeError ? [413, 'Content Too Large'] : [422, 'Unprocessable Content'];
    return { apiError: new ApiError(status, title, err.message, { extensions: { ...err.extensions, errors } }), internal: false };
  }
  if (err instanceof InputError) return { apiError: badRequest(err.message), internal: false };
  if (err instanceof VersionConflictError) return { apiError: new ApiError(412, 'Precondition Failed', err.message, { extensions: { currentVersion: err.currentVersion } }), internal: false };
  if (err instanceof ConflictError) return { apiError: new ApiError(409, 'Conflict', err.message), internal: false };
  if (err instanceof NotFoundError) return { apiError: notFound(err.message), internal: false };
  if (err instanceof BusyError) return { apiError: new ApiError(429, 'Too Many Requests', err.message, { headers: { 'Retry-After': String(err.retryAfterS) } }), internal: false };
  if (err instanceof NotReadyError) {
    // a computation under way: 503 with its progress and when to retry; a failed one is ours (500)
    const p = err.progress;
    const failed = p.state === 'failed';
    return {
      apiError: new ApiError(failed ? 500 : 503, failed ? 'Internal Server Error' : 'Service Unavailable', err.message, {
        extensions: { progress: { state: p.state, done: p.done, total: p.total, percent: p.total > 0 ? Math.floor((100 * p.done) / p.total) : 0 } },
        headers: { 'Cache-Control': 'no-store', ...(failed ? {} : { 'Retry-After': '5' }) },
      }),
      internal: false,
    };
  }
  // body-parser / express errors carry a 4xx status and a safe message
  const e = err as { status?: unknown; statusCode?: unknown; expose?: unknown; message?: unknown };
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : 500;
  // the router's decode error: "Failed to decode param '%ZZ'"
  if (err instanceof URIError && status === 400) {
    return { apiError: badRequest(`malformed percent-encoding in the URL: ${err.message}`), internal: false };
  }
  if (status >= 400 && status < 500 && e.expose === true && typeof e.message === 'string') {
    return { apiError: new ApiError(status, statusTitle(status), e.message), internal: false };
  }
  return { apiError: new ApiError(500, 'Internal Server Error', 'The server failed to answer this request; the error is logged. Try again, or report it with the time of the request.'), internal: true };
}

function statusTitle(status: number): string {
  const titles: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 412: 'Precondition Failed', 413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 428: 'Precondition Required', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large' };
  return titles[status] ?? 'Client Error';
}

/** Final handler for unmatched routes: 404 problem+json naming the path. */
export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(notFound(`no resource at ${req.method} ${req.path}; see /openapi.json for the API`));
};

/**
 * The one error middleware: answers application/problem+json (RFC 9457) and logs internal errors.
 * The server stays up whatever the handler threw.
 */
export function problemHandler(log: (line: string) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { apiError, internal } = toApiError(err);
    // the path only: a query string may carry what must not be logged
    if (internal) log(JSON.stringify({ time: new Date().toISOString(), level: 'error', method: req.method, path: req.originalUrl.split('?')[0], status: 500, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const problem: Problem = {
      type: 'about:blank',
      title: apiError.title,
      status: apiError.status,
      detail: apiError.detail,
      instance: req.originalUrl,
      ...apiError.extensions,
    };
    res.set(apiError.headers);
    res.status(apiError.status).type('application/problem+json').send(JSON.stringify(problem));
  };
}
