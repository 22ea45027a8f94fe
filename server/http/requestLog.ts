import type { RequestHandler } from 'express';
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
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const bytes = Number(res.getHeader('content-length') ?? 0);
      log(JSON.stringify({ time: new Date().toISOString(), method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms: Math.round(ms * 10) / 10, bytes, user: principalOf(req)?.name ?? null }));
    });
    next();
  };
}
