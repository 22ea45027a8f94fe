import { existsSync } from 'node:fs';

/** The demo manifest the seed script writes. */
export const DEMO_MANIFEST = 'geodata/covgap.json';

/**
 * Why the demo-data tests cannot run here, or null when they can. In CI (CI set) a missing
 * geodata manifest is a failure, not a skip: the tests then run and fail on loading it.
 */
export function demoSkipReason(): string | null {
  if (existsSync(DEMO_MANIFEST) || process.env.CI) return null;
  return `${DEMO_MANIFEST} does not exist yet: run \`npm run seed\` to build the demo geodata`;
}
