import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors';
import { freeSpaceLossDb } from '../../../core/propagation/fspl';
import { fresnelNu, knifeEdgeLossDb, wavelengthM } from '../../../core/propagation/knifeEdge';
import { deygoutLossDb, p526 } from '../../../core/propagation/p526';

/** Exact knife-edge loss from the Fresnel integrals C(ν), S(ν) (P.526-15 eq. 30), by Simpson's rule. */
function exactJ(nu: number): number {
  const n = 4000;
  const h = nu / n;
  let c = 0;
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const t = i * h;
    const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
    c += w * Math.cos((Math.PI * t * t) / 2);
    s += w * Math.sin((Math.PI * t * t) / 2);
  }
  c *= h / 3;
  s *= h / 3;
  return -20 * Math.log10(Math.hypot(1 - c - s, c - s) / 2);
}

describe('knife-edge J(ν), ITU-R P.526-15 eq. (31)', () => {
  it('hits the published points', () => {
    // J(0) = 6.9 + 20 log10(√1.01 − 0.1) = 6.9 + 20 log10(0.904988) = 6.9 − 0.8674 = 6.03 (exact: 6.02)
    expect(knifeEdgeLossDb(0)).toBeCloseTo(6.03, 2);
    expect(exactJ(0)).toBeCloseTo(6.02, 2);
    // J(−0.78) ≈ 0: 6.9 + 20 log10(√(0.88² + 1) − 0.88) = 6.9 + 20 log10(0.452135) = 0.0052
    expect(knifeEdgeLossDb(-0.7799)).toBeCloseTo(0, 1);
    expect(knifeEdgeLossDb(-0.78)).toBe(0);
    expect(knifeEdgeLossDb(-3)).toBe(0);
    // ν = 1: 6.9 + 20 log10(√1.81 + 0.9) = 6.9 + 20 log10(2.245362) = 13.93 (exact 13.86)
    expect(knifeEdgeLossDb(1)).toBeCloseTo(13.93, 2);
    // ν = 2.4: 6.9 + 20 log10(√6.29 + 2.3) = 6.9 + 20 log10(4.807987) = 20.54; the exact curve
    // (Fresnel integrals) reads 20.62, which is the "≈ 20.6 dB" of the P.526 figure
    expect(knifeEdgeLossDb(2.4)).toBeCloseTo(20.54, 2);
    expect(exactJ(2.4)).toBeCloseTo(20.6, 1);
  });

  it('stays within 0.2 dB of the exact Fresnel-integral loss for −0.7 <= ν <= 5', () => {
    for (let nu = -0.7; nu <= 5; nu += 0.1) {
      expect(Math.abs(knifeEdgeLossDb(nu) - exactJ(nu))).toBeLessThan(0.2);
    }
  });

  it('tends to the large-ν asymptote 13 + 20 log10 ν', () => {
    for (const nu of [10, 30, 100]) expect(knifeEdgeLossDb(nu)).toBeCloseTo(13 + 20 * Math.log10(nu), 0);
    expect(Math.abs(knifeEdgeLossDb(100) - (13 + 20 * Math.log10(100)))).toBeLessThan(0.1);
  });

  it('computes ν from the geometry, eq. (26)', () => {
    // h = 40 m, d1 = d2 = 5 km, λ = 1 m: 40·√(2·10000 / (1·5000·5000)) = 40·√0.0008 = 1.131371
    expect(fresnelNu(40, 5000, 5000, 1)).toBeCloseTo(1.131371, 5);
    expect(wavelengthM(299.792458)).toBeCloseTo(1, 12);
  });

  it('textbook example: h = 25 m, d1 = d2 = 1 km, 900 MHz → about 22 dB (Rappaport, Wireless Communications, §4.9)', () => {
    // λ = 0.333 m, ν = 25·√(2·2000/(0.333·10⁶)) = 2.74, read off the curve as Gd ≈ −22 dB
    const nu = fresnelNu(25, 1000, 1000, wavelengthM(900));
    expect(nu).toBeCloseTo(2.74, 2);
    expect(knifeEdgeLossDb(nu)).toBeCloseTo(21.7, 0);
  });
});

