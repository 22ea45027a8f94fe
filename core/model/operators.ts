/**
 * The operators of a network: the distinct `operator` values of its sites, as they are spelled
 * there. An operator limit (a partner's), an `operator=` filter and the coverage layers per
 * operator all match these names exactly, case included.
 */

/**
 * The operators of `sites`, sorted, each once.
 *
 * @example
 * operatorsOf([{ properties: { operator: 'Viettel' } }, { properties: { operator: 'MobiFone' } }]) // ['MobiFone', 'Viettel']
 */
export function operatorsOf(sites: readonly { properties: { operator: string } }[]): string[] {
  return [...new Set(sites.map((s) => s.properties.operator))].sort();
}
