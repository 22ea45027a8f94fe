import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors';
import { destinationPoint, EARTH_MEAN_RADIUS_M, haversineDistanceM, initialBearingDeg } from '../../core/geo/geodesy';
import type { DemGrid } from '../../core/model/types';
import {
  earthCurvatureDropM,
  fresnelRadiusM,
  lineOfSight,
  terrainProfile,
  withEarthBulge,
} from '../../core/terrain/profile';

describe('geodesy', () => {
  it('one degree of latitude is 2πR/360 = 111,195.08 m', () => {
    expect(haversineDistanceM([106, 22], [106, 23])).toBeCloseTo((2 * Math.PI * EARTH_MEAN_RADIUS_M) / 360, 2);
    expect(haversineDistanceM([106, 22], [106, 23])).toBeCloseTo(111195.08, 1);
    // along the equator, one degree of longitude is the same arc
    expect(haversineDistanceM([0, 0], [1, 0])).toBeCloseTo(111195.08, 1);
    expect(haversineDistanceM([106.2, 22.6], [106.2, 22.6])).toBe(0);
  });

  it('bearings: north 0°, east along the equator 90°, south 180°, west 270°', () => {
    expect(initialBearingDeg([106, 22], [106, 23])).toBeCloseTo(0, 9);
    expect(initialBearingDeg([10, 0], [11, 0])).toBeCloseTo(90, 9);
    expect(initialBearingDeg([106, 23], [106, 22])).toBeCloseTo(180, 9);
    expect(initialBearingDeg([11, 0], [10, 0])).toBeCloseTo(270, 9);
    // eastwards at 22° N the great circle starts slightly north of east: 90 − Δλ/2·sin φ ≈ 89.81
    expect(initialBearingDeg([106, 22], [107, 22])).toBeCloseTo(89.81, 2);
  });

  it('destination point inverts distance and bearing', () => {
    const from = [106.25, 22.66];
    const to = [106.41, 22.52];
    const back = destinationPoint(from, initialBearingDeg(from, to), haversineDistanceM(from, to));
    expect(back[0]).toBeCloseTo(to[0], 9);
    expect(back[1]).toBeCloseTo(to[1], 9);
    const north = destinationPoint([106, 22], 0, 111195.08);
    expect(north[0]).toBeCloseTo(106, 9);
    expect(north[1]).toBeCloseTo(23, 6);
    expect(destinationPoint([179.9, 0], 90, 111195.08 * 0.2)[0]).toBeCloseTo(-179.9, 6);
  });
});

/** A 200 × 200 DEM of 0.001° cells (≈ 111 m N-S) whose elevation is a plane in lon/lat. */
function planeDem(): DemGrid {
  const width = 200;
  const height = 200;
  const t: DemGrid['transform'] = [106, 0.001, 0, 23, 0, -0.001];
  const data = new Float32Array(width * height);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const lon = t[0] + (col + 0.5) * t[1];
      const lat = t[3] + (row + 0.5) * t[5];
      data[row * width + col] = 200 + 5000 * (lon - 106) + 3000 * (23 - lat);
    }
  }
  return { width, height, data, transform: t };
}
const plane = (lon: number, lat: number) => 200 + 5000 * (lon - 106) + 3000 * (23 - lat);

