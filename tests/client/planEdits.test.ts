import { describe, expect, it } from 'vitest';
import type { ScenarioEdit } from '../../core/scenario/types';
import { newStation } from '../../core/siting/newStation';
import { defaultPlanName, describeEdit, draftToken, planStationId, plannedStations, round6, withoutStation } from '../../client/ui/planEdits';

const a = newStation({ id: 'PLAN-x-001', name: 'Trạm 1', lon: 106.1, lat: 22.6, operator: 'Viettel' });
const b = newStation({ id: 'PLAN-x-002', name: 'Trạm 2', lon: 106.2, lat: 22.7, operator: 'MobiFone' });

describe("plan mode's edits", () => {
  it('gives the stations as the later edits leave them, and leaves the edits as they were', () => {
    const edits: ScenarioEdit[] = [
      { op: 'add', site: a },
      { op: 'add', site: b },
      { op: 'modify', siteId: a.properties.id, set: { lon: 106.15, antennaHeightM: 45 } },
      { op: 'remove', siteId: b.properties.id },
      { op: 'modify', siteId: 'EXISTING-1', set: { antennaHeightM: 50 } }, // an existing site: not a planned station
    ];
    const before = JSON.stringify(edits);
    const out = plannedStations(edits);
    expect(out.map((s) => s.properties.id)).toEqual(['PLAN-x-001']);
    expect(out[0].geometry.coordinates).toEqual([106.15, 22.6]);
    expect(out[0].properties.antennaHeightM).toBe(45);
    expect(JSON.stringify(edits)).toBe(before);
  });

  it('drops a station with every edit of it, and nothing else', () => {
    const edits: ScenarioEdit[] = [
      { op: 'add', site: a },
      { op: 'modify', siteId: a.properties.id, set: { antennaHeightM: 45 } },
      { op: 'add', site: b },
      { op: 'remove', siteId: 'EXISTING-1' },
    ];
    expect(withoutStation(edits, a.properties.id)).toEqual([edits[2], edits[3]]);
    expect(withoutStation(edits, 'unknown')).toEqual(edits);
  });

  it('describes each edit in the language asked', () => {
    expect(describeEdit({ op: 'remove', siteId: 'S1' }, 'en')).toBe('− decommission S1');
    expect(describeEdit({ op: 'remove', siteId: 'S1' }, 'vi')).toBe('− tắt trạm S1');
    expect(describeEdit({ op: 'modify', siteId: 'S1', set: { antennaHeightM: 40, operator: 'Viettel' } }, 'en')).toMatch(/S1.*antennaHeightM, operator/);
    expect(describeEdit({ op: 'add', site: a }, 'en')).toContain('Trạm 1');
  });

  it('rounds coordinates to 6 decimals', () => {
    expect(round6(106.12345678)).toBe(106.123457);
  });

  it('names a draft in the local time of the page\'s language, not in UTC (issue 23)', () => {
    const when = new Date(2026, 11, 7, 21, 5); // 21:05 local, whatever the machine's zone
    expect(defaultPlanName('vi', when)).toBe('Kế hoạch 21:05 07/12/2026');
    expect(defaultPlanName('en', when)).toBe('Plan 07/12/2026, 21:05');
  });

  it('gives stations ids no other scenario uses: the scenario\'s id, or a draft\'s own random token', () => {
    expect(planStationId('a1b2c3d4e5', 3)).toBe('PLAN-a1b2c3d4-003');
    const tokens = new Set(Array.from({ length: 200 }, () => draftToken()));
    expect(tokens.size).toBe(200);
    for (const tk of tokens) expect(tk).toMatch(/^[0-9a-f]{8}$/);
    expect(planStationId(draftToken(), 1)).not.toBe(planStationId(draftToken(), 1));
  });
});
