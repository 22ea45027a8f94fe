/**
 * The import formats, each read from the request body's bytes into a GeoJSON-like
 * FeatureCollection (not yet validated: validateLayer.ts does that for every format alike) or the
 * problems that stop it being read at all:
 *
 *  - GeoJSON (RFC 7946; UTF-8): secure-json-parse, a `crs` member other than CRS84 refused;
 *  - KML: @xmldom/xmldom + @tmcw/togeojson (placemarks, ExtendedData as properties);
 *  - zipped Shapefile: the zip inflated by fflate's streaming Unzip with a byte budget (a zip bomb
 *    stops at the limit), the .shp/.dbf/.prj read by shpjs (which reprojects by the .prj with
 *    proj4), the .dbf decoded by the .cpg's code page;
 *  - GeoPackage: geopackage.ts.
 *
 * Declared sizes are checked before a reader loops on them (declaredSizes.ts).
 */
import { DOMParser } from '@xmldom/xmldom';
import { kml } from '@tmcw/togeojson';
import { Unzip, UnzipInflate } from 'fflate';
import secureJson from 'secure-json-parse';
import getShapefile from 'shpjs';
import { checkDbfSize, checkShpSize } from './declaredSizes';
import { fileProblem, type ImportProblem } from './problems';
import { kindName, sniff, type FileKind } from './sniff';
import { cpgEncoding, decodeText, type TextEncoding } from './text';

/** A file read: its features as found (to be validated), soft notes, or the problems that stop it. */
export type ReadResult = { features: unknown[]; warnings: string[] } | { problems: ImportProblem[] };

const refuse = (...problems: ImportProblem[]): ReadResult => ({ problems });

/** The file is not the kind the format names: both said. */
export function wrongKind(format: string, expected: string, got: FileKind): ImportProblem {
  return fileProblem(`format=${format} expects ${expected}, but the file is ${kindName(got)}${got === 'zip' ? ' (a zipped Shapefile? use format=shapefile)' : got === 'sqlite' ? ' (use format=gpkg)' : got === 'json' ? ' (use format=geojson)' : got === 'tiff' ? ' (a GeoTIFF: import it as layer dem, format=geotiff)' : ''}`);
}

const CRS84 = /^(urn:ogc:def:crs:OGC:1\.3:CRS84|urn:ogc:def:crs:EPSG::4326|EPSG:4326|http:\/\/www\.opengis\.net\/def\/crs\/OGC\/1\.3\/CRS84)$/i;

/**
 * GeoJSON: the FeatureCollection's features.
 *
 * @example
 * readGeojson(bytes) // { features: [...], warnings: [] }
 */
