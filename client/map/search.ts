/**
 * Place search over villages and communes that ignores case and diacritics (foldText), so
 * "ban na" finds "Bản Nà Mạ" and "BACH DANG" finds "Bạch Đằng".
 */
import type { FeatureCollection, Point, Polygon, MultiPolygon } from 'geojson';
import type { CommuneProperties, VillageProperties } from '../../core/model/types';
import { foldText } from '../../core/text/fold';
import { collectionBBox, labelPoint } from './prepare';

export interface SearchEntry {
  kind: 'commune' | 'village';
  id: string;
  name: string;
  /** foldText(name) */
  folded: string;
  /** Where to fly: the settlement point or the commune's label point. */
  center: [number, number];
  /** For communes: their extent, to fit the view. */
  bbox?: [number, number, number, number];
  /** Commune name of a village, for telling same-named hamlets apart. */
  communeName?: string;
}

/**
 * Builds the search entries: communes first, then villages (with their commune's name).
 *
 * @example
 * const index = buildSearchIndex(communes, villages);
 */
export function buildSearchIndex(
  communes: FeatureCollection<Polygon | MultiPolygon, CommuneProperties>,
  villages: FeatureCollection<Point | Polygon | MultiPolygon, VillageProperties>,
): SearchEntry[] {
  const communeNames = new Map<string, string>();
  const entries: SearchEntry[] = [];
  for (const f of communes.features) {
    const id = String(f.properties.id);
    communeNames.set(id, f.properties.name);
    entries.push({
      kind: 'commune',
      id,
      name: f.properties.name,
      folded: foldText(f.properties.name),
      center: labelPoint(f.geometry),
      bbox: collectionBBox({ type: 'FeatureCollection', features: [f] }) ?? undefined,
    });
  }
  for (const f of villages.features) {
    const g = f.geometry;
    const center: [number, number] = g.type === 'Point' ? [g.coordinates[0], g.coordinates[1]] : labelPoint(g);
    entries.push({
      kind: 'village',
      id: String(f.properties.id),
      name: f.properties.name,
      folded: foldText(f.properties.name),
      center,
      communeName: communeNames.get(String(f.properties.communeId)),
    });
  }
  return entries;
}

/**
 * The best matches of a query: whole-name prefix first, then a word prefix, then any substring;
 * communes before villages at equal rank, then by name. An empty query matches nothing.
 *
 * @example
 * searchPlaces(index, 'bach dang')[0].name // 'Bạch Đằng'
 */
export function searchPlaces(index: readonly SearchEntry[], query: string, limit = 8): SearchEntry[] {
  const q = foldText(query);
  if (!q) return [];
  const scored: { entry: SearchEntry; rank: number }[] = [];
  for (const entry of index) {
    const at = entry.folded.indexOf(q);
    if (at < 0) continue;
    const rank = at === 0 ? 0 : entry.folded[at - 1] === ' ' ? 1 : 2;
    scored.push({ entry, rank });
  }
  scored.sort(
    (a, b) =>
      a.rank - b.rank ||
      (a.entry.kind === b.entry.kind ? 0 : a.entry.kind === 'commune' ? -1 : 1) ||
      a.entry.folded.localeCompare(b.entry.folded),
  );
  return scored.slice(0, limit).map((s) => s.entry);
}
