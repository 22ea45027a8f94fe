import type { Feature, Geometry } from 'geojson';
import type { BBox } from '../../core/model/types';

/**
 * Storage-independent access to the feature collections, in the manner of pg_featureserv's
 * `Catalog`: the in-memory implementation (memoryRepository.ts) serves the geodata files, a
 * PostGIS one can take its place behind the same interface.
 */
export interface FeatureRepository {
  /** All collections, in a stable order. */
  collections(): CollectionInfo[];
  /** One collection's description, or undefined when there is no such collection. */
  describe(collectionId: string): CollectionInfo | undefined;
  /**
   * Features of a collection matching the query, in a stable order, and how many match in total.
   * Undefined when there is no such collection. Filters must already be validated against the
   * collection's `filters` (the route does it).
   *
   * bbox semantics: a feature matches when its geometry's bounding box intersects the query box
   * (edges included). For points this is exact (the point lies inside the box); for lines and
   * polygons it is the bounding-box test only, so a polygon whose bbox touches the box while its
   * shape does not is still returned (as pg_featureserv's `&&` operator does).
   */
  list(collectionId: string, query: ListQuery): Promise<ListResult | undefined>;
  /** One feature by id, undefined when the collection or the feature does not exist. */
  get(collectionId: string, featureId: string): Promise<Feature | undefined>;
}

/** A property filter a collection accepts as a query parameter (`?tech=5G`). */
export interface FilterSpec {
  /** Query parameter name, equal to the property name. */
  name: string;
  description: string;
  /** Allowed values: a closed list, free text, or a boolean `true`/`false`. */
  type: 'enum' | 'string' | 'boolean';
  /** For `enum`: the allowed values. */
  values?: readonly string[];
  /**
   * For `string`: the values present in the data (e.g. the operators of the sites, the commune
   * codes); a value not among them is refused. Absent: any non-empty text.
   */
  known?: readonly string[];
  /** For `string`: values compare case-insensitively (operator names). */
  caseInsensitive?: boolean;
}

/** A validated filter value: strings for enum/string filters, booleans for boolean ones. */
export type FilterValue = string | boolean;

export interface CollectionInfo {
  id: string;
  title: string;
  description: string;
  /** [west, south, east, north] of all features, degrees CRS84; null when empty. */
  extent: BBox | null;
  /** Number of features in the collection. */
  count: number;
  /** Geometry types present, e.g. ["Point"]. */
  geometryTypes: Geometry['type'][];
  filters: FilterSpec[];
}

export interface ListQuery {
  bbox?: BBox;
  filters?: Record<string, FilterValue>;
  /** Page size, ≥ 1. */
  limit: number;
  /** Features to skip, ≥ 0. */
  offset: number;
}

export interface ListResult {
  features: Feature[];
  numberMatched: number;
}
