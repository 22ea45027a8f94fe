/**
 * The report's map: the province (the map page's offline style, client/map/style.ts: no basemap,
 * nothing fetched off the server), its villages coloured by what the plan does to them, the
 * existing stations faint and the plan's stations dark and numbered as in the table. Drawn once with
 * MapLibre; once idle the canvas is copied into an <img>, which is what prints.
 */
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import latinFontUrl from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, Point } from 'geojson';
import type { SiteProperties } from '../../core/model/types';
import { LABEL_FONT, LAYER_IDS } from '../map/layers';
import { collectionBBox, communeLabelPoints, outsideMask, prepareSites } from '../map/prepare';
import { buildStyle } from '../map/style';

setWorkerUrl(workerUrl);

/** What the plan does to a village, from before to after. */
export type VillageFate = 'with' | 'without' | 'gained' | 'lost';

/** Colours of the village fates and the stations; the legend uses the same. */
export const FATE_COLORS: Record<VillageFate, string> = { with: '#8ccf8f', without: '#e03131', gained: '#1971c2', lost: '#ae3ec9' };
export const EXISTING_SITE_COLOR = '#868e96';
/** One colour for the plan's stations (operator colours would clash with the villages' red and blue). */
export const PLAN_SITE_COLOR = '#212529';

export interface ReportMapData {
  communes: FeatureCollection;
  outline: FeatureCollection;
  /** Village points with a `fate` property. */
  villages: FeatureCollection<Point, { fate: VillageFate }>;
  /** The stations after the plan. */
  sites: FeatureCollection<Point, SiteProperties>;
  /** The plan's stations (added or changed) → their number in the table. */
  planNumbers: ReadonlyMap<string, number>;
}

const FATE_ORDER: ExpressionSpecification = ['match', ['get', 'fate'], 'with', 0, 'without', 1, 'lost', 2, 3];

function reportLayers(): LayerSpecification[] {
  return [
    {
      id: 'report-existing-sites', type: 'circle', source: 'report-sites', filter: ['==', ['get', 'plan'], 0],
      paint: { 'circle-color': EXISTING_SITE_COLOR, 'circle-radius': 1.3, 'circle-opacity': 0.7 },
    },
    {
      id: 'report-villages', type: 'circle', source: 'report-villages',
      layout: { 'circle-sort-key': FATE_ORDER },
      paint: {
        'circle-color': ['match', ['get', 'fate'], 'with', FATE_COLORS.with, 'without', FATE_COLORS.without, 'gained', FATE_COLORS.gained, FATE_COLORS.lost] as ExpressionSpecification,
        'circle-radius': ['match', ['get', 'fate'], 'with', 1.5, 'without', 2.4, 3.2] as ExpressionSpecification,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['match', ['get', 'fate'], 'with', 0, 0.7] as ExpressionSpecification,
      },
    },
    {
      id: 'report-plan-sites', type: 'circle', source: 'report-sites', filter: ['>', ['get', 'plan'], 0],
      paint: { 'circle-color': PLAN_SITE_COLOR, 'circle-radius': 4.5, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.4 },
    },
    {
      id: 'report-plan-numbers', type: 'symbol', source: 'report-sites', filter: ['>', ['get', 'plan'], 0],
      layout: { 'text-field': ['to-string', ['get', 'plan']], 'text-font': [LABEL_FONT], 'text-size': 10, 'text-offset': [0, -1.1], 'text-allow-overlap': true },
      paint: { 'text-color': '#000000', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
    },
  ];
}

/**
 * Draws the map into `container` (sized by the print stylesheet) and resolves, once it is idle,
 * with the <img> that replaced the canvas.
 *
 * @example
 * await drawReportMap(document.getElementById('map')!, data);
 */
export async function drawReportMap(container: HTMLElement, data: ReportMapData): Promise<HTMLImageElement> {
  const sites = prepareSites(data.sites);
  const planned = { ...sites, features: sites.features.map((f) => ({ ...f, properties: { ...f.properties, plan: data.planNumbers.get(String(f.properties.id)) ?? 0 } })) };
  const style = buildStyle({
    data: {
      communes: data.communes,
      communeLabels: communeLabelPoints(data.communes as never),
      villages: { type: 'FeatureCollection', features: [] },
      sites: { type: 'FeatureCollection', features: [] },
      powerLines: { type: 'FeatureCollection', features: [] },
      outsideMask: outsideMask(data.outline),
    },
    fontFaces: [{ url: new URL(latinFontUrl, location.href).href }],
    hidden: ['villages', 'sites', 'powerLines'],
  });
  // no commune names: 50-odd labels crowd a page-sized map; the chart names the communes that change
  style.layers = style.layers.filter((l) => l.id !== LAYER_IDS.communesLabel);
  style.sources['report-sites'] = { type: 'geojson', data: planned as never };
  style.sources['report-villages'] = { type: 'geojson', data: data.villages as never };
  style.layers.push(...reportLayers());

  const bounds = collectionBBox(data.communes) ?? [-180, -85, 180, 85];
  // the box takes the area's shape (Web Mercator), within the print stylesheet's height limits
  const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const aspect = (mercY(bounds[3]) - mercY(bounds[1])) / (((bounds[2] - bounds[0]) * Math.PI) / 180);
  if (Number.isFinite(aspect) && aspect > 0) container.style.height = `${(container.clientWidth * aspect + 16).toFixed(0)}px`;
  const map = new MapLibreMap({
    container, style, bounds, fitBoundsOptions: { padding: 8 },
    interactive: false, attributionControl: false, fadeDuration: 0,
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
  });
  await new Promise<void>((resolve, reject) => {
    map.once('idle', () => resolve());
    map.once('error', (e) => reject(e.error ?? new Error('the map could not draw')));
  });
  const img = document.createElement('img');
  img.className = 'map-image';
  img.alt = '';
  img.src = map.getCanvas().toDataURL('image/png');
  await img.decode();
  map.remove();
  container.replaceChildren(img);
  return img;
}
