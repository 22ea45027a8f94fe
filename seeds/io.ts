import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Feature, Geometry } from 'geojson';
import { round6 } from './lib/geo';

/** Reads and parses a JSON file. */
export function readJson<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

// rounds every coordinate of a geometry to 6 decimals, in place
function roundCoords(c: unknown): unknown {
  if (typeof c === 'number') return round6(c);
  if (Array.isArray(c)) return c.map(roundCoords);
  return c;
}

function roundGeometry(g: Geometry): Geometry {
  if (g.type === 'GeometryCollection') return { type: g.type, geometries: g.geometries.map(roundGeometry) };
  return { type: g.type, coordinates: roundCoords(g.coordinates) } as Geometry;
}

/**
 * Writes a FeatureCollection deterministically: fixed key order (type, id, properties, geometry),
 * coordinates at 6 decimals, one feature per line so that diffs stay readable.
 *
 * @example
 * writeFeatureCollection('geodata/towns.geojson', features, { name: 'towns' })
 */
export function writeFeatureCollection(path: string, features: Feature[], head: Record<string, unknown> = {}): void {
  const lines = features.map((f) => {
    const out: Record<string, unknown> = { type: 'Feature' };
    if (f.id !== undefined) out.id = f.id;
    out.properties = f.properties;
    out.geometry = f.geometry ? roundGeometry(f.geometry) : null;
    return JSON.stringify(out);
  });
  const headJson = JSON.stringify({ type: 'FeatureCollection', ...head }).slice(0, -1);
  writeText(path, `${headJson},"features":[\n${lines.join(',\n')}\n]}\n`);
}

/** Writes a text file (UTF-8), creating its folder. */
export function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Writes a binary file, creating its folder. */
export function writeBytes(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}
