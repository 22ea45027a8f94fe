/**
 * Disk cache of per-site coverage rasters, under `<dataDir>/coverage-cache/`.
 *
 * Key: sha256 of the site's radio parameters (position, antenna height, cells — not its id, name
 * or operator), the engine's version (COVERAGE_ENGINE_VERSION), the DEM's fingerprint (size, transform and a sha256 of its cells, computed once per
 * grid), and the resolved coverage options (model id and every model parameter included).
 * File: `<key>.cov`, deflated (zlib, with its Adler-32 check) from
 *   "CGCV" · u8 version · u32 header length · JSON header {width, height, transform, col0, row0,
 *   techs} · per technology, runs over the window in row order: gap of no-value cells and count
 *   of values (each a u32 as two little-endian u16), then the values as Int16 dBm × 10.
 * Writes are atomic (temporary file, then rename). A missing, truncated or corrupt file reads as a
 * miss (and the caller recomputes and rewrites it).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { COVERAGE_ENGINE_VERSION, type CoverageOptions } from '../../core/coverage/options';
import type { SiteCoverage } from '../../core/coverage/types';
import type { DemGrid, Tech } from '../../core/model/types';
import type { CoverageSite } from './protocol';

const MAGIC = 'CGCV';
/** Bumped when the file layout or the engine's results change (old files then miss). */
export const CACHE_FORMAT_VERSION = 3;
const NO_VALUE = -32768;
const LITTLE_ENDIAN = endianness() === 'LE';

/** Swaps the Int16 data after `offset` between little-endian and the platform's order. */
function swapData(raw: Buffer, offset: number): void {
  raw.subarray(offset).swap16();
}

const fingerprints = new WeakMap<DemGrid, string>();

/**
 * A DEM's fingerprint: sha256 of its size, transform and cell bytes (memoised per grid object).
 *
 * @example
 * demFingerprint(dem) // '3f1c…' (64 hex digits)
 */
export function demFingerprint(dem: DemGrid): string {
  let fp = fingerprints.get(dem);
  if (fp === undefined) {
    const h = createHash('sha256');
    h.update(JSON.stringify({ width: dem.width, height: dem.height, transform: dem.transform }));
    h.update(new Uint8Array(dem.data.buffer, dem.data.byteOffset, dem.data.byteLength));
    fp = h.digest('hex');
    fingerprints.set(dem, fp);
  }
  return fp;
}

/**
 * Cache key of one site's coverage (`extra`: any other setting that changes the stored raster).
 *
 * @example
 * siteCacheKey(demFingerprint(dem), site, resolveCoverageOptions({ radiusM: 20000 }))
 */
export function siteCacheKey(demFp: string, site: CoverageSite, options: Readonly<CoverageOptions>, extra: Readonly<Record<string, unknown>> = {}): string {
  const radio = {
    lon: site.lon,
    lat: site.lat,
    antennaHeightM: site.antennaHeightM,
    cells: site.cells.map((c) => [c.tech, c.freqMHz, c.eirpDbm, c.azimuthDeg ?? null, c.beamwidthDeg ?? null, c.downtiltDeg ?? null]),
  };
  // the engine's version too: a change of its numbers must miss every file computed before
  return createHash('sha256').update(JSON.stringify({ v: CACHE_FORMAT_VERSION, engine: COVERAGE_ENGINE_VERSION, dem: demFp, radio, options, extra })).digest('hex');
}

/** A level in the stored unit: tenths of a dB(m), rounded, clamped to the Int16 values a file holds. */
function tenthsDb(v: number): number {
  return Math.max(NO_VALUE + 1, Math.min(32767, Math.round(v * 10)));
}

/**
 * Rounds levels to the stored resolution (0.1 dB) in place, so a computed raster equals its cached
 * copy bit for bit.
 */
