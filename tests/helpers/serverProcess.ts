/**
 * The server as a real process, for tests that kill it: `tests/helpers/serve.ts` bundled once by
 * esbuild (into node_modules/.cache, where npm packages resolve as from the sources) and run with
 * `node`, so that a start costs a fraction of a second. The process prints "listening URL" on
 * stdout once it accepts connections.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');
let bundled: Promise<string> | null = null;

/** The bundled entry point (built on first use in this test process). */
export function serverBundle(): Promise<string> {
  bundled ??= (async () => {
    const outdir = join(ROOT, 'node_modules', '.cache', 'covgap-test-server', String(process.pid));
    mkdirSync(outdir, { recursive: true });
    await build({
      entryPoints: { serve: join(ROOT, 'tests/helpers/serve.ts') }, bundle: true, platform: 'node', format: 'esm', target: 'node20',
      packages: 'external', outdir, outExtension: { '.js': '.mjs' }, logLevel: 'silent', absWorkingDir: ROOT,
      // modules that find files next to themselves keep their own location
      plugins: [{
        name: 'source-import-meta-url',
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, (args) => ({ contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' }));
        },
      }],
    });
    return join(outdir, 'serve.mjs');
  })();
  return bundled;
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** SIGKILL, and wait until the process is gone. */
  kill9(): Promise<void>;
}

/** Starts the server process with `env` (GEODATA, DATA_DIR, …) on a free port. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const entry = await serverBundle();
  const child = spawn(process.execPath, [entry], { env: { ...process.env, PORT: '0', LOG: 'off', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (http:\/\/\S+)/.exec(out);
      if (m) resolveUrl(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening: ${err}`)));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    url,
    child,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
