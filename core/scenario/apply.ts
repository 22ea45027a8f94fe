/**
 * Applying a scenario's edits to the network it is based on: validated edit by edit against the
 * state so far, every problem named by the edit's index and field (`edits[2].siteId`), nothing
 * applied when any edit is wrong. Pure: the same answer in the server, the browser and the
 * optimiser.
 */
import { InputError, UnprocessableError } from '../errors';
import { resolveGapOptions, type GapOptions } from '../gaps/options';
import { validateSites } from '../model/validate';
import { describe, isObject } from '../model/validateCheck';
import type { SiteFeature } from '../model/types';
import { EDIT_OPS, type ScenarioEdit } from './types';

/** A network: its sites (in a stable order) and the gap rule and thresholds it is judged by. */
export interface Network {
  sites: readonly SiteFeature[];
  gapOptions: Readonly<Partial<GapOptions>>;
}

/** Site properties an edit may set (`modify`), besides `lon` and `lat`. */
const SETTABLE = ['name', 'operator', 'antennaHeightM', 'status', 'power', 'backhaul', 'cells', 'communeId', 'synthetic', 'source'] as const;

/**
 * The network after `edits`, validated (each edit against the network as the earlier edits left
 * it). Throws UnprocessableError listing every problem; the input is not changed.
 *
 * @example
 * const next = applyEdits(baseline, [{ op: 'remove', siteId: 'CB-0012' }]);
 * next.sites.length // baseline.sites.length - 1
 */
export function applyEdits(base: Network, edits: unknown, path = 'edits'): { network: Network; edits: ScenarioEdit[] } {
  if (!Array.isArray(edits)) throw new UnprocessableError([{ path, message: `expected an array of edits, got ${describe(edits)}` }]);
  const problems: { path: string; message: string }[] = [];
  const sites = [...base.sites];
  const at = new Map(sites.map((s, i) => [s.properties.id, i]));
  let gapOptions: Partial<GapOptions> = { ...base.gapOptions };
  const out: ScenarioEdit[] = [];
  const siteIdOf = (e: Record<string, unknown>, p: string): string | null => {
    const id = e.siteId;
    if (typeof id !== 'string' || id === '') {
      problems.push({ path: `${p}.siteId`, message: `expected the id of a site, got ${describe(id)}` });
      return null;
    }
    if (!at.has(id)) {
      problems.push({ path: `${p}.siteId`, message: `no site "${id}" in the network this edit applies to (removed by an earlier edit, or never there); see /collections/sites/items` });
      return null;
    }
    return id;
  };
  const checkSite = (f: unknown, p: string): SiteFeature | null => {
    try {
      return validateSites({ type: 'FeatureCollection', features: [f] }, 'site').features[0] as SiteFeature;
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      // "site: features[0].properties.cells[0].freqMHz: …" → "edits[3].site.properties.cells[0].freqMHz: …"
      const m = /^site: features\[0\]\.?([^:]*): (.*)$/s.exec(err.message);
      problems.push(m ? { path: `${p}${m[1] ? `.${m[1]}` : ''}`, message: m[2] } : { path: p, message: err.message.replace(/^site: /, '') });
      return null;
    }
  };

  edits.forEach((e: unknown, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(e)) {
      problems.push({ path: p, message: `expected an edit object {"op": ${EDIT_OPS.map((o) => `"${o}"`).join(' | ')}, …}, got ${describe(e)}` });
      return;
    }
    const extra = Object.keys(e).filter((k) => !(k === 'op' || (e.op === 'add' ? k === 'site' : e.op === 'remove' ? k === 'siteId' : e.op === 'modify' ? k === 'siteId' || k === 'set' : k === 'set')));
    if (extra.length > 0 && (EDIT_OPS as readonly unknown[]).includes(e.op)) {
      problems.push({ path: `${p}.${extra[0]}`, message: `unknown member of a "${String(e.op)}" edit` });
      return;
    }
    switch (e.op) {
      case 'add': {
        const site = checkSite(e.site, `${p}.site`);
        if (!site) return;
        if (at.has(site.properties.id)) {
          problems.push({ path: `${p}.site.properties.id`, message: `a site with id "${site.properties.id}" is already in the network; give the new station another id` });
          return;
        }
        at.set(site.properties.id, sites.length);
        sites.push(site);
        out.push({ op: 'add', site });
        return;
      }
      case 'remove': {
        const id = siteIdOf(e, p);
        if (id === null) return;
        const k = at.get(id) as number;
        sites.splice(k, 1);
        at.clear();
        sites.forEach((s, j) => at.set(s.properties.id, j));
        out.push({ op: 'remove', siteId: id });
        return;
      }
      case 'modify': {
        const id = siteIdOf(e, p);
        if (id === null) return;
        if (!isObject(e.set) || Object.keys(e.set).length === 0) {
          problems.push({ path: `${p}.set`, message: `expected an object of site properties to replace (and optionally lon, lat), got ${describe(e.set)}` });
          return;
        }
        const set = e.set;
        const bad = Object.keys(set).find((k) => k !== 'lon' && k !== 'lat' && !(SETTABLE as readonly string[]).includes(k));
        if (bad !== undefined) {
          problems.push({ path: `${p}.set.${bad}`, message: bad === 'id' ? 'a site id cannot change: remove the site and add a new one' : `not a site property that can be set; settable: ${SETTABLE.join(', ')}, lon, lat` });
          return;
        }
        const old = sites[at.get(id) as number];
        const { lon, lat, ...props } = set;
        const coordinates = [lon === undefined ? old.geometry.coordinates[0] : lon, lat === undefined ? old.geometry.coordinates[1] : lat];
        const next = checkSite({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties: { ...old.properties, ...props } }, `${p}.set`);
        if (!next) {
          // the validator names the merged site's field: point it at set.<field> (or set.lon/lat for the geometry)
          const last = problems[problems.length - 1];
          last.path = last.path.replace(`${p}.set.properties.`, `${p}.set.`).replace(`${p}.set.geometry.coordinates`, `${p}.set.lon/lat`);
          return;
        }
        sites[at.get(id) as number] = next;
        out.push({ op: 'modify', siteId: id, set: set as Extract<ScenarioEdit, { op: 'modify' }>['set'] });
        return;
      }
      case 'options': {
        if (!isObject(e.set)) {
          problems.push({ path: `${p}.set`, message: `expected an object of gap options (rule, minAreaShare, techs, thresholdsDbm, noSiteWithinKm, weights…), got ${describe(e.set)}` });
          return;
        }
        const merged = { ...gapOptions, ...(e.set as Partial<GapOptions>) };
        try {
          resolveGapOptions(merged);
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          problems.push({ path: `${p}.set`, message: err.message });
          return;
        }
        gapOptions = merged;
        out.push({ op: 'options', set: e.set });
        return;
      }
      default:
        problems.push({ path: `${p}.op`, message: `expected one of ${EDIT_OPS.join(', ')}, got ${describe(e.op)}` });
    }
  });
  if (problems.length > 0) throw new UnprocessableError(problems);
  return { network: { sites, gapOptions }, edits: out };
}
