import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { featureFilter, createExpression } from '@maplibre/maplibre-gl-style-spec';
import { buildStyle, type StyleOptions } from '../../client/map/style';
import { LAYER_GROUPS, LAYER_IDS, SOURCE_IDS, operatorColorExpression, LABEL_FONT } from '../../client/map/layers';
import { OPERATORS, OTHER_OPERATOR_COLOR, operatorKey } from '../../client/map/colors';
import { communeLabelPoints, outsideMask, prepareSites } from '../../client/map/prepare';
import { communes, sites, villages } from './fixtures';

const empty = { type: 'FeatureCollection' as const, features: [] };
const base: StyleOptions = {
  data: { communes, communeLabels: communeLabelPoints(communes), villages, sites: prepareSites(sites), powerLines: empty },
  terrain: { tileUrl: 'http://127.0.0.1:9/tiles/terrain/{z}/{x}/{y}.png', maxzoom: 14, bounds: [105, 22, 107, 23.5] },
  fontFaces: [{ url: 'http://127.0.0.1:9/assets/vi.woff2', unicodeRange: ['U+1EA0-1EF9'] }, { url: 'http://127.0.0.1:9/assets/latin.woff2' }],
};

describe('buildStyle', () => {
  it('builds a style that passes the style-spec validator', () => {
    expect(validateStyleMin(buildStyle(base))).toEqual([]);
    expect(validateStyleMin(buildStyle({ ...base, terrain3d: true, hidden: ['sites', 'hillshade'] }))).toEqual([]);
    expect(validateStyleMin(buildStyle({ data: base.data }))).toEqual([]);
  });

  it('fetches nothing from the internet: no glyphs, no sprite, only the given URLs', () => {
    const style = buildStyle(base);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    const urls = JSON.stringify(style).match(/https?:\/\/[^"]+/g) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.startsWith('http://127.0.0.1:9/')).toBe(true);
    expect(style['font-faces']?.[LABEL_FONT]).toHaveLength(2);
  });

  it('has hillshade from a terrain-RGB (mapbox) source and separate sources for hillshade and 3D terrain', () => {
    const style = buildStyle(base);
    const dem = style.sources[SOURCE_IDS.hillshadeDem];
    expect(dem).toMatchObject({ type: 'raster-dem', encoding: 'mapbox', maxzoom: 14, tileSize: 256 });
    expect(style.sources[SOURCE_IDS.terrainDem]).toEqual(dem);
    expect(style.layers.find((l) => l.id === LAYER_IDS.hillshade)).toMatchObject({ type: 'hillshade', source: SOURCE_IDS.hillshadeDem });
    expect(style.terrain).toBeUndefined();
    expect(buildStyle({ ...base, terrain3d: true }).terrain).toEqual({ source: SOURCE_IDS.terrainDem, exaggeration: 1.5 });
  });

  it('dims the outside of the province over the hillshade, under the communes', () => {
    const mask = outsideMask(communes)!;
    const rings = mask.features[0].geometry.coordinates;
    // the world, then one hole per polygon's outer ring (the L-shaped commune has two polygons)
    expect(rings).toHaveLength(4);
    const area2 = (r: number[][]) => r.reduce((s, p, i) => { const q = r[(i + 1) % r.length]; return s + p[0] * q[1] - q[0] * p[1]; }, 0);
    expect(area2(rings[0])).toBeGreaterThan(0);
    for (const hole of rings.slice(1)) expect(area2(hole)).toBeLessThan(0);
    const style = buildStyle({ ...base, data: { ...base.data, outsideMask: mask } });
    expect(validateStyleMin(style)).toEqual([]);
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf(LAYER_IDS.hillshade)).toBeLessThan(ids.indexOf(LAYER_IDS.outsideMask));
    expect(ids.indexOf(LAYER_IDS.outsideMask)).toBeLessThan(ids.indexOf(LAYER_IDS.communesFill));
    expect(style.sources[SOURCE_IDS.outsideMask]).toMatchObject({ type: 'geojson' });
    // no outline, no mask
    expect(outsideMask({ type: 'FeatureCollection', features: [] })).toBeNull();
    expect(buildStyle(base).layers.some((l) => l.id === LAYER_IDS.outsideMask)).toBe(false);
  });

  it('leaves hillshade and terrain out when the server has no terrain', () => {
    const style = buildStyle({ ...base, terrain: undefined, terrain3d: true });
    expect(style.layers.some((l) => l.type === 'hillshade')).toBe(false);
    expect(style.terrain).toBeUndefined();
  });

  it('draws 5G rings over sites over villages over power lines over communes over hillshade, labels on top', () => {
    const ids = buildStyle(base).layers.map((l) => l.id);
    const at = (id: string) => ids.indexOf(id);
    expect(at(LAYER_IDS.background)).toBe(0);
    expect(at(LAYER_IDS.hillshade)).toBeLessThan(at(LAYER_IDS.communesFill));
    expect(at(LAYER_IDS.communesFill)).toBeLessThan(at(LAYER_IDS.powerLines));
    expect(at(LAYER_IDS.powerLines)).toBeLessThan(at(LAYER_IDS.villages));
    expect(at(LAYER_IDS.villages)).toBeLessThan(at(LAYER_IDS.sites));
    expect(at(LAYER_IDS.sites)).toBeLessThan(at(LAYER_IDS.sites5gRing));
    expect(ids[ids.length - 1]).toBe(LAYER_IDS.communesLabel);
  });

  it('hides every layer of a hidden group and no other', () => {
    const style = buildStyle({ ...base, hidden: ['sites', 'communes'] });
    const hiddenIds = new Set<string>([...LAYER_GROUPS.sites, ...LAYER_GROUPS.communes]);
    for (const layer of style.layers) {
      const vis = (layer.layout as { visibility?: string } | undefined)?.visibility ?? 'visible';
      expect(vis, layer.id).toBe(hiddenIds.has(layer.id) ? 'none' : 'visible');
    }
  });

  it('rejects an unknown layer group with the list of known ones', () => {
    expect(() => buildStyle({ ...base, hidden: ['roads' as never] })).toThrow(
      'Unknown layer group "roads": expected one of communes, hillshade, powerLines, villages, sites.',
    );
  });

  it('rings only 5G sites and colours sites by operator', () => {
    const style = buildStyle(base);
    const ring = style.layers.find((l) => l.id === LAYER_IDS.sites5gRing)!;
    const filter = featureFilter((ring as unknown as { filter: never }).filter, 'layers[7].filter');
    const [s1, s2] = prepareSites(sites).features;
    const asFeature = (f: typeof s1) => ({ type: 1 as const, properties: f.properties as never, geometry: [] });
    expect(filter.filter({ zoom: 10 }, asFeature(s1))).toBe(true);
    expect(filter.filter({ zoom: 10 }, asFeature(s2))).toBe(false);

    const color = createExpression(operatorColorExpression(), 'layers[6].paint.circle-color');
    if (color.result !== 'success') throw new Error('bad expression');
    const colorOf = (key: string) => String(color.value.evaluate({ zoom: 10 }, { type: 1, properties: { operatorKey: key }, geometry: [] } as never));
    for (const op of OPERATORS) expect(colorOf(op.key)).toBe(op.color);
    expect(colorOf('other')).toBe(OTHER_OPERATOR_COLOR);
    expect(new Set(['viettel', 'vinaphone', 'mobifone', 'other'].map(colorOf)).size).toBe(4);
    expect(OPERATORS.map((o) => o.color)).not.toContain(OTHER_OPERATOR_COLOR);
  });
});

describe('operatorKey', () => {
  it('recognises the brands whatever their spelling', () => {
    expect(operatorKey('Viettel')).toBe('viettel');
    expect(operatorKey('VNPT/Vinaphone')).toBe('vinaphone');
    expect(operatorKey('VNPT')).toBe('vinaphone');
    expect(operatorKey('MOBIFONE')).toBe('mobifone');
    expect(operatorKey('Vietnamobile')).toBe('other');
    expect(operatorKey('')).toBe('other');
  });
});
