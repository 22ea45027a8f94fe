/**
 * The one error type core code throws for impossible or malformed input. Drivers map it to their
 * medium: the HTTP layer answers 400 application/problem+json with `message` as the detail, the
 * command line prints it and exits 2. The message says exactly what is wrong and how to fix it.
 *
 * @example
 * throw new InputError('sites.features[3].properties.antennaHeightM: must be a finite number of metres, got "abc"');
 */
export class InputError extends Error {
  /** Where in the input the problem is (a JSON path such as `features[3].properties.cells[0].tech`), when known. */
  readonly path: string | undefined;
  constructor(message: string, path?: string) {
    super(message);
    this.name = 'InputError';
    this.path = path;
  }
}

/**
 * An InputError from a validator that checked the whole input: beside the message (the first
 * few problems), every problem with its JSON path, for reports that list them all (imports).
 */
export class InputProblemsError extends InputError {
  readonly problems: readonly { path: string; message: string }[];
  constructor(message: string, problems: readonly { path: string; message: string }[]) {
    super(message, problems[0]?.path || undefined);
    this.name = 'InputError';
    this.problems = problems;
  }
}

/**
 * A thing asked for by id does not exist (a scenario, a site, a village, a collection). The HTTP
 * layer answers 404; the command line prints the message and exits 2.
 *
 * @example
 * throw new NotFoundError('scenario "s-9" does not exist; GET /api/scenarios lists them');
 */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/**
 * A computation the answer needs is still running (or failed): the HTTP layer answers 503 (500
 * when failed) with the progress; a caller that can wait polls again.
 */
export class NotReadyError extends Error {
  readonly progress: { state: 'computing' | 'ready' | 'failed'; done: number; total: number; error?: string };
  constructor(message: string, progress: NotReadyError['progress']) {
    super(message);
    this.name = 'NotReadyError';
    this.progress = progress;
  }
}

/**
 * A write named the version it expected and the stored one is newer (another writer came first).
 * The HTTP layer answers 412 Precondition Failed; nothing was changed.
 */
export class VersionConflictError extends Error {
  /** The version now stored. */
  readonly currentVersion: number;
  constructor(message: string, currentVersion: number) {
    super(message);
    this.name = 'VersionConflictError';
    this.currentVersion = currentVersion;
  }
}

/**
 * Well-formed input that cannot be applied (a scenario edit naming an unknown site, a duplicate
 * id, a bad cell): the HTTP layer answers 422 with every problem in an `errors` array, the first
 * one in `detail`.
 */
export class UnprocessableError extends InputError {
  /** Each problem: where, what, and any further members the answer carries (line, field…). */
  readonly problems: readonly ({ path: string; message: string } & Record<string, unknown>)[];
  /** Further members of the answer (an import's report: counts, warnings). */
  readonly extensions: Readonly<Record<string, unknown>>;
  constructor(problems: readonly ({ path: string; message: string } & Record<string, unknown>)[], extensions: Record<string, unknown> = {}) {
    const first = problems[0];
    const more = problems.length - 1;
    super(`${first ? `${first.path}: ${first.message}` : 'the input cannot be applied'}${more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'} (see errors)` : ''}`, first?.path);
    this.name = 'UnprocessableError';
    this.problems = problems;
    this.extensions = extensions;
  }
}

/**
 * Well-formed input beyond a size limit (records, cells or rows declared past the limit, the memory
 * its reading took): the HTTP layer answers 413 with every problem in `errors`, as for
 * UnprocessableError; the message names the limit and how to raise it.
 */
export class TooLargeError extends UnprocessableError {
  constructor(problems: readonly ({ path: string; message: string } & Record<string, unknown>)[], extensions: Record<string, unknown> = {}) {
    super(problems, extensions);
    this.name = 'TooLargeError';
  }
}

/** The request conflicts with the state of what it names (e.g. deleting a scenario others are based on): HTTP 409. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** The server is busy with as much of this work as it takes (HTTP 429 with Retry-After). */
export class BusyError extends Error {
  readonly retryAfterS: number;
  constructor(message: string, retryAfterS = 30) {
    super(message);
    this.name = 'BusyError';
    this.retryAfterS = retryAfterS;
  }
}
