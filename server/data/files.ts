/**
 * Loading the data-model collections from files: GeoJSON (.geojson, .json) validated by
 * core/model/validate, and for sites also OpenCelliD CSV (.csv). Every error is an InputError that
 * names the file, e.g. `geodata/sites.geojson: not valid JSON: Unexpected token } in JSON at position 12`.
 *
 * Polygons are rewound on load to RFC 7946 §3.1.6 (exterior rings counterclockwise, holes
 * clockwise), whatever the file's winding: the API serves them as they are held.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import rewind from '@turf/rewind';
import type { FeatureCollection, Geometry } from 'geojson';
import { InputError } from '../../core/errors';
import { parseOpenCellidCsv, type OpenCellidOptions } from '../../core/formats/opencellid';
import { validateCommunes, validateOutline, validatePowerLines, validateSites, validateVillages } from '../../core/model/validate';
import type { Communes, Outline, PowerLines, Sites, Villages } from '../../core/model/types';

const JSON_EXTENSIONS = ['.geojson', '.json'];

/** The file as UTF-8 text without a byte-order mark, or an InputError naming the file. */
async function readText(path: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${path}: file not found` : `${path}: cannot read the file: ${(err as Error).message}`);
  }
}

/** Parsed JSON of a GeoJSON file; `what` names the collection for the extension message. */
async function readJson(path: string, what: string): Promise<unknown> {
  const ext = extname(path).toLowerCase();
  if (!JSON_EXTENSIONS.includes(ext)) {
    throw new InputError(`${path}: unknown ${what} file type "${ext || '(no extension)'}"; expected GeoJSON (.geojson, .json)`);
  }
  const text = await readText(path);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`${path}: not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * Rewinds every Polygon and MultiPolygon of the collection (and villages' boundaries) in place (exterior counterclockwise,
 * holes clockwise, by the shoelace sign; @turf/rewind) and returns the collection.
 */
function rewindPolygons<T extends FeatureCollection<Geometry | null>>(fc: T): T {
  for (const f of fc.features) {
    if (f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon') rewind(f.geometry, { mutate: true });
    // a village's boundary
    const b = (f.properties as { boundary?: Geometry } | null)?.boundary;
    if (b?.type === 'Polygon' || b?.type === 'MultiPolygon') rewind(b, { mutate: true });
  }
  return fc;
}

/**
 * Load sites from GeoJSON (.geojson, .json) or an OpenCelliD export (.csv, with `options`).
 *
 * @example
 * const sites = await loadSitesFile('geodata/sites.geojson');
 * const cells = await loadSitesFile('452.csv', { bbox: [105.2, 22.3, 106.9, 23.2] });
 */
export async function loadSitesFile(path: string, options: OpenCellidOptions = {}): Promise<Sites> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return parseOpenCellidCsv(await readText(path), { source: path, ...options });
  if (!JSON_EXTENSIONS.includes(ext)) {
    throw new InputError(`${path}: unknown sites file type "${ext || '(no extension)'}"; expected GeoJSON (.geojson, .json) or OpenCelliD CSV (.csv)`);
  }
  return validateSites(await readJson(path, 'sites'), path);
}

/**
 * Load villages from a GeoJSON file.
 *
 * @example
 * const villages = await loadVillagesFile('geodata/villages.geojson');
 */
export async function loadVillagesFile(path: string): Promise<Villages> {
  return rewindPolygons(validateVillages(await readJson(path, 'villages'), path));
}

/**
 * Load communes from a GeoJSON file.
 *
 * @example
 * const communes = await loadCommunesFile('geodata/communes.geojson');
 */
export async function loadCommunesFile(path: string): Promise<Communes> {
  return rewindPolygons(validateCommunes(await readJson(path, 'communes'), path));
}

/**
 * Load the area's outline (e.g. the province boundary) from a GeoJSON file: at least one
 * Polygon/MultiPolygon feature with an id and a name.
 *
 * @example
 * const outline = await loadOutlineFile('geodata/province.geojson');
 */
export async function loadOutlineFile(path: string): Promise<Outline> {
  const outline = validateOutline(await readJson(path, 'outline'), path);
  if (outline.features.length === 0) throw new InputError(`${path}: the outline has no features; expected at least one Polygon or MultiPolygon feature`);
  return rewindPolygons(outline);
}

/**
 * Load power lines from a GeoJSON file.
 *
 * @example
 * const lines = await loadPowerLinesFile('geodata/power-lines.geojson');
 */
export async function loadPowerLinesFile(path: string): Promise<PowerLines> {
  return validatePowerLines(await readJson(path, 'power lines'), path);
}
