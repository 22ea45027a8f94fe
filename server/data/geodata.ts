import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Feature } from 'geojson';
import { InputError } from '../../core/errors';
import type { Communes, DemGrid, Outline, PowerLines, Sites, Villages } from '../../core/model/types';
import { COLLECTION_DEFS } from './collections';
import { readDemFile } from './dem';
import { loadCommunesFile, loadOutlineFile, loadPowerLinesFile, loadSitesFile, loadVillagesFile } from './files';
import { createMemoryRepository } from './memoryRepository';
import type { FeatureRepository } from './repository';

/**
 * The geodata manifest (`geodata/covgap.json`): a display name and the data files, each path
 * relative to the manifest itself.
 *
 * @example
 * { "name": "Cao Bằng (demo)", "dem": "dem/caobang-dem-1s.tif", "communes": "communes.geojson",
 *   "villages": "villages.geojson", "sites": "sites.geojson", "powerLines": "power-lines.geojson" }
 */
export interface GeodataManifest {
  name: string;
  dem: string;
  communes: string;
  villages: string;
  sites: string;
  powerLines: string;
  outline?: string;
  towns?: string;
}

/** Everything the server serves, loaded and validated. */
export interface Geodata {
  name: string;
  sites: Sites;
  villages: Villages;
  communes: Communes;
  powerLines: PowerLines;
  dem: DemGrid;
  /** The area's outline when the manifest names one (served as collection `province`), else null. */
  outline: Outline | null;
}

const REQUIRED_FILES = ['dem', 'communes', 'villages', 'sites', 'powerLines'] as const;

/**
 * Read the manifest, then the DEM and the four collections it names (in parallel). Throws
 * {@link InputError} naming the manifest or the file at fault.
 *
 * @example
 * const geodata = await loadGeodata('geodata/covgap.json');
 */
export async function loadGeodata(manifestPath: string): Promise<Geodata> {
  const manifest = await readManifest(manifestPath);
  const base = dirname(resolve(manifestPath));
  const at = (p: string): string => resolve(base, p);
  const [dem, sites, villages, communes, powerLines, outline] = await Promise.all([
    readDemFile(at(manifest.dem)),
    loadSitesFile(at(manifest.sites)),
    loadVillagesFile(at(manifest.villages)),
    loadCommunesFile(at(manifest.communes)),
    loadPowerLinesFile(at(manifest.powerLines)),
    manifest.outline ? loadOutlineFile(at(manifest.outline)) : Promise.resolve(null),
  ]);
  return { name: manifest.name, dem, sites, villages, communes, powerLines, outline };
}

/**
 * Parse and check a manifest file.
 *
 * @example
 * const m = await readManifest('geodata/covgap.json'); // m.dem === 'dem/caobang-dem-1s.tif'
 */
export async function readManifest(manifestPath: string): Promise<GeodataManifest> {
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`geodata manifest ${manifestPath}: cannot be read (${code ?? String(err)}); run \`npm run seed\` to build the demo geodata or set GEODATA to your manifest`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(`geodata manifest ${manifestPath}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InputError(`geodata manifest ${manifestPath}: expected a JSON object with "name", ${REQUIRED_FILES.map((k) => `"${k}"`).join(', ')}`);
  }
  const m = json as Record<string, unknown>;
  for (const key of REQUIRED_FILES) {
    if (typeof m[key] !== 'string' || m[key] === '') {
      throw new InputError(`geodata manifest ${manifestPath}: "${key}" must be a file path relative to the manifest, got ${JSON.stringify(m[key])}`, key);
    }
  }
  const name = typeof m.name === 'string' && m.name !== '' ? m.name : 'covgap';
  return { ...(m as unknown as GeodataManifest), name };
}

/**
 * The in-memory repository over loaded geodata (collection ids: sites, villages, communes,
 * power-lines, village-boundaries when some village has a boundary, and province when the
 * geodata has an outline).
 *
 * @example
 * const repository = repositoryFromGeodata(await loadGeodata('geodata/covgap.json'));
 */
export function repositoryFromGeodata(g: Pick<Geodata, 'sites' | 'villages' | 'communes' | 'powerLines'> & { outline?: Outline | null }): FeatureRepository {
  const { points, boundaries } = villageLayers(g.villages);
  const byId: Record<string, readonly Feature[]> = {
    sites: g.sites.features,
    villages: points,
    ...(boundaries.length > 0 ? { 'village-boundaries': boundaries } : {}),
    communes: g.communes.features,
    'power-lines': g.powerLines.features,
    ...(g.outline ? { province: g.outline.features } : {}),
  };
  return createMemoryRepository(COLLECTION_DEFS.filter((def) => byId[def.id]).map((def) => ({ def, features: byId[def.id] })));
}

/**
 * The villages as two collections: `villages`, one settlement point each (what OGC clients and
 * the map's symbols read: one geometry type), with `hasBoundary`; and `village-boundaries`, the
 * boundary polygons of the villages that have one, with the same id and the village's properties.
 *
 * @example
 * const { points, boundaries } = villageLayers(geodata.villages);
 */
export function villageLayers(villages: Villages): { points: Feature[]; boundaries: Feature[] } {
  const points: Feature[] = [];
  const boundaries: Feature[] = [];
  for (const f of villages.features) {
    const { boundary, ...properties } = f.properties;
    points.push({ type: 'Feature', id: f.id ?? properties.id, geometry: f.geometry, properties: { ...properties, hasBoundary: boundary !== undefined } });
    if (boundary) boundaries.push({ type: 'Feature', id: f.id ?? properties.id, geometry: boundary, properties });
  }
  return { points, boundaries };
}
