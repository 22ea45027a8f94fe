import { describe, expect, it } from 'vitest';
import { findGaps, flatEarthLevel, hasSignal, planeEarthLossDb, PowerLineIndex, resolveGapOptions, scoreGap, SiteIndex, villageStatus, DEFAULT_GAP_OPTIONS } from '../../../core/gaps';
import { DEFAULT_COVERAGE_OPTIONS } from '../../../core/coverage/options';
import { METRES_PER_DEGREE } from '../../../core/geo/geodesy';
import { makeComposite, makeInput, makePowerLines, makeSites, makeVillages } from './fixture';

const ids = (gaps: { id: string }[]) => gaps.map((g) => g.id);

describe('villageStatus', () => {
  it('samples the settlement point: any, per technology, per operator', () => {
    const st = villageStatus(makeVillages(), makeComposite());
    expect(st.map((s) => s.covered)).toEqual([false, true, true, false, false, true]);
    expect(st.map((s) => s.byTech['4G'])).toEqual([false, true, true, false, false, false]);
    expect(st.map((s) => s.byTech['2G'])).toEqual([false, true, false, false, false, true]);
    expect(st.map((s) => s.byOperator.Viettel)).toEqual([false, true, false, false, false, true]);
    expect(st.map((s) => s.byOperator.MobiFone)).toEqual([false, false, true, false, false, false]);
    expect(st[2].byLayer['4G|MobiFone']).toBe(true);
    expect(st[2].byLayer['4G|Viettel']).toBe(false);
    // V1 lies in S-A's terrain shadow: the level is there, below the threshold
    expect(st[0].bestDbm).toEqual({ '2G': -120, '3G': null, '4G': -130, '5G': null });
    expect(st[0].bestSite['4G']).toBe('S-A');
    // V6 (polygon) sampled at its centroid, cell (7, 2), 5 cells from S-A: 2G −95, 4G −112
    expect(st[5].bestDbm['2G']).toBe(-95);
    expect(st[5].bestDbm['4G']).toBe(-112);
    expect(hasSignal(st[5], null, null)).toBe(true);
    expect(hasSignal(st[5], '4G', null)).toBe(false);
    expect(hasSignal(st[2], '4G', 'MobiFone')).toBe(true);
  });

  it('rule "area": share of the polygon cells at or above the threshold', () => {
    const comp = makeComposite();
    // 2G reaches 7 of V6's 9 cells, 4G 3 of 9
    const half = villageStatus(makeVillages(), comp, { rule: 'area', minAreaShare: 0.5 })[5];
    expect(half.coveredShare).toBeCloseTo(7 / 9, 12);
    expect(half.covered).toBe(true);
    expect(half.byTech['4G']).toBe(false);
    expect(villageStatus(makeVillages(), comp, { rule: 'area', minAreaShare: 0.3 })[5].byTech['4G']).toBe(true);
    expect(villageStatus(makeVillages(), comp, { rule: 'area', minAreaShare: 0.8 })[5].covered).toBe(false);
    // best over the polygon: 4G at 4 cells from S-A
    expect(half.bestDbm['4G']).toBe(-106);
  });

  it('a threshold override changes the rule', () => {
    const st = villageStatus(makeVillages(), makeComposite(), { thresholdsDbm: { '4G': -115 } });
    expect(st[5].byTech['4G']).toBe(true);
  });

  it('outside the grid nothing covers', () => {
    const v = makeVillages();
    v.features[1].geometry = { type: 'Point', coordinates: [105.5, 22.9] };
    const s = villageStatus(v, makeComposite())[1];
    expect(s.inGrid).toBe(false);
    expect(s.covered).toBe(false);
  });
});

