/**
 * The model flags shared by `covgap pathloss` and `covgap coverage`: `--model`, `--freq`,
 * `--tx-height`, `--rx-height` and the ITM options.
 */
import { getModel, MODEL_IDS } from '../../core/propagation/registry';
import type { ItmOptions } from '../../core/propagation/itm/options';
import type { PathLossModel } from '../../core/propagation/types';
import { parseNumber, required, UsageError, type FlagSpec, type ParsedFlags } from './args';

const V = { value: true };

/** ITM option flags → ItmOptions keys. */
export const ITM_FLAGS = ['climate', 'ns', 'eps', 'sigma', 'pol', 'mdvar', 'time', 'location', 'situation'] as const;

export const MODEL_FLAG_SPEC: Record<string, FlagSpec> = {
  model: V,
  freq: V,
  'tx-height': V,
  'rx-height': V,
  ...Object.fromEntries(ITM_FLAGS.map((f) => [f, V])),
};

/** Help lines for the ITM options, defaults from ITM_DEFAULTS. */
export const ITM_HELP = `ITM options (--model itm only; defaults in brackets):
  --climate 1-7        radio climate: 1 equatorial, 2 continental subtropical, 3 maritime
                       subtropical, 4 desert, 5 continental temperate, 6 maritime temperate
                       over land, 7 maritime temperate over sea [5]
  --ns N_UNITS         surface refractivity N_0, 250-400 N-units [301]
  --eps REL            relative permittivity of the ground [15]
  --sigma S_PER_M      ground conductivity, S/m [0.005]
  --pol v|h            polarisation, vertical or horizontal [v]
  --mdvar N            mode of variability: 0 single message, 1 accidental, 2 mobile,
                       3 broadcast; +10 no location variability, +20 no situation
                       variability [12]
  --time PCT           time quantile, 0 < PCT < 100 [50]
  --location PCT       location quantile, 0 < PCT < 100 [50]
  --situation PCT      situation (confidence) quantile, 0 < PCT < 100 [50]`;

const MDVAR = [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33];

export interface ModelChoice {
  model: PathLossModel;
  freqMHz: number;
  txHeightM: number;
  rxHeightM: number;
  /** Options for the model's predict; undefined means its defaults. */
  options: Partial<ItmOptions> | undefined;
}

/**
 * Read --model, --freq, --tx-height, --rx-height and the ITM options.
 *
 * @example
 * readModelFlags(parseFlags(['--model', 'itm', '--freq', '900', ...], spec, 'pathloss'), 'pathloss')
 */
export function readModelFlags(flags: ParsedFlags, command: string): ModelChoice {
  const id = required(flags, 'model', command);
  let model: PathLossModel;
  try {
    model = getModel(id);
  } catch {
    throw new UsageError(`--model: unknown path-loss model ${JSON.stringify(id)}; known models: ${MODEL_IDS.join(', ')}`);
  }
  const freqMHz = parseNumber(required(flags, 'freq', command), 'freq', { above: 0, unit: 'MHz' });
  const txHeightM = parseNumber(required(flags, 'tx-height', command), 'tx-height', { min: 0, unit: 'metres above ground' });
  const rxHeightM = parseNumber(required(flags, 'rx-height', command), 'rx-height', { min: 0, unit: 'metres above ground' });
  const given = ITM_FLAGS.filter((f) => flags.has(f));
  if (model.id !== 'itm') {
    if (given.length > 0) throw new UsageError(`--${given[0]} is an ITM option; it applies to --model itm only, not ${model.id}`);
    return { model, freqMHz, txHeightM, rxHeightM, options: undefined };
  }
  const o: Partial<ItmOptions> = {};
  const get = (f: string): string | undefined => flags.get(f);
  if (get('climate') !== undefined) o.climate = parseNumber(get('climate')!, 'climate', { integer: true, min: 1, max: 7 });
  if (get('ns') !== undefined) o.refractivityN = parseNumber(get('ns')!, 'ns', { min: 250, max: 400, unit: 'N-units' });
  if (get('eps') !== undefined) o.relPermittivity = parseNumber(get('eps')!, 'eps', { min: 1 });
  if (get('sigma') !== undefined) o.conductivitySPerM = parseNumber(get('sigma')!, 'sigma', { above: 0, unit: 'S/m' });
  const pol = get('pol');
  if (pol !== undefined) {
    if (pol !== 'v' && pol !== 'h') throw new UsageError(`--pol must be v (vertical) or h (horizontal), got ${JSON.stringify(pol)}`);
    o.polarization = pol === 'v' ? 'vertical' : 'horizontal';
  }
  const mdvar = get('mdvar');
  if (mdvar !== undefined) {
    const m = /^\d+$/.test(mdvar) ? Number(mdvar) : NaN;
    if (!MDVAR.includes(m)) {
      throw new UsageError(`--mdvar must be 0-3, optionally plus 10 and/or 20 (one of ${MDVAR.join(', ')}), got ${JSON.stringify(mdvar)}`);
    }
    o.mdvar = m;
  }
  const pct = { above: 0, below: 100, unit: 'percent' };
  if (get('time') !== undefined) o.timePct = parseNumber(get('time')!, 'time', pct);
  if (get('location') !== undefined) o.locationPct = parseNumber(get('location')!, 'location', pct);
  if (get('situation') !== undefined) o.situationPct = parseNumber(get('situation')!, 'situation', pct);
  return { model, freqMHz, txHeightM, rxHeightM, options: o };
}
