/**
 * Grouping of cell-database records into sites (used by ./opencellid): LTE cells of one eNodeB
 * first, then leader clustering: in input order, each group (at its first cell) joins the nearest site of the same
 * operator whose first position lies within the radius, else it starts a new site. Leader
 * clustering cannot chain a whole town into one site the way single-linkage would.
 */
import type { Tech } from '../model/types';

/** One cell as read from the database. */
export interface CellRecord {
  tech: Tech;
  operator: string;
  mcc: number;
  net: number;
  area: number;
  cell: number;
  lon: number;
  lat: number;
}

const M_PER_DEG_LAT = 110574;
const M_PER_DEG_LON_EQUATOR = 111320;

/** Distance in metres between two nearby points (equirectangular; exact enough below 10 km). */
export function nearDistanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dx = (lon1 - lon2) * M_PER_DEG_LON_EQUATOR * Math.cos(((lat1 + lat2) / 2) * (Math.PI / 180));
  const dy = (lat1 - lat2) * M_PER_DEG_LAT;
  return Math.sqrt(dx * dx + dy * dy);
}

/**
 * Group cells into sites; returns the cell indices of each site, sites in order of their first
 * cell. `enbRadiusM` 0 turns eNodeB grouping off.
 *
 * @example
 * groupCells(cells, 150, 2000) // [[0, 3, 4], [1], [2, 5]]
 */
export function groupCells(cells: CellRecord[], radiusM: number, enbRadiusM: number): number[][] {
  // LTE cells of one eNodeB (cell >> 8) of one network, near each other, form a unit
  const units: number[][] = [];
  const unitsByEnb = new Map<string, number[]>();
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (enbRadiusM > 0 && c.tech === '4G') {
      const key = `${c.mcc}-${c.net}-${Math.floor(c.cell / 256)}`;
      const candidates = unitsByEnb.get(key) ?? [];
      const u = candidates.find((k) => {
        const a = cells[units[k][0]];
        return nearDistanceM(a.lon, a.lat, c.lon, c.lat) <= enbRadiusM;
      });
      if (u !== undefined) {
        units[u].push(i);
        continue;
      }
      candidates.push(units.length);
      unitsByEnb.set(key, candidates);
    }
    units.push([i]);
  }

  // leader clustering of the units on a hash grid of radius-sized squares
  const sites: Array<{ lon: number; lat: number; operator: string; members: number[] }> = [];
  const grid = new Map<string, number[]>();
  const sizeM = Math.max(radiusM, 1);
  const keyOf = (gx: number, gy: number) => `${gx},${gy}`;
  for (const unit of units) {
    // a unit is placed at its first cell: an eNodeB's later cells may scatter
    const { lon, lat } = cells[unit[0]];
    const operator = cells[unit[0]].operator;
    const gx = Math.floor((lon * M_PER_DEG_LON_EQUATOR * Math.cos(lat * (Math.PI / 180))) / sizeM);
    const gy = Math.floor((lat * M_PER_DEG_LAT) / sizeM);
    let best = -1;
    let bestM = radiusM;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        for (const s of grid.get(keyOf(gx + dx, gy + dy)) ?? []) {
          const site = sites[s];
          if (site.operator !== operator) continue;
          const d = nearDistanceM(site.lon, site.lat, lon, lat);
          if (d <= bestM) {
            bestM = d;
            best = s;
          }
        }
      }
    }
    if (best >= 0) {
      sites[best].members.push(...unit);
      continue;
    }
    const key = keyOf(gx, gy);
    const list = grid.get(key) ?? [];
    list.push(sites.length);
    grid.set(key, list);
    sites.push({ lon, lat, operator, members: unit });
  }
  return sites.map((s) => s.members);
}