describe('findGaps', () => {
  it('lists uncovered villages sorted by score, with reasons, nearest sites and score parts', () => {
    const gaps = findGaps(makeInput());
    expect(ids(gaps)).toEqual(['V5', 'V1', 'V4']);
    expect(gaps.map((g) => g.score)).toEqual([71.27, 66.54, 50.53]);
    expect(gaps.map((g) => g.reason)).toEqual(['out-of-range', 'terrain-blocked', 'no-site-within']);
    const [v5, v1, v4] = gaps;
    expect(v1.scoreParts).toEqual({ population: 25.6, households: 13.33, noPower: 20, remoteness: 7.61 });
    expect(v1.nearestPowerLineM).toBe(2780); // 0.025° of latitude north of L1
    expect(v5.nearestPowerLineM).toBe(3587); // 0.035° of longitude west of L2 at 22.815°N
    expect(v1.nearestSites.map((s) => [s.id, s.distanceM, s.bearingDeg])).toEqual([['S-A', 2047, 270], ['S-B', 9916, 141.7], ['S-C', 17909, 186.6]]);
    // S-A is V1's best server: its level comes from the composite (2G and 4G both 20 dB short: 2G first)
    expect(v1.nearestSites[0]).toMatchObject({ tech: '2G', levelDbm: -120, flatEarthDbm: -53.4 });
    expect(v1.nearestSites[1].levelDbm).toBeNull();
    expect(v1.reasonText.en).toBe('Within reach of site Trạm A (2.0 km) but blocked by terrain');
    expect(v1.reasonText.vi).toBe('Trong tầm phủ của trạm Trạm A (2,0 km) nhưng bị địa hình che khuất');
    expect(v1.communeName).toBe('Xã Trường Hà');
    expect(v5.nearestSites[0]).toMatchObject({ id: 'S-C', distanceM: 4100, flatEarthDbm: -101 });
    expect(v5.reasonText.en).toBe('Out of range: the nearest site Trạm C (4.1 km) is too far or too weak even over flat ground');
    expect(v4.reasonKm).toBe(10);
    expect(v4.reasonText.en).toBe('No site within 10 km (nearest: Trạm B, 14.4 km)');
    expect(v4.reasonText.vi).toBe('Không có trạm nào trong bán kính 10 km (gần nhất: Trạm B, 14,4 km)');
    expect(v4.scoreParts).toEqual({ population: 7.2, households: 3.33, noPower: 20, remoteness: 20 });
    for (const g of gaps) {
      expect(g.nearestSites.length).toBe(3);
      expect(g.score).toBeCloseTo(g.scoreParts.population + g.scoreParts.households + g.scoreParts.noPower + g.scoreParts.remoteness, 9);
    }
  });

  it('per technology and per operator', () => {
    const four = findGaps(makeInput(), { tech: '4G' });
    expect(ids(four)).toEqual(['V5', 'V1', 'V4', 'V6']);
    expect(four.map((g) => g.reason)).toEqual(['no-site-within', 'terrain-blocked', 'no-site-within', 'terrain-blocked']);
    // only sites with a 4G cell are candidates
    expect(four[0].nearestSites.map((s) => s.id)).toEqual(['S-B', 'S-A']);
    expect(four[3].nearestSites[0]).toMatchObject({ id: 'S-A', tech: '4G', levelDbm: -112 });
    expect(four.every((g) => g.scope === '4G')).toBe(true);
    const viettel = findGaps(makeInput(), { operator: 'Viettel' });
    expect(ids(viettel)).toEqual(['V5', 'V1', 'V3', 'V4']);
    expect(viettel.every((g) => g.nearestSites.every((s) => s.operator === 'Viettel'))).toBe(true);
    expect(ids(findGaps(makeInput(), { operator: 'MobiFone' }))).toEqual(['V5', 'V1', 'V4', 'V2', 'V6']);
    expect(ids(findGaps(makeInput(), { tech: '4G', operator: 'MobiFone' }))).toEqual(['V5', 'V1', 'V4', 'V2', 'V6']);
    expect(findGaps(makeInput(), { tech: '4G', operator: 'Viettel' })[0].scope).toBe('4G|Viettel');
  });

  it('filters by commune, electricity and population; area rule adds the polygon village', () => {
    expect(ids(findGaps(makeInput(), { communeId: '00002' }))).toEqual(['V4']);
    expect(ids(findGaps(makeInput(), { electrified: false }))).toEqual(['V1', 'V4']);
    expect(ids(findGaps(makeInput(), { minPopulation: 100 }))).toEqual(['V5', 'V1']);
    expect(ids(findGaps(makeInput(), { rule: 'area', minAreaShare: 0.8 }))).toEqual(['V5', 'V1', 'V4', 'V6']);
  });

  it('uses levelAt for the nearest sites when given', () => {
    const calls: string[] = [];
    const gaps = findGaps({ ...makeInput(), levelAt: (si, tech) => { calls.push(`${si}${tech}`); return si === 1 ? -111.04 : null; } }, { tech: '4G' });
    const v1 = gaps.find((g) => g.id === 'V1')!;
    expect(v1.nearestSites.map((s) => s.levelDbm)).toEqual([null, -111]);
    expect(calls).toContain('14G');
  });

  it('a lower clutter margin or a nearer cut-off changes the reason', () => {
    expect(findGaps(makeInput(), { clutterMarginDb: 0 })[0].reason).toBe('terrain-blocked'); // V5: S-C at −91 on flat ground
    expect(findGaps(makeInput(), { noSiteWithinKm: 1 }).map((g) => g.reason)).toEqual(['no-site-within', 'no-site-within', 'no-site-within']);
  });

  it('does not modify its inputs', () => {
    const input = makeInput();
    const before = JSON.stringify([input.villages, input.sites, input.powerLines, input.communes]);
    const layers = [...input.composite.layers.values()].map((l) => Array.from(l.bestDbm));
    findGaps(input, { rule: 'area' });
    expect(JSON.stringify([input.villages, input.sites, input.powerLines, input.communes])).toBe(before);
    expect([...input.composite.layers.values()].map((l) => Array.from(l.bestDbm))).toEqual(layers);
  });

  it('rejects bad input with exact messages', () => {
    expect(() => findGaps(makeInput(), { operator: 'Vinafone' })).toThrow('findGaps: no site has operator "Vinafone"; operators: MobiFone, Viettel');
    expect(() => findGaps({ ...makeInput(), status: [] })).toThrow('findGaps: status has 0 entries for 6 villages; compute it with villageStatus on the same villages');
    expect(() => findGaps({ ...makeInput(), villages: {} as never })).toThrow('findGaps: villages must be a FeatureCollection or an array of village features');
    expect(() => villageStatus(makeVillages(), {} as never)).toThrow('villageStatus: composite must come from createComposite (width, height, transform, layers)');
    expect(() => resolveGapOptions({ minAreaShare: 0 })).toThrow('gap option minAreaShare must be a number greater than 0 and at most 1, got 0');
    expect(() => resolveGapOptions({ tech: '6G' as never })).toThrow('gap option tech must be one of 2G, 3G, 4G, 5G or null, got "6G"');
    expect(() => resolveGapOptions({ radius: 3 } as never)).toThrow('gap analysis has no option "radius"; known options: rule, minAreaShare');
    expect(() => resolveGapOptions({ weights: { population: NaN } as never })).toThrow('gap option weights.population must be a finite number of points, got NaN');
    expect(() => resolveGapOptions({ noSiteWithinKm: -2 })).toThrow('gap option noSiteWithinKm must be a finite number greater than 0, got -2');
  });
});