export function readGeojson(bytes: Uint8Array): ReadResult {
  const kind = sniff(bytes);
  if (kind !== 'json') return refuse(wrongKind('geojson', 'a GeoJSON FeatureCollection (JSON)', kind));
  const decoded = decodeText(bytes, 'utf-8');
  if ('problem' in decoded) return refuse({ ...decoded.problem, message: `${decoded.problem.message.replace(/; send it with.*$/, '')}; GeoJSON is UTF-8 (RFC 7946 §11): convert the file to UTF-8` });
  let json: unknown;
  try {
    json = secureJson.parse(decoded.text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (err) {
    const m = (err as Error).message;
    if (/forbidden prototype property/.test(m)) return refuse(fileProblem('a "__proto__" or "constructor": {"prototype": …} key is refused (it would change what the server reads); remove it'));
    const at = /position (\d+)/.exec(m);
    const line = at ? decoded.text.slice(0, Number(at[1])).split('\n').length : undefined;
    return refuse({ ...(line !== undefined ? { line } : {}), field: '', message: `not valid JSON: ${m}` });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return refuse(fileProblem('expected a GeoJSON FeatureCollection object, got ' + (Array.isArray(json) ? 'an array' : JSON.stringify(json)?.slice(0, 40))));
  const fc = json as { type?: unknown; features?: unknown; crs?: unknown };
  if (fc.crs !== undefined) {
    const props = (fc.crs as { properties?: { name?: unknown; href?: unknown } } | null)?.properties;
    const name = typeof props?.name === 'string' ? props.name : null;
    if (!name || !CRS84.test(name)) {
      return refuse(fileProblem(`the file declares the coordinate reference system ${name ? `"${name}"` : JSON.stringify(fc.crs).slice(0, 80)}; GeoJSON (RFC 7946) is WGS 84 longitude, latitude with no "crs" member: reproject it with ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson in.geojson`, 'crs'));
    }
  }
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return refuse(fileProblem(`expected a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]}), got ${fc.type === undefined ? 'an object without "type"' : `"type": ${JSON.stringify(fc.type)}`}`, 'type'));
  }
  return { features: fc.features, warnings: fc.crs !== undefined ? ['the file has a "crs" member naming WGS 84 longitude, latitude (CRS84); RFC 7946 GeoJSON has none'] : [] };
}

/**
 * KML: every placemark (Point, LineString, Polygon and their Multi-), ExtendedData as properties
 * (as text; validateLayer.ts reads numbers, booleans and JSON cells from it).
 */
export function readKml(bytes: Uint8Array, encoding: TextEncoding): ReadResult {
  const kind = sniff(bytes);
  if (kind !== 'xml') return refuse(wrongKind('kml', 'a KML document (XML)', kind));
  const decoded = decodeText(bytes, encoding);
  if ('problem' in decoded) return refuse(decoded.problem);
  const errors: ImportProblem[] = [];
  const onError = (level: string, message: string): void => {
    if (level !== 'warning') errors.push({ ...lineOf(message), field: '', message: `not well-formed XML: ${message.split('\n')[0]}` });
  };
  let doc: ReturnType<DOMParser['parseFromString']>;
  try {
    doc = new DOMParser({ onError }).parseFromString(decoded.text, 'text/xml');
  } catch (err) {
    // xmldom throws on a fatal error (after reporting it)
    if (errors.length === 0) onError('fatalError', (err as Error).message);
    return { problems: errors.slice(0, 1) };
  }
  if (errors.length > 0) return { problems: errors.slice(0, 1) };
  const root = doc.documentElement;
  if (!root || root.localName !== 'kml') return refuse(fileProblem(`expected a KML document (root element <kml>), got <${root?.localName ?? 'nothing'}>`));
  const fc = kml(doc);
  // KML positions carry an altitude (0 when clamped to the ground): the data model's are 2D
  return { features: fc.features.map((f) => ({ ...f, geometry: f.geometry && 'coordinates' in f.geometry ? { ...f.geometry, coordinates: dropAltitude(f.geometry.coordinates) } : f.geometry, properties: kmlProperties(f.properties ?? {}) })), warnings: [] };
}

/** Positions without their third (altitude) value. */
function dropAltitude(c: unknown): unknown {
  if (!Array.isArray(c)) return c;
  if (typeof c[0] === 'number') return c.slice(0, 2);
  return c.map(dropAltitude);
}

const lineOf = (message: string): { line?: number } => {
  const m = /line:?\s*(\d+)/i.exec(message);
  return m ? { line: Number(m[1]) } : {};
};

/** togeojson's styling members are not data: dropped. */
function kmlProperties(p: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (/^(styleUrl|styleHash|styleMapHash|stroke|stroke-opacity|stroke-width|fill|fill-opacity|icon|icon-.*|label-.*|visibility|description|timespan|timestamp)$/.test(k)) continue;
    out[k] = v;
  }
  return out;
}

/** Limits of an archive. */
export interface ZipLimits {
  /** Bytes all the files of the archive may inflate to, together. */
  maxInflatedBytes: number;
}

/** Limits of a zipped Shapefile. */
export interface ShapefileLimits extends ZipLimits {
  /** Most records (features) its .shp and .dbf may hold. */
  maxFeatures: number;
}

/**
 * The files of a zip archive (inflated with fflate's streaming Unzip, which stops the moment the
 * running total passes `maxInflatedBytes`: a zip bomb costs at most the limit), or the problem.
 */
export function unzipLimited(bytes: Uint8Array, limits: ZipLimits): Map<string, Uint8Array> | ImportProblem {
  const files = new Map<string, Uint8Array[]>();
  let total = 0;
  let over = false;
  let failure: string | null = null;
  const unzip = new Unzip((file) => {
    if (over || failure) return;
    const name = file.name;
    if (name.endsWith('/') || name.includes('__MACOSX')) return;
    const chunks: Uint8Array[] = [];
    files.set(name, chunks);
    file.ondata = (err, chunk) => {
      if (err) {
        failure = `${name}: ${err.message}`;
        return;
      }
      total += chunk.length;
      if (total > limits.maxInflatedBytes) {
        over = true;
        file.terminate();
        return;
      }
      chunks.push(chunk);
    };
    try {
      file.start();
    } catch (err) {
      failure = `${name}: ${(err as Error).message}`;
    }
  });
  unzip.register(UnzipInflate);
  try {
    // in slices, so that a bomb is stopped after a slice, not after the whole body
    const step = 1 << 16;
    for (let i = 0; i < bytes.length && !over && !failure; i += step) unzip.push(bytes.subarray(i, Math.min(bytes.length, i + step)), i + step >= bytes.length);
  } catch (err) {
    failure = (err as Error).message;
  }
  if (over) return fileProblem(`the zip archive inflates to more than ${limits.maxInflatedBytes} bytes (IMPORT_MAX_UNZIPPED_MB); a zip bomb, or a file too large to import`);
  if (failure) return fileProblem(`not a readable zip archive: ${failure}`);
  return new Map([...files].map(([name, chunks]) => [name, concat(chunks)]));
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * A zipped Shapefile: one .shp with its .dbf (attributes), .prj (CRS; shpjs reprojects to WGS 84
 * with proj4) and .cpg (code page of the .dbf; `encoding` when absent).
 */
export async function readShapefileZip(bytes: Uint8Array, limits: ShapefileLimits, encoding: TextEncoding): Promise<ReadResult> {
  const kind = sniff(bytes);
  if (kind !== 'zip') return refuse(wrongKind('shapefile', 'a zip archive holding a Shapefile (.shp, .shx, .dbf, .prj, .cpg)', kind));
  const files = unzipLimited(bytes, limits);
  if (!(files instanceof Map)) return refuse(files);
  const byExt = (ext: string): [string, Uint8Array][] => [...files].filter(([n]) => n.toLowerCase().endsWith(ext));
  const shps = byExt('.shp');
  if (shps.length === 0) return refuse(fileProblem(`the zip archive holds no .shp file (it holds ${[...files.keys()].slice(0, 8).join(', ') || 'nothing'})`));
  if (shps.length > 1) return refuse(fileProblem(`the zip archive holds ${shps.length} shapefiles (${shps.map(([n]) => n).join(', ')}); send one layer per import`));
  const [shpName, shp] = shps[0];
  const base = shpName.slice(0, -4).toLowerCase();
  const part = (ext: string): Uint8Array | undefined => [...files].find(([n]) => n.toLowerCase() === `${base}${ext}`)?.[1];
  const dbf = part('.dbf');
  const prjBytes = part('.prj');
  const cpgBytes = part('.cpg');
  const warnings: string[] = [];
  const enc = cpgEncoding(cpgBytes ? new TextDecoder().decode(cpgBytes) : undefined, encoding);
  if (typeof enc !== 'string') return refuse(enc);
  if (!prjBytes) warnings.push(`${shpName}: no .prj; the coordinates are taken as WGS 84 longitude, latitude`);
  if (!dbf) return refuse(fileProblem(`${shpName} has no .dbf beside it: the attributes (id, name, …) are missing`, '.dbf'));
  // the sizes the headers declare, before shpjs loops on them
  const declared = checkShpSize(shpName, shp, limits.maxFeatures) ?? checkDbfSize(`${shpName.slice(0, -4)}.dbf`, dbf, limits.maxFeatures);
  if (declared) return refuse(declared);
  // the .dbf is decoded by us when its code page is not one TextDecoder knows (TCVN3)
  const cpgForShpjs = enc === 'utf-8' ? 'utf-8' : enc === 'windows-1258' ? 'windows-1258' : 'iso-8859-1';
  let fc;
  try {
    fc = await getShapefile({ shp, dbf, cpg: cpgForShpjs, ...(prjBytes ? { prj: new TextDecoder().decode(prjBytes) } : {}) });
  } catch (err) {
    return refuse(fileProblem(`${shpName}: not a readable Shapefile: ${(err as Error).message}`));
  }
  const features = fc.features.map((f) => ({ ...f, properties: textProperties(f.properties ?? {}, enc) }));
  return { features, warnings };
}

/** DBF text as Unicode: Windows-1258 composed to NFC; TCVN3 re-decoded from the Latin-1 bytes. */
function textProperties(p: Record<string, unknown>, enc: TextEncoding): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (typeof v !== 'string') out[k] = v;
    else if (enc === 'tcvn3') {
      const d = decodeText(Uint8Array.from(v, (c) => c.charCodeAt(0) & 0xff), 'tcvn3');
      out[k] = 'text' in d ? d.text : v;
    } else out[k] = v.normalize('NFC');
  }
  return out;
}
