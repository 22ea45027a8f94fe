/**
 * Features that travel inside other answers (a plan's stations carry the site they would build; a
 * scenario's edits carry sites): the data model's site as GeoJSON (RFC 7946: [lon, lat]).
 */
import { array, bool, nullable, num, object, str, tech, type Wire } from './schema';

/** A radio cell of a site: omni without azimuth. */
export const Cell = object({
  tech,
  freqMHz: { ...num, description: 'Carrier centre frequency, MHz' },
  eirpDbm: { ...num, description: 'EIRP in the main beam, dBm' },
  azimuthDeg: { ...num, description: 'Main-beam azimuth, degrees clockwise from true north; absent for an omni cell' },
  beamwidthDeg: { ...num, description: 'Horizontal half-power beamwidth, degrees; only with azimuthDeg' },
  downtiltDeg: { ...num, description: 'Downtilt, degrees below horizontal' },
}, ['azimuthDeg', 'beamwidthDeg', 'downtiltDeg']);

/** The properties of a site (core/model/types.ts SiteProperties). */
export const SiteProperties = object({
  id: str,
  name: str,
  operator: str,
  antennaHeightM: { ...num, description: 'Antenna height above ground, metres' },
  status: { type: 'string', enum: ['existing', 'planned', 'candidate'] },
  power: { type: 'string', enum: ['grid', 'solar', 'none'] },
  backhaul: { type: 'string', enum: ['fiber', 'microwave', 'satellite', 'none'] },
  cells: array(Cell),
  communeId: nullable({ ...str, description: 'Official code of the commune the site stands in' }),
  synthetic: { ...bool, description: 'True for generated (demo) data' },
  source: { ...str, description: 'Where the record comes from' },
}, ['communeId', 'synthetic', 'source']);

/** A GeoJSON Point. */
export const Point = object({ type: { type: 'string', enum: ['Point'] }, coordinates: array(num, '[lon, lat], WGS 84') });

/** A GeoJSON feature id (RFC 7946 §3.2: a string or a number). */
export const FeatureId = { oneOf: [str, num], description: 'GeoJSON feature id (RFC 7946 §3.2: a string or a number)' } as const;

/** A site as a GeoJSON Feature. */
export const SiteFeature = object({
  type: { type: 'string', enum: ['Feature'] },
  id: FeatureId,
  geometry: Point,
  properties: SiteProperties,
}, ['id']);
export type SiteFeature = Wire<typeof SiteFeature>;
