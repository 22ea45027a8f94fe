/** The media types and the CRS the API speaks (IANA names; the CRS as an OGC URI). */
export const JSON_TYPE = 'application/json';
export const GEOJSON = 'application/geo+json';
export const HTML_TYPE = 'text/html';
/** The OpenAPI 3.0 document (IANA vendor type of the OpenAPI Initiative, with its version parameter). */
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';
export const PROBLEM_TYPE = 'application/problem+json';
/** WGS 84 longitude/latitude, the only CRS of the API (storage and answers; RFC 7946). */
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
