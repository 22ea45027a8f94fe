/**
 * What an import reports when a file is wrong: every problem with where it is — the file's line
 * (CSV, header = line 1) or the feature's index (GeoJSON, KML, Shapefile, GeoPackage: 0-based, in
 * file order) — the field and a precise message. A file with any problem is refused whole
 * (ImportRefusedError, HTTP 422 with the problems in `errors`; ImportTooLargeError, HTTP 413, when
 * a problem is a size limit the file passes). Every problem of every feature is found; the answer
 * lists the first IMPORT_MAX_LISTED_PROBLEMS of them and `problemCount` counts them all.
 */
import { TooLargeError, UnprocessableError } from '../../core/errors';

/** How many problems a refusal lists in `errors` (`problemCount` counts them all). */
export const IMPORT_MAX_LISTED_PROBLEMS = 1000;

export interface ImportProblem {
  /** The file's line number (CSV: header = line 1). */
  line?: number;
  /** The feature's index in the file (0-based). */
  feature?: number;
  /** The field (a property path such as `properties.cells[1].tech`, a CSV column), or '' for the whole record or file. */
  field: string;
  message: string;
  /** The environment variable of the size limit the file passes (the answer is then 413). */
  limit?: string;
}

/** Where a problem is, as one path: `line 7: lat`, `features[3].properties.id`, or the field. */
export function problemPath(p: ImportProblem): string {
  if (p.line !== undefined) return p.field ? `line ${p.line}: ${p.field}` : `line ${p.line}`;
  if (p.feature !== undefined) return p.field ? `features[${p.feature}].${p.field}` : `features[${p.feature}]`;
  return p.field;
}

/** The refusal's detail: the first problem, and how many more. */
function refusalMessage(source: string, problems: readonly ImportProblem[], problemCount: number): string {
  const first = problems[0];
  const more = problemCount - 1;
  const where = first ? problemPath(first) : '';
  return `${source}: ${where ? `${where}: ` : ''}${first?.message ?? 'the file cannot be imported'}${more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'} (see errors)` : ''}`;
}

const asErrors = (problems: readonly ImportProblem[]) => problems.slice(0, IMPORT_MAX_LISTED_PROBLEMS).map((p) => ({ ...p, path: problemPath(p), message: p.message }));

/**
 * The file is refused: 422 problem+json, detail the first problem, `errors` the problems (at most
 * IMPORT_MAX_LISTED_PROBLEMS: `path`, `line` or `feature`, `field`, `detail`), `problemCount`
 * all of them (`problemCount` when only the first ones were kept), and the report's other members.
 */
export class ImportRefusedError extends UnprocessableError {
  constructor(source: string, problems: readonly ImportProblem[], extensions: Record<string, unknown> = {}, problemCount = problems.length) {
    super(asErrors(problems), { ...extensions, problemCount });
    this.message = refusalMessage(source, problems, problemCount);
  }
}

/** The file passes a size limit (a problem with `limit`): 413, otherwise as ImportRefusedError. */
export class ImportTooLargeError extends TooLargeError {
  constructor(source: string, problems: readonly ImportProblem[], extensions: Record<string, unknown> = {}, problemCount = problems.length) {
    super(asErrors(problems), { ...extensions, problemCount });
    this.message = refusalMessage(source, problems, problemCount);
  }
}

/**
 * The error refusing a file: ImportTooLargeError (413) when one of its problems is a size limit,
 * else ImportRefusedError (422).
 *
 * @example
 * throw importRefusal('sites (format=geojson)', [fileProblem('not valid JSON')], { dryRun: true });
 */
export function importRefusal(source: string, problems: readonly ImportProblem[], extensions: Record<string, unknown> = {}, problemCount = problems.length): ImportRefusedError | ImportTooLargeError {
  const tooLarge = problems.some((p) => p.limit !== undefined);
  return tooLarge ? new ImportTooLargeError(source, problems, extensions, problemCount) : new ImportRefusedError(source, problems, extensions, problemCount);
}

/** A problem of the whole file: it passes the size limit named by its environment variable (413). */
export function limitProblem(message: string, limit: string): ImportProblem {
  return { field: '', message, limit };
}

/** One problem about the whole file (no line, no feature). */
export function fileProblem(message: string, field = ''): ImportProblem {
  return { field, message };
}

/**
 * A validator's JSON path (`features[3].properties.cells[1].tech`) as a problem of feature 3,
 * field `properties.cells[1].tech`; a path outside `features[…]` is a problem of the file.
 */
export function problemFromPath(path: string, message: string): ImportProblem {
  const m = /^features\[(\d+)\]\.?(.*)$/.exec(path);
  if (m) return { feature: Number(m[1]), field: m[2], message };
  return { field: path, message };
}