/*
 * Hand-worked Deygout profile: λ = 1 m (f = 299.792458 MHz), flat Earth (k = ∞), 1 km steps,
 * 10 km, ground 0 m except 30 m at 2 km, 50 m at 5 km, 20 m at 8 km; antennas 10 m.
 *   ray at 10 m everywhere. ν at 2 km: h 20, √(2(1/2000 + 1/8000)) = 0.0353553 → 0.7071;
 *   at 5 km: h 40, √(2(2/5000)) = 0.0282843 → 1.1314 (main); at 8 km: h 10 → 0.3536.
 *   main: J(1.131371) = 6.9 + 20 log10(√(1.031371² + 1) + 1.031371) = 6.9 + 20 log10(2.467938) = 14.7467
 *   tx side, line (0 km, 10 m) → (5 km, 50 m): at 2 km line 26 m, h = 4, d1 2000, d2 3000:
 *     ν = 4·√(2(1/2000 + 1/3000)) = 4·0.0408248 = 0.163299, J = 6.9 + 20 log10(1.065301) = 7.4495
 *   rx side, line (5 km, 50 m) → (10 km, 10 m): at 8 km line 26 m, h = −6, d1 3000, d2 2000:
 *     ν = −0.244949, J = 6.9 + 20 log10(√(0.344949² + 1) − 0.344949) = 6.9 + 20 log10(0.712874) = 3.9607
 *   Ld = 14.7467 + 7.4495 + 3.9607 = 26.1569 (26.1564 unrounded); two edges: 14.7467 + 7.4495 = 22.1962
 */
const F_1M = 299.792458;
const THREE = { stepM: 1000, elevationsM: [0, 0, 30, 0, 0, 50, 0, 0, 20, 0, 0] };

describe('P.526 Deygout over a profile', () => {
  it('matches the hand-worked three-edge case', () => {
    expect(deygoutLossDb(THREE, 10, 10, F_1M, Infinity, 1)).toBeCloseTo(14.7467, 3);
    expect(deygoutLossDb(THREE, 10, 10, F_1M, Infinity, 2)).toBeCloseTo(22.1961, 3);
    expect(deygoutLossDb(THREE, 10, 10, F_1M, Infinity, 3)).toBeCloseTo(26.1564, 3);
    const r = p526.predict({ freqMHz: F_1M, txHeightM: 10, rxHeightM: 10, distanceM: 10000, profile: THREE }, { k: Infinity });
    // free space 20 log10(4π·10000) = 101.9842, plus 26.1564
    expect(r.lossDb).toBeCloseTo(101.9842 + 26.1564, 2);
    expect(r.warnings).toEqual([]);
  });

  it('adds the Earth bulge with k = 4/3', () => {
    // bulge at mid-path: 5000·5000 / (2·(4/3)·6371000) = 1.471507 m → h = 41.471507,
    // ν = 41.471507·0.0282843 = 1.172990, J = 6.9 + 20 log10(√(1.07299² + 1) + 1.07299) = 14.9950
    expect(deygoutLossDb(THREE, 10, 10, F_1M, 4 / 3, 1)).toBeCloseTo(14.995, 2);
    expect(deygoutLossDb(THREE, 10, 10, F_1M, 4 / 3, 3)).toBeGreaterThan(deygoutLossDb(THREE, 10, 10, F_1M, Infinity, 3));
  });

  it('gives no diffraction loss on a flat profile with the Fresnel zone clear', () => {
    const flat = { stepM: 100, elevationsM: new Float64Array(101).fill(250) };
    const input = { freqMHz: 900, txHeightM: 30, rxHeightM: 30, distanceM: 10000, profile: flat };
    expect(p526.predict(input).lossDb).toBe(freeSpaceLossDb(900, 10000));
    // but a smooth Earth bulge of 40 km blocks 10 m antennas: 20000² / (2·(4/3)·6371000) = 23.5 m
    const long = { stepM: 400, elevationsM: new Float64Array(101) };
    expect(deygoutLossDb(long, 10, 10, 900, 4 / 3, 3)).toBeGreaterThan(10);
  });

  it('needs a profile and checks its options', () => {
    const input = { freqMHz: 900, txHeightM: 30, rxHeightM: 1.5, distanceM: 10000 };
    expect(() => p526.predict(input)).toThrow(InputError);
    expect(() => p526.predict(input)).toThrow(
      'ITU-R P.526 knife-edge diffraction needs input.profile (the terrain between the two ends); build one with terrainProfile()',
    );
    const withProfile = { ...input, profile: THREE };
    expect(() => p526.predict(withProfile, { maxEdges: 4 })).toThrow('p526 option maxEdges must be 1, 2 or 3, got 4');
    expect(() => p526.predict(withProfile, { k: 0 })).toThrow(
      'p526 option k (effective Earth radius factor) must be a number greater than 0 (Infinity for a flat Earth), got 0',
    );
  });
});
