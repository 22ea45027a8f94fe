import type { DemGrid } from '../../../core/model/types';

/** A seeded rough synthetic DEM (sum of random sinusoids + ridges), metres. */
export function roughDem(width: number, height: number, cellDeg: number, seed = 1, west = 106, north = 23): DemGrid {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const waves: number[][] = [];
  for (let k = 0; k < 12; k++) {
    const wl = 300 + rnd() * 6000; // cells… in metres-ish
    const ang = rnd() * Math.PI * 2;
    waves.push([Math.cos(ang) / wl, Math.sin(ang) / wl, rnd() * 6.28, (wl / 6000) * 250 + 20]);
  }
  const data = new Float32Array(width * height);
  const cellM = cellDeg * 111000;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const x = c * cellM;
      const y = r * cellM;
      let z = 600;
      for (const [a, b, p, amp] of waves) z += amp * Math.sin(2 * Math.PI * (a * x + b * y) + p);
      data[r * width + c] = Math.max(50, z);
    }
  }
  return { width, height, data, transform: [west, cellDeg, 0, north, 0, -cellDeg] };
}
