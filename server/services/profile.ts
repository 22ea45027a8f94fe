/**
 * The terrain profile between a site and a village, for the profile chart: ground with the Earth
 * bulge, the line of sight and its first obstruction, the first Fresnel zone, and every registry
 * model's loss at the site's frequencies. It shows a planner why a village has no signal.
 */
import { haversineDistanceM } from '../../core/geo/geodesy';
import type { DemGrid, SiteFeature, Tech, VillageFeature } from '../../core/model/types';
import { MODEL_IDS, getModel, predict } from '../../core/propagation/registry';
import { fresnelRadiusM, lineOfSight, terrainProfile, withEarthBulge } from '../../core/terrain/profile';
import { sampleBilinear } from '../../core/terrain/sample';
import type { CoverageOptions } from '../../core/coverage';
import { NotFoundError } from '../../core/errors';
import { representativePoint } from '../../core/gaps/sampling';
import type { ProfileAnswer } from '../../core/wire/coverage';

export type { ProfileAnswer } from '../../core/wire/coverage';
/** One model's loss on the profile. */
export type ModelLoss = ProfileAnswer['losses'][number]['models'][number];

const r1 = (x: number): number => Math.round(x * 10) / 10;
const r2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * @example
 * const profiles = new ProfileService(dem, sites, villages, coverageOptions);
 * profiles.profile('VTL-0001', 'V-0042', null)
 */
export class ProfileService {
  private readonly _dem: DemGrid;
  private readonly _sites: Map<string, SiteFeature>;
  private readonly _villages: Map<string, VillageFeature>;
  private readonly _options: Readonly<CoverageOptions>;

  constructor(dem: DemGrid, sites: readonly SiteFeature[], villages: readonly VillageFeature[], options: Readonly<CoverageOptions>) {
    this._dem = dem;
    this._sites = new Map(sites.map((s) => [s.properties.id, s]));
    this._villages = new Map(villages.map((v) => [v.properties.id, v]));
    this._options = options;
  }

  /** The village by id, or 404. */
  village(villageId: string): VillageFeature {
    const v = this._villages.get(villageId);
    if (!v) throw new NotFoundError(`to: no village with id ${JSON.stringify(villageId)}; see /collections/villages/items for the ids`);
    return v;
  }

  /** The site nearest to a point (by great-circle distance). */
  nearestSite(pt: readonly number[]): SiteFeature | null {
    let best: SiteFeature | null = null;
    let bestM = Infinity;
    for (const s of this._sites.values()) {
      const d = haversineDistanceM(s.geometry.coordinates, pt);
      if (d < bestM) {
        bestM = d;
        best = s;
      }
    }
    return best;
  }

  /**
   * The profile from a site to a village. `siteId` null: `bestSiteId` (the village's best server,
   * when known) or else the nearest site.
   */
  profile(siteId: string | null, villageId: string, bestSiteId: string | null = null): ProfileAnswer {
    const village = this.village(villageId);
    const to = representativePoint(village.geometry);
    let chosenBy: ProfileAnswer['chosenBy'] = 'given';
    let site: SiteFeature | null | undefined;
    if (siteId !== null) {
      site = this._sites.get(siteId);
      if (!site) throw new NotFoundError(`from: no site with id ${JSON.stringify(siteId)}; see /collections/sites/items for the ids`);
    } else if (bestSiteId !== null && this._sites.has(bestSiteId)) {
      site = this._sites.get(bestSiteId);
      chosenBy = 'best-server';
    } else {
      site = this.nearestSite(to);
      chosenBy = 'nearest';
      if (!site) throw new NotFoundError('from: there are no sites to draw a profile from');
    }
    const sp = site!.properties;
    const from = site!.geometry.coordinates;
    const k = this._options.kFactor;
    const rxHeightM = this._options.rxHeightM;
    const profile = terrainProfile(this._dem, from, to);
    const n = profile.elevationsM.length;
    const curved = withEarthBulge(profile, k);
    const los = lineOfSight(profile, sp.antennaHeightM, rxHeightM, k);
    // first blocked sample along the path (lineOfSight reports the tightest one)
    let obstruction: ProfileAnswer['lineOfSight']['obstruction'] = null;
    if (!los.clear) {
      const hA = profile.elevationsM[0] + sp.antennaHeightM;
      const hB = profile.elevationsM[n - 1] + rxHeightM;
      for (let i = 1; i < n - 1; i++) {
        const x = i * profile.stepM;
        const c = hA + ((hB - hA) * x) / profile.distanceM - curved[i];
        if (c < 0) {
          obstruction = { index: i, distanceM: r1(x), groundCurvedM: r1(curved[i]), clearanceM: r1(c) };
          break;
        }
      }
    }
    const freqs = [...new Set(sp.cells.map((c) => c.freqMHz))].sort((a, b) => a - b);
    const fresnelFreq = freqs[0];
    const distancesM: number[] = [];
    const radiusM: number[] = [];
    for (let i = 0; i < n; i++) {
      const x = i * profile.stepM;
      distancesM.push(r1(x));
      radiusM.push(r1(i === 0 || i === n - 1 ? 0 : fresnelRadiusM(x, profile.distanceM - x, fresnelFreq)));
    }
    const losses = freqs.map((freqMHz) => ({
      freqMHz,
      techs: [...new Set(sp.cells.filter((c) => c.freqMHz === freqMHz).map((c) => c.tech))].sort() as Tech[],
      models: MODEL_IDS.map((modelId): ModelLoss => {
        const name = getModel(modelId).name;
        try {
          const res = predict(modelId, { freqMHz, txHeightM: sp.antennaHeightM, rxHeightM, distanceM: profile.distanceM, profile });
          return { modelId, name, lossDb: r2(res.lossDb), warnings: res.warnings };
        } catch (err) {
          return { modelId, name, lossDb: null, warnings: [], error: err instanceof Error ? err.message : String(err) };
        }
      }),
    }));
    return {
      from: { siteId: sp.id, name: sp.name, operator: sp.operator, lon: from[0], lat: from[1], groundM: r1(sampleBilinear(this._dem, from[0], from[1])), antennaHeightM: sp.antennaHeightM },
      to: { villageId: village.properties.id, name: village.properties.name, lon: to[0], lat: to[1], groundM: r1(sampleBilinear(this._dem, to[0], to[1])), rxHeightM },
      chosenBy,
      distanceM: r1(profile.distanceM),
      stepM: r2(profile.stepM),
      kFactor: k,
      distancesM,
      groundM: Array.from(profile.elevationsM, r1),
      groundCurvedM: Array.from(curved, r1),
      lineOfSight: { clear: los.clear, minClearanceM: r1(los.clearanceM), obstruction },
      fresnel: { freqMHz: fresnelFreq, radiusM },
      losses,
    };
  }
}
