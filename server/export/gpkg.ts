/**
 * The gap list as an OGC GeoPackage 1.3 (OGC 12-128r18): an SQLite file with the required metadata
 * tables (gpkg_spatial_ref_sys, gpkg_contents, gpkg_geometry_columns), application_id 'GPKG',
 * user_version 10300, and one point feature table whose geometries are GeoPackage binary blobs
 * (header 'GP', version 0, flags, srs_id, then little-endian WKB). QGIS and GDAL (`ogrinfo`) open it.
 */
import Database from 'better-sqlite3';
import { GAP_COLUMNS, gapRows, type Lang } from '../../core/export/columns';
import type { Gap } from '../../core/gaps/types';

/** 'GPKG' as a big-endian 32-bit integer (spec requirement 2). */
const GPKG_APPLICATION_ID = 0x47504b47;
/** GeoPackage 1.3.0 (spec requirement 2: user_version 10300). */
const GPKG_USER_VERSION = 10300;

const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],' +
  'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],' +
  'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

const SQL_TYPE = { text: 'TEXT', integer: 'INTEGER', real: 'REAL', boolean: 'BOOLEAN' } as const;

/**
 * A point as a GeoPackage binary geometry: magic 'GP', version 0, flags 0x01 (no envelope,
 * little-endian), srs_id, then the WKB point (byte order 1, type 1, x = lon, y = lat).
 *
 * @example
 * gpkgPoint(106.2, 22.6, 4326).length // 29
 */
export function gpkgPoint(lon: number, lat: number, srsId: number): Buffer {
  const b = Buffer.alloc(8 + 21);
  b.write('GP', 0, 'ascii');
  b.writeUInt8(0, 2); // version 1 of the encoding is stored as 0
  b.writeUInt8(0x01, 3); // envelope indicator 0 (none), byte order bit 1 = little-endian
  b.writeInt32LE(srsId, 4);
  b.writeUInt8(1, 8); // WKB little-endian
  b.writeUInt32LE(1, 9); // wkbPoint
  b.writeDoubleLE(lon, 13);
  b.writeDoubleLE(lat, 21);
  return b;
}

/**
 * The gap list as GeoPackage bytes: a feature table `gaps` (column keys from GAP_COLUMNS, values in
 * `lang`) of points in EPSG:4326.
 *
 * @example
 * fs.writeFileSync('gaps.gpkg', toGpkg(gaps, 'vi')); // ogrinfo -so gaps.gpkg gaps → Feature Count: N
 */
export function toGpkg(gaps: readonly Gap[], lang: Lang = 'vi', options: { table?: string; now?: Date } = {}): Buffer {
  const table = options.table ?? 'gaps';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new Error(`toGpkg: table name must be letters, digits and _ (starting with a letter or _), got "${table}"`);
  const db = new Database(':memory:');
  try {
    db.pragma(`application_id = ${GPKG_APPLICATION_ID}`);
    db.pragma(`user_version = ${GPKG_USER_VERSION}`);
    db.exec(`
      CREATE TABLE gpkg_spatial_ref_sys (
        srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
        organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
      CREATE TABLE gpkg_contents (
        table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
        description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
        CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
      CREATE TABLE gpkg_geometry_columns (
        table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
        srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
        CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
        CONSTRAINT uk_gc_table_name UNIQUE (table_name),
        CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
        CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
    `);
    const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
    srs.run('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
    srs.run('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
    srs.run('WGS 84 geodetic', 4326, 'EPSG', 4326, WGS84_WKT, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');

    const cols = GAP_COLUMNS.map((c) => `"${c.key}" ${SQL_TYPE[c.type]}`).join(', ');
    db.exec(`CREATE TABLE "${table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT, ${cols})`);
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const g of gaps) {
      minX = Math.min(minX, g.lon); maxX = Math.max(maxX, g.lon);
      minY = Math.min(minY, g.lat); maxY = Math.max(maxY, g.lat);
    }
    const has = gaps.length > 0;
    const now = (options.now ?? new Date()).toISOString();
    db.prepare('INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      table, 'features', lang === 'vi' ? 'Thôn/bản chưa có sóng di động' : 'Villages without mobile signal',
      lang === 'vi' ? 'Danh sách thôn/bản chưa có sóng, xếp theo điểm ưu tiên (covgap)' : 'Villages without signal, by priority score (covgap)',
      now, has ? minX : null, has ? minY : null, has ? maxX : null, has ? maxY : null, 4326,
    );
    db.prepare('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, ?, ?)').run(table, 'geom', 'POINT', 4326, 0, 0);

    const insert = db.prepare(`INSERT INTO "${table}" (geom, ${GAP_COLUMNS.map((c) => `"${c.key}"`).join(', ')}) VALUES (?${', ?'.repeat(GAP_COLUMNS.length)})`);
    const rows = gapRows(gaps, lang);
    db.transaction(() => {
      gaps.forEach((g, i) => insert.run(gpkgPoint(g.lon, g.lat, 4326), ...rows[i].map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v))));
    })();
    return db.serialize();
  } finally {
    db.close();
  }
}
