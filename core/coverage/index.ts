/**
 * Coverage engine: per-site coverage over the DEM by radial sweeps, and the composite over a
 * province grid.
 *
 * Pipeline
 *  1. options.ts — one options object (model, receiver height, radius, k, ITM options, per-technology
 *     thresholds and the EIRP → reference-signal offsets), resolved and checked at the edge.
 *  2. radials.ts — the DEM window within the radius; radials so that neighbours are one DEM step
 *     apart at 60 % of the radius (radialDensity 0.6: ≈ 0.6 · 2πR / cell); every window cell is assigned the radial sample
 *     nearest its centre, and those samples are flagged as needed.
 *  3. siteCoverage.ts / pathLossGrid — per radial: sample the profile once at the DEM step, then the
 *     loss at every needed sample reusing the prefix (radialLosses.ts, by ranges of radials so a
 *     worker pool can split them). ITM (propagation/itm/itmRadial.ts): prefix sums for N_s and the
 *     least-squares fits, running transmitter horizon, receiver horizon by the upper tangent to a
 *     convex hull, Δh exact at checkpoints (every 20 % of the distance, at least 16 samples) on
 *     every 4th radial and interpolated along and across radials, allocation-free Longley-Rice
 *     (itmFast.ts) exact near the site and every k-th sample farther (k = 6 % of the index),
 *     interpolated in between but never across a change of the transmitter's horizon, of line of
 *     sight or a jump of the receiver's horizon. P.526: Deygout on the prefix (O(n) per point).
 *     Other registry models: point by point.
 *     siteCoverage — per technology, best over the site's cells of EIRP + reference-signal offset −
 *     loss − antenna attenuation (antenna/pattern.ts: 3GPP parabolic sector, or omni), the
 *     vertical angle from the terrain (angles computed once per site); one sweep for all the
 *     site's distinct frequencies (pathLossGrids: profiles, horizons, fits and Δh shared, ITM's
 *     attenuation per frequency); levelsFromLosses is the second half, for callers that compute
 *     the losses elsewhere (server/coverage: worker pool).
 *  4. viewshed.ts — visible / not per cell with the Earth bulge (k = 4/3 ≙ gdal_viewshed -cc 0.75),
 *     the same radial sweep with a running maximum of the horizon angle.
 *  5. composite.ts — best level, server count and best site per cell, per technology and per
 *     technology × operator, merged site by site.
 */
export { COVERAGE_ENGINE_VERSION, DEFAULT_COVERAGE_OPTIONS, resolveCoverageOptions, type CoverageOptions, type PerTech } from './options';
export { pathLossGrid, pathLossGrids, siteCoverage, gatherLossRaster, preparePathLoss, levelsFromLosses, checkSite } from './siteCoverage';
export { radialLossRange } from './radialLosses';
export { viewshed, type ViewshedRaster } from './viewshed';
export { createComposite, mergeSiteCoverage, compositeKey, registerSite, bestSiteId, asGrid, type Composite, type CompositeLayer, type CoverageGrid, type LayerReader } from './composite';
export { planRadials, sampleRadial, type RadialPlan } from './radials';
export type { LossRaster, SiteCoverage, RasterWindow, Transmitter, GeoTransform } from './types';
