import { describe, expect, it } from 'vitest';
import { itm, itmP2p, ITM_DEFAULTS, PropagationMode } from '../../../core/propagation/itm';
import { freeSpaceLoss } from '../../../core/propagation/itm/freeSpaceLoss';
import { inputError } from '../../helpers/inputError';

/** Flat ground at 100 m, n intervals of stepM. */
const flat = (n: number, stepM: number) => ({ stepM, elevationsM: new Float64Array(n + 1).fill(100) });
const input = (distanceM: number, stepM = 100, over: Partial<Parameters<typeof itm.predict>[0]> = {}) => ({
  freqMHz: 900,
  txHeightM: 30,
  rxHeightM: 1.5,
  distanceM,
  profile: flat(Math.round(distanceM / stepM), stepM),
  ...over,
});
const thrown = inputError;

describe('itm model contract', () => {
  it('declares id, profile need, validity envelope and frozen documented defaults', () => {
    expect(itm.id).toBe('itm');
    expect(itm.needsProfile).toBe(true);
    expect(itm.validity).toEqual({
      freqMHz: { min: 20, max: 20000 },
      txHeightM: { min: 0.5, max: 3000 },
      rxHeightM: { min: 0.5, max: 3000 },
      distanceM: { min: 1000, max: 2_000_000 },
    });
    expect(itm.defaults).toBe(ITM_DEFAULTS);
    expect(Object.isFrozen(ITM_DEFAULTS)).toBe(true);
    expect(ITM_DEFAULTS).toEqual({
      climate: 5,
      refractivityN: 301,
      relPermittivity: 15,
      conductivitySPerM: 0.005,
      polarization: 'vertical',
      mdvar: 12,
      timePct: 50,
      locationPct: 50,
      situationPct: 50,
    });
  });

  it('predicts a finite loss without warnings on an ordinary 10 km path', () => {
    const r = itm.predict(input(10_000));
    expect(Number.isFinite(r.lossDb)).toBe(true);
    expect(r.warnings).toEqual([]);
  });
});

describe('itm physics sanity over flat ground', () => {
  it('loss grows with distance from 2 to 200 km', () => {
    let previous = -Infinity;
    for (const km of [2, 5, 10, 20, 40, 80, 120, 200]) {
      const loss = itm.predict(input(km * 1000, 250)).lossDb;
      expect(loss).toBeGreaterThan(previous);
      previous = loss;
    }
  });

  it('short line-of-sight path ≈ free space plus a small ground effect', () => {
    const r = itmP2p({ elevationsM: flat(20, 100).elevationsM, stepM: 100, txHeightM: 30, rxHeightM: 10, freqMHz: 900 }, ITM_DEFAULTS);
    expect(r.mode).toBe(PropagationMode.lineOfSight);
    expect(r.freeSpaceLossDb).toBeCloseTo(freeSpaceLoss(2000, 900), 10);
    expect(Math.abs(r.lossDb - r.freeSpaceLossDb)).toBeLessThan(6);
    expect(r.deltaHM).toBe(0);
    expect(r.effectiveHeightM).toEqual([30, 10]);
  });

  it('a ridge between the antennas turns the path into diffraction and costs loss', () => {
    // ITM calls a path line of sight when it is shorter than the smooth-earth horizons (≈ 27.6 km
    // here), so the ridge test uses 40 km with the ridge half way
    const open = itm.predict(input(40_000, 200));
    const ridged = input(40_000, 200);
    (ridged.profile.elevationsM as Float64Array)[100] = 400;
    const r = itmP2p(
      { elevationsM: ridged.profile.elevationsM, stepM: 200, txHeightM: 30, rxHeightM: 1.5, freqMHz: 900 },
      ITM_DEFAULTS,
    );
    expect(r.mode).toBe(PropagationMode.diffraction);
    expect(r.horizonDistanceM).toEqual([20_000, 20_000]);
    expect(r.lossDb).toBeGreaterThan(open.lossDb + 10);
  });

  it('handles a 2-sample profile (flat line between the two ends)', () => {
    const r = itm.predict({ freqMHz: 900, txHeightM: 30, rxHeightM: 1.5, distanceM: 3000, profile: { stepM: 3000, elevationsM: [50, 60] } });
    expect(Number.isFinite(r.lossDb)).toBe(true);
    expect(r.lossDb).toBeGreaterThan(freeSpaceLoss(3000, 900) - 10);
  });
});

