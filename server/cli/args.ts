/**
 * A strict command-line parser: every flag must be declared, values are checked at the edge, and
 * any mistake is a `UsageError` (printed with a pointer to `--help`, exit status 2).
 */

/** Wrong command-line usage: the message says what is wrong and how to fix it. Exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A declared flag: `value` flags take one argument (`--freq 900` or `--freq=900`); others are switches. */
export interface FlagSpec {
  value: boolean;
}

/** Parsed flags: value flags map to their text, switches to "". Positional arguments are refused. */
export type ParsedFlags = Map<string, string>;

/**
 * Parse `argv` (without the command name) against `spec`. Unknown flags, repeated flags, missing
 * values and positional arguments throw a `UsageError` naming `command`.
 *
 * @example
 * parseFlags(['--freq', '900', '--json'], { freq: { value: true }, json: { value: false } }, 'pathloss')
 * // Map { 'freq' => '900', 'json' => '' }
 */
export function parseFlags(argv: readonly string[], spec: Record<string, FlagSpec>, command: string): ParsedFlags {
  const out: ParsedFlags = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--') {
      throw new UsageError(`covgap ${command}: unexpected argument ${JSON.stringify(arg)}; options start with -- (see covgap ${command} --help)`);
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const flag = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (flag === undefined) {
      throw new UsageError(`covgap ${command}: unknown option --${name} (see covgap ${command} --help)`);
    }
    if (out.has(name)) throw new UsageError(`covgap ${command}: --${name} is given twice`);
    if (!flag.value) {
      if (eq >= 0) throw new UsageError(`covgap ${command}: --${name} takes no value`);
      out.set(name, '');
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !/^--[a-z]/.test(argv[i + 1])) value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`covgap ${command}: --${name} needs a value`);
    out.set(name, value);
  }
  return out;
}

/** The value of a flag that must be present. */
export function required(flags: ParsedFlags, name: string, command: string): string {
  const v = flags.get(name);
  if (v === undefined) throw new UsageError(`covgap ${command}: --${name} is required (see covgap ${command} --help)`);
  return v;
}

export interface NumberRule {
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Exclusive upper bound. */
  below?: number;
  integer?: boolean;
  /** Unit or meaning shown in the message, e.g. "MHz". */
  unit?: string;
}

/**
 * `text` as a finite number obeying `rule`, or a UsageError naming `--flag`.
 *
 * @example
 * parseNumber('900', 'freq', { above: 0, unit: 'MHz' }) // 900
 */
export function parseNumber(text: string, flag: string, rule: NumberRule = {}): number {
  const v = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text.trim()) ? Number(text) : NaN;
  const unit = rule.unit ? ` ${rule.unit}` : '';
  const want: string[] = [];
  if (rule.min !== undefined) want.push(`>= ${rule.min}`);
  if (rule.above !== undefined) want.push(`> ${rule.above}`);
  if (rule.max !== undefined) want.push(`<= ${rule.max}`);
  if (rule.below !== undefined) want.push(`< ${rule.below}`);
  const ok =
    Number.isFinite(v) &&
    (!rule.integer || Number.isInteger(v)) &&
    (rule.min === undefined || v >= rule.min) &&
    (rule.above === undefined || v > rule.above) &&
    (rule.max === undefined || v <= rule.max) &&
    (rule.below === undefined || v < rule.below);
  if (!ok) {
    const noun = rule.integer ? 'an integer' : want.length ? 'a number' : 'a finite number';
    const what = want.length ? `${noun} ${want.join(' and ')}` : noun;
    throw new UsageError(`--${flag} must be ${what}${unit}, got ${JSON.stringify(text)}`);
  }
  return v;
}

/**
 * `text` "LON,LAT" in degrees, or a UsageError naming `--flag`.
 *
 * @example
 * parseLonLat('106.25,22.66', 'site') // [106.25, 22.66]
 */
export function parseLonLat(text: string, flag: string): [number, number] {
  const parts = text.split(',');
  const nums = parts.map((p) => (/^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/.test(p) ? Number(p) : NaN));
  if (nums.length !== 2 || !nums.every(Number.isFinite)) {
    throw new UsageError(`--${flag} must be LON,LAT in decimal degrees (e.g. 106.25,22.66), got ${JSON.stringify(text)}`);
  }
  const [lon, lat] = nums;
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw new UsageError(`--${flag} must have -180 <= LON <= 180 and -90 <= LAT <= 90, got ${JSON.stringify(text)}; is the order LON,LAT?`);
  }
  return [lon, lat];
}
