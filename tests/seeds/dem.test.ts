import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromArrayBuffer } from 'geotiff';

describe('geodata: the synthetic DEM', () => {
  it('reads with the geotiff reader, covers the province, and has a plausible range', async () => {
    const buf = readFileSync(join(import.meta.dirname, '../../geodata/dem/caobang-dem-1s.tif'));
    const tiff = await fromArrayBuffer(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
    const image = await tiff.getImage();
    expect(image.isTiled).toBe(true);
    expect(image.getResolution()[0]).toBeCloseTo(1 / 3600, 12);
    const [w, s, e, n] = image.getBoundingBox();
    expect(w).toBeLessThan(105.27);
    expect(e).toBeGreaterThan(106.84);
    expect(s).toBeLessThan(22.36);
    expect(n).toBeGreaterThan(23.12);
    const [band] = (await image.readRasters()) as unknown as Int16Array[];
    let min = Infinity;
    let max = -Infinity;
    let maxAt = 0;
    for (let i = 0; i < band.length; i++) {
      if (band[i] < min) min = band[i];
      if (band[i] > max) [max, maxAt] = [band[i], i];
    }
    expect(min).toBeGreaterThanOrEqual(150);
    expect(min).toBeLessThanOrEqual(450);
    expect(max).toBeGreaterThanOrEqual(1800);
    expect(max).toBeLessThanOrEqual(2000);
    // the highest point is Phia Oắc, about 22.60 N 105.87 E
    const width = image.getWidth();
    const lon = w + ((maxAt % width) + 0.5) / 3600;
    const lat = n - (Math.floor(maxAt / width) + 0.5) / 3600;
    expect(Math.abs(lon - 105.87)).toBeLessThan(0.03);
    expect(Math.abs(lat - 22.6)).toBeLessThan(0.03);
  });
});
