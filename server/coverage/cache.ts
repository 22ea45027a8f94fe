/**
 * Disk cache of per-site coverage rasters, under `<dataDir>/coverage-cache/`.
 *
 * Key: sha256 of the site's radio parameters (position, antenna height, cells — not its id, name
 * or operator), the DEM's fingerprint (size, transform and a sha256 of its cells, computed once per
 * grid), and the resolved coverage options (model id and every model parameter included).
 * File: `<key>.cov`, deflated (zlib, with its Adler-32 check) from
 *   "CGCV" · u8 version · u32 header length · JSON header {width, height, transform, col0, row0,
 *   techs} · per technology Int16 little-endian dBm × 10 (−32768 = no value).
 * Writes are atomic (temporary file, then rename). A missing, truncated or corrupt file reads as a
 * miss (and the caller recomputes and rewrites it).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import type { CoverageOptions } from '../../core/coverage/options';
import type { SiteCoverage } from '../../core/coverage/types';
import type { DemGrid, Tech } from '../../core/model/types';
import type { CoverageSite } from './protocol';

const MAGIC = 'CGCV';
/** Bumped when the file layout or the engine's results change (old files then miss). */
export const CACHE_FORMAT_VERSION = 2;
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
  return createHash('sha256').update(JSON.stringify({ v: CACHE_FORMAT_VERSION, dem: demFp, radio, options, extra })).digest('hex');
}

/**
 * Rounds levels to the stored resolution (0.1 dB) in place, so a computed raster equals its cached
 * copy bit for bit.
 */
export function quantizeCoverage(cov: SiteCoverage): SiteCoverage {
  for (const a of Object.values(cov.levelDbm) as Float32Array[]) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v === v) a[i] = Math.max(NO_VALUE + 1, Math.min(32767, Math.round(v * 10))) / 10;
    }
  }
  return cov;
}

/** The compact bytes of a site's coverage. */
export function encodeCoverage(cov: SiteCoverage): Uint8Array {
  const techs = Object.keys(cov.levelDbm) as Tech[];
  const json = JSON.stringify({ width: cov.width, height: cov.height, transform: cov.transform, col0: cov.col0, row0: cov.row0, techs });
  // pad with spaces so the Int16 data starts at an even offset
  const header = Buffer.from(json + ((9 + Buffer.byteLength(json)) % 2 === 1 ? ' ' : ''));
  const n = cov.width * cov.height;
  const raw = Buffer.alloc(4 + 1 + 4 + header.length + techs.length * n * 2);
  raw.write(MAGIC, 0, 'latin1');
  raw.writeUInt8(CACHE_FORMAT_VERSION, 4);
  raw.writeUInt32LE(header.length, 5);
  header.copy(raw, 9);
  const q = new Int16Array(raw.buffer, raw.byteOffset + 9 + header.length, techs.length * n);
  techs.forEach((tech, t) => {
    const a = cov.levelDbm[tech] as Float32Array;
    for (let i = 0; i < n; i++) {
      const v = a[i];
      q[t * n + i] = v === v ? Math.max(NO_VALUE + 1, Math.min(32767, Math.round(v * 10))) : NO_VALUE;
    }
  });
  if (!LITTLE_ENDIAN) swapData(raw, 9 + header.length);
  return deflateSync(raw, { level: 1 });
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
  if (9 + hl > raw.length) return null;
  let h: { width: number; height: number; transform: SiteCoverage['transform']; col0: number; row0: number; techs: Tech[] };
  try {
    h = JSON.parse(raw.toString('utf8', 9, 9 + hl));
  } catch {
    return null;
  }
  const n = h.width * h.height;
  if (!Number.isInteger(n) || !Array.isArray(h.techs) || raw.length !== 9 + hl + h.techs.length * n * 2) return null;
  if ((raw.byteOffset + 9 + hl) % 2 !== 0) raw = Buffer.from(raw); // a fresh, aligned copy
  if (!LITTLE_ENDIAN) swapData(raw, 9 + hl);
  const q = new Int16Array(raw.buffer, raw.byteOffset + 9 + hl, h.techs.length * n);
  const levelDbm: SiteCoverage['levelDbm'] = {};
  h.techs.forEach((tech, t) => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const v = q[t * n + i];
      a[i] = v === NO_VALUE ? NaN : v / 10;
    }
    levelDbm[tech] = a;
  });
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
    const path = this.pathOf(key);
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      writeFileSync(tmp, encodeCoverage(cov));
      renameSync(tmp, path);
    } catch (err) {
      try { unlinkSync(tmp); } catch { /* already gone */ }
      throw err;
    }
  }
}
