import Flatbush from 'flatbush';
import type { Feature, Geometry } from 'geojson';
import type { BBox } from '../../core/model/types';
import { geometryBBox, splitAntimeridian } from '../../core/spatial/bbox';
import type { CollectionDef } from './collections';
import type { CollectionInfo, FeatureRepository, ListQuery, ListResult } from './repository';

interface Stored {
  def: CollectionDef;
  info: CollectionInfo;
  features: Feature[];
  byId: Map<string, Feature>;
  /** Static R-tree over feature bboxes; null when the collection has no geometry. */
  index: Flatbush | null;
  /** Flatbush item k is feature positions[k] (features without geometry are not indexed). */
  positions: Int32Array;
}

/**
 * A {@link FeatureRepository} over features held in memory, with a static flatbush R-tree of
 * feature bounding boxes for bbox queries. Each feature gets a top-level `id` equal to
 * `properties.id` (or its position when it has none) and the collection's flat properties
 * (CollectionDef.flatProperties: a site's cells summarised). The input is not mutated.
 *
 * @example
 * const repo = createMemoryRepository([{ def: COLLECTION_DEFS[0], features: sites.features }]);
 * await repo.list('sites', { bbox: [106.2, 22.62, 106.3, 22.7], limit: 100, offset: 0 });
 */
export function createMemoryRepository(collections: { def: CollectionDef; features: readonly Feature[] }[]): FeatureRepository {
  const stored = new Map<string, Stored>();
  for (const { def, features } of collections) stored.set(def.id, store(def, features));
  // string filters whose values are known from the data (operators, commune codes)
  for (const s of stored.values()) {
    for (const spec of s.info.filters) {
      const from = s.def.filters.find((d) => d.name === spec.name)?.knownFrom;
      const source = from && stored.get(from.collection);
      if (from && source) spec.known = [...new Set(source.features.map((f) => f.properties?.[from.property]).filter((v): v is string => typeof v === 'string'))].sort();
    }
  }

  return {
    collections: () => [...stored.values()].map((s) => s.info),
    describe: (id) => stored.get(id)?.info,
    async list(id: string, query: ListQuery): Promise<ListResult | undefined> {
      const s = stored.get(id);
      if (!s) return undefined;
      let candidates: Feature[];
      if (query.bbox) candidates = searchBBox(s, query.bbox);
      else candidates = s.features;
      const filters = Object.entries(query.filters ?? {});
      const matched = filters.length === 0 ? candidates : candidates.filter((f) => filters.every(([name, value]) => s.def.filters.find((d) => d.name === name)?.match(f, value) ?? false));
      return { features: matched.slice(query.offset, query.offset + query.limit), numberMatched: matched.length };
    },
    async get(id: string, featureId: string): Promise<Feature | undefined> {
      return stored.get(id)?.byId.get(featureId);
    },
  };
}

function store(def: CollectionDef, input: readonly Feature[]): Stored {
  const features: Feature[] = [];
  const byId = new Map<string, Feature>();
  const boxes: (BBox | null)[] = [];
  const extent: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const types = new Set<Geometry['type']>();
  for (let i = 0; i < input.length; i++) {
    const f = input[i];
    const rawId = f.properties?.id ?? f.id ?? String(i);
    const id = String(rawId);
    const properties = def.flatProperties ? { ...f.properties, ...def.flatProperties(f) } : f.properties;
    const feature: Feature = { type: 'Feature', id, geometry: f.geometry, properties };
    features.push(feature);
    byId.set(id, feature);
    const box = geometryBBox(f.geometry);
    boxes.push(box);
    if (f.geometry) types.add(f.geometry.type);
    if (box) {
      extent[0] = Math.min(extent[0], box[0]);
      extent[1] = Math.min(extent[1], box[1]);
      extent[2] = Math.max(extent[2], box[2]);
      extent[3] = Math.max(extent[3], box[3]);
    }
  }
  // index only features with a geometry; flatbush item i maps back through `positions`
  const withBox = boxes.map((b, i) => (b ? i : -1)).filter((i) => i >= 0);
  let index: Flatbush | null = null;
  if (withBox.length > 0) {
    index = new Flatbush(withBox.length);
    for (const i of withBox) {
      const b = boxes[i] as BBox;
      index.add(b[0], b[1], b[2], b[3]);
    }
    index.finish();
  }
  const info: CollectionInfo = {
    id: def.id,
    title: def.title,
    description: def.description,
    extent: extent[0] <= extent[2] ? extent : null,
    count: features.length,
    geometryTypes: [...types],
    filters: def.filters.map(({ name, description, type, values, caseInsensitive }) => ({ name, description, type, ...(values ? { values } : {}), ...(caseInsensitive ? { caseInsensitive } : {}) })),
  };
  return { def, info, features, byId, index, positions: Int32Array.from(withBox) };
}

function searchBBox(s: Stored, bbox: BBox): Feature[] {
  if (!s.index) return [];
  const positions = s.positions;
  const hits = new Set<number>();
  for (const b of splitAntimeridian(bbox)) {
    for (const k of s.index.search(b[0], b[1], b[2], b[3])) hits.add(positions[k]);
  }
  // keep the collection's own order so that paging is stable
  return [...hits].sort((a, b) => a - b).map((i) => s.features[i]);
}
