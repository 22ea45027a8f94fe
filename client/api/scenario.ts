/**
 * The scenario on screen and the scenario API. The scenario is part of the URL (`&scenario=ID` in
 * the hash), so a link restores it; every read the app makes goes through `scoped()`, which adds
 * `scenario=ID` when one is on screen.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point } from 'geojson';
import type { SiteProperties } from '../../core/model/types';
import type { Scenario, ScenarioEdit } from '../../core/scenario/types';
import { apiFetch } from './http';

/** The scenario as the server keeps it (GET /api/scenarios/{id}). */
export type ScenarioDoc = Scenario;

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

/** An API error with the server's problem detail. */
export class ApiFailure extends Error {
  constructor(readonly status: number, readonly detail: string) {
    super(detail);
  }
}

async function call<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ body: T; etag: string | null }> {
  const res = await apiFetch(url, {
    method,
    headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiFailure(res.status, (parsed as { detail?: string } | null)?.detail ?? `HTTP ${res.status}`);
  return { body: parsed as T, etag: res.headers.get('etag') };
}

export const listScenarios = async (): Promise<ScenarioDoc[]> => (await call<{ scenarios: ScenarioDoc[] }>('GET', '/api/scenarios')).body.scenarios;
export const getScenario = (id: string) => call<ScenarioDoc>('GET', `/api/scenarios/${encodeURIComponent(id)}`);
export const createScenario = (draft: { name: string; base?: string; edits: ScenarioEdit[] }) => call<ScenarioDoc>('POST', '/api/scenarios', draft);
/** Replaces the scenario's name and edits at the version `etag` names (412 when someone saved it meanwhile). */
export const saveScenario = (doc: ScenarioDoc, etag: string, set: { name: string; edits: ScenarioEdit[] }) =>
  call<ScenarioDoc>('PUT', `/api/scenarios/${encodeURIComponent(doc.id)}`, { name: set.name, description: doc.description, base: doc.base, edits: set.edits }, { 'if-match': etag });

/** The preview answer (POST /api/coverage/preview): polygons per technology and the villages newly covered. */
export interface PreviewAnswer extends FeatureCollection<MultiPolygon, { tech: string; areaKm2: number }> {
  summary: { areaKm2: number; villagesCovered: number; villagesNewlyCovered: number | null; newlyCoveredVillages: { id: string; name: string; population: number }[]; elapsedMs: number };
}

/** What a station covers, against the network on screen. */
export const previewStation = async (site: Feature<Point, SiteProperties>): Promise<PreviewAnswer> => (await call<PreviewAnswer>('POST', scoped('/api/coverage/preview'), site)).body;
