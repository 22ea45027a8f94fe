import type { Position } from 'geojson';
import type { CommuneFeature, DemGrid, VillageFeature } from '../core/model/types';
import { apportion } from './lib/alloc';
import { elevationAt, slopeDegAt } from './lib/demSample';
import { distanceM, pointInPolygon, pointLineDistanceM, round6 } from './lib/geo';
import { PointIndex } from './lib/pointIndex';
import { deriveSeed, mulberry32, normal, uniform } from './lib/prng';
import { hamletNamer } from './names';
import type { Valley } from './network';
import { bboxOf } from './network';
import type { Town } from './real';

export interface VillageOptions {
  seed: number;
  /** Hamlets in the province. Default 2,000. */
  total?: number;
  /** Minimum spacing between hamlets, metres. Default 400. */
  minSpacingM?: number;
  /** Hamlets without electricity, placed in remote pockets. Default 29. */
  unelectrified?: number;
  /** No electrified hamlet within this distance of an unelectrified one, metres. Default 3,800. */
  remoteClearM?: number;
  /** Share of households with fixed broadband, province-wide. Default 0.615. */
  broadbandShare?: number;
  /** Highest ground a hamlet stands on, metres. Default 1,300. */
  maxElevM?: number;
  /** Candidate lattice step, degrees. Default 0.0022 (about 240 m). */
  candidateStepDeg?: number;
}

interface Candidate { lon: number; lat: number; elevM: number; slopeDeg: number; score: number; corridorM: number }

/** Distance to the nearest corridor or town, metres: how reachable a place is. */
export function accessDistanceM(lon: number, lat: number, corridors: Valley[], towns: Town[]): number {
  let d = Infinity;
  for (const v of corridors) d = Math.min(d, pointLineDistanceM(lon, lat, v.line));
  for (const t of towns) d = Math.min(d, distanceM(lon, lat, t.lon, t.lat));
  return d;
}

/**
 * Places the synthetic hamlets: counts in proportion to commune population, on low gentle ground
 * inside each commune, remote unelectrified pockets first, then names, population and households
 * that add up exactly to the commune's, and fixed broadband by accessibility.
 *
 * @example
 * const villages = buildVillages(communes, dem, valleys, towns, { seed: 20250701 });
 */