describe('itm warnings', () => {
  it('warns, in words, outside 20–20000 MHz and near ITM limits', () => {
    const low = itm.predict(input(10_000, 100, { freqMHz: 10 }));
    expect(low.warnings).toContain("frequency 10 MHz is outside Longley-Rice ITM's validity range 20–20000 MHz");
    expect(low.warnings).toContain("frequency 10 MHz is outside 40–10000 MHz, near ITM's limits; treat the result with care");
    const high = itm.predict(input(10_000, 100, { freqMHz: 25_000 }));
    expect(high.warnings[0]).toBe("frequency 25000 MHz is outside Longley-Rice ITM's validity range 20–20000 MHz");
    const near = itm.predict(input(10_000, 100, { freqMHz: 30 }));
    expect(near.warnings).toEqual(["frequency 30 MHz is outside 40–10000 MHz, near ITM's limits; treat the result with care"]);
  });

  it('computes antenna heights below 0.5 m as 0.5 m and says so', () => {
    const r = itm.predict(input(10_000, 100, { rxHeightM: 0 }));
    expect(Number.isFinite(r.lossDb)).toBe(true);
    expect(r.warnings).toEqual([
      "receiver height 0 m is outside Longley-Rice ITM's validity range 0.5–3000 m",
      "receiver height 0 m computed as ITM's minimum 0.5 m",
    ]);
    expect(r.lossDb).toBe(itm.predict(input(10_000, 100, { rxHeightM: 0.5 })).lossDb);
  });

  it('warns about short paths', () => {
    const r = itm.predict(input(500, 50));
    expect(r.warnings[0]).toBe("distance 0.5 km is outside Longley-Rice ITM's validity range 1–2000 km");
  });

  it('warns about extreme quantiles', () => {
    const r = itm.predict(input(10_000), { timePct: 0.05 });
    expect(r.warnings).toContain(
      'a time, location or situation percentage is far in the tail of its distribution (|z| > 3.1); treat the result with care',
    );
  });
});

describe('itm input errors', () => {
  it('rejects negative antenna heights', () => {
    const e = thrown(() => itm.predict(input(10_000, 100, { txHeightM: -1 })));
    expect(e.message).toBe('txHeightM must be at least 0 m above ground, got -1');
    expect(e.path).toBe('txHeightM');
    expect(thrown(() => itm.predict(input(10_000, 100, { rxHeightM: -0.1 }))).message).toBe(
      'rxHeightM must be at least 0 m above ground, got -0.1',
    );
  });

  it('rejects a zero-length path and a profile that disagrees with distanceM', () => {
    expect(
      thrown(() => itm.predict({ freqMHz: 900, txHeightM: 30, rxHeightM: 2, distanceM: 0, profile: { stepM: 100, elevationsM: [1, 1] } })).message,
    ).toBe('distanceM must be greater than 0 m (transmitter and receiver coincide), got 0');
    expect(thrown(() => itm.predict(input(10_000, 100, { distanceM: 9000 }))).message).toBe(
      'profile length (101 - 1) × 100 m = 10000 m does not match distanceM = 9000 m; build the profile with stepM = distanceM / (samples - 1)',
    );
  });

  it('rejects missing, short and gappy profiles', () => {
    expect(thrown(() => itm.predict({ freqMHz: 900, txHeightM: 30, rxHeightM: 2, distanceM: 1000 })).message).toBe(
      'Longley-Rice ITM needs input.profile (the terrain between the two ends); build one with terrainProfile()',
    );
    expect(
      thrown(() => itm.predict({ freqMHz: 900, txHeightM: 30, rxHeightM: 2, distanceM: 1000, profile: { stepM: 1000, elevationsM: [5] } })).message,
    ).toBe('profile.elevationsM must hold at least 2 samples, got 1');
    const gappy = input(10_000);
    (gappy.profile.elevationsM as Float64Array)[7] = Number.NaN;
    const e = thrown(() => itm.predict(gappy));
    expect(e.message).toBe('profile.elevationsM[7] must be a finite elevation in metres, got NaN (no-data cell: fill DEM voids first)');
    expect(e.path).toBe('profile.elevationsM[7]');
  });

  it('rejects impossible frequencies and options with actionable messages', () => {
    expect(thrown(() => itm.predict(input(10_000, 100, { freqMHz: 0 }))).message).toBe('freqMHz must be greater than 0 MHz, got 0');
    const unknown = thrown(() => itm.predict(input(10_000), { clutter: 3 } as never));
    expect(unknown.message).toBe(
      'itm has no option "clutter"; known options: climate, refractivityN, relPermittivity, conductivitySPerM, polarization, mdvar, timePct, locationPct, situationPct',
    );
    expect(thrown(() => itm.predict(input(10_000), { climate: 8 })).message).toBe(
      'itm: options.climate must be an integer 1–7 (5 = continental temperate), got 8',
    );
    expect(thrown(() => itm.predict(input(10_000), { refractivityN: 200 })).message).toBe(
      'itm: options.refractivityN must be 250–400 N-units (301 is typical), got 200',
    );
    expect(thrown(() => itm.predict(input(10_000), { mdvar: 4 })).message).toBe(
      'itm: options.mdvar must be 0–3, optionally plus 10 and/or 20 (e.g. 12), got 4',
    );
    expect(thrown(() => itm.predict(input(10_000), { timePct: 100 })).message).toBe(
      'itm: options.timePct must be a percentage strictly between 0 and 100, got 100',
    );
    expect(thrown(() => itm.predict(input(10_000), { conductivitySPerM: 0 })).message).toBe(
      'itm: options.conductivitySPerM must be > 0 S/m (0.005 = average ground), got 0',
    );
  });
});
