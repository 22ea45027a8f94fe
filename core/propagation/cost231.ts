/**
 * COST-231 Hata median basic transmission loss (COST Action 231, "Digital mobile radio towards
 * future generation systems", final report, EUR 18957, 1999, ch. 4 "Propagation prediction
 * models", the COST-231-Hata model: Hata's formula refitted to Okumura's curves above 1500 MHz):
 *
 *   L = 46.3 + 33.9 log f − 13.82 log hb − a(hm) + (44.9 − 6.55 log hb) log d + Cm
 *   a(hm) = (1.1 log f − 0.7) hm − (1.56 log f − 0.8)     (small/medium city, as in Hata)
 *   Cm = 0 dB for medium-sized cities and suburban centres, 3 dB for metropolitan centres
 * (f in MHz, hb and hm in m, d in km).
 *
 * Inputs and validity range (outside it: a warning, the formula is still evaluated):
 * - freqMHz    1500–2000 MHz
 * - txHeightM  base-station effective height hb, 30–200 m; must be > 0 (log hb)
 * - rxHeightM  mobile height hm, 1–10 m
 * - distanceM  1–20 km
 */
import { InputError } from '../errors';
import { hataMobileCorrectionDb, requirePositiveTxHeight } from './hata';
import { checkInput, resolveOptions } from './validity';
import type { PathLossInput, PathLossModel, PathLossResult } from './types';

export interface Cost231Options {
  /** True for metropolitan centres (Cm = 3 dB); default false: medium city / suburban (Cm = 0). */
  metropolitan: boolean;
}

/**
 * COST-231 Hata. Option `metropolitan` (default false).
 *
 * @example
 * cost231.predict({ freqMHz: 1800, txHeightM: 30, rxHeightM: 1.5, distanceM: 1000 }).lossDb // 136.20
 */
export const cost231: PathLossModel<Cost231Options> = {
  id: 'cost231',
  name: 'COST-231 Hata (COST 231 final report, ch. 4)',
  needsProfile: false,
  validity: {
    freqMHz: { min: 1500, max: 2000 },
    txHeightM: { min: 30, max: 200 },
    rxHeightM: { min: 1, max: 10 },
    distanceM: { min: 1000, max: 20000 },
  },
  defaults: {
    metropolitan: false, // Cm = 0 dB
  },
  predict(input: PathLossInput, options?: Partial<Cost231Options>): PathLossResult {
    const o = resolveOptions('cost231', cost231.defaults, options);
    if (typeof o.metropolitan !== 'boolean') {
      throw new InputError(
        `cost231 option metropolitan must be true or false, got ${JSON.stringify(o.metropolitan)}`,
        'options.metropolitan',
      );
    }
    const warnings = checkInput(cost231, input);
    requirePositiveTxHeight('COST-231 Hata', input.txHeightM);
    const lf = Math.log10(input.freqMHz);
    const lhb = Math.log10(input.txHeightM);
    const ld = Math.log10(input.distanceM / 1000);
    const a = hataMobileCorrectionDb(input.freqMHz, input.rxHeightM, false);
    const cm = o.metropolitan ? 3 : 0;
    const lossDb = 46.3 + 33.9 * lf - 13.82 * lhb - a + (44.9 - 6.55 * lhb) * ld + cm;
    return { lossDb, warnings };
  },
};
