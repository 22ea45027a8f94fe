/**
 * A GeoPackage import: opened by better-sqlite3 from the bytes (read-only, in memory, query_only),
 * its schema checked before any of its data is read, then its one feature table read row by row.
 *
 * Reading a table runs no SQL of the file's, but a view does (a recursive view: 30 s of CPU, or
 * millions of rows), and so do generated columns and virtual tables of unknown modules. So a file
 * holding a view, a generated column, a trigger or a virtual table is refused before anything else
 * is read — except what GDAL writes into every GeoPackage: the R-tree spatial index of a geometry
 * column (the virtual table `rtree_<table>_<column>` and its triggers), OGR's feature-count
 * triggers and the `gpkg_*` triggers of the specification (triggers never run on a read-only
 * file anyway). better-sqlite3 has no progress handler: the rows are stepped one at a time,
 * stopped past IMPORT_MAX_FEATURES, and the import worker's wall clock (IMPORT_TIMEOUT_S) ends
 * the read between two rows.
 */
import Database from 'better-sqlite3';
import wkx from 'wkx';
import { fileProblem, limitProblem, type ImportProblem } from './problems';
import type { ReadResult } from './readers';
import { wrongKind } from './readers';
import { sniff } from './sniff';

/** Limits of a GeoPackage. */
export interface GeopackageLimits {
  /** Most rows of its feature table. */
  maxFeatures: number;
}

const refuse = (...problems: ImportProblem[]): ReadResult => ({ problems });
const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const listed = (names: string[]): string => `${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}`;

