import { describe, expect, it } from 'vitest';
import { resolveCandidateOptions } from '../../../core/siting/candidateOptions';
import { candidateSpots, candidateStations, upgradeCandidates } from '../../../core/siting/candidates';
import type { DemGrid, SiteFeature } from '../../../core/model/types';
import { haversineDistanceM } from '../../../core/geo/geodesy';

const cell = 3 / 3600;
/** Flat 200 m plain with Gaussian hills of known peaks. */
function hillsDem(peaks: { c: number; r: number; h: number }[], w = 300, h = 300): DemGrid {
  const data = new Float32Array(w * h);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      let z = 200;
      for (const p of peaks) z += p.h * Math.exp(-((c - p.c) ** 2 + (r - p.r) ** 2) / (2 * 12 ** 2));
      data[r * w + c] = z;
    }
  }
  return { width: w, height: h, data, transform: [106, cell, 0, 23, 0, -cell] };
}
const at = (c: number, r: number) => ({ lon: 106 + (c + 0.5) * cell, lat: 23 - (r + 0.5) * cell });

describe('candidateSpots: peaks and ridges near the gaps', () => {
  const peaks = [{ c: 100, r: 100, h: 400 }, { c: 180, r: 120, h: 250 }, { c: 60, r: 220, h: 300 }];
  const dem = hillsDem(peaks);
  const gaps = [{ id: 'V1', ...at(130, 110) }, { id: 'V2', ...at(70, 200) }];

  it('finds every hill top within the search radius, not the plain, and a mast by each village', () => {
    const o = resolveCandidateOptions({ searchRadiusM: 12000, minSpacingM: 1000 });
    const spots = candidateSpots(dem, gaps, o);
    const high = spots.filter((s) => s.kind === 'high-ground');
    for (const p of peaks) {
      const top = at(p.c, p.r);
      const found = high.some((s) => haversineDistanceM([s.lon, s.lat], [top.lon, top.lat]) < 150);
      expect(found, `peak at ${p.c},${p.r}`).toBe(true);
    }
    // nothing on the flat plain: every high-ground spot stands ≥ minReliefM above its surroundings
    for (const s of high) expect(s.reliefM).toBeGreaterThanOrEqual(o.minReliefM);
    const village = spots.filter((s) => s.kind === 'village');
    expect(village.map((s) => s.villageId)).toEqual(['V1', 'V2']);
    for (const s of village) {
      const g = gaps.find((x) => x.id === s.villageId)!;
      expect(haversineDistanceM([s.lon, s.lat], [g.lon, g.lat])).toBeLessThanOrEqual(o.villageSiteRadiusM + 70);
    }
  });

  it('keeps the spacing, the cap and the inside test; spreads over the villages', () => {
    const o = resolveCandidateOptions({ searchRadiusM: 12000, minSpacingM: 2000, maxCandidates: 2, villageSites: false });
    const spots = candidateSpots(dem, gaps, o);
    expect(spots.length).toBe(2);
    // round robin: each village's best spot, not the two best of the highest hill's village
    const near = (g: { lon: number; lat: number }) => spots.some((s) => haversineDistanceM([s.lon, s.lat], [g.lon, g.lat]) <= 12000);
    expect(near(gaps[0]) && near(gaps[1])).toBe(true);
    const all = candidateSpots(dem, gaps, resolveCandidateOptions({ searchRadiusM: 12000, minSpacingM: 2000 }));
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) {
      if (all[i].kind !== 'high-ground' || all[j].kind !== 'high-ground') continue;
      expect(haversineDistanceM([all[i].lon, all[i].lat], [all[j].lon, all[j].lat])).toBeGreaterThanOrEqual(2000 - 1);
    }
    // a border: nothing east of the first hill's column
    const west = candidateSpots(dem, gaps, o, (lon) => lon < at(140, 0).lon);
    for (const s of west) expect(s.lon).toBeLessThan(at(140, 0).lon);
  });

  it('makes stations of the template, and upgrades only the sites near a gap that would change', () => {
    const o = resolveCandidateOptions({});
    const [s] = candidateStations([{ kind: 'high-ground', ...at(100, 100), elevationM: 600, reliefM: 300 }], o, null, 'p1');
    expect(s.properties).toMatchObject({ id: 'p1-NEW-0001', antennaHeightM: 40, operator: 'Neutral host', status: 'candidate' });
    expect(s.properties.cells.map((c) => c.tech)).toEqual(['2G', '4G']);
    const site = (id: string, c: number, r: number, techs: ('2G' | '4G')[], h: number, operator = 'Viettel'): SiteFeature => ({
      type: 'Feature', geometry: { type: 'Point', coordinates: [at(c, r).lon, at(c, r).lat] },
      properties: { id, name: id, operator, antennaHeightM: h, status: 'existing', power: 'grid', backhaul: 'fiber', cells: techs.map((t) => ({ tech: t, freqMHz: t === '2G' ? 900 : 1800, eirpDbm: 58 })) },
    });
    const sites = [site('A', 120, 110, ['2G'], 30), site('B', 125, 115, ['2G', '4G'], 45), site('C', 299, 0, ['2G'], 20), site('D', 121, 111, ['2G'], 30, 'MobiFone')];
    const ups = upgradeCandidates(sites, gaps, o, 5000, 'Viettel');
    expect(ups.map((u) => u.baseSiteId)).toEqual(['A']); // B would not change, C is far, D is another operator's
    expect(ups[0]).toMatchObject({ addedTechs: ['4G'], raisedToM: 45 });
    expect(ups[0].station.properties.cells.map((c) => c.tech)).toEqual(['2G', '4G']);
    expect(upgradeCandidates(sites, gaps, resolveCandidateOptions({ upgradeHeightM: null }), 5000, null).map((u) => u.raisedToM)).toEqual([null, null]);
  });

  it('refuses bad options with the option named', () => {
    expect(() => resolveCandidateOptions({ maxCandidates: -1 })).toThrow(/candidate option maxCandidates must be an integer from 0 to 20000/);
    expect(() => resolveCandidateOptions({ nope: 1 } as never)).toThrow(/no "nope"/);
    expect(() => resolveCandidateOptions({ techs: ['6G'] } as never)).toThrow(/techs/);
  });
});
