import type { Position } from 'geojson';
import type { Cell, CommuneFeature, DemGrid, PowerLineFeature, SiteFeature, VillageFeature } from '../core/model/types';
import { apportion } from './lib/alloc';
import { elevationAt } from './lib/demSample';
import { M_PER_DEG, distanceM, pointInPolygon, pointLineDistanceM, round6 } from './lib/geo';
import { type Rng, deriveSeed, intBetween, mulberry32, normal, uniform } from './lib/prng';
import { bboxOf, type Valley } from './network';
import type { Town } from './real';
import { accessDistanceM } from './villages';

/** Per-technology carrier: frequency and EIRP per sector (see geodata/README.md for the budget). */
export const CARRIERS = {
  '2G': { freqMHz: 900, eirpDbm: 56 }, // 20 W (43 dBm) + 15 dBi − 2 dB feeder
  '3G': { freqMHz: 2100, eirpDbm: 58 }, // 20 W (43 dBm) + 17.5 dBi − 2.5 dB feeder
  '4G': { freqMHz: 1800, eirpDbm: 61 }, // 40 W (46 dBm) + 17.5 dBi − 2.5 dB feeder
  '5G': { freqMHz: 3500, eirpDbm: 77 }, // 200 W AAU (53 dBm) + 24 dBi array gain, no feeder
} as const;

export interface SiteOptions {
  seed: number;
  /** Sites in the province. Default 1,217. */
  total?: number;
  /** Operators: brand, id prefix, share of sites. */
  operators?: { name: string; prefix: string; share: number }[];
  /** Share of each operator's sites in towns. Default 0.22. */
  urbanShare?: number;
  /** Share along the road corridors. Default 0.33. The rest stands on hills above hamlets. */
  corridorShare?: number;
  /** Spread of town sites around the centre, metres: [the largest town, the others]. Default [2200, 900]. */
  urbanSigmaM?: [number, number];
  /** Spacing between one operator's sites: [town, corridor, hill], metres. Default [350, 1800, 2600]. */
  spacingM?: [number, number, number];
  /** Hamlets farther than this from roads and towns are rarely served (weight e^(−d/decay)), metres. Default 5000. */
  accessDecayM?: number;
  /** Hilltop search ring around a hamlet cluster, metres. Default [1000, 3000]. */
  hillRingM?: [number, number];
  /** Sites with a 5G cell. Default 33. */
  fiveG?: number;
  /** 5G sites outside the city wards, one at each of the next largest towns. Default 6. */
  fiveGTowns?: number;
  /** Names of the city wards where 5G goes first. */
  fiveGCommunes?: string[];
  /** Share of hill sites with 3G (towns and corridors: 0.95). Default 0.7. */
  hill3GShare?: number;
}

type Kind = 'town' | 'corridor' | 'hill';
interface Draft { lon: number; lat: number; op: number; kind: Kind; commune: number }

/**
 * Places the synthetic BTS sites the way operators do: dense in the towns, along the road
 * corridors, on hills above hamlet clusters, thinning out in remote valleys; then equips them.
 *
 * @example
 * const sites = buildSites(communes, dem, valleys, towns, villages, powerLines, { seed: 20250701 });
 */
