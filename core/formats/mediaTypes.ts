/**
 * The media types an import of each format is sent with (the request's Content-Type; POST
 * /api/imports/{layer}?format=…): the format's registered IANA type, the generic types it is
 * commonly served as, and `application/octet-stream` for the binary formats. The server refuses
 * any other with 415 (a page of another site can send only text/plain, form and multipart bodies
 * without the CORS consent the server never gives); the web client sends the first of each.
 */
export const IMPORT_MEDIA_TYPES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  geojson: ['application/geo+json', 'application/json'], // RFC 7946
  opencellid: ['text/csv'], // RFC 4180
  kml: ['application/vnd.google-earth.kml+xml', 'application/xml', 'text/xml'], // OGC KML 2.2
  shapefile: ['application/zip', 'application/octet-stream'], // a zip of .shp, .shx, .dbf, .prj, .cpg
  gpkg: ['application/geopackage+sqlite3', 'application/octet-stream'], // OGC GeoPackage 1.3
  geotiff: ['image/tiff', 'application/octet-stream'], // RFC 3302
  hgt: ['application/octet-stream'], // SRTM tiles have no registered type
});

/**
 * The media types `format` is accepted as (an unknown format: none).
 *
 * @example
 * importMediaTypes('geojson') // ['application/geo+json', 'application/json']
 */
export function importMediaTypes(format: string): readonly string[] {
  return Object.prototype.hasOwnProperty.call(IMPORT_MEDIA_TYPES, format) ? IMPORT_MEDIA_TYPES[format] : [];
}