describe('flat-earth reason test', () => {
  it('plane earth and free space, best cell by margin', () => {
    // 40·log10(10000) − 20·log10(30) − 20·log10(1.5) = 160 − 29.542 − 3.522
    expect(planeEarthLossDb(10000, 30, 1.5)).toBeCloseTo(126.936, 3);
    const o = resolveGapOptions();
    const thr = DEFAULT_COVERAGE_OPTIONS.thresholdsDbm;
    const a = makeSites().features[0];
    // 2,047 m: free space at 1800 MHz (103.78 dB) exceeds plane earth (99.38 dB); + 10 dB clutter
    const fe4 = flatEarthLevel(a, 2047, ['4G'], thr, o)!;
    expect(fe4.tech).toBe('4G');
    expect(fe4.levelDbm).toBeCloseTo(61 - 30.8 - (32.4478 + 20 * Math.log10(1800) + 20 * Math.log10(2.047)) - 10, 3);
    // both technologies: 2G has the larger margin over its threshold
    expect(flatEarthLevel(a, 2047, ['2G', '4G'], thr, o)!.tech).toBe('2G');
    expect(flatEarthLevel(a, 2047, ['5G'], thr, o)).toBeNull();
    // 20 km: plane earth rules (40 dB/decade)
    const far = flatEarthLevel(a, 20000, ['4G'], thr, o)!;
    expect(far.levelDbm).toBeCloseTo(61 - 30.8 - planeEarthLossDb(20000, 30, 1.5) - 10, 9);
  });
});

describe('score and indexes', () => {
  it('score parts follow the weights and references', () => {
    expect(scoreGap({ population: 250, households: 60, electrified: false }, 10000, 5000, DEFAULT_GAP_OPTIONS)).toEqual({ parts: { population: 20, households: 10, noPower: 20, remoteness: 20 }, score: 70 });
    const o = resolveGapOptions({ weights: { population: 100, households: 0, noPower: 0, remoteness: 0 } });
    expect(scoreGap({ population: 1000, households: 60, electrified: false }, null, null, o).score).toBe(100);
    // no power-line data: that half of remoteness counts 0; no site at all: the other half is full
    expect(scoreGap({ population: 0, households: 0, electrified: true }, null, null, DEFAULT_GAP_OPTIONS).parts.remoteness).toBe(10);
  });

  it('nearest power line is exact against brute force over every segment', () => {
    const idx = new PowerLineIndex(makePowerLines().features);
    const M = METRES_PER_DEGREE;
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const segs = [[106, 22.95, 106.2, 22.95], [106.1, 22.8, 106.1, 22.85], [106.1, 22.85, 106.12, 22.88]];
    for (let k = 0; k < 200; k++) {
      const lon = 105.5 + rnd(), lat = 22.3 + rnd();
      const kx = M * Math.cos((lat * Math.PI) / 180);
      let best = Infinity;
      for (const [x0, y0, x1, y1] of segs) {
        const ax = (x0 - lon) * kx, ay = (y0 - lat) * M, dx = (x1 - x0) * kx, dy = (y1 - y0) * M;
        const u = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy)));
        best = Math.min(best, Math.hypot(ax + u * dx, ay + u * dy));
      }
      expect(idx.distanceM(lon, lat)).toBeCloseTo(best, 3);
    }
    expect(new PowerLineIndex([]).distanceM(106, 22)).toBeNull();
  });

  it('site index: k nearest by great-circle distance, over a subset', () => {
    const pts = [[106, 22], [106.1, 22], [106.3, 22], [107, 23]];
    const idx = new SiteIndex(pts, [0, 2, 3]);
    expect(idx.nearest(106.09, 22, 2).map((s) => s.index)).toEqual([0, 2]);
    expect(idx.nearest(110, 30, 5).map((s) => s.index)).toEqual([3, 2, 0]);
    expect(idx.within(106.09, 22, 5000)).toEqual([]);
  });
});
