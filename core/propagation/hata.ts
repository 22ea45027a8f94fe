/**
 * Okumura-Hata median basic transmission loss (Hata 1980, "Empirical formula for propagation loss
 * in land mobile radio services", IEEE Trans. Veh. Tech. VT-29(3), the urban "standard formula"
 * with its a(hm) corrections and the suburban and open-area formulas; the same curves in
 * field-strength form are ITU-R P.529-3, Annex 1, §1.1):
 *
 *   urban     Lu = 69.55 + 26.16 log f − 13.82 log hb − a(hm) + (44.9 − 6.55 log hb) log d
 *   a(hm), small/medium city: (1.1 log f − 0.7) hm − (1.56 log f − 0.8)
 *   a(hm), large city:        8.29 (log 1.54 hm)² − 1.1   for f < 300 MHz  (Hata: f ≤ 200)
 *                             3.2 (log 11.75 hm)² − 4.97  for f ≥ 300 MHz  (Hata: f ≥ 400)
 *   suburban  Lsu = Lu − 2 (log(f / 28))² − 5.4
 *   open      Lo  = Lu − 4.78 (log f)² + 18.33 log f − 40.94
 * (suburban and open start from Lu with the small/medium-city a(hm)); f in MHz, d in km.
 *
 * Inputs and validity range (outside it: a warning, the formula is still evaluated):
 * - freqMHz    150–1500 MHz
 * - txHeightM  base-station effective height hb, 30–200 m; must be > 0 (log hb)
 * - rxHeightM  mobile height hm, 1–10 m
 * - distanceM  1–20 km (P.529-3 extends to 100 km with an extra exponent, not implemented)
 */
import { InputError } from '../errors';
import { checkInput, fmt, resolveOptions } from './validity';
import type { PathLossInput, PathLossModel, PathLossResult } from './types';

export type HataEnvironment = 'urban' | 'urban-large' | 'suburban' | 'open';
export const HATA_ENVIRONMENTS: readonly HataEnvironment[] = ['urban', 'urban-large', 'suburban', 'open'];

export interface HataOptions {
  /**
   * Clutter class: 'urban' (small/medium city a(hm)), 'urban-large' (large-city a(hm)),
   * 'suburban' or 'open'. Default 'urban': the textbook formula and the most pessimistic of
   * the medium-city family, so coverage is not overstated where clutter is unknown.
   */
  environment: HataEnvironment;
}

/**
 * Mobile-antenna height correction a(hm), dB, for a small/medium city or (largeCity) a large one.
 *
 * @example
 * hataMobileCorrectionDb(900, 1.5, false) // 0.0159
 */
export function hataMobileCorrectionDb(freqMHz: number, rxHeightM: number, largeCity: boolean): number {
  const lf = Math.log10(freqMHz);
  if (!largeCity) return (1.1 * lf - 0.7) * rxHeightM - (1.56 * lf - 0.8);
  if (freqMHz < 300) {
    const t = Math.log10(1.54 * rxHeightM);
    return 8.29 * t * t - 1.1;
  }
  const t = Math.log10(11.75 * rxHeightM);
  return 3.2 * t * t - 4.97;
}

/** Throw unless the base-station height can go into log10. */
export function requirePositiveTxHeight(modelName: string, txHeightM: number): void {
  if (txHeightM <= 0) {
    throw new InputError(
      `${modelName} needs txHeightM greater than 0 m (the formula takes log10 of the base-station height), got ${fmt(txHeightM)}`,
      'txHeightM',
    );
  }
}

/**
 * Okumura-Hata. Option `environment` (default 'urban').
 *
 * @example
 * hata.predict({ freqMHz: 900, txHeightM: 30, rxHeightM: 1.5, distanceM: 10000 }).lossDb // 161.63
 */
export const hata: PathLossModel<HataOptions> = {
  id: 'hata',
  name: 'Okumura-Hata (Hata 1980; ITU-R P.529-3)',
  needsProfile: false,
  validity: {
    freqMHz: { min: 150, max: 1500 },
    txHeightM: { min: 30, max: 200 },
    rxHeightM: { min: 1, max: 10 },
    distanceM: { min: 1000, max: 20000 },
  },
  defaults: {
    environment: 'urban', // see HataOptions.environment
  },
  predict(input: PathLossInput, options?: Partial<HataOptions>): PathLossResult {
    const o = resolveOptions('hata', hata.defaults, options);
    if (!HATA_ENVIRONMENTS.includes(o.environment)) {
      throw new InputError(
        `hata option environment must be one of ${HATA_ENVIRONMENTS.join(', ')}; got ${JSON.stringify(o.environment)}`,
        'options.environment',
      );
    }
    const warnings = checkInput(hata, input);
    requirePositiveTxHeight('Okumura-Hata', input.txHeightM);
    const f = input.freqMHz;
    const lf = Math.log10(f);
    const lhb = Math.log10(input.txHeightM);
    const ld = Math.log10(input.distanceM / 1000);
    const a = hataMobileCorrectionDb(f, input.rxHeightM, o.environment === 'urban-large');
    const urban = 69.55 + 26.16 * lf - 13.82 * lhb - a + (44.9 - 6.55 * lhb) * ld;
    let lossDb = urban;
    if (o.environment === 'suburban') {
      const t = Math.log10(f / 28);
      lossDb = urban - 2 * t * t - 5.4;
    } else if (o.environment === 'open') {
      lossDb = urban - 4.78 * lf * lf + 18.33 * lf - 40.94;
    }
    return { lossDb, warnings };
  },
};
