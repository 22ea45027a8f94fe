/**
 * Hostile import files of issue 17, made by the tests themselves: a zipped Shapefile whose .dbf
 * header claims 2,000,000,000 records, GeoPackages whose layer is a (recursive) view or that hold
 * a trigger or a virtual table, a small TIFF that declares 12,000 × 12,000 cells, and a plain
 * GeoPackage of n points (its rows past a limit).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { zipSync } from 'fflate';

/** A .shp with one point record (the .shx is not read). */
function pointShp(lon: number, lat: number): Uint8Array {
  const b = Buffer.alloc(100 + 8 + 20);
  b.writeInt32BE(9994, 0);
  b.writeInt32BE(b.length / 2, 24);
  b.writeInt32LE(1000, 28);
  b.writeInt32LE(1, 32); // point
  for (const [i, v] of [lon, lat, lon, lat].entries()) b.writeDoubleLE(v, 36 + 8 * i);
  b.writeInt32BE(1, 100);
  b.writeInt32BE(10, 104); // 20 bytes of content, in 16-bit words
  b.writeInt32LE(1, 108);
  b.writeDoubleLE(lon, 112);
  b.writeDoubleLE(lat, 120);
  return b;
}

/** A .dbf with one character field `ID` (10 bytes) whose header declares `records` records, holding `real` of them. */
export function dbf(records: number, real = 1): Uint8Array {
  const headerBytes = 32 + 32 + 1;
  const recordBytes = 1 + 10;
  const b = Buffer.alloc(headerBytes + real * recordBytes + 1, 0x20);
  b.fill(0, 0, headerBytes);
  b[0] = 0x03;
  b.writeUInt32LE(records, 4);
  b.writeUInt16LE(headerBytes, 8);
  b.writeUInt16LE(recordBytes, 10);
  b.write('ID', 32, 'latin1');
  b[32 + 11] = 'C'.charCodeAt(0);
  b[32 + 16] = 10;
  b[headerBytes - 1] = 0x0d;
  for (let r = 0; r < real; r++) b.write(`V${r}`.padEnd(10), headerBytes + r * recordBytes + 1, 'latin1');
  b[b.length - 1] = 0x1a;
  return b;
}

/** Finding 1: a zipped Shapefile (~400 bytes) whose .dbf header claims `records` records (holding `real` of them). */
export function dbfBombZip(records = 2_000_000_000, real = 1): Uint8Array {
  return zipSync({ 'villages.shp': pointShp(106.5, 22.5), 'villages.shx': new Uint8Array(100), 'villages.dbf': dbf(records, real) }, { level: 9 });
}

/** A GeoJSON FeatureCollection of `n` villages, each with `padBytes` of text in a property: big to parse. */
export function bigVillagesGeojson(n: number, padBytes: number): string {
  const pad = 'x'.repeat(padBytes);
  const features = Array.from({ length: n }, (_, i) => `{"type":"Feature","geometry":{"type":"Point","coordinates":[${106.1 + (i % 100) * 0.005},${22.1 + Math.floor(i / 100) * 0.005}]},"properties":{"id":"B${i}","name":"Bản ${i}","communeId":"01","population":100,"households":20,"electrified":true,"note":"${pad}"}}`);
  return `{"type":"FeatureCollection","features":[${features.join(',')}]}`;
}

/** An OpenCelliD CSV of `rows` LTE cells (~50 bytes a row). */
export function bigCellsCsv(rows: number): string {
  const lines = ['radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal'];
  for (let i = 0; i < rows; i++) lines.push(`LTE,452,4,100,${25600 + i},,${(106.1 + (i % 1000) * 0.0008).toFixed(5)},${(22.1 + (i % 997) * 0.0008).toFixed(5)},1000,5,1,1600000000,1600000000,0`);
  return `${lines.join('\n')}\n`;
}

/** A GeoPackage geometry blob: a point in EPSG:4326, no envelope. */
function gpPoint(lon: number, lat: number): Buffer {
  const b = Buffer.alloc(8 + 21);
  b.write('GP', 0, 'latin1');
  b[3] = 0x01; // little-endian, no envelope
  b.writeInt32LE(4326, 4);
  b[8] = 1;
  b.writeUInt32LE(1, 9);
  b.writeDoubleLE(lon, 13);
  b.writeDoubleLE(lat, 21);
  return b;
}

/**
 * A GeoPackage whose layer `hamlets` is made by `layerSql` (a CREATE TABLE or VIEW statement and
 * any more), with the GeoPackage tables pointing at it; its bytes.
 */
export function geopackage(layerSql: string, fill?: (db: Database.Database) => void): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'covgap-gpkg-'));
  const path = join(dir, 'x.gpkg');
  const db = new Database(path);
  db.exec(`
    CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY, organization TEXT, organization_coordsys_id INTEGER, definition TEXT, description TEXT);
    INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84"]', NULL);
    CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, identifier TEXT, description TEXT, last_change TEXT, min_x REAL, min_y REAL, max_x REAL, max_y REAL, srs_id INTEGER);
    INSERT INTO gpkg_contents VALUES ('hamlets', 'features', 'hamlets', '', '', NULL, NULL, NULL, NULL, 4326);
    CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT, srs_id INTEGER, z INTEGER, m INTEGER);
    INSERT INTO gpkg_geometry_columns VALUES ('hamlets', 'geom', 'POINT', 4326, 0, 0);
    ${layerSql}
  `);
  db.function('gp_point', (lon: unknown, lat: unknown) => gpPoint(Number(lon), Number(lat)));
  fill?.(db);
  db.close();
  const bytes = readFileSync(path);
  rmSync(dir, { recursive: true, force: true });
  return bytes;
}

