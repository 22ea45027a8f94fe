/**
 * `npm run load`: the server under load on loopback (autocannon, 100 connections), in three
 * phases: idle; while a cold province coverage computes beside it (`covgap gaps` in a fresh data
 * directory: 1,217 sites on a worker pool, the same work as the server's own recompute); while a
 * second server computes its own province cold (an empty coverage cache: its worker pool sweeps,
 * its main thread merges and answers — the gap list and coverage tiles are 503 there until it is
 * done, the feature pages and /api/health are not); and while 10 previews run at once. The server runs in its own process (`tsx server/main.ts`, warm cache
 * under DATA_DIR, default data/), so the load tool and the server share the cores as a client
 * and server on one machine do.
 *
 * Each autocannon run has its own process (loadRun.ts), so that a probe beside a heavy run is
 * not starved by the heavy run's client.
 *
 * Before the runs each URL is asked once (the warm-up: a page of the baseline is built and kept
 * once per data version, its Brotli made off the event loop), so that they measure the steady state.
 *
 * Environment: LOAD_SECONDS per run (default 10), LOAD_CONNECTIONS (default 100).
 * Prints one Markdown table per phase and the machine line; figures in bench/README.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latToTileY, lonToTileX } from '../core/geo/tiles';
import { machineLine } from './proc';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 100);
const ROOT = join(import.meta.dirname, '..');

interface Row {
  target: string;
  reqPerS: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** One autocannon run over `paths` (cycled) at `connections`, in its own process (loadRun.ts). */
function run(base: string, target: string, paths: string[], o: { connections?: number; seconds?: number; method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> } = {}): Promise<Row> {
  const options = { url: base, paths, connections: o.connections ?? CONNECTIONS, seconds: o.seconds ?? SECONDS, method: o.method, body: o.body, headers: o.headers };
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/loadRun.ts'), JSON.stringify(options)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => (code === 0 ? resolve({ target, ...(JSON.parse(out) as Omit<Row, 'target'>) }) : reject(new Error(`autocannon run for ${target} exited with ${code}`))));
  });
}

