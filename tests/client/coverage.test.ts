import { describe, expect, it } from 'vitest';
import { SIGNAL_COLORS, signalColorScale, signalLegend, signalLut, signalLutIndex } from '../../core/color/signalRamp';
import { contourPolygons } from '../../core/coverage/contour';
import { coverageLayer, coverageSource, coverageTileUrl, legendRows, type CoverageLegend } from '../../client/map/coverage';
import { signalPopup, type PointAnswer } from '../../client/ui/signal';
import { niceStep, profileChartModel, type ProfileData } from '../../client/ui/profileChart';

describe('coverage layer helpers', () => {
  it('builds versioned, same-origin tile URLs with the placeholders intact', () => {
    expect(coverageTileUrl('http://h:1', { tech: '4G', operator: 'VNPT/Vinaphone' }, 'abc')).toBe('http://h:1/tiles/coverage/{z}/{x}/{y}.png?tech=4G&operator=VNPT%2FVinaphone&v=abc');
    expect(coverageTileUrl('http://h:1', { tech: '2G', operator: null }, 'v1')).toBe('http://h:1/tiles/coverage/{z}/{x}/{y}.png?tech=2G&v=v1');
    expect(coverageSource('http://h', { tech: '3G', operator: null }, 'v', [1, 2, 3, 4])).toMatchObject({ type: 'raster', tileSize: 256, bounds: [1, 2, 3, 4] });
    expect(coverageLayer(false).layout).toEqual({ visibility: 'none' });
  });

  it('lists legend rows strongest first with readable ranges', () => {
    const legend: CoverageLegend = { ...signalLegend('4G', -110), modelId: 'itm', version: 'v' } as CoverageLegend;
    const rows = legendRows(legend);
    expect(rows.map((r) => r.name)).toEqual(['excellent', 'good', 'fair', 'weak']);
    expect(rows[0]).toEqual({ name: 'excellent', color: SIGNAL_COLORS[3], range: '≥\u00a0\u221280\u00a0dBm' });
    expect(rows[3].range).toBe('\u2212110\u2009…\u2009\u2212100\u00a0dBm');
  });
});

describe('signal ramp', () => {
  it('is transparent below the threshold and steps every 10 dB', () => {
    const scale = signalColorScale(-110);
    expect(scale(-110.5)).toBeNull();
    expect(scale(NaN)).toBeNull();
    expect(scale(-110)).toBe(SIGNAL_COLORS[0]);
    expect(scale(-100.01)).toBe(SIGNAL_COLORS[0]);
    expect(scale(-100)).toBe(SIGNAL_COLORS[1]);
    expect(scale(-40)).toBe(SIGNAL_COLORS[3]);
  });

  it('has a lookup table that agrees with the scale', () => {
    const lut = signalLut(-100);
    for (const dbm of [-101, -100, -95.5, -90, -81, -80, -30]) {
      const i = signalLutIndex(lut, dbm);
      const color = signalColorScale(-100)(dbm);
      if (color === null) expect(i < 0 || lut.rgba[i + 3] === 0).toBe(true);
      else expect(`#${[...lut.rgba.subarray(i, i + 3)].map((b) => b.toString(16).padStart(2, '0')).join('')}`).toBe(color);
    }
    expect(signalLutIndex(lut, NaN)).toBe(-1);
  });
});

describe('contourPolygons', () => {
  const grid = (w: number, h: number, f: (c: number, r: number) => number) => {
    const data = new Float32Array(w * h);
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) data[r * w + c] = f(c, r);
    return { width: w, height: h, transform: [100, 0.1, 0, 20, 0, -0.1], data };
  };

  it('gives a counter-clockwise ring with a clockwise hole, and islands apart', () => {
    const g = grid(20, 10, (c, r) => (c > 2 && c < 8 && r > 1 && r < 8 && !(c === 5 && r === 4) ? 1 : c === 15 && r === 5 ? 1 : 0));
    const mp = contourPolygons(g, 0.5);
    expect(mp.coordinates).toHaveLength(2);
    const withHole = mp.coordinates.find((p) => p.length === 2)!;
    const area = (ring: number[][]) => ring.slice(1).reduce((s, p, i) => s + ring[i][0] * p[1] - p[0] * ring[i][1], 0) / 2;
    expect(area(withHole[0])).toBeGreaterThan(0);
    expect(area(withHole[1])).toBeLessThan(0);
    for (const poly of mp.coordinates) for (const ring of poly) expect(ring[0]).toEqual(ring[ring.length - 1]);
  });

  it('interpolates the edge between cell centres and closes at the grid border', () => {
    // a ramp 0…9 along the columns: the 4.5 contour is the vertical line through the middle
    const mp = contourPolygons(grid(10, 4, (c) => c), 4.5);
    expect(mp.coordinates).toHaveLength(1);
    const xs = mp.coordinates[0][0].map((p) => p[0]);
    expect(Math.min(...xs)).toBeCloseTo(100 + 5 * 0.1, 9);
    // the right side closes half a cell beyond the last centre (between it and the padding)
    expect(Math.max(...xs)).toBeCloseTo(100 + 10 * 0.1, 9);
  });

  it('is empty when nothing reaches the level and rejects bad grids with exact messages', () => {
    expect(contourPolygons(grid(3, 3, () => NaN), 0).coordinates).toEqual([]);
    expect(() => contourPolygons({ width: 2, height: 2, transform: [0, 1, 0, 0, 0, -1], data: [1, 2, 3] }, 0)).toThrow('contourPolygons: expected width × height = data.length with positive integers, got 2 × 2 and 3');
    expect(() => contourPolygons({ width: 1, height: 1, transform: [0, 1, 0, 0, 0, 1], data: [1] }, 0)).toThrow('contourPolygons: the grid must be north-up (transform[1] > 0, transform[5] < 0)');
  });
});

