/**
 * Where the calibration moves a site: the operators' densification of towns and road corridors,
 * with the spacing rules and equipment rules of seeds/sites.ts. Deterministic: the k-th proposal
 * for a site depends only on the seed, the site's id, k and the places of the other sites.
 */
import type { Position } from 'geojson';
import type { CommuneFeature, PowerLineFeature, SiteFeature } from '../../core/model/types';
import { M_PER_DEG, distanceM, pointInPolygon, pointLineDistanceM, round6 } from '../lib/geo';
import { deriveSeed, intBetween, mulberry32, normal, uniform, type Rng } from '../lib/prng';
import { bboxOf, type Valley } from '../network';
import type { Town } from '../real';

/** A proposed place of a moved site. */
export interface Place {
  lon: number;
  lat: number;
  kind: 'town' | 'corridor';
  /** Index into the communes. */
  commune: number;
  antennaHeightM: number;
  downtiltDeg: number;
}

export interface PlacementOptions {
  seed: number;
  /** Spacing between one operator's sites, metres: [town, corridor] (as sites.ts). Default [350, 1800]. */
  spacingM?: [number, number];
  /** Spacing between any two sites, metres (as sites.ts). Default 120. */
  anySpacingM?: number;
  /** Spread of town sites around the centre, metres: [the largest town, the others]. Default [2200, 900]. */
  urbanSigmaM?: [number, number];
  /** Of every three proposals, this many are in towns, the rest along corridors. Default 2. */
  townOfThree?: number;
}

export interface Placer {
  /** The `attempt`-th proposal for site `s` (null when no spot respecting the spacing was drawn). */
  propose(s: number, attempt: number, pending: ReadonlyMap<number, Place>): Place | null;
  /** Site `s` now stands at `place`. */
  commit(s: number, place: Place): void;
  /** Site `s`'s feature at `place`: position, commune, height, downtilt, power and backhaul updated. */
  feature(s: number, place: Place): SiteFeature;
}

/**
 * @example
 * const placer = createPlacer(sites, communes, towns, corridors, powerLines, { seed: 20250701 });
 * const p = placer.propose(17, 0, new Map()); // a spot in a town for site 17, or null
 */