export function quantizeCoverage<T extends Pick<SiteCoverage, 'levelDbm'>>(cov: T): T {
  for (const a of Object.values(cov.levelDbm) as Float32Array[]) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v === v) a[i] = tenthsDb(v) / 10;
    }
  }
  return cov;
}

/** Appends one level raster to `w` as runs: [gap, count] (each a u32 as two u16) then count Int16 values. */
function encodeRuns(a: Float32Array, w: Uint16Array, at: number): number {
  const n = a.length;
  let i = 0;
  while (i < n) {
    const start = i;
    while (i < n && a[i] !== a[i]) i++;
    const gap = i - start;
    const valuesAt = at + 4;
    let count = 0;
    while (i < n && a[i] === a[i]) {
      w[valuesAt + count++] = tenthsDb(a[i]) & 0xffff;
      i++;
    }
    w[at] = gap & 0xffff;
    w[at + 1] = gap >>> 16;
    w[at + 2] = count & 0xffff;
    w[at + 3] = count >>> 16;
    at = valuesAt + count;
  }
  return at;
}

/** The compact bytes of a site's coverage. */
export function encodeCoverage(cov: SiteCoverage): Uint8Array {
  const techs = Object.keys(cov.levelDbm) as Tech[];
  const json = JSON.stringify({ width: cov.width, height: cov.height, transform: cov.transform, col0: cov.col0, row0: cov.row0, techs });
  // pad with spaces so the 16-bit words start at an even offset
  const header = Buffer.from(json + ((9 + Buffer.byteLength(json)) % 2 === 1 ? ' ' : ''));
  const n = cov.width * cov.height;
  const raw = Buffer.alloc(9 + header.length + techs.length * (3 * n + 8) * 2);
  raw.write(MAGIC, 0, 'latin1');
  raw.writeUInt8(CACHE_FORMAT_VERSION, 4);
  raw.writeUInt32LE(header.length, 5);
  header.copy(raw, 9);
  const w = new Uint16Array(raw.buffer, raw.byteOffset + 9 + header.length, techs.length * (3 * n + 8));
  let at = 0;
  for (const tech of techs) at = encodeRuns(cov.levelDbm[tech] as Float32Array, w, at);
  const used = raw.subarray(0, 9 + header.length + at * 2);
  if (!LITTLE_ENDIAN) swapData(used, 9 + header.length);
  return deflateSync(used, { level: 1 });
}

/** Decodes `encodeCoverage` bytes; null when they are not a complete, valid file. */
export function decodeCoverage(bytes: Uint8Array, siteId: string, operator: string): SiteCoverage | null {
  let raw: Buffer;
  try {
    raw = inflateSync(bytes);
  } catch {
    return null;
  }
  if (raw.length < 9 || raw.toString('latin1', 0, 4) !== MAGIC || raw.readUInt8(4) !== CACHE_FORMAT_VERSION) return null;
  const hl = raw.readUInt32LE(5);
  if (9 + hl > raw.length || (raw.length - 9 - hl) % 2 !== 0) return null;
  let h: { width: number; height: number; transform: SiteCoverage['transform']; col0: number; row0: number; techs: Tech[] };
  try {
    h = JSON.parse(raw.toString('utf8', 9, 9 + hl));
  } catch {
    return null;
  }
  const n = h.width * h.height;
  if (!Number.isInteger(n) || n < 0 || !Array.isArray(h.techs)) return null;
  if ((raw.byteOffset + 9 + hl) % 2 !== 0) raw = Buffer.from(raw); // a fresh, aligned copy
  if (!LITTLE_ENDIAN) swapData(raw, 9 + hl);
  const words = (raw.length - 9 - hl) / 2;
  const w = new Uint16Array(raw.buffer, raw.byteOffset + 9 + hl, words);
  const q = new Int16Array(raw.buffer, raw.byteOffset + 9 + hl, words);
  const levelDbm: SiteCoverage['levelDbm'] = {};
  let at = 0;
  for (const tech of h.techs) {
    const a = new Float32Array(n).fill(NaN);
    let i = 0;
    while (i < n) {
      if (at + 4 > words) return null;
      const gap = w[at] + w[at + 1] * 65536;
      const count = w[at + 2] + w[at + 3] * 65536;
      at += 4;
      if (i + gap + count > n || at + count > words || gap + count === 0) return null;
      i += gap;
      for (let k = 0; k < count; k++) a[i + k] = q[at + k] / 10;
      i += count;
      at += count;
    }
    levelDbm[tech] = a;
  }
  if (at !== words) return null;
  return { siteId, operator, width: h.width, height: h.height, transform: h.transform, col0: h.col0, row0: h.row0, levelDbm };
}

