/**
 * Coverage preview of a hypothetical site: its received level per technology on the coarse (3″)
 * DEM within a short radius, contoured at each technology's threshold into GeoJSON polygons, with
 * the area covered and the villages it reaches (and, once the province composite is ready, the
 * villages it newly covers).
 */
import { centroid } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { signalLegend } from '../../core/color/signalRamp';
import { compositeKey, type CoverageGrid, type CoverageOptions, type SiteCoverage } from '../../core/coverage';
import { contourPolygons } from '../../core/coverage/contour';
import { InputError } from '../../core/errors';
import { EARTH_MEAN_RADIUS_M } from '../../core/geo/geodesy';
import { validateSites } from '../../core/model/validate';
import type { DemGrid, SiteFeature, Tech, VillageFeature } from '../../core/model/types';

export interface PreviewOptions {
  /** Radius around the site, metres. */
  radiusM: number; // 15000: enough to judge a rural macro site, answered within about a second
  /** 'itm' or 'p526'; both have fast radial paths. */
  modelId: string; // 'itm'
}

export const PREVIEW_DEFAULTS: Readonly<PreviewOptions> = Object.freeze({ radiusM: 15000, modelId: 'itm' });

export interface PreviewTechProperties {
  tech: Tech;
  quantity: string;
  thresholdDbm: number;
  areaKm2: number;
  villagesCovered: number;
  /** Villages covered here and not (in this technology) by the province composite; null while it computes. */
  villagesNewlyCovered: number | null;
}

export interface PreviewAnswer extends FeatureCollection<MultiPolygon, PreviewTechProperties> {
  summary: {
    siteId: string;
    modelId: string;
    radiusM: number;
    /** Cell size of the DEM used, arc-seconds. */
    cellArcSec: number;
    /** Area where any technology reaches its threshold, km². */
    areaKm2: number;
    villagesCovered: number;
    /** Villages without any signal in the province composite that this site covers; null while it computes. */
    villagesNewlyCovered: number | null;
    newlyCoveredVillages: { id: string; name: string; population: number }[];
    elapsedMs: number;
  };
}

/** Fills the fields a hypothetical site may leave out, then validates it as one site; problems name `site.…`. */
export function parsePreviewSite(body: unknown): SiteFeature {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InputError(`site: expected a GeoJSON Feature with a Point geometry and site properties, got ${body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body}`);
  }
  const f = body as { properties?: unknown };
  const p = f.properties && typeof f.properties === 'object' && !Array.isArray(f.properties) ? f.properties : null;
  // the planning fields do not change coverage: defaults for what a quick "what if" omits
  const properties = p ? { id: 'preview', name: 'Preview', status: 'candidate', power: 'grid', backhaul: 'fiber', ...p } : f.properties;
  try {
    return validateSites({ type: 'FeatureCollection', features: [{ ...f, properties }] }, 'site').features[0] as SiteFeature;
  } catch (err) {
    if (err instanceof InputError) throw new InputError(err.message.replace(/^site: features\[0\]\./, 'site: ').replace(/features\[0\]\./g, ''));
    throw err;
  }
}

/** Point of a village: its settlement point, or its polygon's centroid. */
export function villagePoint(v: VillageFeature): [number, number] {
  if (v.geometry.type === 'Point') return v.geometry.coordinates as [number, number];
  return centroid(v).geometry.coordinates as [number, number];
}

/** The preview options merged over the defaults and checked. */
export function previewOptions(options: Partial<PreviewOptions> = {}): PreviewOptions {
  const o = { ...PREVIEW_DEFAULTS, ...options };
  if (o.modelId !== 'itm' && o.modelId !== 'p526') throw new InputError(`model: expected itm or p526, got ${JSON.stringify(o.modelId)}`);
  return o;
}

/**
 * The preview from a site's coverage (CoveragePipeline.preview).
 *
 * @example
 * const cov = await pipeline.preview(coverageSite(site), 15000, 'itm');
 * previewFromCoverage(cov, site, villages, composite, options, previewOptions({}), performance.now());
 */
