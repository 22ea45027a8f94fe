/**
 * `covgap token` and `covgap user` (issue 12): API tokens for partners' scripts and users for the
 * browser login, in the same store as the server's (the SQLite file in DATA_DIR, or DATABASE_URL),
 * so a running server sees them at once. A token is printed once, alone on stdout (a script can
 * capture it), and stored only as its SHA-256; a password is read from stdin (or prompted without
 * echo on a terminal), never from the command line, where other users could see it in `ps`.
 * Arguments are parsed with node:util parseArgs.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError, UnprocessableError } from '../../core/errors';
import { operatorsOf } from '../../core/model/operators';
import { ROLES } from '../auth/policy';
import type { ScenarioRepository } from '../data/store/repository';
import { AuthService, checkRoleOperator } from '../services/auth';
import { UsageError } from './args';

/** The flags of both commands, for their --help. */
const flagsHelp = (what: 'token' | 'user'): string => `  --role ROLE       ${ROLES.join(', ')}
  --operator NAME   partner only: limit the ${what} to this operator's network, spelled exactly
                    as the sites' "operator" (e.g. Viettel); refused unless some site of the data
                    in use (the store's active sites, else $GEODATA's) has it
  --data-dir DIR    the store's directory (default: $DATA_DIR or data); DATABASE_URL, when set,
                    names a PostgreSQL store instead
  --json            list as JSON
  --help            this text

Exit status: 0 done, 2 bad usage or input, 1 unexpected failure.`;

export const TOKEN_HELP = `Usage: covgap token create --role ROLE [--operator NAME] [--data-dir DIR]
       covgap token list [--data-dir DIR] [--json]
       covgap token revoke ID [--data-dir DIR]

API tokens for scripts (Authorization: Bearer TOKEN). create prints the new token once, alone
on stdout; only its SHA-256 is stored, so it cannot be shown again (revoke it and make another).

${flagsHelp('token')}

Example:
  TOKEN=$(covgap token create --role partner --operator Viettel)
  curl -H "Authorization: Bearer $TOKEN" http://covgap.lan:8080/collections/gaps/items?f=csv`;

export const USER_HELP = `Usage: covgap user create NAME --role ROLE [--operator NAME] [--data-dir DIR]
       covgap user list [--data-dir DIR] [--json]
       covgap user delete NAME [--data-dir DIR]

Users for the browser login. create reads the password from stdin (the first line), or asks for
it twice without echo on a terminal; never give it on the command line. At least 10 characters.

${flagsHelp('user')}

Example:
  printf '%s\\n' "$PASSWORD" | covgap user create lan --role planner`;

const OPTIONS = {
  role: { type: 'string' },
  operator: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

type Parsed = { values: { role?: string; operator?: string; 'data-dir'?: string; json?: boolean; help?: boolean }; positionals: string[] };

function parse(argv: readonly string[], command: string): Parsed {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true }) as Parsed;
  } catch (err) {
    throw new UsageError(`covgap ${command}: ${(err as Error).message} (see covgap ${command} --help)`);
  }
}

/** Only the flags `allowed` may be given. */
function only(p: Parsed, allowed: string[], what: string): void {
  for (const k of Object.keys(p.values)) if (!allowed.includes(k)) throw new UsageError(`${what}: --${k} does not apply (see covgap ${what.split(' ')[0]} --help)`);
}

/** Positional arguments after the subcommand: exactly `n`. */
function positionals(p: Parsed, n: number, what: string, names: string): string[] {
  const rest = p.positionals.slice(1);
  if (rest.length !== n) throw new UsageError(`${what}: expected ${n === 0 ? 'no arguments' : names}, got ${rest.length === 0 ? 'none' : rest.map((r) => JSON.stringify(r)).join(' ')} (see covgap ${what.split(' ')[0]} --help)`);
  return rest;
}

/**
 * `work` with the store's users and tokens; `operators()` reads the operators of the data in use
 * (the store's active sites, else GEODATA's), which --operator must name, as the server matches it.
 */
async function withStore<T>(dataDir: string | undefined, work: (auth: AuthService, operators: () => Promise<string[]>) => Promise<T>): Promise<T> {
  const { loadConfig } = await import('../config');
  const { openStore } = await import('../data/store/open');
  const config = loadConfig(dataDir !== undefined ? { dataDir } : {});
  const store: ScenarioRepository = await openStore(config);
  const operators = async (): Promise<string[]> => {
    const { DatasetService } = await import('../services/datasets');
    return operatorsOf((await DatasetService.activeSites(store.datasets, config.geodataPath)).features);
  };
  try {
    return await work(new AuthService(store.auth, { localAdmin: false }), operators);
  } finally {
    await store.close();
  }
}

/** The data's operators when --operator is given (none read otherwise), checked before anything is asked or made. */
async function knownOperators(p: Parsed, role: string, operators: () => Promise<string[]>): Promise<string[] | undefined> {
  if (p.values.operator === undefined) return undefined;
  const known = await operators();
  const { problem } = checkRoleOperator(role, p.values.operator, known);
  if (problem) throw new UnprocessableError([problem]);
  return known;
}

const table = (rows: string[][]): string => {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
};

type Sub = (p: Parsed, dataDir: string | undefined) => Promise<void>;

