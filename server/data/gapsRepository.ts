/**
 * Adds the `gaps` collection to a FeatureRepository (for /collections, /collections/gaps, the
 * OpenAPI document and /api/health). Its items are served by server/routes/gaps.ts; list() and
 * get() here answer the same for any other caller. Before the coverage is ready the collection
 * counts 0 features.
 */
import type { Feature } from 'geojson';
import type { Gap } from '../../core/gaps';
import { gapFeature } from '../../core/export/flat';
import { geometryBBox } from '../../core/spatial/bbox';
import type { GapService } from '../services/gaps';
import { TECHS } from '../../core/model/types';
import type { CollectionInfo, FeatureRepository, ListQuery, ListResult } from './repository';

export const GAPS_COLLECTION = 'gaps';

/**
 * @example
 * const repo = withGapsCollection(repositoryFromGeodata(geodata), gapService);
 * repo.collections().map((c) => c.id) // [..., 'gaps']
 */
export function withGapsCollection(inner: FeatureRepository, gaps: GapService): FeatureRepository {
  const info = (): CollectionInfo => {
    let list: Gap[] = [];
    try {
      list = gaps.list();
    } catch {
      list = []; // coverage still computing
    }
    return {
      id: GAPS_COLLECTION,
      title: 'Villages without signal (gaps)',
      description:
        'Villages and hamlets without mobile signal, sorted by priority score (highest first): reason, nearest sites, electricity, ' +
        'population and the parts of the score. Downloads of the whole filtered list: f=csv|xlsx|geojson|kml|gpkg, lang=vi|en. ' +
        'Computed from the province coverage (503 with progress while it computes).',
      // the gap villages' own box (null while computing or when every village has signal)
      extent: geometryBBox({ type: 'MultiPoint', coordinates: list.map((g) => [g.lon, g.lat]) }),
      count: list.length,
      geometryTypes: ['Point'],
      filters: [
        { name: 'communeId', type: 'string', description: 'Only gaps of the commune with this official code.' },
        { name: 'tech', type: 'enum', values: TECHS, description: 'Villages without this technology ("no 4G") instead of without any signal.' },
        { name: 'operator', type: 'enum', values: gaps.operators(), description: 'Villages without this operator\'s signal (with tech: without its signal of that technology).' },
        { name: 'electrified', type: 'boolean', description: 'true: villages with grid power; false: villages without electricity.' },
        { name: 'minPopulation', type: 'string', description: 'Only villages with at least this many people (a whole number).' },
      ],
    };
  };
  return {
    collections: () => [...inner.collections(), info()],
    describe: (id) => (id === GAPS_COLLECTION ? info() : inner.describe(id)),
    async list(id: string, query: ListQuery): Promise<ListResult | undefined> {
      if (id !== GAPS_COLLECTION) return inner.list(id, query);
      const all = gaps.list();
      return { numberMatched: all.length, features: all.slice(query.offset, query.offset + query.limit).map((g, i) => gapFeature(g, query.offset + i + 1)) };
    },
    async get(id: string, featureId: string): Promise<Feature | undefined> {
      if (id !== GAPS_COLLECTION) return inner.get(id, featureId);
      const i = gaps.list().findIndex((g) => g.id === featureId);
      return i < 0 ? undefined : gapFeature(gaps.list()[i], i + 1);
    },
  };
}
