/**
 * The scenario service: named versions of the network, stored in the repository
 * (server/data/store), each validated against the network it is based on (the baseline or another
 * scenario) whenever it is written. Writes to an existing scenario name the version they expect
 * (the HTTP layer's If-Match); a stale one changes nothing. Throws domain errors only.
 */
import { randomBytes } from 'node:crypto';
import { ConflictError, InputError, NotFoundError, UnprocessableError } from '../../core/errors';
import { isObject, describe as describeValue } from '../../core/model/validateCheck';
import { applyEdits, type Network } from '../../core/scenario/apply';
import { BASELINE, type Scenario, type ScenarioDraft, type ScenarioEdit } from '../../core/scenario/types';
import { writeRefused, type ScenarioRepository } from '../data/store/repository';
import { nameProblem } from '../../core/text/names';

export interface ScenarioServiceOptions {
  /** True when a station at lon, lat can be computed (inside the coverage grid). */
  onGrid?: (lon: number, lat: number) => boolean;
  /** New scenario ids (tests make them predictable). */
  newId?: () => string;
}

/** Limits of the text fields (characters). */
export const SCENARIO_LIMITS = Object.freeze({ name: 200, description: 5000, author: 200, edits: 2000 });
const DRAFT_FIELDS = ['name', 'description', 'base', 'edits', 'author'] as const;
/** Fields the server keeps; a client may send them back (as read) on PUT, and they are ignored (`author` too, when unchanged). */
const SERVER_FIELDS = ['id', 'version', 'createdAt', 'updatedAt'] as const;

/** A scenario resolved to the network it describes. */
export interface ResolvedScenario {
  scenario: Scenario;
  network: Network;
  /** The scenarios from the baseline's child down to this one. */
  chain: string[];
  /** Their edits, as applied, oldest first. */
  edits: ScenarioEdit[];
}

/**
 * @example
 * const scenarios = new ScenarioService(store, { sites, gapOptions: {} });
 * const s = await scenarios.create({ name: 'Plan A', edits: [{ op: 'remove', siteId: 'CB-0001' }] }, 'lan');
 */
export class ScenarioService {
  readonly store: ScenarioRepository;
  readonly baseline: Network;
  private readonly _onGrid: (lon: number, lat: number) => boolean;
  private readonly _newId: () => string;

  constructor(store: ScenarioRepository, baseline: Network, options: ScenarioServiceOptions = {}) {
    this.store = store;
    this.baseline = baseline;
    this._onGrid = options.onGrid ?? (() => true);
    this._newId = options.newId ?? (() => randomBytes(6).toString('base64url'));
  }

  list(): Promise<Scenario[]> {
    return this.store.list();
  }

  async get(id: string): Promise<Scenario> {
    if (id === BASELINE) throw new NotFoundError(`"${BASELINE}" is the network as loaded, not a stored scenario; it has no scenario document`);
    const s = await this.store.get(id);
    if (!s) throw new NotFoundError(`scenario "${id}" does not exist; GET /api/scenarios lists them`);
    return s;
  }

  /**
   * A new scenario from a client's body (`id` is assigned here); `author`: the caller's name (the
   * user's, `token <id>`, or `local` for the local administrator), set by the server — a body's
   * `author` other than it is 422.
   */
  async create(body: unknown, author: string): Promise<Scenario> {
    if (isObject(body) && 'id' in body) {
      throw new UnprocessableError([{ path: 'id', message: 'the id of a new scenario is assigned by the server; leave it out' }]);
    }
    const draft = await this._validate(this._draft(body, author), null);
    return this.store.create(this._newId(), draft);
  }

  /** Replaces the draft fields (PUT); the author stays who made the scenario. */
  async replace(id: string, expectedVersion: number, body: unknown): Promise<Scenario> {
    const current = await this._at(id, expectedVersion);
    if (isObject(body) && body.id !== undefined && body.id !== id) {
      throw new UnprocessableError([{ path: 'id', message: `the body is scenario ${describeValue(body.id)}, the URL names "${id}"; a scenario's id cannot change` }]);
    }
    const draft = await this._validate(this._draft(body, current.author), current.id);
    return this.store.update(id, expectedVersion, draft);
  }

