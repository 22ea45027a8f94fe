/**
 * `covgap plan`: bring your own coverage. An operator who plans in Atoll or Planet exports which
 * candidate serves which village; covgap proposes the stations (core/siting: greedy build order,
 * 1-swap, bounds, and HiGHS's exact integer program in a worker thread within the time limit)
 * and writes the plan with its proven bound and gap.
 */
import { open, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { InputError } from '../../core/errors';
import type { SitingGoal, SitingInstance } from '../../core/siting';
import { parseFlags, parseNumber, required, UsageError } from './args';

export const PLAN_HELP = `Usage: covgap plan --matrix MATRIX.csv --weights WEIGHTS.csv [--costs COSTS.csv]
         (--k N | --budget B | --cover-all) [--time-limit S] --out RESULT.json

Proposes the stations to build from a coverage matrix you bring (e.g. exported from Atoll or
Planet): the most weight served with N stations or within a budget, or the least cost that
serves every village some candidate reaches; with the build order, a proven bound on the best
possible plan and the gap to it. The exact integer program (HiGHS) runs within the time limit;
if it stops there, the better of it and the greedy + swap plan is kept and the gap says how far
from the optimum it can at most be.

  --matrix FILE      CSV with the header candidate_id,village_id: a row per candidate that
                     serves a village
  --weights FILE     CSV with the header village_id,weight (people, or 1 per village); villages
                     no candidate serves are listed in "unreachable"
  --costs FILE       CSV with the header candidate_id,cost (default: 1 each, so cost = stations)
  --k N              at most N stations, the most weight served
  --budget B         total cost at most B, the most weight served
  --cover-all        serve every reachable village at the least cost
  --time-limit S     seconds for the solver (LP bound and integer program; default 60)
  --out FILE         the plan as JSON (overwritten): {"chosen": [ids in build order],
                     "objective": weight served, "cost": total, "bound": proven bound (upper
                     on the weight; for --cover-all lower on the cost), "optimal": true|false,
                     "gap": relative gap, "method": "...", "seconds": ..., "boundKind",
                     "servedAfter", "costAfter" (per build step), "unreachable": [village ids]}
  --help             this text

Exit status: 0 done, 2 bad usage or input (the file, line and reason), 1 unexpected failure.

Example:
  covgap plan --matrix matrix.csv --weights people.csv --costs costs.csv --k 20 --out plan.json`;

const V = { value: true };
const SPEC = { matrix: V, weights: V, costs: V, k: V, budget: V, 'cover-all': { value: false }, 'time-limit': V, out: V, help: { value: false } };

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Stream the two-column CSV `file` (header `header`, checked) into `row(a, b, line)`. Errors
 * name the file and the line (the header is line 1).
 */
async function readPairs(file: string, header: readonly [string, string], row: (a: string, b: string, line: number) => void): Promise<void> {
  let first = true;
  try {
    // opened first, so a missing file fails here; read errors are passed on to the parser (pipe does not)
    const source = (await open(file)).createReadStream();
    const parser = source.pipe(parse({ bom: true, trim: true, skip_empty_lines: true, info: true }));
    source.on('error', (err) => parser.destroy(err));
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      if (first) {
        first = false;
        if (record.length !== 2 || record[0].toLowerCase() !== header[0] || record[1].toLowerCase() !== header[1]) {
          throw new InputError(`${file}: line ${line}: the header must be ${header.join(',')}, got ${JSON.stringify(record.join(','))}`);
        }
        continue;
      }
      if (record.length !== 2) throw new InputError(`${file}: line ${line}: expected 2 fields (${header.join(',')}), got ${record.length}`);
      row(record[0], record[1], line);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const e = err as Error & { code?: string; lines?: number };
    if (e.code === 'ENOENT' || e.code === 'EISDIR' || e.code === 'EACCES') throw new InputError(`${file}: cannot read: ${e.message}`);
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
      throw new InputError(`${file}: line ${e.lines ?? '?'}: ${e.message.replace(/ (on|at) line \d+$/, '')}`);
    }
    throw err;
  }
  if (first) throw new InputError(`${file}: line 1: the file is empty; the header must be ${header.join(',')}`);
}

/** A number ≥ 0 from a CSV field, or an InputError at `file` line `line`. */
function nonNegative(text: string, what: string, file: string, line: number): number {
  const v = NUMBER.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(v) || v < 0) throw new InputError(`${file}: line ${line}: ${what} must be a number ≥ 0, got ${JSON.stringify(text)}`);
  return v;
}

