/**
 * The first half of every `resolve…Options` of siting: `options` (an object of known keys only)
 * merged over the frozen defaults, and a `fail` that throws the InputError naming the option.
 */
import { InputError } from '../errors';

/**
 * @example
 * const { o, fail } = mergeOptions(DEFAULT_COST_OPTIONS, { newSite: 1 }, 'cost', 'costs');
 * if (o.newSite < 0) fail('newSite', 'an amount ≥ 0', o.newSite);
 */
export function mergeOptions<T extends object>(defaults: Readonly<T>, options: unknown, what: string, path: string): { o: T; fail: (key: string, want: string, got: unknown) => never } {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InputError(`${what} options must be an object, got ${JSON.stringify(options)}`, path);
  }
  const known = Object.keys(defaults);
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new InputError(`${what} options have no "${key}"; known: ${known.join(', ')}`, `${path}.${key}`);
  }
  const o = { ...defaults } as T;
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (o as Record<string, unknown>)[k] = v;
  const fail = (key: string, want: string, got: unknown): never => {
    throw new InputError(`${what} option ${key} must be ${want}, got ${JSON.stringify(got)}`, `${path}.${key}`);
  };
  return { o, fail };
}
