/**
 * What an import reports when a file is wrong: every problem with where it is — the file's line
 * (CSV, header = line 1) or the feature's index (GeoJSON, KML, Shapefile, GeoPackage: 0-based, in
 * file order) — the field and a precise message. A file with any problem is refused whole
 * (ImportRefusedError, HTTP 422 with the problems in `errors`).
 */
import { UnprocessableError } from '../../core/errors';

export interface ImportProblem {
  /** The file's line number (CSV: header = line 1). */
  line?: number;
  /** The feature's index in the file (0-based). */
  feature?: number;
  /** The field (a property path such as `properties.cells[1].tech`, a CSV column), or '' for the whole record or file. */
  field: string;
  message: string;
}

/** Where a problem is, as one path: `line 7: lat`, `features[3].properties.id`, or the field. */
export function problemPath(p: ImportProblem): string {
  if (p.line !== undefined) return p.field ? `line ${p.line}: ${p.field}` : `line ${p.line}`;
  if (p.feature !== undefined) return p.field ? `features[${p.feature}].${p.field}` : `features[${p.feature}]`;
  return p.field;
}

/**
 * The file is refused: 422 problem+json, detail the first problem, `errors` every one of them
 * (`path`, `line` or `feature`, `field`, `detail`), and the report's other members.
 */
export class ImportRefusedError extends UnprocessableError {
  constructor(source: string, problems: readonly ImportProblem[], extensions: Record<string, unknown> = {}) {
    super(
      problems.map((p) => ({ ...p, path: problemPath(p), message: p.message })),
      { ...extensions, problemCount: problems.length },
    );
    const first = problems[0];
    const more = problems.length - 1;
    const where = first ? problemPath(first) : '';
    this.message = `${source}: ${where ? `${where}: ` : ''}${first?.message ?? 'the file cannot be imported'}${more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'} (see errors)` : ''}`;
  }
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
