/**
 * The render cases: each one the main layers' builders (client/map/*) over a little inline GeoJSON
 * at a fixed camera, as a MapLibre style. The test writes them as `cases/<name>/style.json` (with
 * UPDATE=1) and checks the builders still make what the file holds, so a change of a layer shows up
 * in the style's diff and in its image.
 */
import type { FeatureCollection } from 'geojson';
import type { LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { COVERAGE_SOURCE_ID, coverageLayer } from '../../../client/map/coverage';
import { villageStatusColor } from '../../../client/map/gapStyle';
import { SOURCE_IDS, backgroundLayer, communeLayers, siteLayers, villageLayer } from '../../../client/map/layers';
import { prepareSites } from '../../../client/map/prepare';

/** Where the raster tiles of the coverage case are asked for (the test answers them). */
export const TILE_ORIGIN = 'http://render.test';
/** Every case is drawn at this size, in CSS pixels at device scale 1. */
export const SIZE_PX = 256;

const CENTER: [number, number] = [106.0, 22.6];
/** A point `dx`, `dy` steps of 0.004° from the centre (at zoom 12, 256 px span ±0.022°: MapLibre's zoom is of 512 px tiles). */
const at = (dx: number, dy: number): [number, number] => [round6(CENTER[0] + dx * 0.004), round6(CENTER[1] + dy * 0.004)];
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const fc = (features: FeatureCollection['features']): FeatureCollection => ({ type: 'FeatureCollection', features });
const point = (coordinates: [number, number], properties: Record<string, unknown>) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates }, properties });

const style = (sources: StyleSpecification['sources'], layers: LayerSpecification[], zoom = 12): StyleSpecification => ({
  version: 8, name: 'covgap render case', center: CENTER, zoom, sources, layers: [backgroundLayer(), ...layers],
});

const cell = (tech: string) => ({ tech, freqMHz: tech === '2G' ? 900 : 1800, eirpDbm: 58 });
const site = (id: string, xy: [number, number], operator: string, techs: string[], status = 'existing') =>
  point(at(...xy), { id, name: id, operator, status, antennaHeightM: 30, power: 'grid', backhaul: 'fiber', cells: techs.map(cell) });

/** The cases by name: the coverage raster, villages by gap status, sites by operator, commune boundaries. */
export const RENDER_CASES: Record<string, () => StyleSpecification> = {
  'coverage-raster': () => style(
    { [COVERAGE_SOURCE_ID]: { type: 'raster', tiles: [`${TILE_ORIGIN}/coverage/{z}/{x}/{y}.png`], tileSize: 256, minzoom: 0, maxzoom: 14 } },
    [coverageLayer(true)],
    11,
  ),
  'villages-by-gap-status': () => {
    const layer = villageLayer(true);
    layer.paint = { ...layer.paint, 'circle-color': villageStatusColor() };
    return style({
      [SOURCE_IDS.villages]: { type: 'geojson', data: fc([
        point(at(-4, 3), { id: 'V1', electrified: true, gapStatus: 'signal' }),
        point(at(0, 3), { id: 'V2', electrified: true, gapStatus: 'noSignal' }),
        point(at(4, 3), { id: 'V3', electrified: false, gapStatus: 'noPower' }),
        // not in the analysis: by electrification
        point(at(-2, -3), { id: 'V4', electrified: true }),
        point(at(2, -3), { id: 'V5', electrified: false }),
      ]) as never },
    }, [layer]);
  },
  'sites-by-operator': () => style({
    [SOURCE_IDS.sites]: { type: 'geojson', data: prepareSites(fc([
      site('S1', [-4, 3], 'Viettel', ['2G', '4G']),
      site('S2', [0, 3], 'VNPT/Vinaphone', ['4G', '5G']),
      site('S3', [4, 3], 'MobiFone', ['3G']),
      site('S4', [-2, -3], 'Vietnamobile', ['2G']),
      site('S5', [2, -3], 'Viettel', ['4G'], 'planned'),
    ]) as never) as never },
  }, siteLayers(true).slice().reverse() as LayerSpecification[]),
  'commune-boundaries': () => style({
    [SOURCE_IDS.communes]: { type: 'geojson', data: fc([
      { type: 'Feature', properties: { id: 'C1' }, geometry: { type: 'Polygon', coordinates: [[at(-8, -6), at(0, -6), at(0, 6), at(-8, 6), at(-8, -6)]] } },
      { type: 'Feature', properties: { id: 'C2' }, geometry: { type: 'Polygon', coordinates: [[at(0, -6), at(7, -4), at(6, 6), at(0, 6), at(0, -6)]] } },
    ]) as never },
  }, communeLayers(true), 11),
};
