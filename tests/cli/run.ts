import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/covgap.mjs', import.meta.url));

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the real `covgap` command (node bin/covgap.mjs) with `args`. */
export function covgap(...args: string[]): RunResult {
  return covgapWith({}, ...args);
}

/**
 * covgap() with `env` over this process's environment, and `input` on stdin.
 *
 * @example
 * covgapWith({ env: { GEODATA: manifest } }, 'token', 'create', '--role', 'partner', '--operator', 'Viettel')
 */
export function covgapWith(options: { env?: Record<string, string>; input?: string }, ...args: string[]): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...options.env }, ...(options.input !== undefined ? { input: options.input } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
