/**
 * The `covgap` command line: dispatch to a command, print usage and input errors, set the exit
 * status (0 done, 2 bad usage or input, 1 unexpected failure). Commands load lazily so that
 * `covgap --help` starts fast.
 */
import { ConflictError, InputError, NotFoundError } from '../../core/errors';
import { UsageError } from './args';

export const MAIN_HELP = `Usage: covgap COMMAND [OPTIONS]

Telecom coverage-gap planning over real terrain.

Commands:
  pathloss   basic transmission loss of one path, from a CSV profile or a DEM
  coverage   received power around a site over a DEM, written as a GeoTIFF
  gaps       the villages without signal, by priority, as CSV, XLSX, GeoJSON, KML or GeoPackage
  plan       the stations to build from your own coverage matrix, with a proven bound and gap
  token      API tokens for partners' scripts: create (printed once), list, revoke
  user       users for the browser login: create (password from stdin), list, delete

Run \`covgap COMMAND --help\` for a command's options.
Exit status: 0 done, 2 bad usage or input, 1 unexpected failure.`;

type Command = (argv: readonly string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  pathloss: async () => (await import('./pathloss')).runPathloss,
  coverage: async () => (await import('./coverage')).runCoverage,
  gaps: async () => (await import('./gaps')).runGaps,
  plan: async () => (await import('./plan')).runPlan,
  token: async () => (await import('./auth')).runToken,
  user: async () => (await import('./auth')).runUser,
};

/**
 * Run the command line `argv` (without node and the script); resolves to the exit status.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(MAIN_HELP + '\n');
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(MAIN_HELP + '\n');
    return 0;
  }
  const load = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) {
    process.stderr.write(`covgap: unknown command ${JSON.stringify(name)}; commands: ${Object.keys(COMMANDS).join(', ')} (see covgap --help)\n`);
    return 2;
  }
  try {
    return await (await load())(rest);
  } catch (err) {
    if (err instanceof UsageError || err instanceof InputError || err instanceof NotFoundError || err instanceof ConflictError) {
      process.stderr.write(`covgap ${name}: ${err.message.replace(/^covgap \w+: /, '')}\n`);
      return 2;
    }
    process.stderr.write(`covgap ${name}: unexpected failure: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}
