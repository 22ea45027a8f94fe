/**
 * The scenario on screen and the scenario API. The scenario is part of the URL (`&scenario=ID` in
 * the hash), so a link restores it; every read the app makes goes through `scoped()`, which adds
 * `scenario=ID` when one is on screen.
 */
import type { ScenarioEdit } from '../../core/scenario/types';
import type { ScenarioDoc, ScenarioList } from '../../core/wire';
import { ApiFailure, call } from './http';

/** The scenario as the server keeps it (GET /api/scenarios/{id}, the contract's). */
export type { ScenarioDoc } from '../../core/wire';

/** The scenario id in the page's hash, or null for the baseline. */
export function activeScenario(hash: string = location.hash): string | null {
  const id = new URLSearchParams(hash.replace(/^#/, '')).get('scenario');
  return id && id !== 'baseline' ? id : null;
}

/**
 * `url` for the scenario on screen: `scenario=ID` added to its query.
 *
 * @example
 * scoped('/api/stats', 'a1b2') // '/api/stats?scenario=a1b2'
 */
export function scoped(url: string, scenario: string | null = activeScenario()): string {
  if (!scenario) return url;
  return `${url}${url.includes('?') ? '&' : '?'}scenario=${encodeURIComponent(scenario)}`;
}

export { ApiFailure };

export const listScenarios = async (): Promise<ScenarioDoc[]> => (await call<ScenarioList>('GET', '/api/scenarios')).body.scenarios;
export const getScenario = (id: string) => call<ScenarioDoc>('GET', `/api/scenarios/${encodeURIComponent(id)}`);
export const createScenario = (draft: { name: string; base?: string; edits: ScenarioEdit[] }) => call<ScenarioDoc>('POST', '/api/scenarios', draft);
/** Replaces the scenario's name and edits at the version `etag` names (412 when someone saved it meanwhile). */
export const saveScenario = (doc: ScenarioDoc, etag: string, set: { name: string; edits: ScenarioEdit[] }) =>
  call<ScenarioDoc>('PUT', `/api/scenarios/${encodeURIComponent(doc.id)}`, { name: set.name, description: doc.description, base: doc.base, edits: set.edits }, { 'if-match': etag });
