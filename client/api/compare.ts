/**
 * Two networks side by side: GET /api/scenarios/compare (answer: core/wire/compare.ts).
 */
import type { Comparison } from '../../core/wire';
import { getJson } from './http';

/** The comparison from `a` to `b` (scenario ids or "baseline"); ApiFailure 503 while a side is evaluated. */
export const compareNetworks = (a: string, b: string): Promise<Comparison> =>
  getJson(`/api/scenarios/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`);
