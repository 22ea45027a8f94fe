/** Types for the parts of untyped packages the import readers use. */
declare module 'shpjs' {
  import type { FeatureCollection } from 'geojson';
  /** A shapefile from its parts (.shp required; .dbf, .cpg, .prj optional), reprojected to WGS 84 by its .prj. */
  export default function getShapefile(parts: { shp: Uint8Array; dbf?: Uint8Array; cpg?: string; prj?: string }): Promise<FeatureCollection>;
}
declare module 'wkx' {
  import type { Geometry as GeoJsonGeometry } from 'geojson';
  export class Geometry {
    /** Parses WKB (a Buffer) or WKT. */
    static parse(value: Buffer | string): Geometry;
    toGeoJSON(): GeoJsonGeometry;
  }
  const wkx: { Geometry: typeof Geometry };
  export default wkx;
}
