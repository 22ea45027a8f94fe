import { describe, expect, it } from 'vitest';
import { planScenarioName } from '../../../core/text/planName';

describe('planScenarioName: a saved plan named in the user\'s language, with the local day', () => {
  const when = new Date('2026-12-07T20:30:00Z'); // already 8 December in Hà Nội, still the 7th in London
  it('Vietnamese: "Phương án N trạm — dd/mm/yyyy", the day where the user is', () => {
    expect(planScenarioName(10, 'vi', when, 'Asia/Ho_Chi_Minh')).toBe('Phương án 10 trạm — 08/12/2026');
    expect(planScenarioName(1234, 'vi', when, 'Asia/Ho_Chi_Minh')).toBe('Phương án 1.234 trạm — 08/12/2026');
  });
  it('English, with one station singular', () => {
    expect(planScenarioName(10, 'en', when, 'Europe/London')).toBe('Plan of 10 stations — 07/12/2026');
    expect(planScenarioName(1, 'en', when, 'Europe/London')).toBe('Plan of 1 station — 07/12/2026');
  });
});