/** `covgap COMMAND SUB …`: --help, then the subcommand `SUB` of `subs`, each with its flags. */
async function dispatch(argv: readonly string[], command: string, help: string, subs: Record<string, { flags: string[]; run: Sub }>): Promise<number> {
  const p = parse(argv, command);
  const sub = p.positionals[0];
  if (p.values.help || sub === undefined) {
    (p.values.help ? process.stdout : process.stderr).write(help + '\n');
    return p.values.help ? 0 : 2;
  }
  const s = Object.prototype.hasOwnProperty.call(subs, sub) ? subs[sub] : undefined;
  if (!s) throw new UsageError(`covgap ${command}: unknown subcommand ${JSON.stringify(sub)}; expected ${Object.keys(subs).join(', ')} (see covgap ${command} --help)`);
  only(p, s.flags, `${command} ${sub}`);
  await s.run(p, p.values['data-dir']);
  return 0;
}

const roleOf = (p: Parsed, what: string): string => {
  if (p.values.role === undefined) throw new UsageError(`${what}: --role is required (${ROLES.join(', ')})`);
  return p.values.role;
};
const limitedTo = (r: { role: string; operator: string | null }): string => `${r.role}${r.operator ? `, limited to ${r.operator}` : ''}`;

/** Run `covgap token …`; resolves to the exit status. */
export function runToken(argv: readonly string[]): Promise<number> {
  return dispatch(argv, 'token', TOKEN_HELP, {
    create: {
      flags: ['role', 'operator', 'data-dir'],
      run: async (p, dataDir) => {
        positionals(p, 0, 'token create', '');
        const role = roleOf(p, 'token create');
        const { token, record } = await withStore(dataDir, async (auth, operators) => auth.createToken({ role, operator: p.values.operator }, await knownOperators(p, role, operators)));
        process.stdout.write(`${token}\n`);
        process.stderr.write(`token ${record.id} (${limitedTo(record)}) created; it is shown only this once\n`);
      },
    },
    list: {
      flags: ['data-dir', 'json'],
      run: async (p, dataDir) => {
        positionals(p, 0, 'token list', '');
        const tokens = await withStore(dataDir, (auth) => auth.listTokens());
        process.stdout.write(`${p.values.json ? JSON.stringify(tokens, null, 2) : table([['ID', 'TOKEN', 'ROLE', 'OPERATOR', 'CREATED'], ...tokens.map((t) => [t.id, `${t.prefix}…`, t.role, t.operator ?? '(all)', t.createdAt])])}\n`);
      },
    },
    revoke: {
      flags: ['data-dir'],
      run: async (p, dataDir) => {
        const [id] = positionals(p, 1, 'token revoke', "the token's ID (from covgap token list)");
        await withStore(dataDir, (auth) => auth.revokeToken(id));
        process.stderr.write(`token ${id} revoked\n`);
      },
    },
  });
}

/** Run `covgap user …`; resolves to the exit status. */
export function runUser(argv: readonly string[]): Promise<number> {
  return dispatch(argv, 'user', USER_HELP, {
    create: {
      flags: ['role', 'operator', 'data-dir'],
      run: async (p, dataDir) => {
        const [name] = positionals(p, 1, 'user create', "the user's NAME");
        const role = roleOf(p, 'user create');
        const user = await withStore(dataDir, async (auth, operators) => {
          // a wrong operator is said before the password is asked for
          const known = await knownOperators(p, role, operators);
          return auth.createUser({ name, role, password: await readPassword(), ...(p.values.operator !== undefined ? { operator: p.values.operator } : {}) }, known);
        });
        process.stderr.write(`user ${user.name} (${limitedTo(user)}) created\n`);
      },
    },
    list: {
      flags: ['data-dir', 'json'],
      run: async (p, dataDir) => {
        positionals(p, 0, 'user list', '');
        const users = await withStore(dataDir, (auth) => auth.listUsers());
        process.stdout.write(`${p.values.json ? JSON.stringify(users, null, 2) : table([['NAME', 'ROLE', 'OPERATOR', 'CREATED'], ...users.map((u) => [u.name, u.role, u.operator ?? '(all)', u.createdAt])])}\n`);
      },
    },
    delete: {
      flags: ['data-dir'],
      run: async (p, dataDir) => {
        const [name] = positionals(p, 1, 'user delete', "the user's NAME");
        await withStore(dataDir, (auth) => auth.deleteUser(name));
        process.stderr.write(`user ${name} deleted (and logged out)\n`);
      },
    },
  });
}

/** The password: asked twice without echo on a terminal, else the first line of stdin. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await promptHidden('Password: ');
    const again = await promptHidden('Again: ');
    if (first !== again) throw new InputError('the two passwords differ; nothing was created');
    return first;
  }
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') throw new InputError('no password on stdin: pipe it in (printf \'%s\\n\' "$PASSWORD" | covgap user create …) or run on a terminal to be asked');
  return text.split(/\r?\n/)[0];
}

/** One line from the terminal without echo (raw mode); Ctrl-C aborts. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let text = '';
    const done = (err: Error | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(text);
    };
    const onData = (d: Buffer) => {
      for (const ch of d.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003') return done(new InputError('cancelled; nothing was created'));
        if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else text += ch;
      }
    };
    stdin.on('data', onData);
  });
}