export function buildVillages(communes: CommuneFeature[], dem: DemGrid, valleys: Valley[], towns: Town[], options: VillageOptions): VillageFeature[] {
  const rng = mulberry32(deriveSeed(options.seed, 'villages'));
  const total = options.total ?? 2000; // about the real count of hamlets (thôn/xóm/tổ) in the province
  const spacingM = options.minSpacingM ?? 400; // hamlets rarely sit closer than this
  const nRemote = options.unelectrified ?? 29; // the published count without electricity
  const clearM = options.remoteClearM ?? 3800; // keeps every power line ≥ 3 km away from them
  const bbShare = options.broadbandShare ?? 0.615; // 60–63 % of households
  const stepDeg = options.candidateStepDeg ?? 0.0022;
  const maxElevM = options.maxElevM ?? 1300; // the highest Hmông hamlets of the province sit around 1,200–1,400 m
  const corridors = valleys.filter((v) => v.kind === 'corridor');
  const counts = apportion(total, communes.map((c) => c.properties.population), 3);

  // candidates per commune: a jittered lattice, scored low and gentle first
  const cands: Candidate[][] = communes.map((c) => {
    const [w, s, e, n] = bboxOf(c.geometry);
    const out: Candidate[] = [];
    for (let lat = s + stepDeg / 2; lat < n; lat += stepDeg) {
      for (let lon = w + stepDeg / 2; lon < e; lon += stepDeg) {
        const x = lon + uniform(rng, -0.4, 0.4) * stepDeg;
        const y = lat + uniform(rng, -0.4, 0.4) * stepDeg;
        if (!pointInPolygon(x, y, c.geometry)) continue;
        const elevM = elevationAt(dem, x, y);
        if (!(elevM <= maxElevM)) continue;
        const slopeDeg = slopeDegAt(dem, x, y);
        out.push({ lon: x, lat: y, elevM, slopeDeg, score: 0, corridorM: 0 });
      }
    }
    let minE = Infinity;
    for (const k of out) minE = Math.min(minE, k.elevM);
    for (const k of out) k.score = k.slopeDeg + (k.elevM - minE) / 35 + 4 * rng.next();
    out.sort((a, b) => a.score - b.score);
    return out;
  });

  const placed: { lon: number; lat: number; commune: number; remote: boolean; elevM: number }[] = [];
  const index = new PointIndex(clearM, 22.7);
  const remoteIndex = new PointIndex(clearM, 22.7);
  const taken = new Array<number>(communes.length).fill(0);

  // remote pockets: the least reachable gentle spots, 2–3 hamlets each, far apart
  const pool: { c: number; k: Candidate; remoteness: number }[] = [];
  cands.forEach((list, c) => {
    for (let i = 0; i < list.length; i += 6) {
      const k = list[i];
      if (k.slopeDeg > 14) continue;
      k.corridorM = accessDistanceM(k.lon, k.lat, corridors, towns);
      pool.push({ c, k, remoteness: k.corridorM + 2 * k.elevM + 1500 * rng.next() });
    }
  });
  pool.sort((a, b) => b.remoteness - a.remoteness);
  const pockets: Position[] = [];
  for (const p of pool) {
    if (placed.length >= nRemote) break;
    if (p.k.corridorM < 7000 || pockets.some((q) => distanceM(q[0], q[1], p.k.lon, p.k.lat) < 14000)) continue;
    if (counts[p.c] - taken[p.c] < 4) continue;
    pockets.push([p.k.lon, p.k.lat]);
    const want = Math.min(nRemote - placed.length, 2 + Math.floor(rng.next() * 2));
    let got = 0;
    for (const k of cands[p.c]) {
      if (got >= want || taken[p.c] >= counts[p.c] - 2) break;
      if (distanceM(k.lon, k.lat, p.k.lon, p.k.lat) > 1500 || index.hasWithin(k.lon, k.lat, spacingM)) continue;
      placed.push({ lon: k.lon, lat: k.lat, commune: p.c, remote: true, elevM: k.elevM });
      index.add(k.lon, k.lat);
      remoteIndex.add(k.lon, k.lat);
      taken[p.c]++;
      got++;
    }
  }
  if (placed.length !== nRemote) throw new Error(`villages: placed ${placed.length} remote hamlets, wanted ${nRemote}; lower remoteClearM or the pocket spacing`);

  // the other hamlets, best ground first, spacing relaxed only where a commune runs out of room
  communes.forEach((_, c) => {
    for (let relax = 1; taken[c] < counts[c] && relax > 0.3; relax *= 0.8) {
      for (const k of cands[c]) {
        if (taken[c] >= counts[c]) break;
        if (index.hasWithin(k.lon, k.lat, spacingM * relax) || remoteIndex.hasWithin(k.lon, k.lat, clearM)) continue;
        placed.push({ lon: k.lon, lat: k.lat, commune: c, remote: false, elevM: k.elevM });
        index.add(k.lon, k.lat);
        taken[c]++;
      }
    }
    if (taken[c] !== counts[c]) throw new Error(`villages: commune ${communes[c].properties.id} holds ${taken[c]} of ${counts[c]} hamlets`);
  });

  // population and households per commune, exact sums; remote hamlets are small
  const out: VillageFeature[] = [];
  communes.forEach((commune, c) => {
    const mine = placed.filter((v) => v.commune === c).sort((a, b) => b.lat - a.lat || a.lon - b.lon);
    const weights = mine.map((v) => Math.exp(0.45 * normal(rng)) * (v.remote ? 0.35 : 1) * (1.4 - Math.min(v.elevM, 1200) / 1500));
    const pops = apportion(commune.properties.population, weights, 15);
    const hhs = apportion(commune.properties.households, pops, 1);
    const name = hamletNamer(rng);
    mine.forEach((v, i) => {
      const id = `${commune.properties.id}-${String(i + 1).padStart(3, '0')}`;
      out.push({
        type: 'Feature',
        id,
        properties: {
          id, name: name(), communeId: commune.properties.id, population: pops[i], households: hhs[i],
          electrified: !v.remote, fixedBroadband: false, synthetic: true, source: 'covgap seed',
        },
        geometry: { type: 'Point', coordinates: [round6(v.lon), round6(v.lat)] },
      });
    });
  });

  // fixed broadband: the most reachable hamlets first, until the household share is met
  const access = out.map((f) => {
    const [lon, lat] = (f.geometry as { coordinates: number[] }).coordinates;
    return accessDistanceM(lon, lat, corridors, towns) * Math.exp(0.5 * normal(rng));
  });
  const totalHh = out.reduce((a, f) => a + f.properties.households, 0);
  let served = 0;
  for (const i of out.map((_, i) => i).sort((a, b) => access[a] - access[b] || a - b)) {
    const p = out[i].properties;
    if (!p.electrified || served >= bbShare * totalHh) continue;
    p.fixedBroadband = true;
    served += p.households;
  }
  return out;
}
