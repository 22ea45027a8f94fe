/**
 * Candidate stations for the siting optimiser, of three kinds:
 *  - 'high-ground': new sites on the peaks and ridges of the DEM near the villages without signal
 *    (a cell higher than both its neighbours across at least 3 of the 4 axes through it, standing
 *    above its surroundings by at least `minReliefM`), thinned to `minSpacingM`, then taken in
 *    turn for each village (its best remaining one, round after round) up to `maxCandidates`, so
 *    that every gap gets candidates and not only the valleys under the highest mountains;
 *  - 'village': a mast by each gap village, on the highest ground within `villageSiteRadiusM` —
 *    the fallback that reaches a village in a deep valley no ridge sees;
 *  - 'upgrade': an existing site within reach of a gap, given the technologies of the template it
 *    lacks, and raised to `upgradeHeightM` when that option is set (cheaper than a new site);
 * plus the candidates a user gives (server side: a GeoJSON upload or the site editor).
 * Every new site is the template of newStation.ts with `towerHeightM` and `techs` from the options.
 */
import type { CandidateOptions } from './candidateOptions';
import type { DemGrid, SiteFeature, Tech } from '../model/types';
import { newStation, newStationCells } from './newStation';
import { METRES_PER_DEGREE as M_PER_DEG_LAT } from '../geo/geodesy';

export interface GapPoint {
  id: string;
  lon: number;
  lat: number;
}

/** A generated site location, before it becomes a station. */
export interface CandidateSpot {
  kind: 'high-ground' | 'village';
  lon: number;
  lat: number;
  /** Ground elevation, m. */
  elevationM: number;
  /** Height above the mean ground within `reliefRadiusM`, m. */
  reliefM: number;
  /** For 'village': the village it stands by. */
  villageId?: string;
}


/** Summed-area table of a DEM (NaN counted as absent): sums and counts, (w+1)·(h+1). */
function integral(dem: DemGrid): { sum: Float64Array; count: Float64Array } {
  const w = dem.width, h = dem.height, W = w + 1;
  const sum = new Float64Array(W * (h + 1));
  const count = new Float64Array(W * (h + 1));
  for (let r = 0; r < h; r++) {
    let rs = 0, rc = 0;
    for (let c = 0; c < w; c++) {
      const z = dem.data[r * w + c];
      if (z === z) { rs += z; rc++; }
      sum[(r + 1) * W + c + 1] = sum[r * W + c + 1] + rs;
      count[(r + 1) * W + c + 1] = count[r * W + c + 1] + rc;
    }
  }
  return { sum, count };
}

/**
 * Peaks and ridges near the gap villages, thinned and spread over the villages, and a site by each
 * village; all inside `inside` (the province: a station across the border is no plan).
 *
 * @example
 * const spots = candidateSpots(dem, gaps, resolveCandidateOptions({ maxCandidates: 300 }), (lon, lat) => inProvince(lon, lat));
 */
