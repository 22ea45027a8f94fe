/**
 * Coverage raster tiles: the best-server level of one composite layer (a technology, all operators
 * or one), coloured with the signal ramp (core/color/signalRamp.ts), transparent below the
 * threshold and where no site reaches. Each pixel centre takes the composite cell it falls in.
 */
import { createHash } from 'node:crypto';
import { signalLut, signalLutIndex } from '../../core/color/signalRamp';
import { compositeKey, type CoverageGrid, type LayerReader } from '../../core/coverage';
import { tileBounds, tilePixelCentres } from '../../core/geo/tiles';
import type { Tech } from '../../core/model/types';
import { encodePng } from '../http/png';
import { LRUCache } from 'lru-cache';

export interface CoverageTile {
  png: Buffer;
  /** Strong ETag (quoted): the composite version and the tile's key. */
  etag: string;
}

/**
 * Renders and caches coverage tiles of one composite (make a new one when the composite changes).
 *
 * @example
 * const tiles = new CoverageTiles(composite, version);
 * const { png } = tiles.tile(10, 814, 450, '4G', null);
 */
export class CoverageTiles {
  readonly tileSize: number;
  private readonly _comp: CoverageGrid;
  private readonly _version: string;
  private readonly _cache: LRUCache<string, CoverageTile>;
  private readonly _lons: Float64Array;
  private readonly _lats: Float64Array;
  private _empty: Buffer | null = null;

  constructor(composite: CoverageGrid, version: string, options: { tileSize?: number; cacheTiles?: number } = {}) {
    this._comp = composite;
    this._version = version;
    this.tileSize = options.tileSize ?? 256; // MapLibre's raster default
    this._cache = new LRUCache({ max: options.cacheTiles ?? 1024 }); // RGBA tiles are small: mostly transparent
    this._lons = new Float64Array(this.tileSize);
    this._lats = new Float64Array(this.tileSize);
  }

  /** The tile of layer (tech, operator); operator null = all operators. An unknown operator paints nothing. */
  tile(z: number, x: number, y: number, tech: Tech, operator: string | null): CoverageTile {
    const key = `${compositeKey(tech, operator)}/${z}/${x}/${y}`;
    const hit = this._cache.get(key);
    if (hit) return hit;
    const etag = `"${createHash('sha1').update(`${this._version}|${key}`).digest('base64url')}"`;
    const layer = this._comp.layer(compositeKey(tech, operator));
    const png = layer && this._overlaps(z, x, y) ? this._render(z, x, y, layer, this._comp.thresholdsDbm[tech]) : this._emptyPng();
    const tile = { png, etag };
    this._cache.set(key, tile);
    return tile;
  }

  private _overlaps(z: number, x: number, y: number): boolean {
    const b = tileBounds(z, x, y);
    const t = this._comp.transform;
    const e = t[0] + this._comp.width * t[1];
    const s = t[3] + this._comp.height * t[5];
    return !(b[2] <= t[0] || b[0] >= e || b[3] <= s || b[1] >= t[3]);
  }

  private _render(z: number, x: number, y: number, layer: LayerReader, thresholdDbm: number): Buffer {
    const size = this.tileSize;
    const { width, height, transform: t } = this._comp;
    const lut = signalLut(thresholdDbm);
    tilePixelCentres(z, x, y, size, this._lons, this._lats);
    const rgba = new Uint8Array(size * size * 4);
    // each pixel: the composite cell under its centre, its level through the colour table
    for (let j = 0; j < size; j++) {
      const row = Math.floor((this._lats[j] - t[3]) / t[5]);
      if (row < 0 || row >= height) continue;
      const base = row * width;
      for (let i = 0; i < size; i++) {
        const col = Math.floor((this._lons[i] - t[0]) / t[1]);
        if (col < 0 || col >= width) continue;
        const k = signalLutIndex(lut, layer.best(base + col));
        if (k < 0 || lut.rgba[k + 3] === 0) continue;
        const p = (j * size + i) * 4;
        rgba[p] = lut.rgba[k];
        rgba[p + 1] = lut.rgba[k + 1];
        rgba[p + 2] = lut.rgba[k + 2];
        rgba[p + 3] = 255;
      }
    }
    return encodePng(rgba, size, size, 4, 4);
  }

  private _emptyPng(): Buffer {
    this._empty ??= encodePng(new Uint8Array(this.tileSize * this.tileSize * 4), this.tileSize, this.tileSize, 4);
    return this._empty;
  }
}
