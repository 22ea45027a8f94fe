/**
 * Messages between the coverage pool (pool.ts) and its workers (workerMain.ts). Rasters travel as
 * SharedArrayBuffers (DEM, need flags, radial losses) or transferred ArrayBuffers (site levels).
 */
import type { CoverageOptions } from '../../core/coverage/options';
import type { RadialPlan } from '../../core/coverage/radials';
import type { SiteCoverage, Transmitter } from '../../core/coverage/types';
import type { SiteProperties, Tech } from '../../core/model/types';
import type { SiteFinish } from './cache';

/**
 * The nice value a coverage worker gives itself by default: the sweeps are background work, below
 * the thread that answers HTTP, so that /api/health, tiles and pages stay fast while the province
 * computes on every core (issue 12). On Linux the nice value is per thread, and setPriority(0, …)
 * from a worker sets only this worker's; alone on the machine the sweeps run as fast as before
 * (nice only weighs threads that compete for a core).
 */
export const WORKER_NICE = 10;

/** What a coverage worker is started with (Worker's workerData). */
export interface CoverageWorkerData {
  /** Its nice value (WORKER_NICE unless the pool was given another); null: the process's, inherited. */
  nice: number | null;
}

/** A site as siteCoverage takes it. */
export type CoverageSite = SiteProperties & { lon: number; lat: number };

/** The DEM, shared by all workers (data on a SharedArrayBuffer). */
export interface DemMessage {
  type: 'dem';
  demId: number;
  width: number;
  height: number;
  transform: [number, number, number, number, number, number];
  data: SharedArrayBuffer;
}

/** Radials of one site split in chunks that the main thread and the workers take in turn. */
export interface RadialsMessage {
  type: 'radials';
  jobId: number;
  demId: number;
  tx: Transmitter;
  freqsMHz: number[];
  options: CoverageOptions;
  plan: Omit<RadialPlan, 'need' | 'cellPoint'>;
  need: SharedArrayBuffer;
  /** One Float32 raster of radial losses per frequency. */
  outs: SharedArrayBuffer[];
  /** Int32 [next chunk to take, chunks finished]. */
  counters: SharedArrayBuffer;
  chunkRadials: number;
  chunkCount: number;
}

/** A plan's rows (planRows) split in bands that the main thread and the workers take in turn. */
export interface PlanMessage {
  type: 'plan';
  jobId: number;
  demId: number;
  tx: Transmitter;
  plan: Omit<RadialPlan, 'need' | 'cellPoint'>;
  need: SharedArrayBuffer;
  cellPoint: SharedArrayBuffer;
  /** Int32 [next band to take, bands finished]. */
  counters: SharedArrayBuffer;
  bandRows: number;
  bandCount: number;
}

/** One whole site on one worker. */
export interface SiteMessage {
  type: 'site';
  jobId: number;
  demId: number;
  site: CoverageSite;
  options: Partial<CoverageOptions>;
  /** Quantise, floor and keep the raster on the worker before it is sent (server/coverage/cache.ts). */
  finish?: SiteFinish;
}

/** One site's levels at a few cells only (core/coverage/levelsAt.ts), on one worker. */
export interface LevelsAtMessage {
  type: 'levelsAt';
  jobId: number;
  demId: number;
  site: CoverageSite;
  options: Partial<CoverageOptions>;
  /** DEM cell indices (row · width + col). */
  cells: Int32Array;
}

export type ToWorker = DemMessage | RadialsMessage | PlanMessage | SiteMessage | LevelsAtMessage;

export type FromWorker =
  | { type: 'radialsDone'; jobId: number }
  | { type: 'planDone'; jobId: number }
  | { type: 'site'; jobId: number; coverage: SiteCoverage }
  | { type: 'levels'; jobId: number; levels: Partial<Record<Tech, Float32Array>> }
  | { type: 'error'; jobId: number; message: string; name: string; path?: string };