export function candidateSpots(
  dem: DemGrid, gaps: readonly GapPoint[], o: CandidateOptions, inside: (lon: number, lat: number) => boolean = () => true,
): CandidateSpot[] {
  if (gaps.length === 0) return [];
  const t = dem.transform;
  const w = dem.width, h = dem.height;
  const midLat = gaps.reduce((a, g) => a + g.lat, 0) / gaps.length;
  const mLon = M_PER_DEG_LAT * Math.cos((midLat * Math.PI) / 180);
  const cellWm = Math.abs(t[1]) * mLon, cellHm = Math.abs(t[5]) * M_PER_DEG_LAT;
  const { sum, count } = integral(dem);
  const W = w + 1;
  const rc = Math.max(1, Math.round(o.reliefRadiusM / cellWm));
  const rr = Math.max(1, Math.round(o.reliefRadiusM / cellHm));
  const relief = (r: number, c: number): number => {
    const r0 = Math.max(0, r - rr), r1 = Math.min(h, r + rr + 1), c0 = Math.max(0, c - rc), c1 = Math.min(w, c + rc + 1);
    const s = sum[r1 * W + c1] - sum[r0 * W + c1] - sum[r1 * W + c0] + sum[r0 * W + c0];
    const n = count[r1 * W + c1] - count[r0 * W + c1] - count[r1 * W + c0] + count[r0 * W + c0];
    return n > 0 ? dem.data[r * w + c] - s / n : 0;
  };
  const lonOf = (c: number) => t[0] + (c + 0.5) * t[1];
  const latOf = (r: number) => t[3] + (r + 0.5) * t[5];
  const z = (r: number, c: number) => dem.data[r * w + c];

  // cells within the search radius of some gap village
  const seen = new Uint8Array(w * h);
  const hill: number[] = [];
  const reliefOf = new Map<number, number>();
  const sr2 = o.searchRadiusM * o.searchRadiusM;
  for (const g of gaps) {
    const gc = Math.floor((g.lon - t[0]) / t[1]), gr = Math.floor((g.lat - t[3]) / t[5]);
    const dc = Math.ceil(o.searchRadiusM / cellWm), dr = Math.ceil(o.searchRadiusM / cellHm);
    for (let r = Math.max(1, gr - dr); r <= Math.min(h - 2, gr + dr); r++) {
      const dy = (latOf(r) - g.lat) * M_PER_DEG_LAT;
      for (let c = Math.max(1, gc - dc); c <= Math.min(w - 2, gc + dc); c++) {
        const i = r * w + c;
        if (seen[i]) continue;
        const dx = (lonOf(c) - g.lon) * mLon;
        if (dx * dx + dy * dy > sr2) continue;
        seen[i] = 1;
        const zc = z(r, c);
        if (zc !== zc) continue;
        // higher than both neighbours across at least 3 of the 4 axes: a peak (4) or a ridge line (3)
        let axes = 0;
        if (zc > z(r, c - 1) && zc > z(r, c + 1)) axes++;
        if (zc > z(r - 1, c) && zc > z(r + 1, c)) axes++;
        if (zc > z(r - 1, c - 1) && zc > z(r + 1, c + 1)) axes++;
        if (zc > z(r - 1, c + 1) && zc > z(r + 1, c - 1)) axes++;
        if (axes < 3) continue;
        const rel = relief(r, c);
        if (rel < o.minReliefM) continue;
        if (!inside(lonOf(c), latOf(r))) continue;
        hill.push(i);
        reliefOf.set(i, rel);
      }
    }
  }
  // thinning: the most prominent first, none closer than minSpacingM to one kept
  hill.sort((a, b) => (reliefOf.get(b)! - reliefOf.get(a)!) || a - b);
  const bucket = o.minSpacingM;
  const grid = new Map<string, [number, number][]>();
  const xy = (i: number): [number, number] => [lonOf(i % w) * mLon, latOf(Math.floor(i / w)) * M_PER_DEG_LAT];
  const kept: number[] = [];
  const s2 = o.minSpacingM * o.minSpacingM;
  for (const i of hill) {
    const [x, y] = xy(i);
    const bx = Math.floor(x / bucket), by = Math.floor(y / bucket);
    let near = false;
    for (let u = bx - 1; u <= bx + 1 && !near; u++) {
      for (let v = by - 1; v <= by + 1 && !near; v++) {
        for (const [px, py] of grid.get(`${u},${v}`) ?? []) if ((px - x) ** 2 + (py - y) ** 2 < s2) { near = true; break; }
      }
    }
    if (near) continue;
    kept.push(i);
    const key = `${bx},${by}`;
    if (!grid.has(key)) grid.set(key, []);
    grid.get(key)!.push([x, y]);
  }
  // spread over the villages: each village's kept spots within the search radius, best first;
  // round after round every village takes its best one not yet taken
  const lists = gaps.map((g) => {
    const [gx, gy] = [g.lon * mLon, g.lat * M_PER_DEG_LAT];
    return kept.filter((i) => { const [x, y] = xy(i); return (x - gx) ** 2 + (y - gy) ** 2 <= sr2; });
  });
  const chosen = new Set<number>();
  const order: number[] = [];
  const pos = new Int32Array(gaps.length);
  for (let progress = true; progress && order.length < o.maxCandidates;) {
    progress = false;
    for (let g = 0; g < gaps.length && order.length < o.maxCandidates; g++) {
      const list = lists[g];
      while (pos[g] < list.length && chosen.has(list[pos[g]])) pos[g]++;
      if (pos[g] >= list.length) continue;
      const i = list[pos[g]++];
      chosen.add(i);
      order.push(i);
      progress = true;
    }
  }
  const spots: CandidateSpot[] = order.map((i) => {
    const r = Math.floor(i / w), c = i % w;
    return { kind: 'high-ground', lon: lonOf(c), lat: latOf(r), elevationM: z(r, c), reliefM: reliefOf.get(i)! };
  });

  if (o.villageSites) {
    const vr2 = o.villageSiteRadiusM * o.villageSiteRadiusM;
    for (const g of gaps) {
      const gc = Math.floor((g.lon - t[0]) / t[1]), gr = Math.floor((g.lat - t[3]) / t[5]);
      const dc = Math.ceil(o.villageSiteRadiusM / cellWm), dr = Math.ceil(o.villageSiteRadiusM / cellHm);
      let best = -1, bestZ = -Infinity;
      for (let r = Math.max(0, gr - dr); r <= Math.min(h - 1, gr + dr); r++) {
        const dy = (latOf(r) - g.lat) * M_PER_DEG_LAT;
        for (let c = Math.max(0, gc - dc); c <= Math.min(w - 1, gc + dc); c++) {
          const dx = (lonOf(c) - g.lon) * mLon;
          const zc = z(r, c);
          if (!(zc > bestZ) || dx * dx + dy * dy > vr2 || !inside(lonOf(c), latOf(r))) continue;
          best = r * w + c;
          bestZ = zc;
        }
      }
      if (best < 0) continue;
      const r = Math.floor(best / w), c = best % w;
      spots.push({ kind: 'village', lon: lonOf(c), lat: latOf(r), elevationM: bestZ, reliefM: r > 0 && c > 0 && r < h - 1 && c < w - 1 ? relief(r, c) : 0, villageId: g.id });
    }
  }
  return spots;
}

