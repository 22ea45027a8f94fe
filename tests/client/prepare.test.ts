import { describe, expect, it } from 'vitest';
import { collectionBBox, communeLabelPoints, labelPoint, prepareSites, siteTechs } from '../../client/map/prepare';
import { communes, sites } from './fixtures';

describe('prepareSites', () => {
  it('flattens cells into techs, topTech and has5G, and keeps the rest', () => {
    const [s1, s2] = prepareSites(sites).features.map((f) => f.properties);
    expect(s1).toEqual({
      id: 'S-001',
      name: 'BTS Bạch Đằng 1',
      operator: 'Viettel',
      operatorKey: 'viettel',
      status: 'existing',
      techs: '2G,4G,5G',
      topTech: '5G',
      has5G: true,
      antennaHeightM: 30,
      power: 'grid',
      backhaul: 'fiber',
      synthetic: true,
    });
    expect(s2).toMatchObject({ techs: '', topTech: '', has5G: false, operatorKey: 'other', synthetic: false });
  });

  it('leaves only flat values (MapLibre would flatten arrays) and does not mutate its input', () => {
    const before = JSON.stringify(sites);
    for (const f of prepareSites(sites).features) {
      for (const v of Object.values(f.properties)) expect(['string', 'number', 'boolean']).toContain(typeof v);
    }
    expect(JSON.stringify(sites)).toBe(before);
  });

  it('siteTechs sorts by generation and tolerates missing cells', () => {
    expect(siteTechs([{ tech: '5G', freqMHz: 3500, eirpDbm: 60 }, { tech: '3G', freqMHz: 2100, eirpDbm: 58 }])).toEqual(['3G', '5G']);
    expect(siteTechs(undefined)).toEqual([]);
  });
});

describe('labelPoint', () => {
  it('uses the centroid of a convex polygon', () => {
    const [x, y] = labelPoint(communes.features[0].geometry);
    expect(x).toBeCloseTo(106.1, 9);
    expect(y).toBeCloseTo(22.6, 9);
  });

  it('stays inside an L-shaped commune whose centroid is outside, and picks its largest part', () => {
    const [x, y] = labelPoint(communes.features[1].geometry);
    // inside the L: either in the bottom bar (y < 22.6) or in the left bar (x < 106.4)
    expect(x).toBeGreaterThan(106.3);
    expect(x).toBeLessThan(106.7);
    expect(y).toBeGreaterThan(22.5);
    expect(y).toBeLessThan(22.9);
    expect(y < 22.6 || x < 106.4).toBe(true);
  });

  it('gives one label point per commune with its name', () => {
    const labels = communeLabelPoints(communes);
    expect(labels.features.map((f) => f.properties.name)).toEqual(['Bạch Đằng', 'Thục Phán']);
  });
});

describe('collectionBBox', () => {
  it('spans all parts of all features', () => {
    expect(collectionBBox(communes)).toEqual([106.0, 22.5, 106.81, 22.9]);
    expect(collectionBBox({ type: 'FeatureCollection', features: [] })).toBeNull();
  });
});
