/**
 * What a new station is unless someone says otherwise: the one template the site editor (a click in
 * Plan mode) and the siting optimiser's generated candidates share, so that a proposed station and
 * a hand-placed one are the same radio.
 */
import type { Cell, SiteBackhaul, SiteFeature, SitePower, SiteStatus, Tech } from '../model/types';

/**
 * A typical rural macro site of the dead-zone programme: an operator-neutral 40 m tower (the
 * common guyed/lattice height for hill-top rural sites; high enough to clear the trees on a ridge),
 * 2G for voice and 4G for data, omni cells, solar power and a microwave hop (gap villages are mostly
 * far from the grid and from fibre; the cost model then chooses the real options, costs.ts).
 */
export const NEW_STATION = Object.freeze({
  antennaHeightM: 40,
  techs: Object.freeze(['2G', '4G']) as readonly Tech[],
  power: 'solar' as SitePower,
  backhaul: 'microwave' as SiteBackhaul,
});

/**
 * Carrier per technology: the demo's bands and the EIRP of a three-sector macro cell's strongest
 * carrier (dBm), as the demo's existing sites have them.
 */
export const NEW_STATION_CARRIERS: Readonly<Record<Tech, { freqMHz: number; eirpDbm: number }>> = Object.freeze({
  '2G': { freqMHz: 900, eirpDbm: 56 },
  '3G': { freqMHz: 2100, eirpDbm: 58 },
  '4G': { freqMHz: 1800, eirpDbm: 61 },
  '5G': { freqMHz: 3500, eirpDbm: 66 },
});

/** Omni cells of `techs`, one per technology, in generation order. */
export function newStationCells(techs: Iterable<Tech>): Cell[] {
  return [...new Set(techs)].sort().map((tech) => ({ tech, ...NEW_STATION_CARRIERS[tech] }));
}

export interface NewStationInput {
  id: string;
  name: string;
  lon: number;
  lat: number;
  operator: string;
  antennaHeightM?: number;
  techs?: Iterable<Tech>;
  power?: SitePower;
  backhaul?: SiteBackhaul;
  status?: SiteStatus;
  communeId?: string | null;
}

/**
 * A new station as a site feature, coordinates rounded to 6 decimals (0.1 m).
 *
 * @example
 * newStation({ id: 'NEW-001', name: 'New station 1', lon: 106.2, lat: 22.7, operator: 'Viettel' })
 */
export function newStation(s: NewStationInput): SiteFeature {
  const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [round6(s.lon), round6(s.lat)] },
    properties: {
      id: s.id, name: s.name, operator: s.operator, antennaHeightM: s.antennaHeightM ?? NEW_STATION.antennaHeightM,
      status: s.status ?? 'planned', power: s.power ?? NEW_STATION.power, backhaul: s.backhaul ?? NEW_STATION.backhaul,
      cells: newStationCells(s.techs ?? NEW_STATION.techs),
      ...(s.communeId !== undefined ? { communeId: s.communeId } : {}),
    },
  };
}
