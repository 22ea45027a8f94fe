import { describe, expect, it } from 'vitest';
import { getModel, MODEL_IDS, MODELS, predict } from '../../../core/propagation/registry';
import { checkImpossible, validityWarnings } from '../../../core/propagation/validity';
import { inputErrorMessage } from '../../helpers/inputError';

const ok = { freqMHz: 900, txHeightM: 30, rxHeightM: 1.5, distanceM: 5000 };
const flat = { stepM: 100, elevationsM: new Float64Array(51).fill(300) };

const message = inputErrorMessage;

describe('path-loss registry', () => {
  it('holds the four models under their own ids', () => {
    for (const id of ['fspl', 'hata', 'cost231', 'p526']) expect(MODEL_IDS).toContain(id);
    for (const [key, model] of Object.entries(MODELS)) {
      expect(model.id).toBe(key);
      expect(getModel(key)).toBe(model);
    }
  });

  it('answers every model for a typical input', () => {
    for (const id of MODEL_IDS) {
      const r = predict(id, { ...ok, profile: flat });
      expect(Number.isFinite(r.lossDb)).toBe(true);
      expect(r.lossDb).toBeGreaterThan(0);
      expect(Array.isArray(r.warnings)).toBe(true);
    }
    expect(predict('fspl', { freqMHz: 900, txHeightM: 30, rxHeightM: 1.5, distanceM: 1000 }).lossDb).toBeCloseTo(91.53, 2);
    expect(predict('hata', ok, { environment: 'open' }).lossDb).toBeLessThan(predict('hata', ok).lossDb);
  });

  it('names the known models when the id is unknown', () => {
    const m = message(() => getModel('okumura'));
    expect(m).toBe(`unknown path-loss model "okumura"; known models: ${MODEL_IDS.join(', ')}`);
    expect(m).toContain('fspl, hata, cost231, p526');
    expect(() => predict('toString', ok)).toThrow('unknown path-loss model "toString"');
  });

  it('terrain models throw without a profile', () => {
    for (const id of MODEL_IDS) {
      if (MODELS[id].needsProfile) expect(() => predict(id, ok)).toThrow('needs input.profile');
    }
  });
});

describe('impossible input', () => {
  it.each([
    [{ ...ok, freqMHz: NaN }, 'freqMHz must be a finite number of MHz, got NaN'],
    [{ ...ok, freqMHz: 0 }, 'freqMHz must be greater than 0 MHz, got 0'],
    [{ ...ok, freqMHz: -900 }, 'freqMHz must be greater than 0 MHz, got -900'],
    [{ ...ok, txHeightM: -1 }, 'txHeightM must be at least 0 m above ground, got -1'],
    [{ ...ok, rxHeightM: -0.5 }, 'rxHeightM must be at least 0 m above ground, got -0.5'],
    [{ ...ok, rxHeightM: Infinity }, 'rxHeightM must be a finite number of metres, got Infinity'],
    [{ ...ok, distanceM: -5 }, 'distanceM must be at least 0 m, got -5'],
    [{ ...ok, distanceM: 0 }, 'distanceM must be greater than 0 m (transmitter and receiver coincide), got 0'],
    [{ ...ok, distanceM: '5000' as unknown as number }, 'distanceM must be a finite number of metres, got "5000"'],
  ])('%o → %s', (input, expected) => {
    for (const id of MODEL_IDS) expect(message(() => predict(id, { ...input, profile: flat }))).toBe(expected);
  });

  it('checks the profile against distanceM', () => {
    expect(message(() => checkImpossible({ ...ok, distanceM: 4000, profile: flat }))).toBe(
      'profile length (51 - 1) × 100 m = 5000 m does not match distanceM = 4000 m; build the profile with stepM = distanceM / (samples - 1)',
    );
    expect(message(() => checkImpossible({ ...ok, profile: { stepM: 5000, elevationsM: [1] } }))).toBe(
      'profile.elevationsM must hold at least 2 samples, got 1',
    );
    expect(message(() => checkImpossible({ ...ok, profile: { stepM: 0, elevationsM: [1, 2] } }))).toBe(
      'profile.stepM must be a finite number of metres greater than 0, got 0',
    );
    const holes = new Float64Array(51).fill(300);
    holes[3] = NaN;
    expect(message(() => checkImpossible({ ...ok, profile: { stepM: 100, elevationsM: holes } }))).toBe(
      'profile.elevationsM[3] must be a finite elevation in metres, got NaN (no-data cell: fill DEM voids first)',
    );
    // round-off of step = d / (n - 1) is tolerated
    expect(() => checkImpossible({ ...ok, distanceM: 5000.0000001, profile: flat })).not.toThrow();
  });
});

describe('validity warnings', () => {
  it('words one-sided ranges and reports distances in km', () => {
    const input = { freqMHz: 100, txHeightM: 5, rxHeightM: 50, distanceM: 250 };
    expect(validityWarnings('M', { freqMHz: { min: 150 }, txHeightM: { max: 3 }, distanceM: { min: 1000, max: 20000 } }, input)).toEqual([
      "frequency 100 MHz is outside M's validity range ≥ 150 MHz",
      "transmitter height 5 m is outside M's validity range ≤ 3 m",
      "distance 0.25 km is outside M's validity range 1–20 km",
    ]);
    expect(validityWarnings('M', { freqMHz: { min: 100, max: 100 } }, input)).toEqual([]);
  });

  it('warns for Hata at 3500 MHz in the exact words', () => {
    expect(predict('hata', { ...ok, freqMHz: 3500 }).warnings).toEqual([
      "frequency 3500 MHz is outside Okumura-Hata's validity range 150–1500 MHz",
    ]);
  });
});
