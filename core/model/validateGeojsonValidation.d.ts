/** Types for the parts of geojson-validation (an untyped CommonJS package) that covgap uses. */
declare module 'geojson-validation' {
  /** With `trace` true: the list of problems (empty when valid); otherwise whether it is valid. */
  export function isFeature(feature: unknown, trace?: boolean): boolean | string[];
  export function isFeatureCollection(collection: unknown, trace?: boolean): boolean | string[];
  export function valid(geojson: unknown, trace?: boolean): boolean | string[];
  const gjv: {
    isFeature: typeof isFeature;
    isFeatureCollection: typeof isFeatureCollection;
    valid: typeof valid;
  };
  export default gjv;
}