export function createPlacer(
  sites: readonly SiteFeature[], communes: readonly CommuneFeature[], towns: readonly Town[], corridors: readonly Valley[],
  power: readonly PowerLineFeature[], options: PlacementOptions,
): Placer {
  const [spTown, spCorr] = options.spacingM ?? [350, 1800];
  const anyM = options.anySpacingM ?? 120;
  const [sigmaCityM, sigmaTownM] = options.urbanSigmaM ?? [2200, 900];
  const townOfThree = options.townOfThree ?? 2;
  const at = sites.map((f) => [f.geometry.coordinates[0], f.geometry.coordinates[1]]);
  const op = sites.map((f) => f.properties.operator);
  const boxes = communes.map((c) => bboxOf(c.geometry));
  const communeAt = (lon: number, lat: number): number => {
    for (let c = 0; c < communes.length; c++) {
      const b = boxes[c];
      if (lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3] && pointInPolygon(lon, lat, communes[c].geometry)) return c;
    }
    return -1;
  };
  // towns weighted by the population of their commune (the largest is the city)
  const townPop = towns.map((t) => { const c = communeAt(t.lon, t.lat); return c < 0 ? 1000 : communes[c].properties.population; });
  const biggest = townPop.indexOf(Math.max(...townPop));
  const corrLen = corridors.map((v) => v.line.length - 1);
  const lines = power.map((f) => f.geometry.coordinates as Position[]);
  const pickWeighted = (rng: Rng, w: readonly number[]): number => {
    let r = rng.next() * w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < w.length; i++) if ((r -= w[i]) < 0) return i;
    return w.length - 1;
  };
  const offset = (lon: number, lat: number, dxM: number, dyM: number): [number, number] =>
    [lon + dxM / (M_PER_DEG * Math.cos((lat * Math.PI) / 180)), lat + dyM / M_PER_DEG];
  const tooClose = (s: number, lon: number, lat: number, spacingM: number, pending: ReadonlyMap<number, Place>): boolean => {
    for (let i = 0; i < at.length; i++) {
      if (i === s) continue;
      const p = pending.get(i);
      const d = distanceM(lon, lat, p ? p.lon : at[i][0], p ? p.lat : at[i][1]);
      if (d < anyM || (op[i] === op[s] && d < spacingM)) return true;
    }
    return false;
  };

  return {
    propose(s, attempt, pending) {
      const rng = mulberry32(deriveSeed(options.seed, `calibrate/${sites[s].properties.id}/${attempt}`));
      const kind: Place['kind'] = attempt % 3 < townOfThree ? 'town' : 'corridor';
      for (let tries = 0; tries < 60; tries++) {
        let p: [number, number];
        if (kind === 'town') {
          const t = pickWeighted(rng, townPop);
          const sigma = t === biggest ? sigmaCityM : sigmaTownM;
          p = offset(towns[t].lon, towns[t].lat, sigma * normal(rng), sigma * normal(rng));
        } else {
          const v = corridors[pickWeighted(rng, corrLen)];
          const i = Math.floor(rng.next() * (v.line.length - 1));
          const f = rng.next();
          const a = v.line[i], b = v.line[i + 1];
          p = offset(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, uniform(rng, -300, 300), uniform(rng, -300, 300));
        }
        const lon = round6(p[0]), lat = round6(p[1]);
        const commune = communeAt(lon, lat);
        if (commune < 0 || tooClose(s, lon, lat, kind === 'town' ? spTown : spCorr, pending)) continue;
        const [hMin, hMax, tMin, tMax] = kind === 'town' ? [20, 32, 4, 6] : [25, 40, 3, 5];
        return { lon, lat, kind, commune, antennaHeightM: intBetween(rng, hMin, hMax), downtiltDeg: intBetween(rng, tMin, tMax) };
      }
      return null;
    },
    commit(s, place) {
      at[s] = [place.lon, place.lat];
    },
    feature(s, place) {
      const f = sites[s];
      const gridM = Math.min(...lines.map((l) => pointLineDistanceM(place.lon, place.lat, l)));
      const nearTown = towns.some((t) => distanceM(place.lon, place.lat, t.lon, t.lat) < 3000);
      const nearRoad = corridors.some((v) => pointLineDistanceM(place.lon, place.lat, v.line) < 1000);
      return {
        type: 'Feature',
        id: f.id,
        properties: {
          ...f.properties,
          antennaHeightM: place.antennaHeightM,
          power: gridM <= 1000 ? 'grid' : 'solar',
          backhaul: nearTown || nearRoad ? 'fiber' : 'microwave',
          cells: f.properties.cells.map((c) => ({ ...c, downtiltDeg: place.downtiltDeg })),
          communeId: communes[place.commune].properties.id,
        },
        geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
      };
    },
  };
}

/**
 * Names every site `<operator> <commune> <n>`, n counting each operator's sites per commune in
 * file order (as sites.ts does), in place.
 *
 * @example
 * renameSites(sites, communes); sites[0].properties.name // 'Viettel Thục Phán 1'
 */
export function renameSites(sites: SiteFeature[], communes: readonly CommuneFeature[]): void {
  const names = new Map(communes.map((c) => [c.properties.id, c.properties.name]));
  const counters = new Map<string, number>();
  for (const f of sites) {
    const p = f.properties;
    const key = `${p.operator}/${p.communeId}`;
    counters.set(key, (counters.get(key) ?? 0) + 1);
    p.name = `${p.operator} ${names.get(p.communeId ?? '') ?? ''} ${counters.get(key)}`;
  }
}
