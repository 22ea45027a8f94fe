/**
 * Building blocks of the data-model validators (see ./validate): a problem list that formats the
 * one InputError a validator throws, value checks that name the JSON path, and a safe JSON deep copy
 * (bounded depth, no prototype keys).
 */
import { InputError, InputProblemsError } from '../errors';

/** How many problems one error message lists before it says how many more there are. */
export const MAX_REPORTED_PROBLEMS = 5;

/** One thing wrong with the input: where (a JSON path) and what. */
export interface Problem {
  path: string;
  message: string;
}

/** Thrown inside one check of a feature to stop that check at its first problem. */
export class FeatureProblem {
  constructor(
    readonly path: string,
    readonly message: string,
  ) {}
}

/** Stop checking the current feature: `path: message`. */
export function fail(path: string, message: string): never {
  throw new FeatureProblem(path, message);
}

/**
 * The InputError for a list of problems: `source: path: message` for one, the first
 * {@link MAX_REPORTED_PROBLEMS} joined by "; " and "and N more problems" for more.
 *
 * @example
 * problemsError('sites.geojson', [{ path: 'features[0].properties.name', message: 'missing' }])
 * // InputError 'sites.geojson: features[0].properties.name: missing'
 */
export function problemsError(source: string, problems: Problem[]): InputError {
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
  const more = problems.length - shown.length;
  const tail = more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : '';
  return new InputProblemsError(`${source}: ${shown.join('; ')}${tail}`, problems);
}

/** A short description of a JSON value for a message: `"abc"`, `12`, `null`, `an array`, `an object`. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value === 'object' ? 'JSON object' : typeof value}`;
}

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A required non-empty string. */
export function requireString(obj: Record<string, unknown>, key: string, path: string): string {
  const v = obj[key];
  if (v === undefined) fail(`${path}.${key}`, 'missing; expected a non-empty string');
  if (typeof v !== 'string' || v.trim() === '') fail(`${path}.${key}`, `expected a non-empty string, got ${describe(v)}`);
  return v;
}

/** An optional string (absent, or a string). */
export function optionalString(obj: Record<string, unknown>, key: string, path: string, nullable = false): void {
  const v = obj[key];
  if (v === undefined || (nullable && v === null)) return;
  if (typeof v !== 'string') fail(`${path}.${key}`, `expected a string${nullable ? ' or null' : ''}, got ${describe(v)}`);
}

/** An optional boolean. */
export function optionalBoolean(obj: Record<string, unknown>, key: string, path: string): void {
  const v = obj[key];
  if (v !== undefined && typeof v !== 'boolean') fail(`${path}.${key}`, `expected true or false, got ${describe(v)}`);
}

/** A required finite number > 0. */
export function requirePositive(obj: Record<string, unknown>, key: string, path: string, unit: string): number {
  const v = obj[key];
  if (v === undefined) fail(`${path}.${key}`, `missing; expected a finite number > 0 ${unit}`);
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    fail(`${path}.${key}`, `must be a finite number > 0 ${unit}, got ${describe(v)}`);
  }
  return v;
}

/**
 * A required finite number within [min, max] (inclusive); the message states the range and unit,
 * e.g. `must be a number from 0.5 to 1000 metres above ground, got 1000000000`.
 */
export function requireInRange(obj: Record<string, unknown>, key: string, path: string, unit: string, range: readonly [number, number]): number {
  const v = obj[key];
  const [min, max] = range;
  if (v === undefined) fail(`${path}.${key}`, `missing; expected a number from ${min} to ${max} ${unit}`);
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    fail(`${path}.${key}`, `must be a number from ${min} to ${max} ${unit}, got ${describe(v)}`);
  }
  return v;
}

/** The largest count (people, households) accepted: far more than any commune, far below where floats lose integers. */
export const MAX_COUNT = 100_000_000;

/** A required non-negative integer (a count of people, households) up to {@link MAX_COUNT}. */
export function requireCount(obj: Record<string, unknown>, key: string, path: string): number {
  const v = obj[key];
  if (v === undefined) fail(`${path}.${key}`, 'missing; expected a non-negative integer');
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    fail(`${path}.${key}`, `must be a non-negative integer, got ${describe(v)}`);
  }
  if (v > MAX_COUNT) {
    fail(`${path}.${key}`, `${v} is more than ${MAX_COUNT.toLocaleString('en')}; a count of people or households is never that large (a unit or a typo?)`);
  }
  return v;
}

/** A required value from a fixed list: `unknown <what> "x"; expected one of a, b, c`. */
export function requireEnum<T extends string>(
  obj: Record<string, unknown>,
  key: string,
  path: string,
  allowed: readonly T[],
  what: string,
): T {
  const v = obj[key];
  const list = allowed.join(', ');
  if (v === undefined) fail(`${path}.${key}`, `missing; expected one of ${list}`);
  if (!allowed.includes(v as T)) fail(`${path}.${key}`, `unknown ${what} ${describe(v)}; expected one of ${list}`);
  return v as T;
}

/**
 * How deep parsed JSON may nest (objects and arrays). A site FeatureCollection needs 8 levels (a
 * MultiPolygon's positions); anything past this limit is refused, so no caller recurses on
 * attacker-chosen depth.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Keys dropped from parsed JSON: `__proto__` would set the copy's prototype (and hide values from
 * validation), `constructor` and `prototype` are the other prototype-pollution gadgets.
 */
export const UNSAFE_JSON_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/**
 * A deep copy of parsed JSON (plain objects, arrays and primitives) made with an explicit stack
 * (no recursion), without the {@link UNSAFE_JSON_KEYS}; throws InputError
 * `source: path: JSON nested deeper than 32 levels…` past {@link MAX_JSON_DEPTH}.
 *
 * @example
 * cloneJson(JSON.parse('{"a":[1,{"__proto__":{"x":1}}]}'), 'site') // { a: [1, {}] }
 */
export function cloneJson<T>(value: T, source = 'input'): T {
  if (typeof value !== 'object' || value === null) return value;
  const root: unknown = Array.isArray(value) ? new Array(value.length) : {};
  // each entry: a source container, its copy, its depth, and the path of its parent and key
  const stack: { from: unknown; to: unknown; depth: number; path: string }[] = [{ from: value, to: root, depth: 1, path: '' }];
  while (stack.length > 0) {
    const { from, to, depth, path } = stack.pop()!;
    if (depth > MAX_JSON_DEPTH) {
      throw new InputError(`${source}: ${path || '(top level)'}: JSON nested deeper than ${MAX_JSON_DEPTH} levels; covgap reads at most ${MAX_JSON_DEPTH} levels of objects and arrays`, path);
    }
    const entries: [string | number, unknown][] = Array.isArray(from) ? from.map((v, i) => [i, v]) : Object.keys(from as object).filter((k) => !UNSAFE_JSON_KEYS.includes(k)).map((k) => [k, (from as Record<string, unknown>)[k]]);
    for (const [k, v] of entries) {
      let copy: unknown = v;
      if (typeof v === 'object' && v !== null) {
        copy = Array.isArray(v) ? new Array(v.length) : {};
        stack.push({ from: v, to: copy, depth: depth + 1, path: typeof k === 'number' ? `${path}[${k}]` : path ? `${path}.${k}` : k });
      }
      (to as Record<string | number, unknown>)[k] = copy;
    }
  }
  return root as T;
}