/**
 * New stations at `spots` (ids [prefix-]NEW-0001…, in the spots' order), operator-neutral unless
 * `operator` is given (the plan's operator).
 *
 * @example
 * candidateStations(spots, options, 'Viettel')[0].properties.antennaHeightM // options.towerHeightM
 */
export function candidateStations(spots: readonly CandidateSpot[], o: CandidateOptions, operator: string | null, idPrefix = ''): SiteFeature[] {
  return spots.map((s, k) => {
    const id = `${idPrefix ? `${idPrefix}-` : ''}NEW-${String(k + 1).padStart(4, '0')}`;
    const f = newStation({
      id, name: s.kind === 'village' ? `New station by ${s.villageId}` : `New station ${k + 1}`, lon: s.lon, lat: s.lat,
      operator: operator ?? o.neutralOperator, antennaHeightM: o.towerHeightM, techs: o.techs, status: 'candidate',
    });
    return f;
  });
}

/**
 * Upgrades of existing sites within `reachM` of a gap village: the template's technologies the
 * site lacks added (its carriers), and the antenna raised to `upgradeHeightM` where lower (when set). Ids
 * UPG-<site id>; sites that would not change are left out, and so are other operators' sites when
 * the plan is for one operator.
 *
 * @example
 * upgradeCandidates(sites, gaps, options, 20000, null).map((f) => f.properties.id) // ['UPG-CB-0012', …]
 */
export function upgradeCandidates(
  sites: readonly SiteFeature[], gaps: readonly GapPoint[], o: CandidateOptions, reachM: number, operator: string | null, idPrefix = '',
): { station: SiteFeature; baseSiteId: string; addedTechs: Tech[]; raisedToM: number | null }[] {
  if (!o.upgrades || gaps.length === 0) return [];
  const out: { station: SiteFeature; baseSiteId: string; addedTechs: Tech[]; raisedToM: number | null }[] = [];
  const r2 = reachM * reachM;
  for (const s of sites) {
    const p = s.properties;
    if (p.status !== 'existing' || (operator !== null && p.operator !== operator)) continue;
    const [lon, lat] = s.geometry.coordinates;
    const mLon = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
    if (!gaps.some((g) => ((g.lon - lon) * mLon) ** 2 + ((g.lat - lat) * M_PER_DEG_LAT) ** 2 <= r2)) continue;
    const has = new Set(p.cells.map((c) => c.tech));
    const addedTechs = o.techs.filter((t) => !has.has(t));
    const raisedToM = o.upgradeHeightM !== null && p.antennaHeightM < o.upgradeHeightM ? o.upgradeHeightM : null;
    if (addedTechs.length === 0 && raisedToM === null) continue;
    const cells = [...p.cells, ...newStationCells(addedTechs)];
    out.push({
      station: { type: 'Feature', geometry: s.geometry, properties: { ...p, id: `${idPrefix ? `${idPrefix}-` : ''}UPG-${p.id}`, cells, antennaHeightM: raisedToM ?? p.antennaHeightM } },
      baseSiteId: p.id, addedTechs, raisedToM,
    });
  }
  return out;
}
