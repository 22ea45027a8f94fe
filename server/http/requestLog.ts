import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { principalOf } from '../auth/principal';

/**
 * Structured request logs: one JSON line per answered request,
 * `{"time":"…","method":"GET","path":"/collections/sites/items","status":200,"ms":1.8,"bytes":5120,"user":"hoa"}`.
 * Only the path is written, never the query string, headers, cookies or bodies, so a token or a
 * password sent with a request cannot end up in the log; `user` is who it came from (a user's
 * name, `token ID`, `local`, or null for nobody), never a credential.
 *
 * @example
 * app.use(requestLog((line) => process.stderr.write(`${line}\n`)));
 */
export function requestLog(log: (line: string) => void): RequestHandler {
  return (req, res, next) => {
    logWhenFinished(log, req, res);
    next();
  };
}

/** Writes the request's log line once its answer is sent (requestLog, and the fast lane before Express). */
export function logWhenFinished(log: (line: string) => void, req: IncomingMessage, res: ServerResponse): void {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const bytes = Number(res.getHeader('content-length') ?? 0);
    const path = ((req as Request).originalUrl ?? req.url ?? '').split('?')[0];
    log(JSON.stringify({ time: new Date().toISOString(), method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10, bytes, user: principalOf(req as Request)?.name ?? null }));
  });
}
