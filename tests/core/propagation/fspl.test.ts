import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors';
import { freeSpaceLossDb, fspl } from '../../../core/propagation/fspl';

const base = { txHeightM: 30, rxHeightM: 1.5 };

describe('free-space loss (ITU-R P.525)', () => {
  it('matches hand values of 32.45 + 20 log f(MHz) + 20 log d(km)', () => {
    // 900 MHz, 1 km: 32.45 + 20·log10(900) = 32.45 + 20·2.95424 = 32.45 + 59.0849 = 91.53
    expect(fspl.predict({ ...base, freqMHz: 900, distanceM: 1000 }).lossDb).toBeCloseTo(91.53, 2);
    // 2 GHz, 10 km: 32.45 + 20·3.30103 + 20·1 = 32.45 + 66.0206 + 20 = 118.47
    expect(fspl.predict({ ...base, freqMHz: 2000, distanceM: 10000 }).lossDb).toBeCloseTo(118.47, 2);
    // 1 m at the frequency where λ = 1 m: 20·log10(4π) = 21.98
    expect(freeSpaceLossDb(299.792458, 1)).toBeCloseTo(21.98, 2);
  });

  it('grows 6.02 dB per doubling of distance or frequency', () => {
    const a = freeSpaceLossDb(900, 3000);
    expect(freeSpaceLossDb(900, 6000) - a).toBeCloseTo(6.02, 2);
    expect(freeSpaceLossDb(1800, 3000) - a).toBeCloseTo(6.02, 2);
  });

  it('never warns: free space has no validity envelope', () => {
    expect(fspl.predict({ ...base, freqMHz: 60000, distanceM: 500000 }).warnings).toEqual([]);
  });

  it('zero distance is an InputError (the far-field formula goes to -∞)', () => {
    const run = () => fspl.predict({ ...base, freqMHz: 900, distanceM: 0 });
    expect(run).toThrow(InputError);
    expect(run).toThrow('distanceM must be greater than 0 m (transmitter and receiver coincide), got 0');
  });

  it('rejects options it does not have', () => {
    expect(() => fspl.predict({ ...base, freqMHz: 900, distanceM: 1000 }, { k: 1 } as never)).toThrow(
      'fspl has no option "k"; known options: (none)',
    );
    expect(() => fspl.predict({ ...base, freqMHz: 900, distanceM: 1000 }, { toString: 1 } as never)).toThrow(
      'fspl has no option "toString"',
    );
  });
});