/** Per-site coverage files in one directory. */
export class CoverageCache {
  readonly dir: string;
  hits = 0;
  misses = 0;

  /**
   * @example
   * const cache = new CoverageCache(join(config.dataDir, 'coverage-cache'));
   */
  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  pathOf(key: string): string {
    return join(this.dir, `${key}.cov`);
  }

  /** The cached coverage under `key` (with the given id and operator), or null on a miss. */
  get(key: string, siteId: string, operator: string): SiteCoverage | null {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.pathOf(key));
    } catch {
      this.misses++;
      return null;
    }
    const cov = decodeCoverage(bytes, siteId, operator);
    if (cov) this.hits++;
    else this.misses++;
    return cov;
  }

  /** Stores `cov` under `key` atomically. */
  put(key: string, cov: SiteCoverage): void {
    writeCoverageFile(this.dir, key, cov);
  }
}

/** Writes `cov` as `<dir>/<key>.cov` atomically (a temporary file, then rename): CoverageCache.put, and a coverage worker. */
export function writeCoverageFile(dir: string, key: string, cov: SiteCoverage): void {
  const path = join(dir, `${key}.cov`);
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(tmp, encodeCoverage(cov));
    renameSync(tmp, path);
  } catch (err) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw err;
  }
}

/** Drops (NaN) the levels more than `floorDb` below their technology's threshold, in place. */
export function applyFloor(cov: Pick<SiteCoverage, 'levelDbm'>, thresholdsDbm: Readonly<Record<Tech, number>>, floorDb: number): void {
  for (const tech of Object.keys(cov.levelDbm) as Tech[]) {
    const a = cov.levelDbm[tech] as Float32Array;
    const floor = thresholdsDbm[tech] - floorDb;
    for (let i = 0; i < a.length; i++) if (a[i] < floor) a[i] = NaN;
  }
}

/**
 * What happens to a freshly computed site raster before it is merged or kept: quantised to the
 * cache's 0.1 dB (so a computed and a cached raster are the same numbers), the levels below the
 * floor dropped, and written to the cache when there is one. The province run and the pipeline
 * do it, on the coverage worker that computed the raster when there is a pool (the deflate and
 * the write then cost the thread that answers HTTP nothing), else on their own thread.
 */
export interface SiteFinish {
  thresholdsDbm: Readonly<Record<Tech, number>>;
  /** Infinity keeps every level. */
  floorDb: number;
  /** Where to keep it: the cache directory and the site's key; null: not kept. */
  store: { dir: string; key: string } | null;
}

export function finishSiteCoverage(cov: SiteCoverage, f: SiteFinish): SiteCoverage {
  // quantizeCoverage then applyFloor, in one pass over each raster (the same numbers)
  for (const tech of Object.keys(cov.levelDbm) as Tech[]) {
    const a = cov.levelDbm[tech] as Float32Array;
    const floor = f.floorDb === Infinity ? -Infinity : f.thresholdsDbm[tech] - f.floorDb;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v !== v) continue;
      a[i] = tenthsDb(v) / 10;
      if (a[i] < floor) a[i] = NaN;
    }
  }
  if (f.store) writeCoverageFile(f.store.dir, f.store.key, cov);
  return cov;
}
