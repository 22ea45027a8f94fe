/**
 * The gap analysis, one typed function per endpoint: /api/stats and /collections/gaps/items
 * (answers: core/wire/stats.ts; the gap features are OGC API – Features GeoJSON).
 */
import type { FeatureCollection, Point } from 'geojson';
import type { Stats } from '../../core/wire';
import { getJson } from './http';
import { scoped } from './scenario';

/** The statistics of the network on screen (or of `scenario`) under a gap rule's parameters (`rule=area&minAreaShare=…`, or none). */
export const getStats = (ruleQuery = '', scenario?: string | null): Promise<Stats> => getJson(scoped(`/api/stats${ruleQuery ? `?${ruleQuery}` : ''}`, scenario));

/** The gap villages of the network on screen: `query` is the items query (filters, rule, limit). */
export const gapItems = <P>(query: string, scenario?: string | null): Promise<FeatureCollection<Point, P> & { numberMatched: number }> =>
  getJson(scoped(`/collections/gaps/items?${query}`, scenario), 'application/geo+json, application/json');

