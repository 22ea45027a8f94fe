/**
 * The page's data and its lookups by id (a site's full properties, a commune's name), read again
 * when the data changes (an import, another scenario on screen).
 */
import type { MapData } from '../api/features';

export interface PageData {
  /** The collections on screen (updated in place: map/reloadLayer.ts, app/scenarioData.ts). */
  data: MapData;
  site(id: string): Record<string, unknown> | undefined;
  communeName(id: string): string | undefined;
  /** The operators of the sites, sorted. */
  operators(): string[];
  /** Reads the lookups again from `data`. */
  rebuild(): void;
}

/**
 * @example
 * const page = pageData(await fetchMapData());
 * page.communeName('C01') // 'Xã Đức Long'
 */
export function pageData(data: MapData): PageData {
  let sites = new Map<string, Record<string, unknown>>();
  let communes = new Map<string, string>();
  const rebuild = () => {
    sites = new Map(data.sites.features.map((f) => [String(f.properties.id), f.properties as unknown as Record<string, unknown>]));
    communes = new Map(data.communes.features.map((f) => [String(f.properties.id), f.properties.name]));
  };
  rebuild();
  return {
    data,
    site: (id) => sites.get(id),
    communeName: (id) => communes.get(id),
    operators: () => [...new Set(data.sites.features.map((f) => String(f.properties.operator)))].sort(),
    rebuild,
  };
}
