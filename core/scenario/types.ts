/**
 * Scenarios: named versions of the network. A scenario is its base (the baseline, or another
 * scenario) with a list of edits applied in order. Pure data: the server stores it, the client and
 * the siting optimiser build it.
 */
import type { SiteFeature, SiteProperties } from '../model/types';

/** The id the baseline is addressed by wherever a scenario id is accepted. */
export const BASELINE = 'baseline';

/** Add a station: a GeoJSON Feature with a Point geometry and the site properties. */
export interface AddEdit {
  op: 'add';
  site: SiteFeature;
}

/** Take a site out of the network (decommissioned). */
export interface RemoveEdit {
  op: 'remove';
  siteId: string;
}

/** Replace some of a site's properties, and optionally move it. */
export interface ModifyEdit {
  op: 'modify';
  siteId: string;
  set: Partial<Omit<SiteProperties, 'id'>> & { lon?: number; lat?: number };
}

/** Change the gap rule and thresholds (core/gaps/options.ts) for this scenario. */
export interface OptionsEdit {
  op: 'options';
  set: Record<string, unknown>;
}

export type ScenarioEdit = AddEdit | RemoveEdit | ModifyEdit | OptionsEdit;
export const EDIT_OPS = ['add', 'remove', 'modify', 'options'] as const;

/** A scenario as stored and served. */
export interface Scenario {
  /** Assigned by the server. */
  id: string;
  name: string;
  description: string;
  /** 'baseline' or the id of another scenario. */
  base: string;
  edits: ScenarioEdit[];
  author: string;
  /** 1 when created, +1 on every write; the ETag is derived from it. */
  version: number;
  /** ISO 8601 UTC timestamps. */
  createdAt: string;
  updatedAt: string;
}

/** What a client writes: everything but the server-kept fields. */
export type ScenarioDraft = Pick<Scenario, 'name' | 'description' | 'base' | 'edits' | 'author'>;