export function buildSites(
  communes: CommuneFeature[], dem: DemGrid, valleys: Valley[], towns: Town[],
  villages: VillageFeature[], power: PowerLineFeature[], options: SiteOptions,
): SiteFeature[] {
  const rng = mulberry32(deriveSeed(options.seed, 'sites'));
  const total = options.total ?? 1217; // published count of BTS sites
  const ops = options.operators ?? [
    { name: 'Viettel', prefix: 'VTL', share: 0.45 },
    { name: 'VNPT/Vinaphone', prefix: 'VNP', share: 0.3 },
    { name: 'MobiFone', prefix: 'MBF', share: 0.25 },
  ];
  const urbanShare = options.urbanShare ?? 0.22;
  const corridorShare = options.corridorShare ?? 0.33;
  const [sigmaCityM, sigmaTownM] = options.urbanSigmaM ?? [2200, 900];
  const [spTown, spCorr, spHill] = options.spacingM ?? [350, 1800, 2600];
  const decayM = options.accessDecayM ?? 5000;
  const [ringIn, ringOut] = options.hillRingM ?? [1000, 3000];
  const n5G = options.fiveG ?? 33;
  const cityWards = options.fiveGCommunes ?? ['Thục Phán', 'Nùng Trí Cao', 'Tân Giang'];
  const hill3G = options.hill3GShare ?? 0.7;
  const corridors = valleys.filter((v) => v.kind === 'corridor');
  const boxes = communes.map((c) => bboxOf(c.geometry));
  const communeAt = (lon: number, lat: number) => {
    for (let c = 0; c < communes.length; c++) {
      const b = boxes[c];
      if (lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3] && pointInPolygon(lon, lat, communes[c].geometry)) return c;
    }
    return -1;
  };
  const drafts: Draft[] = [];
  const tooClose = (lon: number, lat: number, op: number, rM: number) =>
    drafts.some((d) => (d.op === op ? distanceM(lon, lat, d.lon, d.lat) < rM : distanceM(lon, lat, d.lon, d.lat) < 120));
  const offset = (lon: number, lat: number, dxM: number, dyM: number): Position => [lon + dxM / (M_PER_DEG * Math.cos((lat * Math.PI) / 180)), lat + dyM / M_PER_DEG];
  // tries a placement up to 60 times, relaxing the spacing as it goes
  const place = (op: number, kind: Kind, spacingM: number, propose: (r: Rng) => Position | null) => {
    for (let tries = 0; tries < 60; tries++) {
      const p = propose(rng);
      if (!p) continue;
      const c = communeAt(p[0], p[1]);
      if (c < 0 || tooClose(p[0], p[1], op, spacingM * (1 - tries / 80))) continue;
      drafts.push({ lon: p[0], lat: p[1], op, kind, commune: c });
      return;
    }
    throw new Error(`sites: no room for a ${kind} site of ${ops[op].name}; lower spacingM`);
  };

  // demand: towns (the largest first, by the population of the commune around them)
  const townPop = towns.map((t) => { const c = communeAt(t.lon, t.lat); return c < 0 ? 1000 : communes[c].properties.population; });
  const townW = townPop.map((p) => p * p);
  const corrLen = corridors.map((v) => v.line.length - 1);
  const vPts = villages.map((v) => (v.geometry as { coordinates: Position }).coordinates);
  const vW = villages.map((v, i) => v.properties.population * Math.exp(-accessDistanceM(vPts[i][0], vPts[i][1], corridors, towns) / decayM));
  const biggest = townPop.indexOf(Math.max(...townPop));
  const pickWeighted = (w: number[]) => {
    const sum = w.reduce((a, b) => a + b, 0);
    let r = rng.next() * sum;
    for (let i = 0; i < w.length; i++) if ((r -= w[i]) < 0) return i;
    return w.length - 1;
  };

  const perOp = apportion(total, ops.map((o) => o.share));
  perOp.forEach((nOp, op) => {
    const nTown = Math.round(nOp * urbanShare);
    const nCorr = Math.round(nOp * corridorShare);
    apportion(nTown, townW).forEach((k, t) => {
      const sigma = t === biggest ? sigmaCityM : sigmaTownM;
      for (let i = 0; i < k; i++) place(op, 'town', spTown, (r) => offset(towns[t].lon, towns[t].lat, sigma * normal(r), sigma * normal(r)));
    });
    for (let i = 0; i < nCorr; i++) {
      place(op, 'corridor', spCorr, (r) => {
        const v = corridors[pickWeighted(corrLen)];
        const s = Math.floor(r.next() * (v.line.length - 1));
        const f = r.next();
        const a = v.line[s], b = v.line[s + 1];
        return offset(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, uniform(r, -300, 300), uniform(r, -300, 300));
      });
    }
    for (let i = nTown + nCorr; i < nOp; i++) {
      place(op, 'hill', spHill, (r) => {
        const v = vPts[pickWeighted(vW)];
        let best: Position | null = null;
        let bestE = -Infinity;
        for (let k = 0; k < 16; k++) {
          const ang = uniform(r, 0, 2 * Math.PI);
          const rad = uniform(r, ringIn, ringOut);
          const p = offset(v[0], v[1], rad * Math.sin(ang), rad * Math.cos(ang));
          const e = elevationAt(dem, p[0], p[1]);
          if (e > bestE) [best, bestE] = [p, e];
        }
        return best;
      });
    }
  });

  // equip: height, power, backhaul, cells; 5G on the sites nearest the city centre and town centres
  const cityIdx = communes.map((c, i) => (cityWards.includes(c.properties.name) ? i : -1)).filter((i) => i >= 0);
  // most 5G in the city wards nearest the centre, the rest at the next largest towns' centres
  const nTowns5G = Math.min(options.fiveGTowns ?? 6, n5G);
  const cityRank = drafts.map((d, i) => [distanceM(d.lon, d.lat, towns[biggest].lon, towns[biggest].lat), i] as const)
    .filter(([, i]) => cityIdx.includes(drafts[i].commune)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const has5G = new Set(cityRank.slice(0, n5G - nTowns5G).map(([, i]) => i));
  const otherTowns = towns.map((t, k) => k).filter((k) => !cityIdx.includes(communeAt(towns[k].lon, towns[k].lat)))
    .sort((a, b) => townPop[b] - townPop[a] || a - b);
  for (const k of otherTowns) {
    if (has5G.size >= n5G) break;
    let best = -1;
    let bestM = Infinity;
    drafts.forEach((d, i) => {
      const dM = distanceM(d.lon, d.lat, towns[k].lon, towns[k].lat);
      if (!has5G.has(i) && dM < bestM) [best, bestM] = [i, dM];
    });
    has5G.add(best);
  }
  for (const [, i] of cityRank) if (has5G.size < n5G) has5G.add(i);
  const lineCoords = power.map((f) => f.geometry.coordinates as Position[]);
  const counters = new Map<string, number>();
  const opCount = ops.map(() => 0);
  return drafts.map((d, i) => {
    const o = ops[d.op];
    const id = `${o.prefix}-${String(++opCount[d.op]).padStart(4, '0')}`;
    const commune = communes[d.commune].properties;
    const key = `${d.op}/${d.commune}`;
    counters.set(key, (counters.get(key) ?? 0) + 1);
    const gridM = Math.min(...lineCoords.map((l) => pointLineDistanceM(d.lon, d.lat, l)));
    const nearTown = towns.some((t) => distanceM(d.lon, d.lat, t.lon, t.lat) < 3000);
    const nearRoad = corridors.some((v) => pointLineDistanceM(d.lon, d.lat, v.line) < 1000);
    const [hMin, hMax, tMin, tMax] = d.kind === 'town' ? [20, 32, 4, 6] : d.kind === 'corridor' ? [25, 40, 3, 5] : [30, 45, 2, 4];
    const antennaHeightM = intBetween(rng, hMin, hMax);
    const az0 = intBetween(rng, 0, 119);
    const tilt = intBetween(rng, tMin, tMax);
    const techs: (keyof typeof CARRIERS)[] = ['2G'];
    if (rng.next() < (d.kind === 'hill' ? hill3G : 0.95)) techs.push('3G');
    techs.push('4G');
    if (has5G.has(i)) techs.push('5G');
    const cells: Cell[] = [];
    for (const tech of techs) for (let s = 0; s < 3; s++) {
      cells.push({ tech, freqMHz: CARRIERS[tech].freqMHz, eirpDbm: CARRIERS[tech].eirpDbm, azimuthDeg: az0 + 120 * s, beamwidthDeg: 65, downtiltDeg: tilt });
    }
    return {
      type: 'Feature',
      id,
      properties: {
        id, name: `${o.name} ${commune.name} ${counters.get(key)}`, operator: o.name, antennaHeightM, status: 'existing',
        power: gridM <= 1000 ? 'grid' : 'solar', backhaul: nearTown || nearRoad ? 'fiber' : 'microwave', cells,
        communeId: commune.id, synthetic: true, source: 'covgap seed',
      },
      geometry: { type: 'Point', coordinates: [round6(d.lon), round6(d.lat)] },
    };
  });
}
