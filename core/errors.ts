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
