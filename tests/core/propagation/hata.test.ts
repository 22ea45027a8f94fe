import { describe, expect, it } from 'vitest';
import { cost231 } from '../../../core/propagation/cost231';
import { hata } from '../../../core/propagation/hata';

const at = (freqMHz: number, km: number) => ({ freqMHz, txHeightM: 30, rxHeightM: 1.5, distanceM: km * 1000 });

/*
 * Hand check, hb = 30 m, hm = 1.5 m, f = 900 MHz, small/medium city:
 *   log f = log10 900 = 2.954243;  log hb = log10 30 = 1.477121
 *   a(hm) = (1.1·2.954243 − 0.7)·1.5 − (1.56·2.954243 − 0.8)
 *         = 2.549667·1.5 − 3.808619 = 3.824501 − 3.808619 = 0.015882
 *   A = 69.55 + 26.16·2.954243 − 13.82·1.477121 − 0.015882
 *     = 69.55 + 77.283000 − 20.413812 − 0.015882 = 126.403306
 *   B = 44.9 − 6.55·1.477121 = 44.9 − 9.675143 = 35.224857
 *   L(d) = A + B·log10 d(km):
 *     1 km: 126.4033;  2 km: + 35.224857·0.301030 = 10.6037 → 137.0070
 *     5 km: + 35.224857·0.698970 = 24.6211 → 151.0244
 *     10 km: + 35.2249 → 161.6282;  20 km: + 35.224857·1.301030 = 45.8286 → 172.2319
 */
const URBAN_900 = [
  [1, 126.4033],
  [2, 137.007],
  [5, 151.0244],
  [10, 161.6282],
  [20, 172.2319],
] as const;

describe('Okumura-Hata', () => {
  it('urban (small/medium city) at 900 MHz, hb 30 m, hm 1.5 m, 1–20 km matches the hand check', () => {
    for (const [km, expected] of URBAN_900) {
      const r = hata.predict(at(900, km));
      expect(r.lossDb).toBeCloseTo(expected, 2);
      expect(r.warnings).toEqual([]);
    }
  });

  it("defaults to 'urban'", () => {
    expect(hata.defaults.environment).toBe('urban');
    expect(hata.predict(at(900, 7)).lossDb).toBe(hata.predict(at(900, 7), { environment: 'urban' }).lossDb);
  });

  it('suburban correction: 2·(log(f/28))² + 5.4', () => {
    // log10(900/28) = log10(32.142857) = 1.507084; 2·1.507084² + 5.4 = 2·2.271303 + 5.4 = 9.942606
    expect(hata.predict(at(900, 1), { environment: 'suburban' }).lossDb).toBeCloseTo(126.4033 - 9.9426, 2);
    expect(hata.predict(at(900, 10), { environment: 'suburban' }).lossDb).toBeCloseTo(151.6855, 2);
  });

  it('open-area correction: 4.78·(log f)² − 18.33·log f + 40.94', () => {
    // 4.78·2.954243² − 18.33·2.954243 + 40.94 = 41.717699 − 54.151274 + 40.94 = 28.506425
    expect(hata.predict(at(900, 1), { environment: 'open' }).lossDb).toBeCloseTo(126.4033 - 28.5064, 2);
  });

  it('large-city a(hm) at f >= 300 MHz: 3.2·(log 11.75 hm)² − 4.97', () => {
    // log10(11.75·1.5) = log10(17.625) = 1.246130; 3.2·1.552840 − 4.97 = −0.000912
    // so the loss is 0.015882 + 0.000912 = 0.016794 dB above the medium-city value
    expect(hata.predict(at(900, 1), { environment: 'urban-large' }).lossDb).toBeCloseTo(126.4201, 3);
    // below 300 MHz: 8.29·(log 1.54 hm)² − 1.1, at 150 MHz hm 1.5: log10(2.31) = 0.363612 → 8.29·0.132214 − 1.1 = −0.003946
    // medium city at 150 MHz: (1.1·2.176091 − 0.7)·1.5 − (1.56·2.176091 − 0.8) = 2.540551 − 2.594702 = −0.054151
    const diff = hata.predict(at(150, 5), { environment: 'urban-large' }).lossDb - hata.predict(at(150, 5)).lossDb;
    expect(diff).toBeCloseTo(-0.054151 + 0.003946, 4);
  });

  it('warns, with the range in words, outside 150–1500 MHz, 30–200 m, 1–10 m, 1–20 km', () => {
    const r = hata.predict({ freqMHz: 3500, txHeightM: 10, rxHeightM: 12, distanceM: 25000 });
    expect(r.warnings).toEqual([
      "frequency 3500 MHz is outside Okumura-Hata's validity range 150–1500 MHz",
      "transmitter height 10 m is outside Okumura-Hata's validity range 30–200 m",
      "receiver height 12 m is outside Okumura-Hata's validity range 1–10 m",
      "distance 25 km is outside Okumura-Hata's validity range 1–20 km",
    ]);
    expect(Number.isFinite(r.lossDb)).toBe(true);
  });

  it('rejects an unknown environment and a base station at 0 m', () => {
    expect(() => hata.predict(at(900, 1), { environment: 'rural' as never })).toThrow(
      'hata option environment must be one of urban, urban-large, suburban, open; got "rural"',
    );
    expect(() => hata.predict({ ...at(900, 1), txHeightM: 0 })).toThrow(
      'Okumura-Hata needs txHeightM greater than 0 m (the formula takes log10 of the base-station height), got 0',
    );
    expect(() => hata.predict(at(900, 1), { enviroment: 'open' } as never)).toThrow(
      'hata has no option "enviroment"; known options: environment',
    );
  });
});

/*
 * COST-231 hand check at 1800 MHz, hb = 30 m, hm = 1.5 m:
 *   log f = log10 1800 = 3.255273
 *   a(hm) = (1.1·3.255273 − 0.7)·1.5 − (1.56·3.255273 − 0.8) = 4.321200 − 4.278226 = 0.042974
 *   L(1 km) = 46.3 + 33.9·3.255273 − 13.82·1.477121 − 0.042974 + Cm
 *           = 46.3 + 110.353755 − 20.413812 − 0.042974 = 136.196969 (+ Cm)
 *   L(10 km) = 136.196969 + 35.224857 = 171.421826
 */
describe('COST-231 Hata', () => {
  it('matches the hand check at 1800 MHz, medium city (Cm = 0) and metropolitan (Cm = 3 dB)', () => {
    expect(cost231.predict(at(1800, 1)).lossDb).toBeCloseTo(136.197, 2);
    expect(cost231.predict(at(1800, 10)).lossDb).toBeCloseTo(171.4218, 2);
    expect(cost231.predict(at(1800, 10), { metropolitan: true }).lossDb).toBeCloseTo(174.4218, 2);
    expect(cost231.predict(at(1800, 10)).warnings).toEqual([]);
  });

  it('warns outside 1500–2000 MHz and rejects a non-boolean metropolitan', () => {
    expect(cost231.predict(at(900, 5)).warnings).toEqual([
      "frequency 900 MHz is outside COST-231 Hata's validity range 1500–2000 MHz",
    ]);
    expect(() => cost231.predict(at(1800, 5), { metropolitan: 'yes' as never })).toThrow(
      'cost231 option metropolitan must be true or false, got "yes"',
    );
  });
});
