/**
 * The coverage endpoints, one typed function each: /api/coverage/status, /api/coverage/legend,
 * /api/coverage/point, POST /api/coverage/preview and /api/profile (answers: core/wire/coverage.ts).
 */
import type { Feature, Point } from 'geojson';
import type { SiteProperties } from '../../core/model/types';
import type { CoverageLegend, CoverageStatus, PointAnswer, PreviewAnswer, ProfileAnswer } from '../../core/wire';
import { call, getJson } from './http';
import { scoped } from './scenario';

/** How far the coverage of the network on screen (or of `scenario`) is. */
export const coverageStatus = (scenario?: string | null): Promise<CoverageStatus> => getJson(scoped('/api/coverage/status', scenario));

/** The colour classes of a technology. */
export const coverageLegend = (tech: string): Promise<CoverageLegend> => getJson(`/api/coverage/legend?tech=${encodeURIComponent(tech)}`);

/** The predicted level per technology at a point, on the network on screen (or `scenario`'s); ApiFailure 503 while the coverage computes. */
export const coveragePoint = (lon: number, lat: number, scenario?: string | null): Promise<PointAnswer> => getJson(scoped(`/api/coverage/point?lon=${lon.toFixed(6)}&lat=${lat.toFixed(6)}`, scenario));

/** The terrain profile to a village from `siteId`, or from its best server when null. */
export const terrainProfile = (villageId: string, siteId: string | null = null): Promise<ProfileAnswer> =>
  getJson(scoped(`/api/profile?to=${encodeURIComponent(villageId)}${siteId ? `&from=${encodeURIComponent(siteId)}` : ''}`));

/** What a station covers, against the network on screen (or `scenario`'s). */
export const previewStation = async (site: Feature<Point, SiteProperties>, scenario?: string | null): Promise<PreviewAnswer> =>
  (await call<PreviewAnswer>('POST', scoped('/api/coverage/preview', scenario), site)).body;
