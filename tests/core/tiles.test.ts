import { describe, expect, it } from 'vitest';
import { isValidTile, latToTileY, lonToTileX, tileBounds, tilePixelCentres, tileRange, tileXToLon, tileYToLat, MAX_MERCATOR_LAT } from '../../core/geo/tiles';

describe('core/geo/tiles', () => {
  it('zoom 0 covers the Mercator world', () => {
    const [w, s, e, n] = tileBounds(0, 0, 0);
    expect(w).toBe(-180);
    expect(e).toBe(180);
    expect(n).toBeCloseTo(MAX_MERCATOR_LAT, 10);
    expect(s).toBeCloseTo(-MAX_MERCATOR_LAT, 10);
  });

  it('lon/lat → tile → lon/lat round-trips', () => {
    for (const [lon, lat] of [[106.25786, 22.66568], [-70.5, -33.4], [0, 0], [179.9, 80]]) {
      for (const z of [0, 5, 12, 18]) {
        expect(tileXToLon(lonToTileX(lon, z), z)).toBeCloseTo(lon, 9);
        expect(tileYToLat(latToTileY(lat, z), z)).toBeCloseTo(lat, 9);
      }
    }
  });

  it('known tile: Cao Bằng city at z12 is 3256/1783 (reference: x = (lon+180)/360·2^z, y = (1 − asinh(tan φ)/π)/2·2^z)', () => {
    expect(Math.floor(lonToTileX(106.25786, 12))).toBe(3256);
    expect(Math.floor(latToTileY(22.66568, 12))).toBe(1783);
    const [w, s, e, n] = tileBounds(12, 3256, 1783);
    expect(106.25786).toBeGreaterThan(w);
    expect(106.25786).toBeLessThan(e);
    expect(22.66568).toBeGreaterThan(s);
    expect(22.66568).toBeLessThan(n);
  });

  it('validates tiles', () => {
    expect(isValidTile(0, 0, 0)).toBe(true);
    expect(isValidTile(2, 3, 3)).toBe(true);
    expect(isValidTile(2, 4, 0)).toBe(false);
    expect(isValidTile(2, 0, -1)).toBe(false);
    expect(isValidTile(1.5, 0, 0)).toBe(false);
    expect(isValidTile(15, 0, 0, 14)).toBe(false);
  });

  it('tileRange covers a bbox', () => {
    const [minX, minY, maxX, maxY] = tileRange([106.2, 22.62, 106.3, 22.7], 12);
    expect(minX).toBe(Math.floor(lonToTileX(106.2, 12)));
    expect(maxX).toBe(Math.floor(lonToTileX(106.3, 12)));
    expect(minY).toBe(Math.floor(latToTileY(22.7, 12)));
    expect(maxY).toBe(Math.floor(latToTileY(22.62, 12)));
  });

  it('pixel centres lie inside the tile, half a pixel from its edges', () => {
    const lons = new Float64Array(256);
    const lats = new Float64Array(256);
    tilePixelCentres(10, 814, 450, 256, lons, lats);
    const [w, s, e, n] = tileBounds(10, 814, 450);
    expect(lons[0] - w).toBeCloseTo((e - w) / 512, 12);
    expect(e - lons[255]).toBeCloseTo((e - w) / 512, 12);
    expect(lats[0]).toBeLessThan(n);
    expect(lats[255]).toBeGreaterThan(s);
    for (let i = 1; i < 256; i++) expect(lats[i]).toBeLessThan(lats[i - 1]);
    expect(() => tilePixelCentres(10, 814, 450, 512, lons, lats)).toThrow('tilePixelCentres: lons and lats need 512 slots');
  });
});
