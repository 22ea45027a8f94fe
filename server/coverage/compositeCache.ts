/**
 * The province composite on disk, next to the per-site files: when no site, option or the DEM
 * changed since the last run, the whole composite is read back at once instead of merging every
 * site again. File `province-<key>.comp`, deflated: "CGCP" · u8 version · u32 header length ·
 * JSON header {width, height, transform, thresholdsDbm, siteIds, layers: [{tech, operator}], skipped} ·
 * per layer bestDbm (Float32), serverCount (Uint16), bestSite (Int32), little-endian.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { compositeKey, type Composite, type CompositeLayer } from '../../core/coverage/composite';
import type { Tech } from '../../core/model/types';

const MAGIC = 'CGCP';
const VERSION = 2; // 2: the site table (siteIds) in the header

/** The key of a province run: every site's cache key with its id and operator, in order, and the settings. */
export function provinceKey(siteKeys: readonly string[], siteIds: readonly string[], operators: readonly string[], settings: unknown): string {
  return createHash('sha256').update(JSON.stringify({ v: VERSION, siteKeys, siteIds, operators, settings })).digest('hex');
}

export interface StoredComposite {
  composite: Composite;
  skipped: { siteId: string; reason: string }[];
}

/**
 * Writes the composite atomically under `dir`.
 *
 * @example
 * writeComposite(cache.dir, key, { composite, skipped });
 */
export function writeComposite(dir: string, key: string, stored: StoredComposite): void {
  const c = stored.composite;
  const layers = [...c.layers.values()];
  const n = c.width * c.height;
  const json = JSON.stringify({
    width: c.width, height: c.height, transform: c.transform, thresholdsDbm: c.thresholdsDbm, siteIds: c.siteIds,
    layers: layers.map((l) => ({ tech: l.tech, operator: l.operator })), skipped: stored.skipped,
  });
  const pad = (4 - ((9 + Buffer.byteLength(json)) % 4)) % 4; // 4-byte aligned arrays
  const header = Buffer.from(json + ' '.repeat(pad));
  const parts: Buffer[] = [Buffer.alloc(9), header];
  parts[0].write(MAGIC, 0, 'latin1');
  parts[0].writeUInt8(VERSION, 4);
  parts[0].writeUInt32LE(header.length, 5);
  for (const l of layers) {
    parts.push(Buffer.from(l.bestDbm.buffer, l.bestDbm.byteOffset, n * 4));
    parts.push(Buffer.from(l.serverCount.buffer, l.serverCount.byteOffset, n * 2), Buffer.alloc((n * 2) % 4));
    parts.push(Buffer.from(l.bestSite.buffer, l.bestSite.byteOffset, n * 4));
  }
  const path = join(dir, `province-${key}.comp`);
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(tmp, deflateSync(Buffer.concat(parts), { level: 1 }));
    renameSync(tmp, path);
  } catch (err) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw err;
  }
}

/** The stored composite under `key`, or null when missing, truncated or corrupt. */
export function readComposite(dir: string, key: string): StoredComposite | null {
  if (endianness() !== 'LE') return null; // stored little-endian; recompute elsewhere
  let raw: Buffer;
  try {
    raw = inflateSync(readFileSync(join(dir, `province-${key}.comp`)));
  } catch {
    return null;
  }
  if (raw.length < 9 || raw.toString('latin1', 0, 4) !== MAGIC || raw.readUInt8(4) !== VERSION) return null;
  const hl = raw.readUInt32LE(5);
  let h: { width: number; height: number; transform: Composite['transform']; thresholdsDbm: Composite['thresholdsDbm']; siteIds: string[]; layers: { tech: Tech; operator: string | null }[]; skipped: StoredComposite['skipped'] };
  try {
    h = JSON.parse(raw.toString('utf8', 9, 9 + hl));
  } catch {
    return null;
  }
  const n = h.width * h.height;
  const per = n * 4 + n * 2 + ((n * 2) % 4) + n * 4;
  if (!Number.isInteger(n) || !Array.isArray(h.layers) || !Array.isArray(h.siteIds) || raw.length !== 9 + hl + h.layers.length * per) return null;
  if ((raw.byteOffset + 9 + hl) % 4 !== 0) raw = Buffer.from(raw);
  const composite: Composite = {
    width: h.width, height: h.height, transform: h.transform, thresholdsDbm: h.thresholdsDbm, layers: new Map(),
    siteIds: h.siteIds, siteNumbers: new Map(h.siteIds.map((id, i) => [id, i])),
  };
  let off = raw.byteOffset + 9 + hl;
  for (const { tech, operator } of h.layers) {
    const layer: CompositeLayer = {
      tech, operator,
      bestDbm: new Float32Array(raw.buffer.slice(off, off + n * 4)),
      serverCount: new Uint16Array(raw.buffer.slice(off + n * 4, off + n * 6)),
      bestSite: new Int32Array(raw.buffer.slice(off + n * 6 + ((n * 2) % 4), off + per)),
    };
    composite.layers.set(compositeKey(tech, operator), layer);
    off += per;
  }
  return { composite, skipped: h.skipped };
}
