/**
 * Grouping of cell-database records into sites (used by ./opencellid): LTE cells of one eNodeB
 * first, then leader clustering: in input order, each group (at its first cell) joins the nearest site of the same
 * operator whose first position lies within the radius, else it starts a new site. Leader
 * clustering cannot chain a whole town into one site the way single-linkage would.
 */
import { METRES_PER_DEGREE } from '../geo/geodesy';
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

/** Distance in metres between two nearby points (equirectangular; exact enough below 10 km). */
export function nearDistanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dx = (lon1 - lon2) * METRES_PER_DEGREE * Math.cos(((lat1 + lat2) / 2) * (Math.PI / 180));
  const dy = (lat1 - lat2) * METRES_PER_DEGREE;
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

  // leader clustering of the units on a hash grid of radius-sized squares (numeric keys)
  const siteLon = new Float64Array(units.length);
  const siteLat = new Float64Array(units.length);
  const siteOperator: string[] = [];
  const members: number[][] = [];
  const grid = new Map<number, number[]>();
  const sizeM = Math.max(radiusM, 1);
  const OFFSET = 2 ** 25; // grid indices stay within ±2^25 for squares of at least 1 m
  for (const unit of units) {
    // a unit is placed at its first cell: an eNodeB's later cells may scatter
    const { lon, lat, operator } = cells[unit[0]];
    const gx = Math.floor((lon * METRES_PER_DEGREE * Math.cos(lat * (Math.PI / 180))) / sizeM) + OFFSET;
    const gy = Math.floor((lat * METRES_PER_DEGREE) / sizeM) + OFFSET;
    let best = -1;
    let bestM = radiusM;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const list = grid.get((gx + dx) * 2 ** 26 + gy + dy);
        if (list === undefined) continue;
        for (let k = 0; k < list.length; k++) {
          const si = list[k];
          if (siteOperator[si] !== operator) continue;
          const d = nearDistanceM(siteLon[si], siteLat[si], lon, lat);
          if (d <= bestM) {
            bestM = d;
            best = si;
          }
        }
      }
    }
    if (best >= 0) {
      for (const i of unit) members[best].push(i);
      continue;
    }
    const si = members.length;
    const key = gx * 2 ** 26 + gy;
    const list = grid.get(key);
    if (list === undefined) grid.set(key, [si]);
    else list.push(si);
    siteLon[si] = lon;
    siteLat[si] = lat;
    siteOperator.push(operator);
    members.push(unit);
  }
  return members;
}
