import { Router, type Request } from 'express';
import type { DemGrid } from '../../core/model/types';
import { coverageSite } from '../coverage/pipeline';
import { badRequest } from '../http/errors';
import { ifNoneMatch } from '../http/etag';
import { requireType } from '../http/contentTypes';
import { onlyParams, queryString } from '../http/params';
import { parseTech, type CoverageService } from '../services/coverage';
import type { CoverageRouteDeps } from '../services/coverageSetup';
import { parsePreviewSite, previewFromCoverage, previewOptions } from '../../core/siting/preview';
import type { GapService } from '../services/gaps';
import { representativePoint } from '../../core/gaps/sampling';
import { villageStatus } from '../../core/gaps/villageStatus';
import type { ProfileService } from '../services/profile';
import { viewOf } from './views';
import type { NetworkViews } from '../services/networkViews';
import { demBounds, sampleBilinear } from '../../core/terrain/sample';
import { parseTile } from './tiles';
import type { PreviewAnswer } from '../../core/wire/coverage';

/** Tiles asked with the current version (`?v=`) may be kept a day; others are revalidated by ETag. */
const TILE_CACHE_VERSIONED = 'public, max-age=86400, immutable';
const TILE_CACHE_UNVERSIONED = 'public, max-age=60';
const COVERAGE_MAX_ZOOM = 16;

export type { CoverageRouteDeps };

/**
 * Coverage routes: /tiles/coverage/{z}/{x}/{y}.png, /api/coverage/{status,legend,point,preview} and
 * /api/profile. While the composite computes, composite-backed routes answer 503 problem+json
 * with `progress` ({ state, done, total, percent }) and Retry-After.
 */
export function coverageRoutes(deps: CoverageRouteDeps, views: NetworkViews): Router {
  const router = Router();
  /** The coverage and profiles of the request's network (?scenario=). */
  const of = async (req: Request): Promise<{ coverage: CoverageService; profiles: ProfileService; gaps: GapService | null }> => {
    const v = await viewOf(views, req);
    return { coverage: v.coverage ?? deps.coverage, profiles: v.profiles ?? deps.profiles, gaps: v.gaps ?? null };
  };

  router.get('/api/coverage/status', async (req, res) => {
    onlyParams(req, ['scenario']);
    const { coverage } = await of(req);
    res.set('Cache-Control', 'no-store');
    res.json(coverage.status());
  });

  router.get('/api/coverage/legend', (req, res) => {
    onlyParams(req, ['tech']);
    const tech = parseTech(queryString(req, 'tech'), '4G');
    res.json(deps.coverage.legend(tech));
  });

  router.get('/tiles/coverage/:z/:x/:y.png', async (req, res) => {
    onlyParams(req, ['tech', 'operator', 'v', 'scenario']);
    const { z, x, y } = parseTile(req.params.z, req.params.x, req.params.y, COVERAGE_MAX_ZOOM);
    const { coverage } = await of(req);
    const tech = parseTech(queryString(req, 'tech'), '4G');
    const operator = parseOperator(req, coverage.operators());
    const { png, etag } = coverage.tile(z, x, y, tech, operator);
    const v = queryString(req, 'v');
    res.set('Cache-Control', v === coverage.provider.version ? TILE_CACHE_VERSIONED : TILE_CACHE_UNVERSIONED);
    res.set('ETag', etag);
    if (ifNoneMatch(req.get('if-none-match'), etag)) {
      res.status(304).end();
      return;
    }
    res.type('image/png').send(png);
  });

  router.get('/api/coverage/point', async (req, res) => {
    onlyParams(req, ['lon', 'lat', 'scenario']);
    const { coverage } = await of(req);
    const lon = queryDegrees(req, 'lon', 180);
    const lat = queryDegrees(req, 'lat', 90);
    res.json(coverage.point(lon, lat));
  });

  // the body is parsed by app.ts's jsonBody (size limit, depth, no prototype keys)
  router.post('/api/coverage/preview', async (req, res) => {
    onlyParams(req, ['model', 'scenario']);
    requireType(req, ['application/json', 'application/geo+json'], 'a preview (the site as a GeoJSON Feature)');
    const site = parsePreviewSite(req.body);
    checkOnTerrain(deps.pipeline.dem, site.geometry.coordinates);
    const model = queryString(req, 'model');
    const o = previewOptions({ ...deps.preview, ...(model !== undefined ? { modelId: model } : {}) });
    const { coverage, gaps } = await of(req);
    const provider = coverage.provider;
    // on the pipeline's worker pool when it has one: the event loop stays free
    const started = performance.now();
    const cov = await deps.pipeline.preview(coverageSite(site), o.radiusM, o.modelId);
    // the network's village statuses under its gap rule once its composite is there (newly covered villages)
    const composite = provider.composite() ? coverage.ready() : null;
    const status = composite ? (gaps ? gaps.status() : villageStatus(deps.villages, composite)) : null;
    const network = { grid: deps.pipeline.dem, villages: deps.villages, composite, status, gapOptions: gaps?.options ?? {} };
    const answer = previewFromCoverage(cov, site, network, provider.options, o, () => performance.now() - started);
    res.type('application/geo+json').send(JSON.stringify(answer satisfies PreviewAnswer));
  });

  router.get('/api/profile', async (req, res) => {
    onlyParams(req, ['from', 'to', 'scenario']);
    const { coverage, profiles } = await of(req);
    const to = queryString(req, 'to');
    if (to === undefined || to === '') throw badRequest('to: give the id of a village, e.g. /api/profile?to=V-0001 (and optionally from=<site id>)');
    const from = queryString(req, 'from');
    let best: string | null = null;
    if (from === undefined || from === '') {
      // the village's best server when the composite is there, else the nearest site
      const comp = coverage.provider.composite();
      if (comp) {
        const pt = representativePoint(profiles.village(to).geometry);
        try {
          best = coverage.point(pt[0], pt[1]).bestServer?.siteId ?? null;
        } catch {
          best = null; // off the coverage grid: the nearest site
        }
      }
    }
    res.json(profiles.profile(from === undefined || from === '' ? null : from, to, best));
  });

  return router;
}

/** `operator`: absent, empty or "all" = all operators; else one of the sites' operators (400 otherwise). */
function parseOperator(req: Request, operators: string[]): string | null {
  const op = queryString(req, 'operator');
  if (op === undefined || op === '' || op === 'all') return null;
  if (!operators.includes(op)) throw badRequest(`operator: expected all or one of ${operators.join(', ')}, got ${JSON.stringify(op)}`);
  return op;
}

/** A required query parameter in degrees within ±limit. */
function queryDegrees(req: Request, name: string, limit: number): number {
  const text = queryString(req, name);
  if (text === undefined || text.trim() === '') throw badRequest(`${name}: missing; give it in decimal degrees from -${limit} to ${limit}`);
  const v = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isFinite(v) || Math.abs(v) > limit) throw badRequest(`${name}: expected decimal degrees from -${limit} to ${limit}, got ${JSON.stringify(text)}`);
  return v;
}

/** 400 when a previewed site stands off the terrain model or on a void (before the engine would say so in its own terms). */
function checkOnTerrain(dem: DemGrid, [lon, lat]: number[]): void {
  if (!Number.isNaN(sampleBilinear(dem, lon, lat))) return;
  const b = demBounds(dem).map((v) => Math.round(v * 1e4) / 1e4).join(', ');
  throw badRequest(`site: geometry.coordinates: the point (${lon}, ${lat}) is outside the terrain model [${b}] (west, south, east, north) or on a void in it; place the site on the province's terrain`);
}
