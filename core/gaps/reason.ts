/**
 * Why a village has no signal, and the priority score of a gap.
 *
 * Reason rule (documented in GapReason):
 *  1. no relevant site within `noSiteWithinKm` → 'no-site-within';
 *  2. else, if one of those sites would reach the village on a flat earth → 'terrain-blocked'
 *     (the distance alone is not the problem, the hills are);
 *  3. else → 'out-of-range'.
 * "On a flat earth" = EIRP + reference-signal offset − max(free-space loss, plane-earth two-ray
 * loss) − clutter margin ≥ the technology's threshold, for the best cell of the site (antenna
 * pattern ignored: the best direction).
 * Plane earth (two-ray over flat ground, beyond the breakpoint): L = 40 log10 d − 20 log10 hₜ − 20 log10 hᵣ
 * (d, h in metres; e.g. Parsons, "The Mobile Radio Propagation Channel", §2.4).
 */
import { freeSpaceLossDb } from '../propagation/fspl';
import type { SiteFeature, Tech } from '../model/types';
import type { GapOptions } from './options';
import type { GapReason, ScoreParts } from './types';

/** Plane-earth two-ray loss, dB (d, heights in metres). */
export function planeEarthLossDb(distanceM: number, txHeightM: number, rxHeightM: number): number {
  return 40 * Math.log10(distanceM) - 20 * Math.log10(txHeightM) - 20 * Math.log10(rxHeightM);
}

/**
 * The best flat-earth level of a site at a distance over the given technologies, as the margin over
 * each technology's threshold decides: { tech, levelDbm, marginDb }, or null when the site has no
 * cell of those technologies.
 *
 * @example
 * flatEarthLevel(site, 2047, ['4G'], thresholds, resolveGapOptions()) // 4G 61 dBm, 30 m: { tech: '4G', levelDbm: -83.58, marginDb: 26.42 }
 */
export function flatEarthLevel(
  site: SiteFeature, distanceM: number, techs: readonly Tech[],
  thresholdsDbm: Readonly<Record<Tech, number>>, o: GapOptions,
): { tech: Tech; levelDbm: number; marginDb: number } | null {
  const d = Math.max(1, distanceM);
  const ht = Math.max(1, site.properties.antennaHeightM);
  const pe = planeEarthLossDb(d, ht, o.rxHeightM);
  let best: { tech: Tech; levelDbm: number; marginDb: number } | null = null;
  for (const c of site.properties.cells) {
    if (!techs.includes(c.tech)) continue;
    const loss = Math.max(freeSpaceLossDb(c.freqMHz, d), pe) + o.clutterMarginDb;
    const level = c.eirpDbm + o.referenceSignalOffsetDb[c.tech] - loss;
    const margin = level - thresholdsDbm[c.tech];
    if (!best || margin > best.marginDb) best = { tech: c.tech, levelDbm: level, marginDb: margin };
  }
  return best;
}

const fmtKm = (m: number, lang: 'vi' | 'en') => {
  const s = (m / 1000).toFixed(1);
  return lang === 'vi' ? s.replace('.', ',') : s;
};

/**
 * The reason in Vietnamese and English. `site` is the nearest site (no-site-within, out-of-range)
 * or the one that would reach on flat ground (terrain-blocked); null when there is no site at all.
 *
 * @example
 * reasonText('no-site-within', 10, null) // { vi: 'Không có trạm nào trong bán kính 10 km', en: 'No site within 10 km' }
 */
export function reasonText(
  reason: GapReason, noSiteWithinKm: number, site: { name: string; distanceM: number } | null,
): { vi: string; en: string } {
  if (reason === 'no-site-within') {
    const km = String(noSiteWithinKm);
    if (!site) return { vi: `Không có trạm nào trong bán kính ${km.replace('.', ',')} km`, en: `No site within ${km} km` };
    return {
      vi: `Không có trạm nào trong bán kính ${km.replace('.', ',')} km (gần nhất: ${site.name}, ${fmtKm(site.distanceM, 'vi')} km)`,
      en: `No site within ${km} km (nearest: ${site.name}, ${fmtKm(site.distanceM, 'en')} km)`,
    };
  }
  const s = site as { name: string; distanceM: number };
  if (reason === 'terrain-blocked') {
    return {
      vi: `Trong tầm phủ của trạm ${s.name} (${fmtKm(s.distanceM, 'vi')} km) nhưng bị địa hình che khuất`,
      en: `Within reach of site ${s.name} (${fmtKm(s.distanceM, 'en')} km) but blocked by terrain`,
    };
  }
  return {
    vi: `Ngoài tầm phủ: trạm gần nhất ${s.name} (${fmtKm(s.distanceM, 'vi')} km) quá xa hoặc quá yếu, kể cả trên địa hình bằng phẳng`,
    en: `Out of range: the nearest site ${s.name} (${fmtKm(s.distanceM, 'en')} km) is too far or too weak even over flat ground`,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The priority score's parts (points, rounded to 0.01) and their sum. See GapWeights for each part.
 * `nearestSiteM` null = no relevant site at all (full remoteness for that half); `nearestPowerLineM`
 * null = no power-line data (that half counts 0).
 *
 * @example
 * scoreGap({ population: 250, households: 60, electrified: false }, 10000, 5000, DEFAULT_GAP_OPTIONS)
 * // { parts: { population: 20, households: 10, noPower: 20, remoteness: 20 }, score: 70 }
 */
export function scoreGap(
  v: { population: number; households: number; electrified: boolean },
  nearestSiteM: number | null, nearestPowerLineM: number | null, o: GapOptions,
): { parts: ScoreParts; score: number } {
  const w = o.weights;
  const cap = (x: number) => (x > 1 ? 1 : x < 0 ? 0 : x);
  const siteHalf = nearestSiteM === null ? 1 : cap(nearestSiteM / o.remotenessSiteRefM);
  const lineHalf = nearestPowerLineM === null ? 0 : cap(nearestPowerLineM / o.remotenessLineRefM);
  const parts: ScoreParts = {
    population: round2(w.population * cap(v.population / o.populationRef)),
    households: round2(w.households * cap(v.households / o.householdsRef)),
    noPower: round2(v.electrified ? 0 : w.noPower),
    remoteness: round2(w.remoteness * 0.5 * (siteHalf + lineHalf)),
  };
  return { parts, score: round2(parts.population + parts.households + parts.noPower + parts.remoteness) };
}
