/**
 * A small geodata directory for tests that load a manifest: the server fixture's collections and a
 * 3″ SRTM tile (big-endian int16, 1201 × 1201, 100 m + row number) covering 106–107 E, 22–23 N.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureCommunes, fixturePowerLines, fixtureSites, fixtureVillages } from '../server/fixture';

export const TINY_MANIFEST = { name: 'Temp', dem: 'N22E106.hgt', communes: 'communes.geojson', villages: 'villages.geojson', sites: 'sites.geojson', powerLines: 'power-lines.geojson' };

export const featureCollection = (features: unknown[]): string => JSON.stringify({ type: 'FeatureCollection', features });

/** Writes the files and `covgap.json` into `dir`; returns the manifest's path. */
export function writeTinyGeodata(dir: string): string {
  writeFileSync(join(dir, 'sites.geojson'), featureCollection(fixtureSites()));
  writeFileSync(join(dir, 'villages.geojson'), featureCollection(fixtureVillages()));
  writeFileSync(join(dir, 'communes.geojson'), featureCollection(fixtureCommunes()));
  writeFileSync(join(dir, 'power-lines.geojson'), featureCollection(fixturePowerLines()));
  const hgt = Buffer.alloc(1201 * 1201 * 2);
  for (let r = 0; r < 1201; r++) for (let c = 0; c < 1201; c++) hgt.writeInt16BE(100 + r, (r * 1201 + c) * 2);
  writeFileSync(join(dir, 'N22E106.hgt'), hgt);
  const path = join(dir, 'covgap.json');
  writeFileSync(path, JSON.stringify(TINY_MANIFEST));
  return path;
}