const HAMLET_COLUMNS = 'fid INTEGER PRIMARY KEY, geom BLOB, id TEXT, name TEXT, communeId TEXT, population INTEGER, households INTEGER, electrified INTEGER';

/** A GeoPackage of `n` valid village points. */
export function hamletsGpkg(n: number): Uint8Array {
  return geopackage(`CREATE TABLE hamlets (${HAMLET_COLUMNS});`, (db) => {
    db.prepare(`WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i + 1 < ?)
      INSERT INTO hamlets (geom, id, name, communeId, population, households, electrified) SELECT gp_point(106.1 + (i % 100) * 0.005, 22.1 + (i / 100) * 0.005), 'H' || i, 'Bản ' || i, '01', 100, 20, 1 FROM c`).run(n);
  });
}

/** Finding 2: the layer is a recursive view of `rows` rows (its SQL runs when it is read). */
export function recursiveViewGpkg(rows = 3_000_000): Uint8Array {
  return geopackage(`CREATE VIEW hamlets AS WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i + 1 < ${rows})
    SELECT i AS fid, NULL AS geom, 'H' || i AS id, 'Bản' AS name, '01' AS communeId, 100 AS population, 20 AS households, 1 AS electrified FROM c;`);
}

/** A layer table with a trigger of its own, or a virtual table beside it. */
export const triggerGpkg = (): Uint8Array => geopackage(`CREATE TABLE hamlets (${HAMLET_COLUMNS}); CREATE TABLE log (x); CREATE TRIGGER evil AFTER INSERT ON hamlets BEGIN INSERT INTO log VALUES (1); END;`);
export const virtualTableGpkg = (): Uint8Array => geopackage(`CREATE TABLE hamlets (${HAMLET_COLUMNS}); CREATE VIRTUAL TABLE notes USING fts5(body);`);

/**
 * Finding 3: a stripped Int16 GeoTIFF (DEFLATE) declaring `width` × `height` cells whose strips
 * all point at one compressed strip of zeros: a few KB that decode to width × height cells.
 */
export function hugeDeclaredTiff(width = 12_000, height = 12_000): Uint8Array {
  const rowsPerStrip = 100;
  const strips = Math.ceil(height / rowsPerStrip);
  const strip = deflateSync(Buffer.alloc(width * rowsPerStrip * 2), { level: 9 });
  const entries: [number, number, number[]][] = [
    [256, 4, [width]], [257, 4, [height]], [258, 3, [16]], [259, 3, [8]], [262, 3, [1]],
    [273, 4, new Array(strips).fill(0)], [277, 3, [1]], [278, 4, [rowsPerStrip]], [279, 4, new Array(strips).fill(strip.length)],
    [284, 3, [1]], [339, 3, [2]],
    [34735, 3, [1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326]],
  ];
  const doubles: [number, number[]][] = [[33550, [1 / 3600, 1 / 3600, 0]], [33922, [0, 0, 0, 106, 23, 0]]];
  const count = entries.length + doubles.length;
  const ifdBytes = 2 + count * 12 + 4;
  // layout: header, IFD, the values that do not fit in 4 bytes, the one strip
  const extras: { tag: number; type: number; n: number; bytes: Buffer }[] = [];
  for (const [tag, type, values] of entries) {
    const size = type === 3 ? 2 : 4;
    const bytes = Buffer.alloc(values.length * size);
    values.forEach((v, i) => (size === 2 ? bytes.writeUInt16LE(v, 2 * i) : bytes.writeUInt32LE(v, 4 * i)));
    extras.push({ tag, type, n: values.length, bytes });
  }
  for (const [tag, values] of doubles) {
    const bytes = Buffer.alloc(values.length * 8);
    values.forEach((v, i) => bytes.writeDoubleLE(v, 8 * i));
    extras.push({ tag, type: 12, n: values.length, bytes });
  }
  extras.sort((a, b) => a.tag - b.tag);
  let at = 8 + ifdBytes;
  const offsets = extras.map((e) => (e.bytes.length > 4 ? ((at += e.bytes.length), at - e.bytes.length) : -1));
  const stripAt = at;
  // the strip offsets all point at the one strip
  const so = extras.find((e) => e.tag === 273)!;
  for (let i = 0; i < so.n; i++) so.bytes.writeUInt32LE(stripAt, 4 * i);
  const out = Buffer.alloc(stripAt + strip.length);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  out.writeUInt16LE(count, 8);
  extras.forEach((e, i) => {
    const p = 10 + i * 12;
    out.writeUInt16LE(e.tag, p);
    out.writeUInt16LE(e.type, p + 2);
    out.writeUInt32LE(e.n, p + 4);
    if (offsets[i] < 0) e.bytes.copy(out, p + 8);
    else {
      out.writeUInt32LE(offsets[i], p + 8);
      e.bytes.copy(out, offsets[i]);
    }
  });
  strip.copy(out, stripAt);
  return out;
}
