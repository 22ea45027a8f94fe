/**
 * The app's parts over the small ridge world (coverageApi.helpers.ts, gapsApi.helpers.ts): the
 * coverage on an in-process pipeline (8 km radius, no cache), the gap analysis and the feature
 * repository, for tests that serve the whole API (badInput, auth).
 */
import type { Sites } from '../../core/model/types';
import { CoveragePipeline } from '../../server/coverage/pipeline';
import { COLLECTION_DEFS } from '../../server/data/collections';
import { createMemoryRepository } from '../../server/data/memoryRepository';
import { setupCoverage } from '../../server/services/coverageSetup';
import { GapService } from '../../server/services/gaps';
import { coverageDem, coverageSites } from './coverageApi.helpers';
import { gapCommunes, gapPowerLines, gapVillages } from './gapsApi.helpers';

export function smallWorld(sites: Sites = coverageSites()) {
  const villages = gapVillages();
  const communes = gapCommunes();
  const powerLines = gapPowerLines();
  const dem = coverageDem();
  const coverage = setupCoverage({ sites, villages }, new CoveragePipeline(dem, { dataDir: null, workers: 0, settings: { coverage: { radiusM: 8000 } } }));
  const gaps = new GapService(coverage.coverage, { villages: villages.features, communes, powerLines });
  const byId = { sites: sites.features, villages: villages.features, communes, 'power-lines': powerLines } as Record<string, GeoJSON.Feature[]>;
  const repository = createMemoryRepository(COLLECTION_DEFS.filter((def) => byId[def.id]).map((def) => ({ def, features: byId[def.id] })));
  return { sites, villages, communes, powerLines, dem, coverage, gaps, repository };
}