/** What GDAL puts in every GeoPackage (see the module doc): allowed. */
function gdalObject(type: string, name: string, sql: string): boolean {
  if (type === 'trigger') return /^(rtree_|trigger_(insert|delete)_feature_count_|gpkg_)/i.test(name);
  return /^rtree_/i.test(name) && /^\s*CREATE\s+VIRTUAL\s+TABLE\s+("?)rtree_[^\s(]*\1\s+USING\s+rtree\s*\(/i.test(sql);
}

/**
 * The schema's objects that would run the file's SQL or code when read: the problem, or null.
 */
function unsafeSchema(db: Database.Database): ImportProblem | null {
  const objects = db.prepare<[], { type: string; name: string; sql: string | null }>(`SELECT type, name, sql FROM sqlite_master WHERE type IN ('view', 'trigger', 'table')`).all();
  const views = objects.filter((o) => o.type === 'view').map((o) => o.name);
  if (views.length > 0) {
    return fileProblem(`the GeoPackage holds ${views.length === 1 ? 'a view' : `${views.length} views`} (${listed(views)}): a view runs its SQL when read, so covgap refuses it; export the layer as a table (ogr2ogr -f GPKG out.gpkg in.gpkg LAYER)`);
  }
  const triggers = objects.filter((o) => o.type === 'trigger' && !gdalObject(o.type, o.name, o.sql ?? '')).map((o) => o.name);
  if (triggers.length > 0) return fileProblem(`the GeoPackage holds triggers (${listed(triggers)}) that are not GDAL's spatial index or feature counts; export the layer without them (ogr2ogr -f GPKG out.gpkg in.gpkg LAYER)`);
  const virtual = objects.filter((o) => o.type === 'table' && /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(o.sql ?? '') && !gdalObject('table', o.name, o.sql ?? '')).map((o) => o.name);
  if (virtual.length > 0) return fileProblem(`the GeoPackage holds virtual tables (${listed(virtual)}) other than an R-tree spatial index; export the layer without them (ogr2ogr -f GPKG out.gpkg in.gpkg LAYER)`);
  return null;
}

/**
 * A GeoPackage: its one feature table (several: refused, naming them), geometries in EPSG:4326.
 *
 * @example
 * const read = readGeopackage(bytes, { maxFeatures: 200_000 });
 * if ('problems' in read) refuse(read.problems);
 */
export function readGeopackage(bytes: Uint8Array, limits: GeopackageLimits): ReadResult {
  const kind = sniff(bytes);
  if (kind !== 'sqlite') return refuse(wrongKind('gpkg', 'a GeoPackage (an SQLite database)', kind));
  let db: Database.Database;
  try {
    db = new Database(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { readonly: true });
    db.pragma('query_only = ON');
    db.pragma('trusted_schema = OFF');
  } catch (err) {
    return refuse(fileProblem(`not a readable GeoPackage: ${(err as Error).message}`));
  }
  try {
    const unsafe = unsafeSchema(db);
    if (unsafe) return refuse(unsafe);
    const tables = db.prepare<[], { table_name: string; column_name: string; srs_id: number }>(
      `SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features'`,
    ).all();
    if (tables.length === 0) return refuse(fileProblem('the GeoPackage has no feature table (gpkg_contents lists none with data_type "features")'));
    if (tables.length > 1) return refuse(fileProblem(`the GeoPackage has ${tables.length} feature tables (${tables.map((t) => t.table_name).join(', ')}); send one layer per import (ogr2ogr -f GPKG one.gpkg in.gpkg LAYER)`));
    const { table_name: table, column_name: column, srs_id: srsId } = tables[0];
    const srs = db.prepare<[number], { organization: string; organization_coordsys_id: number }>('SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?').get(srsId);
    const epsg = srs && srs.organization.toUpperCase() === 'EPSG' ? srs.organization_coordsys_id : null;
    if (epsg !== 4326) {
      return refuse(fileProblem(`the layer "${table}" is in ${epsg ? `EPSG:${epsg}` : `srs_id ${srsId}${srs ? ` (${srs.organization}:${srs.organization_coordsys_id})` : ''}`}; covgap imports WGS 84 longitude, latitude (EPSG:4326): reproject it with ogr2ogr -f GPKG -t_srs EPSG:4326 out.gpkg in.gpkg`, 'srs_id'));
    }
    // a generated column computes its expression on every read (hidden 2: virtual, 3: stored)
    const generated = db.prepare<[string], { name: string; hidden: number }>('SELECT name, hidden FROM pragma_table_xinfo(?)').all(table).filter((c) => c.hidden === 2 || c.hidden === 3);
    if (generated.length > 0) return refuse(fileProblem(`the layer "${table}" has generated columns (${listed(generated.map((c) => c.name))}), which compute SQL when read; export it as plain columns (ogr2ogr -f GPKG out.gpkg in.gpkg)`));
    const features: unknown[] = [];
    const problems: ImportProblem[] = [];
    let i = 0;
    // row by row: stopped at the limit, not after every row was read
    for (const row of db.prepare(`SELECT * FROM ${quoted(table)}`).iterate() as Iterable<Record<string, unknown>>) {
      if (i >= limits.maxFeatures) return refuse(limitProblem(`the layer "${table}" has more than ${limits.maxFeatures} rows, the limit of features (IMPORT_MAX_FEATURES); split the file`, 'IMPORT_MAX_FEATURES'));
      const blob = row[column];
      const properties: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) if (k !== column && k !== 'fid' && k !== 'ogc_fid') properties[k] = typeof v === 'string' ? v.normalize('NFC') : v;
      const geometry = blob instanceof Uint8Array ? gpkgGeometry(blob) : null;
      if (typeof geometry === 'string') problems.push({ feature: i, field: 'geometry', message: geometry });
      else features.push({ type: 'Feature', geometry, properties });
      i++;
    }
    return problems.length > 0 ? { problems } : { features, warnings: [] };
  } catch (err) {
    return refuse(fileProblem(`not a readable GeoPackage: ${(err as Error).message}`));
  } finally {
    db.close();
  }
}

/** A GeoPackage geometry blob (GP header, then WKB) as GeoJSON, or why it cannot be read. */
function gpkgGeometry(blob: Uint8Array): object | null | string {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) return 'not a GeoPackage geometry (no "GP" header)';
  const flags = blob[3];
  if (flags & 0x10) return null; // empty geometry
  const envelope = (flags >> 1) & 0x07;
  const envelopeBytes = [0, 32, 48, 48, 64][envelope];
  if (envelopeBytes === undefined) return `unknown envelope indicator ${envelope} in the GeoPackage geometry header`;
  try {
    return wkx.Geometry.parse(Buffer.from(blob.buffer, blob.byteOffset + 8 + envelopeBytes, blob.byteLength - 8 - envelopeBytes)).toGeoJSON();
  } catch (err) {
    return `unreadable WKB geometry: ${(err as Error).message}`;
  }
}
