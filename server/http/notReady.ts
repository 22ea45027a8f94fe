import type { ErrorRequestHandler } from 'express';
import { CoverageNotReady } from '../services/coverage';

/**
 * While the province coverage computes: 503 application/problem+json with the progress as an
 * extension member (`progress: {state, done, total, percent}`) and Retry-After. Mounted by the
 * routers that need the coverage (coverage, gaps); other errors pass on to the shared handler.
 */
export const notReadyHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (!(err instanceof CoverageNotReady)) {
    next(err);
    return;
  }
  const s = err.progress;
  res.set('Cache-Control', 'no-store');
  if (err.status === 503) res.set('Retry-After', '5');
  res.status(err.status).type('application/problem+json').send(JSON.stringify({
    type: 'about:blank', title: err.title, status: err.status, detail: err.detail, instance: req.originalUrl,
    progress: { state: s.state, done: s.done, total: s.total, percent: s.total > 0 ? Math.floor((100 * s.done) / s.total) : 0 },
  }));
};
