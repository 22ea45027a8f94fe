/**
 * Reads the collections the map shows from the server's OGC API – Features endpoints, and the
 * terrain TileJSON. All URLs are same-origin: the app never talks to another host.
 */
import type { FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { CommuneProperties, OutlineProperties, PowerLineProperties, SiteProperties, VillageProperties } from '../../core/model/types';
import type { TerrainTiles } from '../map/style';
import { activeScenario, scoped } from './scenario';
import { ApiFailure, getJson } from './http';

/** Most features a collection request asks for (one page: the demo province has ~1,200 sites). */
const PAGE_LIMIT = 10000;

/** What a GeoJSON reader asks for. */
const GEOJSON = 'application/geo+json, application/json';

/** All features of a collection (of the scenario on screen, or of `scenario`), following `next` links when the server pages. */
export async function fetchCollection<T extends FeatureCollection>(collectionId: string, scenario: string | null = activeScenario()): Promise<T> {
  // the scenario's (its `next` links carry it on)
  let url: string | null = scoped(`/collections/${encodeURIComponent(collectionId)}/items?limit=${PAGE_LIMIT}`, scenario);
  let all: T | null = null;
  for (let page = 0; url && page < 100; page++) {
    const fc: T & { links?: { rel: string; href: string }[] } = await getJson<T & { links?: { rel: string; href: string }[] }>(url, GEOJSON);
    if (!all) all = { ...fc, features: [...fc.features] };
    else all.features.push(...fc.features);
    const next = fc.links?.find((l) => l.rel === 'next')?.href;
    // only follow same-origin links: the app never leaves its server
    url = next && new URL(next, location.href).origin === location.origin && fc.features.length > 0 ? next : null;
  }
  return all ?? ({ type: 'FeatureCollection', features: [] } as unknown as T);
}

export interface MapData {
  communes: FeatureCollection<Polygon | MultiPolygon, CommuneProperties>;
  villages: FeatureCollection<Point | Polygon | MultiPolygon, VillageProperties>;
  /** The villages' boundaries (collection village-boundaries); empty when the server has none. */
  villageBoundaries: FeatureCollection<Polygon | MultiPolygon, VillageProperties>;
  sites: FeatureCollection<Point, SiteProperties>;
  powerLines: FeatureCollection<LineString | MultiLineString, PowerLineProperties>;
  /** The area's outline (collection `province`); empty when the server has none. */
  outline: FeatureCollection<Polygon | MultiPolygon, OutlineProperties>;
}

/** Loads the map's collections in parallel. A missing optional collection (404) is empty. */
export async function fetchMapData(): Promise<MapData> {
  const optional = <T extends FeatureCollection>(id: string) =>
    fetchCollection<T>(id).catch((e: unknown) => {
      if (e instanceof ApiFailure && e.status === 404) return { type: 'FeatureCollection', features: [] } as unknown as T;
      throw e;
    });
  const [communes, villages, villageBoundaries, sites, powerLines, outline] = await Promise.all([
    fetchCollection<MapData['communes']>('communes'),
    optional<MapData['villages']>('villages'),
    optional<MapData['villageBoundaries']>('village-boundaries'),
    optional<MapData['sites']>('sites'),
    optional<MapData['powerLines']>('power-lines'),
    optional<MapData['outline']>('province'),
  ]);
  return { communes, villages, villageBoundaries, sites, powerLines, outline };
}

/** The terrain tiles from /tiles/terrain.json, or null when the server has no terrain. */
export async function fetchTerrainTiles(): Promise<TerrainTiles | null> {
  try {
    const tj = await getJson<{ tiles?: string[]; minzoom?: number; maxzoom?: number; bounds?: [number, number, number, number]; tileSize?: number }>(
      '/tiles/terrain.json',
    );
    const template = tj.tiles?.[0] ?? '/tiles/terrain/{z}/{x}/{y}.png';
    // TileJSON may give relative or absolute URLs; MapLibre wants absolute ones, on our origin
    const tileUrl = new URL(template.replace(/[{}]/g, (c) => (c === '{' ? '%7B' : '%7D')), location.href).href
      .replace(/%7B/gi, '{')
      .replace(/%7D/gi, '}');
    return { tileUrl, minzoom: tj.minzoom, maxzoom: tj.maxzoom, bounds: tj.bounds, tileSize: tj.tileSize };
  } catch {
    return null;
  }
}
