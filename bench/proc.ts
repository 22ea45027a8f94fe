/**
 * Timing whole processes for the benchmarks: wall clock and, where GNU time is installed, the
 * child's CPU time (user + system), which a busy shared machine inflates less than wall time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, tmpdir } from 'node:os';

export interface Timing {
  label: string;
  /** Median wall-clock seconds over the runs; NaN when the command failed. */
  wallS: number;
  /** Median CPU seconds (user + system) over the runs; NaN when unknown. */
  cpuS: number;
  runsWallS: number[];
  /** The failure (exit status and the end of standard error), when the command failed. */
  error?: string;
}

const GNU_TIME = '/usr/bin/time';

/** The machine line every benchmark prints: CPUs, model, node, load average now. */
/**
 * The value after `--name` on the bench's command line, or undefined.
 *
 * @example
 * const dataDir = benchFlag('--data-dir') ?? 'data';
 */
export function benchFlag(name: string, argv: readonly string[] = process.argv.slice(2)): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

export function machineLine(): string {
  return `machine: ${cpus().length} CPUs (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** True when `cmd` is on the PATH. */
export function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** Run `cmd args` once in `cwd`; throws with the end of standard error when it fails. */
export function runOnce(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} exited ${r.status ?? r.signal}: ${(r.stderr || r.stdout || '').trim().slice(-400)}`);
  return r.stdout;
}

/**
 * Time `runs` runs of `cmd args` in `cwd` (sequentially) and report medians.
 *
 * @example
 * timeProcess('splat 3″', 'splat', ['-t', 'site.qth', ...], dir, 3)
 */
export function timeProcess(label: string, cmd: string, args: string[], cwd: string, runs: number): Timing {
  const useTime = existsSync(GNU_TIME);
  const timeFile = join(tmpdir(), `covgap-bench-time-${process.pid}.txt`);
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const argv = useTime ? ['-f', '%e %U %S', '-o', timeFile, cmd, ...args] : args;
    const t0 = performance.now();
    const r = spawnSync(useTime ? GNU_TIME : cmd, argv, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
    const wall = (performance.now() - t0) / 1000;
    if (r.status !== 0) {
      const tail = (r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' | ');
      return { label, wallS: NaN, cpuS: NaN, runsWallS: walls, error: `exit ${r.status ?? r.signal}: ${tail.slice(0, 300)}` };
    }
    walls.push(wall);
    if (useTime) {
      const [, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
      cpus.push(user + sys);
    }
  }
  rmSync(timeFile, { force: true });
  return { label, wallS: median(walls), cpuS: useTime ? median(cpus) : NaN, runsWallS: walls };
}