  /** Applies a JSON Merge Patch (RFC 7396) to the draft fields (PATCH). */
  async patch(id: string, expectedVersion: number, patch: unknown): Promise<Scenario> {
    const current = await this._at(id, expectedVersion);
    if (!isObject(patch)) throw new InputError(`a merge patch must be a JSON object, got ${describeValue(patch)}`);
    for (const k of SERVER_FIELDS) {
      if (k in patch) throw new UnprocessableError([{ path: k, message: `"${k}" is kept by the server and cannot be patched` }]);
    }
    const merged = mergePatch(draftOf(current), patch);
    const draft = await this._validate(this._draft(merged, current.author), current.id);
    return this.store.update(id, expectedVersion, draft);
  }

  /** Appends edits (one edit object, or an array of them) at the end of the scenario's list. */
  async appendEdits(id: string, expectedVersion: number, body: unknown): Promise<Scenario> {
    const current = await this._at(id, expectedVersion);
    const more = Array.isArray(body) ? body : [body];
    if (more.length === 0) throw new UnprocessableError([{ path: 'edits', message: 'expected at least one edit' }]);
    const draft = { ...draftOf(current), edits: [...current.edits, ...more] as Scenario['edits'] };
    return this.store.update(id, expectedVersion, await this._validate(draft, current.id, current.edits.length));
  }

  async delete(id: string, expectedVersion: number): Promise<void> {
    await this._at(id, expectedVersion);
    const children = (await this.store.list()).filter((s) => s.base === id).map((s) => s.id);
    if (children.length > 0) {
      throw new ConflictError(`scenario "${id}" is the base of ${children.map((c) => `"${c}"`).join(', ')}; delete or rebase those first`);
    }
    await this.store.delete(id, expectedVersion);
  }

  /**
   * A stamp that changes whenever the network of scenario `id` could: the ids and versions of the
   * scenario and its bases ("a1.3<b7.1"). Cheap (reads only), for caches of evaluations.
   */
  async stamp(id: string): Promise<string> {
    const parts: string[] = [];
    for (let s: Scenario | undefined = await this.get(id); s; s = s.base === BASELINE ? undefined : await this.store.get(s.base)) {
      parts.push(`${s.id}.${s.version}`);
      if (parts.length > 64) throw new ConflictError(`scenario "${id}" has more than 64 bases, or a cycle in them`);
    }
    return parts.join('<');
  }

  /**
   * The network a scenario describes (`baseline`: the network as loaded). Throws ConflictError
   * when a scenario no longer applies to its base (the base changed since it was written).
   */
  async resolve(id: string): Promise<ResolvedScenario | null> {
    if (id === BASELINE) return null;
    const chain: Scenario[] = [];
    for (let s: Scenario | undefined = await this.get(id); s; s = s.base === BASELINE ? undefined : await this.store.get(s.base)) {
      if (chain.some((c) => c.id === s!.id)) throw new ConflictError(`scenario "${id}" has a cycle in its bases (${chain.map((c) => c.id).join(' → ')} → ${s.id})`);
      chain.unshift(s);
      if (s.base !== BASELINE && !(await this.store.get(s.base))) throw new ConflictError(`scenario "${s.id}" is based on "${s.base}", which no longer exists`);
    }
    let network = this.baseline;
    const edits: ScenarioEdit[] = [];
    for (const s of chain) {
      try {
        const applied = applyEdits(network, s.edits);
        network = applied.network;
        edits.push(...applied.edits);
      } catch (err) {
        if (!(err instanceof UnprocessableError)) throw err;
        throw new ConflictError(`scenario "${s.id}" no longer applies to its base "${s.base}": ${err.message}`);
      }
    }
    return { scenario: chain[chain.length - 1], network, chain: chain.map((s) => s.id), edits };
  }

  /** The scenario, if it is still at `expectedVersion` (a stale write fails before any validation; the store checks again on commit). */
  private async _at(id: string, expectedVersion: number): Promise<Scenario> {
    const s = await this.get(id);
    if (s.version !== expectedVersion) throw writeRefused(id, expectedVersion, s.version);
    return s;
  }

