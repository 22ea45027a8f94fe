import { describe, expect, it } from 'vitest';
import { backhaulChoice, DEFAULT_COST_OPTIONS, especiallyDifficult, powerChoice, resolveCostOptions, splitByPayer, stationCost } from '../../../core/siting/costs';
import { fresnelClearance, fresnelRadiusM } from '../../../core/terrain/profile';
import type { DemGrid, VillageProperties } from '../../../core/model/types';

const o = DEFAULT_COST_OPTIONS;

describe('the cost model', () => {
  it('power: the grid when the line is near enough and cheaper, else solar; none when neither is allowed', () => {
    expect(powerChoice(500, o)).toEqual({ kind: 'grid', km: 0.5, cost: 150_000_000 + 200_000_000 });
    // 2 km of line (950 M) is dearer than the 600 M kit
    expect(powerChoice(2000, o)).toEqual({ kind: 'solar', cost: 600_000_000 });
    expect(powerChoice(20000, o)).toEqual({ kind: 'solar', cost: 600_000_000 });
    expect(powerChoice(20000, resolveCostOptions({ solar: false }))).toBeNull();
    expect(powerChoice(null, resolveCostOptions({ solar: false }))).toBeNull();
    expect(powerChoice(9000, resolveCostOptions({ solar: false }))).toMatchObject({ kind: 'grid', km: 9 });
  });

  it('the first Fresnel zone: the radius of P.530 and a path that clears it or does not', () => {
    // F1 at mid-path of 10 km at 7 GHz: √(λ d1 d2 / d) with λ = c/f
    const lambda = 299792458 / 7e9;
    expect(fresnelRadiusM(5000, 5000, 7000)).toBeCloseTo(Math.sqrt((lambda * 5000 * 5000) / 10000), 9);
    expect(fresnelRadiusM(5000, 5000, 7000)).toBeCloseTo(10.347, 3);
    const flat = { stepM: 100, elevationsM: new Float64Array(101).fill(100) };
    // 10 km over flat ground: bulge at mid-path d²/(8kR) = 1.47 m, F1 = 10.35 m: 15 m masts clear it, 10 m ones do not
    expect(fresnelClearance(flat, 15, 15, 7000).clear).toBe(true);
    expect(fresnelClearance(flat, 10, 10, 7000).clear).toBe(false);
    // a 12 m knoll at mid-path under a 20 m line of sight: the ray clears the ground by 6.5 m, not the zone
    const knoll = { stepM: 100, elevationsM: Float64Array.from({ length: 101 }, (_, i) => (i === 50 ? 112 : 100)) };
    const c = fresnelClearance(knoll, 20, 20, 7000);
    expect(c.clear).toBe(false);
    expect(c.index).toBe(50);
    expect(c.marginM).toBeCloseTo(20 - 12 - 1.4715 - 10.347, 2);
    expect(fresnelClearance(knoll, 20, 20, 7000, 0.6).clear).toBe(true);
  });

  it('backhaul: fibre when near, a microwave hop with its Fresnel zone clear, else satellite', () => {
    const w = 400;
    const flat: DemGrid = { width: w, height: 10, data: new Float32Array(w * 10).fill(100), transform: [106, 0.001, 0, 22.01, 0, -0.001] };
    const ridge: DemGrid = { ...flat, data: flat.data.map((_, i) => (i % w === 200 ? 400 : 100)) };
    const from = [106.0205, 22.005];
    const fibre = (lon: number, d: number) => [{ id: 'F1', lon, lat: 22.005, antennaHeightM: 30, distanceM: d }];
    // 1 km to fibre: 100 M of fibre beats a 250 M hop
    expect(backhaulChoice(flat, from[0], from[1], 40, fibre(106.0302, 1000), o)).toMatchObject({ kind: 'fiber', km: 1, cost: 100_000_000 });
    // 20 km over flat ground: a hop (no fibre that far)
    expect(backhaulChoice(flat, from[0], from[1], 40, fibre(106.2, 18500), o)).toMatchObject({ kind: 'microwave', toSiteId: 'F1', cost: 250_000_000 });
    // the same path across a 300 m ridge: satellite
    expect(backhaulChoice(ridge, from[0], from[1], 40, fibre(106.38, 37000), resolveCostOptions({ microwaveMaxKm: 40 }))).toMatchObject({ kind: 'satellite', cost: 250_000_000 + 5 * 120_000_000 });
    expect(backhaulChoice(flat, from[0], from[1], 40, [], o).kind).toBe('satellite');
  });

  it('who pays: the power utility its line, the fund the difficult villages\' share, the operator the rest', () => {
    const cost = stationCost({ kind: 'new' }, { kind: 'grid', km: 1, cost: 550_000_000 }, { kind: 'microwave', km: 10, toSiteId: 'F', cost: 250_000_000 }, o);
    expect(cost.total).toBe(1_500_000_000 + 550_000_000 + 250_000_000);
    const split = splitByPayer(cost, 400, 100);
    expect(split).toEqual({ powerUtility: 550_000_000, fund: 437_500_000, operator: 1_312_500_000 });
    expect(split.operator + split.fund + split.powerUtility).toBe(cost.total);
    expect(splitByPayer(cost, 0, 0)).toEqual({ powerUtility: 550_000_000, fund: 0, operator: 1_750_000_000 });
    const up = stationCost({ kind: 'upgrade', addedTechs: 1, raised: true }, { kind: 'existing', cost: 0 }, { kind: 'existing', cost: 0 }, o);
    expect(up.total).toBe(300_000_000 + 250_000_000);
  });

  it('especially difficult: the village\'s own flag first, else no power or no site within 10 km', () => {
    const v = (p: Partial<VillageProperties>): VillageProperties => ({ id: 'v', name: 'v', communeId: 'c', population: 100, households: 25, electrified: true, fixedBroadband: null, ...p });
    expect(especiallyDifficult(v({}), 3000, o)).toBe(false);
    expect(especiallyDifficult(v({ electrified: false }), 3000, o)).toBe(true);
    expect(especiallyDifficult(v({}), 12000, o)).toBe(true);
    expect(especiallyDifficult(v({ especiallyDifficult: false }), 12000, o)).toBe(false);
    expect(especiallyDifficult(v({ especiallyDifficult: true }), 100, o)).toBe(true);
  });

  it('refuses bad options with the option named', () => {
    expect(() => resolveCostOptions({ currency: 'dong' })).toThrow(/cost option currency must be a three-letter ISO 4217 code/);
    expect(() => resolveCostOptions({ newSite: -1 })).toThrow(/cost option newSite must be an amount ≥ 0/);
    expect(() => resolveCostOptions({ fresnelClearance: 2 })).toThrow(/fresnelClearance/);
    expect(() => resolveCostOptions({ towers: 1 } as never)).toThrow(/no "towers"/);
  });
});
