import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latToTileY, lonToTileX, tileBounds } from '../../core/geo/tiles';
import { decodeTerrainRgb } from '../../core/terrain/terrainRgb';
import { crc32, encodePng } from '../../server/http/png';
import { decodePng } from '../../server/http/pngDecode';
import { fixtureDeps, getJson, listen, type TestServer } from './fixture';

let srv: TestServer;
beforeAll(async () => {
  srv = await listen(fixtureDeps());
});
afterAll(async () => {
  await srv?.close();
});

/** The fixture DEM's plane: 200 m + 1000 m·(lon − 106) + 500 m·(lat − 22.4). */
const plane = (lon: number, lat: number): number => 200 + 1000 * (lon - 106) + 500 * (lat - 22.4);

describe('PNG encoder', () => {
  it('CRC-32 of "IEND" is the well-known 0xAE426082', () => {
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
  });

  it('round-trips RGB and RGBA through the decoder', () => {
    for (const channels of [3, 4] as const) {
      const w = 7;
      const h = 5;
      const px = new Uint8Array(w * h * channels);
      for (let i = 0; i < px.length; i++) px[i] = (i * 37 + 11) & 0xff;
      const png = encodePng(px, w, h, channels);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      const d = decodePng(png);
      expect([d.width, d.height, d.channels]).toEqual([w, h, channels]);
      expect(Buffer.from(d.pixels).equals(Buffer.from(px))).toBe(true);
    }
  });

  it('rejects a wrong buffer size with the expected count', () => {
    expect(() => encodePng(new Uint8Array(10), 2, 2, 3)).toThrow('encodePng: expected 12 bytes for 2×2×3, got 10');
  });

  it('the decoder catches a corrupted chunk', () => {
    const png = encodePng(new Uint8Array(12), 2, 2, 3);
    png[png.length - 20] ^= 0xff; // inside IDAT
    expect(() => decodePng(png)).toThrow(/CRC mismatch/);
    expect(deflateSync(Buffer.alloc(1)).length).toBeGreaterThan(0);
  });
});

describe('terrain-RGB tiles over HTTP', () => {
  const z = 12;
  const x = Math.floor(lonToTileX(106.3, z));
  const y = Math.floor(latToTileY(22.65, z));

  it('a tile over the DEM decodes to the DEM elevations at each pixel centre', async () => {
    const res = await fetch(`${srv.url}/tiles/terrain/${z}/${x}/${y}.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    const { width, height, channels, pixels } = decodePng(Buffer.from(await res.arrayBuffer()));
    expect([width, height, channels]).toEqual([256, 256, 3]);
    const [w, s, e, n] = tileBounds(z, x, y);
    let minM = Infinity;
    let maxM = -Infinity;
    for (let p = 0; p < 256 * 256; p++) {
      const h = decodeTerrainRgb(pixels[3 * p], pixels[3 * p + 1], pixels[3 * p + 2]);
      minM = Math.min(minM, h);
      maxM = Math.max(maxM, h);
    }
    // the DEM is a plane, so bilinear sampling reproduces it (to 0.1 m encoding + float32)
    expect(minM).toBeGreaterThanOrEqual(plane(w, s) - 0.2);
    expect(maxM).toBeLessThanOrEqual(plane(e, n) + 0.2);
    const lon0 = w + (e - w) / 512;
    const h00 = decodeTerrainRgb(pixels[0], pixels[1], pixels[2]);
    const lat0 = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (y + 0.5 / 256)) / 2 ** z))) * 180) / Math.PI;
    expect(h00).toBeCloseTo(plane(lon0, lat0), 0);
  });

  it('outside the DEM every pixel is 0 m', async () => {
    const res = await fetch(`${srv.url}/tiles/terrain/3/0/0.png`);
    const { pixels } = decodePng(Buffer.from(await res.arrayBuffer()));
    for (let p = 0; p < pixels.length; p += 3) expect(decodeTerrainRgb(pixels[p], pixels[p + 1], pixels[p + 2])).toBe(0);
  });

  it('ETag and 304 on If-None-Match', async () => {
    const url = `${srv.url}/tiles/terrain/${z}/${x}/${y}.png`;
    const first = await fetch(url);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(url, { headers: { 'if-none-match': etag as string } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    const other = await fetch(url, { headers: { 'if-none-match': '"nope"' } });
    expect(other.status).toBe(200);
  });

  it('TileJSON 3.0 with the DEM bounds and absolute tile URL', async () => {
    const { status, body } = await getJson(`${srv.url}/tiles/terrain.json`);
    expect(status).toBe(200);
    expect(body.tilejson).toBe('3.0.0');
    expect(body.encoding).toBe('mapbox');
    expect(body.minzoom).toBe(0);
    expect(body.maxzoom).toBe(14);
    expect(body.tiles).toEqual([`${srv.url}/tiles/terrain/{z}/{x}/{y}.png`]);
    expect(body.bounds.map((v: number) => Math.round(v * 1e6) / 1e6)).toEqual([106, 22.4, 106.6, 22.9]);
  });
});
