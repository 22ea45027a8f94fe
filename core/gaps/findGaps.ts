/**
 * The gap list: villages without signal (in the scope of the options: any, one technology, one
 * operator), each with its reason, nearest sites, electricity, population and priority score,
 * sorted by score (highest first), then id.
 */
import { bestSiteId, compositeKey, type Composite, type CoverageGrid } from '../coverage/composite';
import { initialBearingDeg } from '../geo/geodesy';
import { InputError } from '../errors';
import type { CommuneFeature, PowerLineFeature, SiteFeature, Tech } from '../model/types';
import { PowerLineIndex, SiteIndex } from './nearest';
import { resolveGapOptions, type GapOptions } from './options';
import { flatEarthLevel, reasonText, scoreGap } from './reason';
import { cellIndexAt } from './sampling';
import type { Gap, GapReason, NearestSite, VillageStatus } from './types';
import { checkComposite, hasSignal, thresholdsFor, villageFeatures, villageStatus, type VillageInput } from './villageStatus';
import { operatorsOf } from '../model/operators';

export interface FindGapsInput {
  villages: VillageInput;
  /** The sites of the network the composite is of (addressed by id). */
  sites: { features: readonly SiteFeature[] } | readonly SiteFeature[];
  /** Power lines (for the distance to the nearest line); may be empty. */
  powerLines?: { features: readonly PowerLineFeature[] } | readonly PowerLineFeature[];
  /** Communes, for their names. */
  communes?: { features: readonly CommuneFeature[] } | readonly CommuneFeature[];
  composite: Composite | CoverageGrid;
  /** villageStatus(villages, composite, options), when already computed (same options). */
  status?: readonly VillageStatus[];
  /**
   * The level of one site at a point, dBm, or null (e.g. from its cached coverage raster). Without
   * it a nearest site's level is known only where it is the best server of its operator's layer.
   */
  levelAt?: (siteIndex: number, tech: Tech, lon: number, lat: number) => number | null;
}

const listOf = <T>(x: { features: readonly T[] } | readonly T[] | undefined): readonly T[] =>
  x === undefined ? [] : Array.isArray(x) ? (x as readonly T[]) : ((x as { features: readonly T[] }).features ?? []);

/**
 * Finds the gaps. Does not modify its inputs.
 *
 * @example
 * const gaps = findGaps({ villages, sites, powerLines, communes, composite }, { tech: '4G' });
 * gaps[0] // the highest-priority village without 4G: reason, nearestSites, scoreParts, score
 */
