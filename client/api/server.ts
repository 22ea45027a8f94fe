/**
 * What the server offers, one typed function per endpoint: /api/health (does it compute coverage?)
 * and /api/datasets (does it take imports, and may the caller import?).
 */
import type { Health } from '../../core/wire';
import { getJson } from './http';

/** The server's health: feature counts, the DEM, and the coverage's progress when it computes coverage. */
export const health = (): Promise<Health> => getJson('/api/health');

/** True when the server takes imports and the caller may read its dataset versions (admins). */
export const takesImports = (): Promise<boolean> => getJson('/api/datasets').then(() => true, () => false);
