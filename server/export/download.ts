/**
 * One entry point for the gap list downloads (HTTP `f=` and the `covgap gaps --format` command):
 * the bytes, the media type and a file name for each format.
 */
import { InputError } from '../../core/errors';
import { CSV_CODES, toCsv, toGeoJson, toKml, toXlsx, type CsvCodes, type Lang } from '../../core/export';
import type { Gap } from '../../core/gaps/types';
import { toGpkg } from './gpkg';

export const GAP_FORMATS = ['csv', 'xlsx', 'geojson', 'kml', 'gpkg'] as const;
export type GapFormat = (typeof GAP_FORMATS)[number];

/** Media types (RFC 4180 CSV, RFC 7946 GeoJSON, OGC KML 2.2, OGC GeoPackage, ECMA-376). */
export const GAP_MEDIA_TYPES: Record<GapFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
  kml: 'application/vnd.google-earth.kml+xml',
  gpkg: 'application/geopackage+sqlite3',
};

export interface GapDownload {
  body: Buffer;
  contentType: string;
  /** e.g. "gaps.csv" (basename + the format's extension). */
  filename: string;
}

/**
 * The gap list in one download format.
 *
 * @example
 * const d = gapDownload(gaps, 'xlsx', 'vi', { basename: 'gaps-01273' });
 * gapDownload(gaps, 'csv', 'vi', { codes: 'text' }) // commune codes as ="01795" for spreadsheets
 * res.type(d.contentType).attachment(d.filename).send(d.body);
 */
export function gapDownload(gaps: readonly Gap[], format: string, lang: string = 'vi', options: { basename?: string; codes?: string } = {}): GapDownload {
  if (!(GAP_FORMATS as readonly string[]).includes(format)) {
    throw new InputError(`f must be one of ${GAP_FORMATS.join(', ')}, got ${JSON.stringify(format)}`, 'f');
  }
  if (lang !== 'vi' && lang !== 'en') throw new InputError(`lang must be vi or en, got ${JSON.stringify(lang)}`, 'lang');
  const codes = options.codes ?? 'plain';
  if (!(CSV_CODES as readonly string[]).includes(codes)) throw new InputError(`codes must be ${CSV_CODES.join(' or ')}, got ${JSON.stringify(codes)}`, 'codes');
  if (codes !== 'plain' && format !== 'csv') throw new InputError(`codes=${codes} only applies to the CSV download (f=csv); the ${format} download keeps codes as text already`, 'codes');
  const basename = options.basename ?? 'gaps';
  if (!/^[\w.-]+$/.test(basename)) throw new InputError(`gapDownload: basename must be letters, digits, ".", "_" or "-", got ${JSON.stringify(basename)}`, 'basename');
  const f = format as GapFormat;
  const l = lang as Lang;
  let body: Buffer;
  if (f === 'csv') body = Buffer.from(toCsv(gaps, l, { codes: codes as CsvCodes }), 'utf8');
  else if (f === 'xlsx') body = Buffer.from(toXlsx(gaps, l));
  else if (f === 'geojson') body = Buffer.from(JSON.stringify(toGeoJson(gaps, l)), 'utf8');
  else if (f === 'kml') body = Buffer.from(toKml(gaps, l), 'utf8');
  else body = toGpkg(gaps, l);
  return { body, contentType: GAP_MEDIA_TYPES[f], filename: `${basename}.${f}` };
}
