import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { featureCollectionText } from '../../server/http/geojsonText';

describe('featureCollectionText', () => {
  it('is JSON.stringify of the page, whatever its members, also when asked again (cached features)', () => {
    const feature = fc.record({ type: fc.constant('Feature'), id: fc.string(), geometry: fc.constant(null), properties: fc.dictionary(fc.string(), fc.jsonValue()) });
    fc.assert(fc.property(
      fc.array(feature, { maxLength: 20 }), fc.dictionary(fc.string().filter((k) => k !== 'features' && k !== '__proto__'), fc.jsonValue(), { maxKeys: 5 }),
      (features, extra) => {
        const page = { type: 'FeatureCollection', ...extra, features, after: '"features":[] and \u0000covgap:features\u0000' };
        expect(featureCollectionText(page)).toBe(JSON.stringify(page));
        expect(featureCollectionText(page)).toBe(JSON.stringify(page));
      },
    ), { seed: 20261203, numRuns: 300 });
  });
});