describe('signal popup', () => {
  const answer: PointAnswer = {
    lon: 106.25, lat: 22.66,
    techs: [
      { tech: '2G', quantity: 'RxLev', thresholdDbm: -100, levelDbm: -85.3, covered: true, serverCount: 2, best: { siteId: 'S1', operator: 'Viettel', levelDbm: -85.3 }, byOperator: [] },
      { tech: '4G', quantity: 'RSRP', thresholdDbm: -110, levelDbm: -118, covered: false, serverCount: 0, best: { siteId: 'S2', operator: 'MobiFone', levelDbm: -118 }, byOperator: [] },
      { tech: '5G', quantity: 'SS-RSRP', thresholdDbm: -110, levelDbm: null, covered: false, serverCount: 0, best: null, byOperator: [] },
    ],
    bestServer: { siteId: 'S1', operator: 'Viettel', levelDbm: -85.3, tech: '2G' },
  };

  it('gives the level and server per technology, "no signal" below the threshold, and the best server', () => {
    const c = signalPopup(answer, 'en');
    expect(c.title).toBe('Predicted signal');
    expect(c.subtitle).toBe('22.66000, 106.25000');
    expect(c.rows).toEqual([
      { label: '2G RxLev', value: '-85\u00a0dBm · Viettel (S1) · 2 sites above threshold' },
      { label: '4G RSRP', value: 'No signal (-118\u00a0dBm)' },
      { label: '5G SS-RSRP', value: 'No signal' },
      { label: 'Best server', value: 'S1 · Viettel · 2G -85\u00a0dBm' },
    ]);
    expect(signalPopup(answer, 'vi').rows[2].value).toBe('Không có sóng');
  });
});

describe('profile chart model', () => {
  // 10 km over a flat 300 m plain with a 700 m hill in the middle
  const n = 101;
  const distancesM = Array.from({ length: n }, (_, i) => i * 100);
  const ground = distancesM.map((d) => (Math.abs(d - 5000) < 300 ? 700 : 300));
  const data: ProfileData = {
    from: { siteId: 'S1', name: 'Site 1', operator: 'Viettel', lon: 106, lat: 22.6, groundM: 300, antennaHeightM: 30 },
    to: { villageId: 'V1', name: 'Bản 1', lon: 106.0975, lat: 22.6, groundM: 300, rxHeightM: 1.5 },
    chosenBy: 'nearest',
    distanceM: 10000,
    stepM: 100,
    kFactor: 4 / 3,
    distancesM,
    groundM: ground,
    groundCurvedM: ground,
    lineOfSight: { clear: false, minClearanceM: -384, obstruction: { index: 48, distanceM: 4800, groundCurvedM: 700, clearanceM: -384 } },
    fresnel: { freqMHz: 900, radiusM: distancesM.map((d) => Math.sqrt((0.333 * d * (10000 - d)) / 10000)) },
    losses: [],
  };

  it('maps the ends of the line of sight to the antenna top and the handset, the hill into the plot', () => {
    const m = profileChartModel(data, { width: 600, height: 200, margin: { left: 50, right: 10, top: 10, bottom: 30 } });
    expect(m.plot).toEqual({ x0: 50, x1: 590, y0: 10, y1: 170 });
    expect(m.los.x1).toBe(50);
    expect(m.los.x2).toBe(590);
    // the antenna top (330 m) is higher on screen (smaller y) than the handset (301.5 m)
    expect(m.los.y1).toBeLessThan(m.los.y2);
    expect(m.terrainPath.startsWith('M50,170L50,')).toBe(true);
    expect(m.terrainPath.endsWith('L590,170Z')).toBe(true);
    // the hill top is above the line of sight on screen
    expect(m.obstruction!.x).toBeCloseTo(50 + 540 * 0.48, 6);
    expect(m.obstruction!.y).toBeLessThan(m.los.y1);
    expect(m.obstruction!.y).toBeGreaterThanOrEqual(10);
    expect(m.xTicks.map((t) => t.label)).toEqual(['0', '2', '4', '6', '8', '10']);
    expect(m.fresnelPath.split('L')).toHaveLength(2 * n);
  });

  it('has no obstruction marker when the line of sight is clear', () => {
    const m = profileChartModel({ ...data, lineOfSight: { clear: true, minClearanceM: 12, obstruction: null } });
    expect(m.obstruction).toBeNull();
  });

  it('picks 1-2-5 tick steps', () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(430, 5)).toBe(100);
    expect(niceStep(0.7, 6)).toBe(0.2);
  });
});
