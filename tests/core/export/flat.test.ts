import { describe, expect, it } from 'vitest';
import { flatName, gapFlatProperties, GAP_COLUMNS, GAP_FLAT_FIELDS, gapRows, siteFlatProperties, SITE_FLAT_FIELDS } from '../../../core/export';
import { findGaps } from '../../../core/gaps';
import { makeInput } from '../gaps/fixture';

const gaps = findGaps(makeInput());

describe('flat properties for desktop GIS', () => {
  it('names the download columns in camelCase, the language-dependent ones twice', () => {
    expect(['site1_distance_m', 'power_line_m', 'score_no_power', 'village_id', 'rank'].map(flatName)).toEqual(['site1DistanceM', 'powerLineM', 'scoreNoPower', 'villageId', 'rank']);
    const names = GAP_FLAT_FIELDS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['site1Id', 'site1Operator', 'site1DistanceM', 'site3LevelDbm', 'reasonTextVi', 'reasonTextEn', 'missingVi', 'missingEn']));
    expect(names.length).toBe(GAP_COLUMNS.length + GAP_COLUMNS.filter((c) => c.localized).length);
    // none takes the name of a nested property of the gap feature
    expect(names.filter((n) => ['nearestSites', 'scoreParts', 'reasonText'].includes(n))).toEqual([]);
  });

  it('a gap\'s flat values are its download row (both languages for the texts)', () => {
    const vi = gapRows(gaps, 'vi');
    const en = gapRows(gaps, 'en');
    gaps.forEach((g, i) => {
      const flat = gapFlatProperties(g, i + 1);
      expect(Object.keys(flat)).toEqual(GAP_FLAT_FIELDS.map((f) => f.name));
      GAP_COLUMNS.forEach((c, j) => {
        if (c.localized) expect([flat[`${flatName(c.key)}Vi`], flat[`${flatName(c.key)}En`]]).toEqual([vi[i][j], en[i][j]]);
        else expect(flat[flatName(c.key)], c.key).toEqual(en[i][j]);
      });
    });
    expect(gapFlatProperties(gaps[1], 2)).toMatchObject({ rank: 2, villageName: 'Bản Nà Mạ', site1Id: 'S-A', reason: 'terrain-blocked' });
  });

  it('a site\'s cells are summarised: techs in generation order, per-technology flags, frequencies, highest EIRP', () => {
    const flat = siteFlatProperties({ cells: [{ tech: '4G', freqMHz: 1800, eirpDbm: 59 }, { tech: '2G', freqMHz: 900, eirpDbm: 55 }, { tech: '4G', freqMHz: 1800, eirpDbm: 61.5 }] });
    expect(flat).toEqual({ techs: '2G,4G', has2G: true, has3G: false, has4G: true, has5G: false, cellCount: 3, freqsMHz: '900,1800', maxEirpDbm: 61.5 });
    expect(Object.keys(flat)).toEqual(SITE_FLAT_FIELDS.map((f) => f.name));
    expect(siteFlatProperties({ cells: [] })).toMatchObject({ techs: '', cellCount: 0, freqsMHz: '', maxEirpDbm: null });
  });
});
