/**
 * The covgap data model. GeoJSON (RFC 7946: WGS84, [lon, lat]) features with typed properties.
 * SI units, and the unit in every numeric name (`antennaHeightM`, `freqMHz`, `eirpDbm`).
 *
 * Everything here is plain data: no classes, so the same objects travel between server, browser
 * worker and seed scripts (structured clone, JSON).
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';

/** Radio technologies covgap knows, in generation order. */
export const TECHS = ['2G', '3G', '4G', '5G'] as const;
export type Tech = (typeof TECHS)[number];

export const SITE_STATUSES = ['existing', 'planned', 'candidate'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

export const SITE_POWER = ['grid', 'solar', 'none'] as const;
export type SitePower = (typeof SITE_POWER)[number];

export const SITE_BACKHAUL = ['fiber', 'microwave', 'satellite', 'none'] as const;
export type SiteBackhaul = (typeof SITE_BACKHAUL)[number];

/**
 * Physical limits of a site's numbers, inclusive: a value outside is refused (InputError naming the
 * field), as it describes no real station and would make the engine "cover" the whole disc.
 * Each range is wider than every real macro, micro or broadcast site and than the models' validity
 * (ITM: 20 MHz–20 GHz, terminals 0.5–3000 m; outside it the models warn).
 */
export const SITE_LIMITS = Object.freeze({
  /** Antenna height above ground, m: a rooftop pole to the tallest guyed masts (≈ 630 m). */
  antennaHeightM: [0.5, 1000],
  /** Carrier frequency, MHz: VHF (20 MHz) to millimetre waves (100 GHz). */
  freqMHz: [20, 100000],
  /** EIRP, dBm: 1 mW (0 dBm) to 1 MW (90 dBm, a large broadcast transmitter); macro sites 55–65. */
  eirpDbm: [0, 90],
} as const satisfies Record<string, readonly [number, number]>);

/** One radio cell (a carrier on a sector, or an omni cell) of a site. */
export interface Cell {
  tech: Tech;
  /** Carrier centre frequency, MHz (e.g. 900, 1800, 2100, 3500). */
  freqMHz: number;
  /** Effective isotropic radiated power in the main beam, dBm. */
  eirpDbm: number;
  /** Main-beam azimuth, degrees clockwise from true north; absent for an omni cell. */
  azimuthDeg?: number;
  /** Horizontal half-power (-3 dB) beamwidth, degrees; only with azimuthDeg. */
  beamwidthDeg?: number;
  /** Electrical + mechanical downtilt, degrees below horizontal. */
  downtiltDeg?: number;
}

export interface SiteProperties {
  id: string;
  name: string;
  /** Operator brand, e.g. "Viettel", "VNPT/Vinaphone", "MobiFone". */
  operator: string;
  /** Antenna height above ground, metres. */
  antennaHeightM: number;
  status: SiteStatus;
  power: SitePower;
  backhaul: SiteBackhaul;
  cells: Cell[];
  /** Official code of the commune the site stands in, when known. */
  communeId?: string | null;
  /** True for generated (demo) data; absent or false for real data. */
  synthetic?: boolean;
  /** Where the record comes from (file, dataset, generator). */
  source?: string;
}
export type SiteFeature = Feature<Point, SiteProperties>;

export interface VillageProperties {
  id: string;
  name: string;
  /** Official code of the commune the village belongs to. */
  communeId: string;
  population: number;
  households: number;
  electrified: boolean;
  /** Fixed broadband available; null when unknown. */
  fixedBroadband: boolean | null;
  /**
   * In an especially difficult area (the public-utility telecom fund pays its share of the station
   * that serves it, core/siting/costs.ts); absent: decided by the cost options (no power, remote).
   */
  especiallyDifficult?: boolean;
  /**
   * The village's boundary where known (the hamlet's area), RFC 7946 winding. The feature's
   * geometry stays the settlement point; gap rule 'area' samples the boundary's cells.
   */
  boundary?: Polygon | MultiPolygon;
  /** True when the boundary is made up (the demo's hamlets), not surveyed. */
  boundarySynthetic?: boolean;
  synthetic?: boolean;
  source?: string;
}
/** A village (hamlet, bản/thôn/xóm): its settlement point (a file may give its boundary as the geometry: see validateVillages). */
export type VillageFeature = Feature<Point | Polygon | MultiPolygon, VillageProperties>;

export interface CommuneProperties {
  /** Official administrative code (mã ĐVHC), e.g. "01708". */
  id: string;
  /** Name in the official language, with diacritics, e.g. "Bạch Đằng". */
  name: string;
  /** "xã" (rural commune) or "phường" (urban ward), or another local kind. */
  kind: string;
  population: number;
  households: number;
  areaKm2: number;
  /** A stable ASCII key, e.g. "CB-BACHDANG", when the source has one. */
  slug?: string;
  /** Former units merged into this one (2025 reform), when known. */
  mergedFrom?: string[];
  synthetic?: boolean;
  source?: string;
}
export type CommuneFeature = Feature<Polygon | MultiPolygon, CommuneProperties>;

export interface PowerLineProperties {
  id: string;
  /** Nominal voltage, kV (e.g. 110, 35, 22, 0.4). */
  voltageKv: number;
  name?: string;
  synthetic?: boolean;
  source?: string;
}
export type PowerLineFeature = Feature<LineString | MultiLineString, PowerLineProperties>;

export type Sites = FeatureCollection<Point, SiteProperties>;
export type Villages = FeatureCollection<Point | Polygon | MultiPolygon, VillageProperties>;
export type Communes = FeatureCollection<Polygon | MultiPolygon, CommuneProperties>;

/** The outline of the whole area (province): one or more polygons, e.g. for masking the map outside it. */
export interface OutlineProperties {
  id: string;
  /** Name with diacritics, e.g. "Cao Bằng". */
  name: string;
  synthetic?: boolean;
  source?: string;
  licence?: string;
}
export type Outline = FeatureCollection<Polygon | MultiPolygon, OutlineProperties>;
export type PowerLines = FeatureCollection<LineString | MultiLineString, PowerLineProperties>;

/**
 * A digital elevation model: a north-up grid of elevations (metres above sea level) in a flat
 * Float32Array, row-major from the north-west corner, `data[row * width + col]`.
 *
 * `transform` is GDAL's geotransform in degrees (EPSG:4326), pixel-is-area:
 * `[westLon, pixelWidthDeg, 0, northLat, 0, -pixelHeightDeg]`, so the centre of cell (col, row)
 * is at lon = t[0] + (col + 0.5) * t[1], lat = t[3] + (row + 0.5) * t[5].
 * Cells without data hold NaN.
 */
export interface DemGrid {
  width: number;
  height: number;
  data: Float32Array;
  transform: [number, number, number, number, number, number];
}

/** A bounding box [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];