export function findGaps(input: FindGapsInput, options: Partial<GapOptions> = {}): Gap[] {
  if (!input || typeof input !== 'object') throw new InputError('findGaps: input must be an object { villages, sites, powerLines, composite }', 'input');
  const villages = villageFeatures(input.villages, 'findGaps');
  const comp = checkComposite(input.composite, 'findGaps');
  const sites = listOf<SiteFeature>(input.sites);
  if (!sites.every((s) => s?.geometry?.type === 'Point' && Array.isArray(s.properties?.cells))) {
    throw new InputError('findGaps: sites must be a FeatureCollection or an array of site features (Point, properties.cells)', 'sites');
  }
  const o = resolveGapOptions(options);
  const thr = thresholdsFor(comp, o);

  const operators = operatorsOf(sites);
  if (o.operator !== null && !operators.includes(o.operator)) {
    throw new InputError(`findGaps: no site has operator "${o.operator}"; operators: ${operators.join(', ') || '(none)'}`, 'options.operator');
  }
  const status = input.status ?? villageStatus(villages, comp, o);
  if (status.length !== villages.length) {
    throw new InputError(`findGaps: status has ${status.length} entries for ${villages.length} villages; compute it with villageStatus on the same villages`, 'status');
  }

  // the sites that can close the gap: of the operator, with a cell of the technology
  const techs: readonly Tech[] = o.tech ? [o.tech] : o.techs;
  const keep: number[] = [];
  sites.forEach((s, i) => {
    if (o.operator !== null && s.properties.operator !== o.operator) return;
    if (s.properties.cells.some((c) => techs.includes(c.tech))) keep.push(i);
  });
  const siteIndex = new SiteIndex(sites.map((s) => s.geometry.coordinates), keep);
  const lineIndex = new PowerLineIndex(listOf<PowerLineFeature>(input.powerLines));
  const communeNames = new Map(listOf<CommuneFeature>(input.communes).map((c) => [c.properties.id, c.properties.name]));
  const scope = o.tech && o.operator ? compositeKey(o.tech, o.operator) : (o.tech ?? o.operator ?? 'any');
  const withinM = o.noSiteWithinKm * 1000;

  // a nearest site's level at the village: levelAt, else the composite where it is the best server
  const levelOf = (si: number, lon: number, lat: number): { tech: Tech | null; levelDbm: number | null } => {
    const cell = cellIndexAt(comp.width, comp.height, comp.transform, lon, lat);
    let best: { tech: Tech | null; levelDbm: number | null } = { tech: null, levelDbm: null };
    let bestMargin = -Infinity;
    for (const t of techs) {
      if (!sites[si].properties.cells.some((c) => c.tech === t)) continue;
      let v: number | null = null;
      if (input.levelAt) v = input.levelAt(si, t, lon, lat);
      else if (cell >= 0) {
        const l = comp.layer(compositeKey(t, sites[si].properties.operator)) ?? comp.layer(compositeKey(t));
        const best = l ? l.best(cell) : NaN;
        if (l && best === best && bestSiteId(comp, l, cell) === sites[si].properties.id) v = best;
      }
      if (v !== null && Number.isFinite(v) && v - thr[t] > bestMargin) {
        bestMargin = v - thr[t];
        best = { tech: t, levelDbm: Math.round(v * 10) / 10 };
      }
    }
    return best;
  };

  const gaps: Gap[] = [];
  villages.forEach((f, i) => {
    const p = f.properties;
    const s = status[i];
    if (hasSignal(s, o.tech, o.operator)) return;
    if (o.communeId !== null && p.communeId !== o.communeId) return;
    if (o.electrified !== null && p.electrified !== o.electrified) return;
    if (o.minPopulation > 0 && !(p.population >= o.minPopulation)) return;
    const { lon, lat } = s;

    const near = siteIndex.nearest(lon, lat, o.nearestSiteCount);
    const inReach = siteIndex.within(lon, lat, withinM);
    // the strongest site on flat ground among those within noSiteWithinKm
    let strongest: { index: number; distanceM: number; marginDb: number } | null = null;
    const flat = new Map<number, number>();
    for (const c of inReach) {
      const fe = flatEarthLevel(sites[c.index], c.distanceM, techs, thr, o);
      if (!fe) continue;
      flat.set(c.index, Math.round(fe.levelDbm * 10) / 10);
      if (!strongest || fe.marginDb > strongest.marginDb) strongest = { index: c.index, distanceM: c.distanceM, marginDb: fe.marginDb };
    }
    const reason: GapReason = inReach.length === 0 ? 'no-site-within' : strongest && strongest.marginDb >= 0 ? 'terrain-blocked' : 'out-of-range';
    const nearestSites: NearestSite[] = near.map((c) => {
      const sp = sites[c.index].properties;
      const lv = levelOf(c.index, lon, lat);
      return {
        id: sp.id, name: sp.name, operator: sp.operator,
        distanceM: Math.round(c.distanceM),
        bearingDeg: Math.round(initialBearingDeg([lon, lat], sites[c.index].geometry.coordinates) * 10) / 10,
        tech: lv.tech, levelDbm: lv.levelDbm, flatEarthDbm: flat.get(c.index) ?? null,
      };
    });
    const nearestAny = siteIndex.nearest(lon, lat, 1)[0] ?? null;
    const named = (x: { index: number; distanceM: number } | null) => (x ? { name: sites[x.index].properties.name, distanceM: x.distanceM } : null);
    const text = reasonText(reason, o.noSiteWithinKm, named(reason === 'terrain-blocked' ? strongest : nearestAny));
    const lineM = lineIndex.distanceM(lon, lat);
    const { parts, score } = scoreGap(p, nearestAny ? nearestAny.distanceM : null, lineM, o);
    gaps.push({
      id: String(p.id), name: p.name, communeId: p.communeId, communeName: communeNames.get(p.communeId) ?? null,
      lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6,
      population: p.population, households: p.households, electrified: p.electrified, fixedBroadband: p.fixedBroadband ?? null,
      nearestPowerLineM: lineM === null ? null : Math.round(lineM),
      reason, reasonKm: reason === 'no-site-within' ? o.noSiteWithinKm : null, reasonText: text,
      nearestSites, scoreParts: parts, score, scope,
    });
  });
  return gaps.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