describe('terrainProfile', () => {
  const dem = planeDem();

  it('samples a constant-slope plane along a meridian as a straight line', () => {
    const from = [106.05, 22.95];
    const to = [106.05, 22.87];
    const p = terrainProfile(dem, from, to);
    const n = p.elevationsM.length;
    expect(p.distanceM).toBeCloseTo(haversineDistanceM(from, to), 6);
    expect((n - 1) * p.stepM).toBeCloseTo(p.distanceM, 6);
    // 0.08° of latitude = 8895.61 m; step is the DEM cell size along the path or finer: E-W cell at 22.91° N = 0.001° · 111195 · cos φ ≈ 102.4 m
    expect(p.stepM).toBeLessThanOrEqual(102.5);
    expect(p.stepM).toBeGreaterThan(95);
    expect(p.elevationsM[0]).toBeCloseTo(plane(from[0], from[1]), 3);
    expect(p.elevationsM[n - 1]).toBeCloseTo(plane(to[0], to[1]), 3);
    // linear in distance: 3000 m per degree of latitude
    for (let i = 0; i < n; i++) {
      const expected = plane(from[0], from[1]) + ((plane(to[0], to[1]) - plane(from[0], from[1])) * i) / (n - 1);
      expect(p.elevationsM[i]).toBeCloseTo(expected, 2);
    }
  });

  it('follows the great circle along a diagonal (checked against destinationPoint)', () => {
    const from = [106.02, 22.98];
    const to = [106.12, 22.9];
    const p = terrainProfile(dem, from, to);
    const n = p.elevationsM.length;
    const brg = initialBearingDeg(from, to);
    for (let i = 0; i < n; i++) {
      const [lon, lat] = destinationPoint(from, brg, i * p.stepM);
      expect(p.elevationsM[i]).toBeCloseTo(plane(lon, lat), 2);
    }
    // and the great circle differs from a straight line in lon/lat by only centimetres over 13 km
    const a = plane(from[0], from[1]);
    const b = plane(to[0], to[1]);
    for (let i = 0; i < n; i++) expect(Math.abs(p.elevationsM[i] - (a + ((b - a) * i) / (n - 1)))).toBeLessThan(0.1);
  });

  it('honours stepM and gives NaN outside the DEM', () => {
    const p = terrainProfile(dem, [106.05, 22.95], [106.05, 22.87], { stepM: 1000 });
    expect(p.elevationsM.length).toBe(Math.ceil(p.distanceM / 1000) + 1);
    const out = terrainProfile(dem, [106.15, 22.9], [106.25, 22.9]);
    expect(out.elevationsM[0]).not.toBeNaN();
    expect(out.elevationsM[out.elevationsM.length - 1]).toBeNaN();
  });

  it('rejects a zero-length path and a runaway sample count', () => {
    expect(() => terrainProfile(dem, [106.05, 22.95], [106.05, 22.95])).toThrow(InputError);
    expect(() => terrainProfile(dem, [106.05, 22.95], [106.05, 22.95])).toThrow(
      'terrainProfile: from and to are the same point; a profile needs two distinct ends',
    );
    expect(() => terrainProfile(dem, [106.05, 22.95], [106.05, 22.87], { stepM: 0.01 })).toThrow(
      'terrainProfile: 889562 samples exceed maxSamples = 100000; use a larger stepM or a shorter path',
    );
    expect(() => terrainProfile(dem, [106.05, NaN], [106.05, 22.87])).toThrow(
      'terrainProfile: from must be [lon, lat] in degrees with |lat| <= 90, got [106.05,null]',
    );
  });
});

describe('Earth curvature, Fresnel zone, line of sight', () => {
  it('drop = d1·d2 / (2·k·R)', () => {
    // 20 km path, mid-path: 10000·10000 / (2·(4/3)·6371000) = 1e8 / 16989333.3 = 5.8860 m
    expect(earthCurvatureDropM(10000, 20000, 4 / 3)).toBeCloseTo(5.886, 3);
    // 10 km path, mid-path: 5000·5000 / 16989333.3 = 1.4715 m
    expect(earthCurvatureDropM(5000, 10000)).toBeCloseTo(1.4715, 4);
    expect(earthCurvatureDropM(0, 10000)).toBe(0);
    // true Earth (k = 1): 1e8 / (2·6371000) = 7.848 m
    expect(earthCurvatureDropM(10000, 20000, 1)).toBeCloseTo(7.848, 3);
  });

  it('withEarthBulge raises the middle and leaves the ends', () => {
    const profile = { stepM: 1000, elevationsM: new Float64Array(21).fill(100) };
    const b = withEarthBulge(profile, 4 / 3);
    expect(b[0]).toBe(100);
    expect(b[20]).toBe(100);
    expect(b[10]).toBeCloseTo(105.886, 3);
  });

  it('first Fresnel zone radius √(λ d1 d2 / d)', () => {
    // 900 MHz: λ = 0.333103 m; d1 = d2 = 5 km: √(0.333103 · 2500) = √832.76 = 28.858 m
    expect(fresnelRadiusM(5000, 5000, 900)).toBeCloseTo(28.858, 2);
    expect(fresnelRadiusM(5000, 5000, 900, 2)).toBeCloseTo(28.858 * Math.SQRT2, 2);
  });

  it('line of sight: clear over flat ground, blocked by a hill, with the tightest sample', () => {
    const flat = { stepM: 1000, elevationsM: new Float64Array(11) };
    // 10 m antennas, mid-path bulge 1.4715 m → clearance 8.5285 m at sample 5
    expect(lineOfSight(flat, 10, 10)).toEqual({ clear: true, index: 5, clearanceM: expect.closeTo(8.5285, 3) });
    const hill = { stepM: 1000, elevationsM: [0, 0, 0, 0, 0, 0, 0, 30, 0, 0, 0] };
    // at 7 km: ray 10 m, ground 30 + 7000·3000 / 16989333.3 = 30 + 1.2361 → clearance −21.236
    const los = lineOfSight(hill, 10, 10);
    expect(los.clear).toBe(false);
    expect(los.index).toBe(7);
    expect(los.clearanceM).toBeCloseTo(-21.236, 2);
    // flat Earth: the hill alone
    expect(lineOfSight(hill, 10, 10, Infinity).clearanceM).toBeCloseTo(-20, 9);
  });
});
