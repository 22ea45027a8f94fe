/**
 * Coverage preview of a hypothetical site: its received level per technology on the coarse (3″)
 * DEM within a short radius, contoured at each technology's threshold into GeoJSON polygons, with
 * the area covered and the villages it reaches (and, once the province composite is ready, the
 * villages it newly covers) — by the gap analysis's own rule (core/gaps/serves.ts).
 */
import type { PreviewAnswer } from '../wire/coverage';
import type { Feature, MultiPolygon } from 'geojson';
import { signalLegend } from '../color/signalRamp';
import type { CoverageGrid, CoverageOptions, SiteCoverage } from '../coverage';
import { contourPolygons } from '../coverage/contour';
import { levelsAtCells } from '../coverage/levelsAt';
import { InputError } from '../errors';
import { resolveGapOptions, type GapOptions } from '../gaps/options';
import { cellsOf, gapCellTable, servedBy, thresholdsFor, villageCellTable, villagesWithin, type CellGrid } from '../gaps/serves';
import type { VillageStatus } from '../gaps/types';
import { METRES_PER_DEGREE } from '../geo/geodesy';
import { validateSites } from '../model/validate';
import type { SiteFeature, Tech, VillageFeature } from '../model/types';

export interface PreviewOptions {
  /** Radius around the site, metres. */
  radiusM: number; // 15000: enough to judge a rural macro site, answered within about a second
  /** 'itm' or 'p526'; both have fast radial paths. */
  modelId: string; // 'itm'
}

export const PREVIEW_DEFAULTS: Readonly<PreviewOptions> = Object.freeze({ radiusM: 15000, modelId: 'itm' });

/** One technology's polygon properties (the wire contract's). */
export type PreviewTechProperties = PreviewAnswer['features'][number]['properties'];
/** The preview's answer (the wire contract's). */
export type { PreviewAnswer };

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

/** The preview options merged over the defaults and checked. */
export function previewOptions(options: Partial<PreviewOptions> = {}): PreviewOptions {
  const o = { ...PREVIEW_DEFAULTS, ...options };
  if (o.modelId !== 'itm' && o.modelId !== 'p526') throw new InputError(`model: expected itm or p526, got ${JSON.stringify(o.modelId)}`);
  return o;
}

/** The network a preview is judged against. */
export interface PreviewNetwork {
  /** The coverage grid (the pipeline's DEM) the site's raster is on. */
  grid: CellGrid;
  villages: readonly VillageFeature[];
  /** The province composite and its village statuses; null while they compute. */
  composite: CoverageGrid | null;
  status: readonly VillageStatus[] | null;
  /** The network's gap options: the village rule and the thresholds. */
  gapOptions: Partial<GapOptions>;
}

/**
 * The preview from a site's coverage (CoveragePipeline.preview).
 *
 * @example
 * const cov = await pipeline.preview(coverageSite(site), 15000, 'itm');
 * const started = performance.now();
 * previewFromCoverage(cov, site, { grid: pipeline.dem, villages, composite, status, gapOptions: {} }, options, previewOptions({}), () => performance.now() - started);
 */
export function previewFromCoverage(
  cov: SiteCoverage,
  site: SiteFeature,
  net: PreviewNetwork,
  coverageOptions: Readonly<CoverageOptions>,
  o: PreviewOptions,
  /** Milliseconds since the request came, read as the answer is made (the caller's clock: core has none). */
  elapsedMs: () => number,
): PreviewAnswer {
  const t = cov.transform;
  const cellKm2 = (row: number): number => {
    const latR = ((t[3] + (row + 0.5) * t[5]) * Math.PI) / 180;
    const k = METRES_PER_DEGREE / 1000;
    return Math.abs(t[1] * t[5]) * k * k * Math.cos(latR);
  };
  const gapO = resolveGapOptions(net.gapOptions);
  const thr = thresholdsFor(net.composite ?? coverageOptions, gapO);
  const [lon, lat] = site.geometry.coordinates;
  // the villages it reaches by the gap rule (judged on this site alone), and the gap villages it brings to signal
  const villageRows = (rows: number[], index: number[]) => rows.map((v) => net.villages[index[v]]);
  const all = villageCellTable(net.villages, net.grid, gapO);
  const near = villagesWithin(all.table, lon, lat, o.radiusM);
  const levels = levelsAtCells(cov, net.grid, cellsOf(all.table, near));
  const reached = (techs: readonly Tech[]) => villageRows(servedBy(levels, near, all.table, { techs, thresholdsDbm: thr }), all.index);
  const newly = (tech: Tech | null): VillageFeature[] | null => {
    if (!net.composite || !net.status) return null;
    const gaps = gapCellTable(net.villages, net.status, net.composite, { ...gapO, tech });
    const rows = villagesWithin(gaps.table, lon, lat, o.radiusM);
    return villageRows(servedBy(levelsAtCells(cov, net.grid, cellsOf(gaps.table, rows)), rows, gaps.table, gaps.scope), gaps.index);
  };
  const anyCovered = new Uint8Array(cov.width * cov.height);
  const features: Feature<MultiPolygon, PreviewTechProperties>[] = [];
  for (const tech of Object.keys(cov.levelDbm).sort() as Tech[]) {
    const level = cov.levelDbm[tech]!;
    let areaKm2 = 0;
    for (let r = 0; r < cov.height; r++) {
      const a = cellKm2(r);
      for (let c = 0; c < cov.width; c++) {
        if (level[r * cov.width + c] >= thr[tech]) {
          areaKm2 += a;
          anyCovered[r * cov.width + c] = 1;
        }
      }
    }
    features.push({
      type: 'Feature',
      properties: {
        tech, quantity: signalLegend(tech, thr[tech]).quantity, thresholdDbm: thr[tech],
        areaKm2: round2(areaKm2), villagesCovered: reached([tech]).length, villagesNewlyCovered: newly(tech)?.length ?? null,
      },
      geometry: contourPolygons({ width: cov.width, height: cov.height, transform: t, data: level }, thr[tech]),
    });
  }
  let areaKm2 = 0;
  for (let r = 0; r < cov.height; r++) for (let c = 0; c < cov.width; c++) if (anyCovered[r * cov.width + c]) areaKm2 += cellKm2(r);
  const newlyCovered = newly(null);
  return {
    type: 'FeatureCollection',
    features,
    summary: {
      siteId: site.properties.id,
      modelId: o.modelId,
      radiusM: o.radiusM,
      cellArcSec: Math.round(t[1] * 3600 * 100) / 100,
      areaKm2: round2(areaKm2),
      villagesCovered: reached(gapO.techs).length,
      villagesNewlyCovered: newlyCovered ? newlyCovered.length : null,
      newlyCoveredVillages: (newlyCovered ?? []).slice(0, 100).map((v) => ({ id: v.properties.id, name: v.properties.name, population: v.properties.population })),
      elapsedMs: Math.round(elapsedMs()),
    },
  };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