  /**
   * The draft fields of a body, checked for type, size and hidden characters (core/text/names.ts);
   * 422 naming the field. `author` is the server's; a body may carry it back unchanged.
   */
  private _draft(body: unknown, author: string): ScenarioDraft {
    if (!isObject(body)) throw new InputError(`the body must be a JSON object with the scenario's fields (name, description, base, edits, author), got ${describeValue(body)}`);
    const problems: { path: string; message: string }[] = [];
    for (const k of Object.keys(body)) {
      if (!(DRAFT_FIELDS as readonly string[]).includes(k) && !(SERVER_FIELDS as readonly string[]).includes(k)) {
        problems.push({ path: k, message: `not a field of a scenario; fields: ${DRAFT_FIELDS.join(', ')}` });
      }
    }
    const text = (k: 'name' | 'description', required: boolean, def: string): string => {
      const v = body[k];
      if (v === undefined || v === null) {
        if (required) problems.push({ path: k, message: `required: a ${k} of 1 to ${SCENARIO_LIMITS[k]} characters` });
        return def;
      }
      if (typeof v !== 'string' || (required && v.trim() === '') || v.length > SCENARIO_LIMITS[k]) {
        problems.push({ path: k, message: `expected a string of ${required ? 1 : 0} to ${SCENARIO_LIMITS[k]} characters, got ${typeof v === 'string' ? `${v.length} characters` : describeValue(v)}` });
        return def;
      }
      const hidden = nameProblem(v, k === 'description');
      if (hidden) problems.push({ path: k, message: hidden });
      return v;
    };
    const name = text('name', true, '');
    const description = text('description', false, '');
    if (body.author !== undefined && body.author !== author) {
      problems.push({ path: 'author', message: `set by the server: who made the scenario (${JSON.stringify(author)}); leave it out` });
    }
    const base = body.base === undefined ? BASELINE : body.base;
    if (typeof base !== 'string' || base === '') problems.push({ path: 'base', message: `expected "${BASELINE}" or the id of a scenario, got ${describeValue(base)}` });
    const edits = body.edits === undefined ? [] : body.edits;
    if (!Array.isArray(edits)) problems.push({ path: 'edits', message: `expected an array of edits, got ${describeValue(edits)}` });
    else if (edits.length > SCENARIO_LIMITS.edits) problems.push({ path: 'edits', message: `at most ${SCENARIO_LIMITS.edits} edits per scenario, got ${edits.length}; base a new scenario on this one instead` });
    if (problems.length > 0) throw new UnprocessableError(problems);
    return { name, description, base: base as string, edits: edits as Scenario['edits'], author };
  }

  /** Checks the base and the edits against the base's network; returns the draft with the edits as applied. */
  private async _validate(draft: ScenarioDraft, self: string | null, firstNew = 0): Promise<ScenarioDraft> {
    let base: Network = this.baseline;
    if (draft.base !== BASELINE) {
      if (draft.base === self) throw new UnprocessableError([{ path: 'base', message: 'a scenario cannot be based on itself' }]);
      const b = await this.store.get(draft.base);
      if (!b) throw new UnprocessableError([{ path: 'base', message: `no scenario "${draft.base}"; use "${BASELINE}" or an id from GET /api/scenarios` }]);
      const resolved = await this.resolve(b.id);
      if (self !== null && resolved?.chain.includes(self)) {
        throw new UnprocessableError([{ path: 'base', message: `scenario "${draft.base}" is itself based on this scenario; that would make a cycle` }]);
      }
      base = resolved?.network ?? base;
    }
    const { edits, network } = applyEdits(base, draft.edits);
    const off: { path: string; message: string }[] = [];
    edits.forEach((e, i) => {
      if (i < firstNew) return;
      const pt = e.op === 'add' ? e.site.geometry.coordinates : e.op === 'modify' && (e.set.lon !== undefined || e.set.lat !== undefined)
        ? network.sites.find((s) => s.properties.id === e.siteId)?.geometry.coordinates : undefined;
      if (pt && !this._onGrid(pt[0], pt[1])) {
        off.push({ path: `edits[${i}].${e.op === 'add' ? 'site.geometry.coordinates' : 'set.lon/lat'}`, message: `[${pt[0]}, ${pt[1]}] is outside the terrain model, where no coverage can be computed` });
      }
    });
    if (off.length > 0) throw new UnprocessableError(off);
    return { ...draft, edits };
  }
}

/** The fields a client writes, of a stored scenario. */
export function draftOf(s: Scenario): ScenarioDraft {
  return { name: s.name, description: s.description, base: s.base, edits: s.edits, author: s.author };
}

/**
 * JSON Merge Patch (RFC 7396 §2): objects merge member by member, null removes a member, anything
 * else (arrays included) replaces.
 *
 * @example
 * mergePatch({ a: 1, b: { c: 2 } }, { b: { c: null, d: 3 } }) // { a: 1, b: { d: 3 } }
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    // an own property even for "__proto__" (never the prototype): the field check then refuses it
    else Object.defineProperty(out, k, { value: mergePatch(out[k], v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