export function previewFromCoverage(
  cov: SiteCoverage,
  site: SiteFeature,
  villages: readonly VillageFeature[],
  composite: CoverageGrid | null,
  coverageOptions: Readonly<CoverageOptions>,
  o: PreviewOptions,
  started: number,
): PreviewAnswer {
  const t = cov.transform;
  const cellKm2 = (row: number): number => {
    const latR = ((t[3] + (row + 0.5) * t[5]) * Math.PI) / 180;
    const k = (EARTH_MEAN_RADIUS_M * Math.PI) / 180 / 1000;
    return Math.abs(t[1] * t[5]) * k * k * Math.cos(latR);
  };
  // villages inside the window, with their cell
  const inWindow: { v: VillageFeature; j: number; pt: [number, number] }[] = [];
  for (const v of villages) {
    const pt = villagePoint(v);
    const c = Math.floor((pt[0] - t[0]) / t[1]);
    const r = Math.floor((pt[1] - t[3]) / t[5]);
    if (c >= 0 && r >= 0 && c < cov.width && r < cov.height) inWindow.push({ v, j: r * cov.width + c, pt });
  }
  const compLevel = (tech: Tech, pt: [number, number]): number => {
    if (!composite) return NaN;
    const ct = composite.transform;
    const c = Math.floor((pt[0] - ct[0]) / ct[1]);
    const r = Math.floor((pt[1] - ct[3]) / ct[5]);
    if (c < 0 || r < 0 || c >= composite.width || r >= composite.height) return NaN;
    return composite.layer(compositeKey(tech))?.best(r * composite.width + c) ?? NaN;
  };
  const anyCovered = new Uint8Array(cov.width * cov.height);
  const villagesAny = new Set<VillageFeature>();
  const features: Feature<MultiPolygon, PreviewTechProperties>[] = [];
  for (const tech of Object.keys(cov.levelDbm).sort() as Tech[]) {
    const level = cov.levelDbm[tech]!;
    const thr = coverageOptions.thresholdsDbm[tech];
    let areaKm2 = 0;
    for (let r = 0; r < cov.height; r++) {
      const a = cellKm2(r);
      for (let c = 0; c < cov.width; c++) {
        if (level[r * cov.width + c] >= thr) {
          areaKm2 += a;
          anyCovered[r * cov.width + c] = 1;
        }
      }
    }
    let covered = 0;
    let newly = 0;
    for (const w of inWindow) {
      if (!(level[w.j] >= thr)) continue;
      covered++;
      villagesAny.add(w.v);
      if (!(compLevel(tech, w.pt) >= thr)) newly++;
    }
    features.push({
      type: 'Feature',
      properties: {
        tech, quantity: signalLegend(tech, thr).quantity, thresholdDbm: thr,
        areaKm2: round2(areaKm2), villagesCovered: covered, villagesNewlyCovered: composite ? newly : null,
      },
      geometry: contourPolygons({ width: cov.width, height: cov.height, transform: t, data: level }, thr),
    });
  }
  let areaKm2 = 0;
  for (let r = 0; r < cov.height; r++) for (let c = 0; c < cov.width; c++) if (anyCovered[r * cov.width + c]) areaKm2 += cellKm2(r);
  const newlyCovered = composite
    ? [...villagesAny].filter((v) => {
      const pt = villagePoint(v);
      return !(Object.keys(composite.thresholdsDbm) as Tech[]).some((tech) => compLevel(tech, pt) >= composite.thresholdsDbm[tech]);
    })
    : [];
  return {
    type: 'FeatureCollection',
    features,
    summary: {
      siteId: site.properties.id,
      modelId: o.modelId,
      radiusM: o.radiusM,
      cellArcSec: Math.round(t[1] * 3600 * 100) / 100,
      areaKm2: round2(areaKm2),
      villagesCovered: villagesAny.size,
      villagesNewlyCovered: composite ? newlyCovered.length : null,
      newlyCoveredVillages: newlyCovered.slice(0, 100).map((v) => ({ id: v.properties.id, name: v.properties.name, population: v.properties.population })),
      elapsedMs: Math.round(performance.now() - started),
    },
  };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