/** Read the three files into a siting instance; throws InputError with file, line and reason. */
async function readInstance(matrixPath: string, weightsPath: string, costsPath: string | undefined): Promise<SitingInstance> {
  const villageIndex = new Map<string, number>();
  const villageLine: number[] = [];
  const villageIds: string[] = [];
  const weights: number[] = [];
  await readPairs(weightsPath, ['village_id', 'weight'], (id, w, line) => {
    if (id === '') throw new InputError(`${weightsPath}: line ${line}: village_id is empty`);
    const seen = villageIndex.get(id);
    if (seen !== undefined) throw new InputError(`${weightsPath}: line ${line}: village_id ${JSON.stringify(id)} is given twice (first on line ${villageLine[seen]})`);
    villageIndex.set(id, weights.length);
    villageLine.push(line);
    villageIds.push(id);
    weights.push(nonNegative(w, 'weight', weightsPath, line));
  });
  const costOf = new Map<string, { cost: number; line: number }>();
  if (costsPath !== undefined) {
    await readPairs(costsPath, ['candidate_id', 'cost'], (id, c, line) => {
      if (id === '') throw new InputError(`${costsPath}: line ${line}: candidate_id is empty`);
      const seen = costOf.get(id);
      if (seen) throw new InputError(`${costsPath}: line ${line}: candidate_id ${JSON.stringify(id)} is given twice (first on line ${seen.line})`);
      costOf.set(id, { cost: nonNegative(c, 'cost', costsPath, line), line });
    });
  }
  const serves = new Map<string, number[]>();
  await readPairs(matrixPath, ['candidate_id', 'village_id'], (cid, vid, line) => {
    if (cid === '') throw new InputError(`${matrixPath}: line ${line}: candidate_id is empty`);
    const i = villageIndex.get(vid);
    if (i === undefined) throw new InputError(`${matrixPath}: line ${line}: village_id ${JSON.stringify(vid)} is not in ${weightsPath}`);
    if (costsPath !== undefined && !costOf.has(cid)) throw new InputError(`${matrixPath}: line ${line}: candidate_id ${JSON.stringify(cid)} has no cost in ${costsPath}`);
    let list = serves.get(cid);
    if (!list) serves.set(cid, (list = []));
    list.push(i);
  });
  const candidates = [...serves].map(([id, list]) => ({ id, cost: costOf.get(id)?.cost ?? 1, serves: Int32Array.from(list) }));
  // candidates with a cost but no village: kept, they serve nothing
  for (const [id, { cost }] of costOf) if (!serves.has(id)) candidates.push({ id, cost, serves: new Int32Array(0) });
  return { weights, villageIds, candidates };
}

/** Run `covgap plan` with `argv` (after the command name); resolves to the exit status. */
export async function runPlan(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, SPEC, 'plan');
  if (flags.has('help')) {
    process.stdout.write(PLAN_HELP + '\n');
    return 0;
  }
  const matrixPath = required(flags, 'matrix', 'plan');
  const weightsPath = required(flags, 'weights', 'plan');
  const outPath = required(flags, 'out', 'plan');
  const goals = ['k', 'budget', 'cover-all'].filter((g) => flags.has(g));
  if (goals.length !== 1) throw new UsageError(`covgap plan: give exactly one of --k N, --budget B or --cover-all${goals.length ? ` (got ${goals.map((g) => `--${g}`).join(' and ')})` : ''} (see covgap plan --help)`);
  let goal: SitingGoal;
  if (flags.has('k')) goal = { kind: 'k', k: parseNumber(flags.get('k')!, 'k', { min: 1, integer: true, unit: 'stations' }) };
  else if (flags.has('budget')) goal = { kind: 'budget', budget: parseNumber(flags.get('budget')!, 'budget', { min: 0 }) };
  else goal = { kind: 'coverAll' };
  const timeLimitS = flags.has('time-limit') ? parseNumber(flags.get('time-limit')!, 'time-limit', { above: 0, unit: 's' }) : undefined;

  const instance = await readInstance(matrixPath, weightsPath, flags.get('costs'));
  const [{ planSiting }, { createHighsSolver }] = await Promise.all([import('../../core/siting'), import('../siting/highsSolver')]);
  const highs = createHighsSolver();
  let result;
  try {
    result = await planSiting(instance, goal, timeLimitS === undefined ? {} : { timeLimitS }, highs.solve);
  } finally {
    await highs.close();
  }
  const { chosenIndex: _index, ...out } = result;
  const json = {
    chosen: out.chosen, objective: out.objective, cost: out.cost, bound: out.bound, optimal: out.optimal, gap: out.gap, method: out.method, seconds: out.seconds,
    boundKind: out.boundKind, servedAfter: out.servedAfter, costAfter: out.costAfter, unreachable: out.unreachable,
  };
  try {
    await writeFile(outPath, JSON.stringify(json, null, 1) + '\n');
  } catch (err) {
    throw new InputError(`${outPath}: cannot write the output: ${(err as Error).message}`);
  }
  const what = goal.kind === 'coverAll' ? `cost ${out.cost}, lower bound ${out.bound}` : `weight ${out.objective} served, upper bound ${out.bound}`;
  process.stderr.write(`plan: ${out.chosen.length} stations, ${what}, gap ${(100 * out.gap).toFixed(2)} %${out.optimal ? ' (optimal)' : ''}, ${out.unreachable.length} villages unreachable; ${out.seconds.toFixed(1)} s; written to ${outPath}\n`);
  return 0;
}
