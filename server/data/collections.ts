import type { Feature } from 'geojson';
import { siteFlatProperties } from '../../core/export/flat';
import type { CellValue } from '../../core/export/columns';
import { TECHS, type SiteProperties } from '../../core/model/types';
import type { FilterSpec, FilterValue } from './repository';

/**
 * The collections covgap serves and their property filters. Each filter has a spec (for
 * validation and the OpenAPI document) and an in-memory predicate.
 */
export interface CollectionDef {
  id: string;
  title: string;
  description: string;
  filters: FilterDef[];
  /**
   * Flat, typed properties served beside a feature's own (for desktop GIS, which show nested lists
   * as NULL), e.g. a site's cells summarised; the repository adds them to new feature objects.
   */
  flatProperties?(feature: Feature): Record<string, CellValue>;
}

export interface FilterDef extends FilterSpec {
  /** Whether a feature matches the (validated) value. */
  match(feature: Feature, value: FilterValue): boolean;
  /** For `string`: where the known values come from (a property of a collection), when served. */
  knownFrom?: { collection: string; property: string };
}

const prop = (f: Feature, name: string): unknown => (f.properties ?? {})[name];

/** Villages (and their boundaries) of one commune. */
const COMMUNE_FILTER: FilterDef = {
  name: 'communeId',
  type: 'string',
  description: 'Only villages of the commune with this official code.',
  knownFrom: { collection: 'communes', property: 'id' },
  match: (f, v) => prop(f, 'communeId') === v,
};

export const COLLECTION_DEFS: readonly CollectionDef[] = [
  {
    id: 'sites',
    title: 'Mobile sites',
    description: 'Base transceiver stations (BTS): operator, antenna height, status, power, backhaul and radio cells.',
    flatProperties: (f) => siteFlatProperties(f.properties as Pick<SiteProperties, 'cells'>),
    filters: [
      {
        name: 'tech',
        type: 'enum',
        values: TECHS,
        description: 'Only sites with at least one cell of this technology.',
        match: (f, v) => {
          const cells = prop(f, 'cells');
          return Array.isArray(cells) && cells.some((c: { tech?: unknown }) => c?.tech === v);
        },
      },
      {
        name: 'operator',
        type: 'string',
        description: 'Only sites of this operator (exact name, case-insensitive), e.g. Viettel.',
        knownFrom: { collection: 'sites', property: 'operator' },
        caseInsensitive: true,
        match: (f, v) => String(prop(f, 'operator') ?? '').toLowerCase() === String(v).toLowerCase(),
      },
    ],
  },
  {
    id: 'villages',
    title: 'Villages',
    description: 'Villages and hamlets (bản, thôn, xóm): settlement point, commune, population, electrification.',
    filters: [
      COMMUNE_FILTER,
      {
        name: 'electrified',
        type: 'boolean',
        description: 'true: villages with grid power; false: villages without electricity.',
        match: (f, v) => prop(f, 'electrified') === v,
      },
    ],
  },
  {
    id: 'village-boundaries',
    title: 'Village boundaries',
    description: 'The area of each village whose boundary is known (polygons; same id and properties as in villages). Gap rule "area" samples them. The demo\'s are synthetic (boundarySynthetic: true).',
    filters: [
      COMMUNE_FILTER,
    ],
  },
  {
    id: 'communes',
    title: 'Communes and wards',
    description: 'Communes (xã) and wards (phường): official code, name, boundary, population, area.',
    filters: [],
  },
  {
    id: 'power-lines',
    title: 'Power lines',
    description: 'Electricity lines with their nominal voltage, for the cost of powering new sites.',
    filters: [],
  },
  {
    id: 'province',
    title: 'Province outline',
    description: 'The boundary of the whole area (one feature): the map dims everything outside it.',
    filters: [],
  },
];