function table(title: string, rows: Row[]): string {
  const lines = [`\n### ${title}\n`, '| target | req/s | p50 ms | p90 ms | p99 ms | errors | non-2xx |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.target} | ${Math.round(r.reqPerS)} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
  return lines.join('\n');
}

/** Starts `tsx server/main.ts` on a free port (DATA_DIR as given, else the environment's); resolves with its URL once it listens. */
function startServer(dataDir?: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG: 'off', PREVIEW_RATE_LIMIT: '0', ...(dataDir ? { DATA_DIR: dataDir } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /covgap listening on (\S+)/.exec(out);
      if (m) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
}

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  return (await res.json()) as T;
}

async function main(): Promise<void> {
  console.log(machineLine());
  console.log(`load: ${CONNECTIONS} connections, ${SECONDS} s per run, loopback`);
  const { url, child } = await startServer();
  const recomputeDir = mkdtempSync(join(tmpdir(), 'covgap-load-'));
  let recompute: ChildProcess | null = null;
  try {
    // the province from the cache (cold: minutes)
    for (;;) {
      const s = await json<{ state: string; done: number; total: number }>(`${url}/api/coverage/status`);
      if (s.state === 'ready') break;
      if (s.state === 'failed') throw new Error('the province coverage failed');
      await new Promise((r) => setTimeout(r, 2000));
    }
    const { version } = await json<{ version: string }>(`${url}/api/coverage/status`);
    const health = await json<{ dem: { bounds: [number, number, number, number] } }>(`${url}/api/health`);
    const [w, s, e, n] = health.dem.bounds;
    const tiles: string[] = [];
    for (let x = Math.floor(lonToTileX(w, 11)); x <= Math.floor(lonToTileX(e, 11)); x++) {
      for (let y = Math.floor(latToTileY(n, 11)); y <= Math.floor(latToTileY(s, 11)); y++) tiles.push(`/tiles/coverage/11/${x}/${y}.png?tech=4G&v=${version}`);
    }
    const targets: [string, string[]][] = [
      ['gap list page (/collections/gaps/items)', ['/collections/gaps/items']],
      ['gap list, the client\'s (?limit=10000)', ['/collections/gaps/items?limit=10000']],
      ['feature page: 1,000 villages', ['/collections/villages/items?limit=1000']],
      ['feature page: 100 sites in a bbox', ['/collections/sites/items?bbox=106.0,22.5,106.5,22.9']],
      [`coverage tiles (z11, ${tiles.length} tiles, tech=4G)`, tiles],
      ['/api/health', ['/api/health']],
    ];
    // warm-up: each URL asked once (as a browser asks: the page is built, kept and its Brotli made
    // off the event loop — a one-time cost per data version), so that the runs measure the steady state
    for (const [, paths] of targets) for (const path of paths) await (await fetch(url + path, { headers: { 'accept-encoding': 'gzip, deflate, br' } })).arrayBuffer();
    await new Promise((r) => setTimeout(r, 3000));
    const idle: Row[] = [];
    for (const [name, paths] of targets) idle.push(await run(url, name, paths));
    // the reference in the same command: the same answer through Express (a Cookie header: the fast lane leaves it)
    idle.push(await run(url, '/api/health through Express (reference: a Cookie header, which the fast lane leaves to Express)', ['/api/health'], { headers: { cookie: 'load=1' } }));
    idle.push(await run(url, 'gap list page through Express (reference, the same)', ['/collections/gaps/items'], { headers: { cookie: 'load=1' } }));
    console.log(table('idle', idle));

    // a cold province computation beside the server, on its own worker pool
    recompute = spawn(process.execPath, [join(ROOT, 'bin/covgap.mjs'), 'gaps', '--data-dir', recomputeDir, '--format', 'csv', '--out', join(recomputeDir, 'gaps.csv')], { cwd: ROOT, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 5000)); // let its workers start sweeping
    const busy: Row[] = [];
    for (const [name, paths] of targets) {
      // /api/health probed at 10 connections meanwhile
      const [row, probe] = await Promise.all([run(url, name, paths), run(url, '/api/health (10 connections, beside)', ['/api/health'], { connections: 10 })]);
      busy.push(row, { ...probe, target: `  ↳ /api/health beside it (10 connections)` });
    }
    const stillComputing = recompute.exitCode === null;
    console.log(table(`while a cold province computes beside it${stillComputing ? '' : ' (NOTE: it finished before the last run)'}`, busy));
    recompute.kill('SIGTERM');
    recompute = null;

    // a server computing its own province cold: what its main thread still answers meanwhile
    const coldDir = mkdtempSync(join(tmpdir(), 'covgap-load-cold-'));
    const cold = await startServer(coldDir);
    try {
      // its workers sweeping; its pages asked once (warm-up, as above)
      for (const [, paths] of targets.filter(([, p]) => !p[0].startsWith('/tiles/') && !p[0].startsWith('/collections/gaps/'))) await (await fetch(cold.url + paths[0], { headers: { 'accept-encoding': 'gzip, deflate, br' } })).arrayBuffer();
      await new Promise((r) => setTimeout(r, 5000));
      const own: Row[] = [];
      for (const [name, paths] of targets.filter(([, p]) => !p[0].startsWith('/tiles/') && !p[0].startsWith('/collections/gaps/'))) {
        const [row, probe] = await Promise.all([run(cold.url, name, paths), run(cold.url, '/api/health (10 connections, beside)', ['/api/health'], { connections: 10 })]);
        own.push(row, { ...probe, target: `  ↳ /api/health beside it (10 connections)` });
      }
      const s = await json<{ state: string; done: number; total: number }>(`${cold.url}/api/coverage/status`);
      console.log(table(`a server computing its own province cold (${s.state === 'ready' ? 'NOTE: it finished before the last run' : `still computing at the end: ${s.done}/${s.total} sites`})`, own));
    } finally {
      cold.child.kill('SIGTERM');
      rmSync(coldDir, { recursive: true, force: true });
    }

    // 10 previews at once, /api/coverage/status meanwhile
    const site = JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [106.1, 22.75] }, properties: { operator: 'Viettel', antennaHeightM: 30, cells: [{ tech: '4G', freqMHz: 1800, eirpDbm: 61 }] } });
    const [previews, status] = await Promise.all([
      run(url, 'POST /api/coverage/preview (10 connections)', ['/api/coverage/preview'], { connections: 10, method: 'POST', body: site, seconds: SECONDS * 2 }),
      run(url, '/api/coverage/status (10 connections, beside)', ['/api/coverage/status'], { connections: 10, seconds: SECONDS * 2 }),
    ]);
    console.log(table('10 previews at once', [previews, status]));
    console.log(`\n${machineLine()} (at the end)`);
  } finally {
    recompute?.kill('SIGTERM');
    child.kill('SIGTERM');
    rmSync(recomputeDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`load: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
