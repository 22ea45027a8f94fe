import type { Tech } from '../model/types';

/** GDAL geotransform in degrees (see DemGrid). */
export type GeoTransform = [number, number, number, number, number, number];

/** A window of a DEM grid, at the DEM's resolution. */
export interface RasterWindow {
  width: number;
  height: number;
  /** Geotransform of the window (the DEM's, shifted to the window's north-west corner). */
  transform: GeoTransform;
  /** Column and row of the window's first cell in the DEM it was cut from. */
  col0: number;
  row0: number;
}

/** Path loss around one site, dB; NaN outside the radius, outside the DEM and on DEM voids. */
export interface LossRaster extends RasterWindow {
  data: Float32Array;
}

/** Received level per technology around one site (best of the site's cells of that technology). */
export interface SiteCoverage extends RasterWindow {
  siteId: string;
  operator: string;
  /**
   * dBm in the quantity the technology's threshold uses (RxLev, RSCP, RSRP, SS-RSRP: EIRP +
   * referenceSignalOffsetDb − path loss − antenna attenuation); NaN where not computed.
   */
  levelDbm: Partial<Record<Tech, Float32Array>>;
}

/** A transmitter for pathLossGrid. */
export interface Transmitter {
  lon: number;
  lat: number;
  /** Antenna height above ground, metres. */
  heightAglM: number;
}
