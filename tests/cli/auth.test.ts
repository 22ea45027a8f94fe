/**
 * `covgap token` and `covgap user` (issue 12) with the real command, against a real server
 * process on the same DATA_DIR, and the start-up rule: bound to another address than loopback (or
 * published by PUBLIC_URL) with no user or token, the server refuses to start and says why.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess';
import { writeTinyGeodata } from '../helpers/tinyGeodata';
import { SQLITE_FILE } from '../../server/data/store/open';
import { openSqliteStore } from '../../server/data/store/sqlite';
import { DatasetService } from '../../server/services/datasets';
import { fixtureSites } from '../server/fixture';
import { covgap, covgapWith } from './run';

const BIN = fileURLToPath(new URL('../../bin/covgap.mjs', import.meta.url));
const dirs: string[] = [];
const procs: ServerProcess[] = [];
afterAll(async () => {
  for (const p of procs) await p.kill9();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'covgap-cli-auth-'));
  dirs.push(d);
  return d;
};

describe('the start-up rule', () => {
  it('refuses to start on 0.0.0.0, or published by PUBLIC_URL, with no user or token, and says why (exit 1)', async () => {
    const dir = tempDir();
    const env = { GEODATA: writeTinyGeodata(dir), DATA_DIR: join(dir, 'data') };
    await expect(startServerProcess({ ...env, HOST: '0.0.0.0' })).rejects.toThrow(
      /the server exited \(1\) before listening: .*refusing to start: HOST=0\.0\.0\.0 lets other machines reach it, and no user or API token exists, so every visitor would be an administrator\. Create one first — `covgap user create NAME --role admin --data-dir \S+` .* or bind to 127\.0\.0\.1/s,
    );
    await expect(startServerProcess({ ...env, HOST: '127.0.0.1', PUBLIC_URL: 'https://covgap.example.org' })).rejects.toThrow('refusing to start: PUBLIC_URL=https://covgap.example.org publishes it beyond this machine');
    // on loopback it starts, as the one local administrator
    const local = await startServerProcess({ ...env, HOST: '127.0.0.1' });
    procs.push(local);
    expect(await (await fetch(`${local.url}/api/me`)).json()).toMatchObject({ name: 'local', role: 'admin', operator: null, via: 'local', may: { plan: true } });
  }, 60_000);
});

describe('covgap token', () => {
  it('prints a new token alone on stdout; the server on 0.0.0.0 then starts, takes it, and refuses it once revoked', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const made = covgapWith({ env: { GEODATA: writeTinyGeodata(dir) } }, 'token', 'create', '--role', 'partner', '--operator', 'Viettel', '--data-dir', dataDir);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/^covgap_[\w-]{43}\n$/);
    const token = made.stdout.trim();
    expect(made.stderr).toMatch(/^token [0-9a-f]{12} \(partner, limited to Viettel\) created; it is shown only this once\n$/);
    const list = covgap('token', 'list', '--data-dir', dataDir, '--json');
    const [row] = JSON.parse(list.stdout) as { id: string; prefix: string; role: string; operator: string }[];
    expect(row).toMatchObject({ prefix: token.slice(0, 13), role: 'partner', operator: 'Viettel' });
    expect(list.stdout).not.toContain(token.slice(13));
    expect(covgap('token', 'list', '--data-dir', dataDir).stdout).toMatch(new RegExp(`^ID +TOKEN +ROLE +OPERATOR +CREATED\\n${row.id} +${row.prefix.replace(/[-_]/g, '.')}… +partner +Viettel +20`));

    const srv = await startServerProcess({ GEODATA: writeTinyGeodata(dir), DATA_DIR: dataDir, HOST: '0.0.0.0' });
    procs.push(srv);
    expect((await fetch(`${srv.url}/collections/sites/items`)).status).toBe(401);
    const sites = await fetch(`${srv.url}/collections/sites/items?limit=1000`, { headers: { authorization: `Bearer ${token}` } });
    expect(sites.status).toBe(200);
    const ops = new Set(((await sites.json()) as { features: { properties: { operator: string } }[] }).features.map((f) => f.properties.operator));
    expect([...ops]).toEqual(['Viettel']);
    const revoked = covgap('token', 'revoke', row.id, '--data-dir', dataDir);
    expect(revoked.status, revoked.stderr).toBe(0);
    expect((await fetch(`${srv.url}/collections/sites/items`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  }, 60_000);

  it('refuses bad usage with exit 2 and a message', () => {
    const dataDir = join(tempDir(), 'data');
    const cases: [string[], string][] = [
      [['token', 'create', '--data-dir', dataDir], '--role is required (viewer, partner, planner, admin)'],
      [['token', 'create', '--role', 'boss', '--data-dir', dataDir], 'role: expected one of viewer, partner, planner, admin, got "boss"'],
      [['token', 'create', '--role', 'viewer', '--operator', 'Viettel', '--data-dir', dataDir], 'only a partner can be limited to an operator'],
      [['token', 'revoke', 'abc', '--data-dir', dataDir], 'no token "abc"'],
      [['token', 'drop'], 'unknown subcommand "drop"; expected create, list, revoke'],
      [['token', 'list', '--role', 'admin'], 'covgap token: token list: --role does not apply (see covgap token --help)'],
      [['user', 'create', '--role', 'admin', '--data-dir', dataDir], "covgap user: user create: expected the user's NAME, got none (see covgap user --help)"],
    ];
    for (const [args, message] of cases) {
      const r = covgap(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr, args.join(' ')).toContain(message);
    }
  });
});

describe('--operator', () => {
  /** A data directory over the tiny geodata (sites of Viettel, VNPT/Vinaphone and MobiFone). */
  const setUp = () => {
    const dir = tempDir();
    return { dataDir: join(dir, 'data'), env: { GEODATA: writeTinyGeodata(dir) } };
  };
  const tokens = (dataDir: string) => JSON.parse(covgap('token', 'list', '--data-dir', dataDir, '--json').stdout) as unknown[];

  it('refuses an operator no site of the data has (exit 2, the data\'s operators listed, matched exactly as the server\'s limit); nothing is made', () => {
    const { dataDir, env } = setUp();
    const cases: [string, string][] = [
      ['Vietel', 'operator: unknown operator "Vietel": the data has MobiFone, VNPT/Vinaphone, Viettel'],
      ['viettel', 'operator: unknown operator "viettel" (names match exactly: did you mean "Viettel"?): the data has MobiFone, VNPT/Vinaphone, Viettel'],
      ['VNPT', 'operator: unknown operator "VNPT": the data has MobiFone, VNPT/Vinaphone, Viettel'],
    ];
    for (const [operator, message] of cases) {
      const r = covgapWith({ env }, 'token', 'create', '--role', 'partner', '--operator', operator, '--data-dir', dataDir);
      expect(r.status, operator).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`covgap token: ${message}\n`);
    }
    expect(tokens(dataDir)).toEqual([]);
    // a user too, said before any password is read (none is given here)
    const u = covgapWith({ env, input: '' }, 'user', 'create', 'lan', '--role', 'partner', '--operator', 'Vietel', '--data-dir', dataDir);
    expect(u.status).toBe(2);
    expect(u.stderr).toBe(`covgap user: ${cases[0][1]}\n`);
    expect(covgap('user', 'list', '--data-dir', dataDir, '--json').stdout.trim()).toBe('[]');
    // the names as the sites spell them are taken
    expect(covgapWith({ env }, 'token', 'create', '--role', 'partner', '--operator', 'VNPT/Vinaphone', '--data-dir', dataDir).status).toBe(0);
    const made = covgapWith({ env, input: 'mật khẩu của Lan\n' }, 'user', 'create', 'lan', '--role', 'partner', '--operator', 'MobiFone', '--data-dir', dataDir);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stderr).toBe('user lan (partner, limited to MobiFone) created\n');
  }, 60_000);

  it('checks against the data in use: the store\'s active sites once an import replaced the manifest\'s', async () => {
    const { dataDir, env } = setUp();
    const store = openSqliteStore(join(dataDir, SQLITE_FILE));
    try {
      const datasets = await DatasetService.open(store.datasets, env.GEODATA);
      const gtel = fixtureSites().slice(0, 3).map((f) => ({ ...f, properties: { ...f.properties, operator: 'Gtel' } }));
      const report = await datasets.import({ layer: 'sites', format: 'geojson', dryRun: false, mode: 'merge', operator: null, encoding: 'utf-8', fileName: null, body: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: gtel })) });
      expect(report).toMatchObject({ applied: true, version: 2 });
    } finally {
      await store.close();
    }
    // S000–S002 were Viettel, VNPT/Vinaphone and MobiFone; Gtel's now, and the other sites keep theirs
    expect(covgapWith({ env }, 'token', 'create', '--role', 'partner', '--operator', 'Gtel', '--data-dir', dataDir).status).toBe(0);
    const r = covgapWith({ env }, 'token', 'create', '--role', 'partner', '--operator', 'Gtell', '--data-dir', dataDir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('covgap token: operator: unknown operator "Gtell": the data has Gtel, MobiFone, VNPT/Vinaphone, Viettel\n');
    expect(tokens(dataDir)).toHaveLength(1);
  }, 60_000);
});

describe('covgap user', () => {
  it('creates a user with the password from stdin (never argv); it logs in; list and delete', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const make = spawnSync(process.execPath, [BIN, 'user', 'create', 'thu', '--role', 'admin', '--data-dir', dataDir], { input: 'mật khẩu của Thu\n', encoding: 'utf8' });
    expect(make.status, make.stderr).toBe(0);
    expect(make.stderr).toBe('user thu (admin) created\n');
    const short = spawnSync(process.execPath, [BIN, 'user', 'create', 'ngan', '--role', 'viewer', '--data-dir', dataDir], { input: 'short\n', encoding: 'utf8' });
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('password: expected a string of 10–1024 characters');
    // the server's name rule (issue 17): a name that reads as a taken one is refused, exit 2, naming the user
    const lookalike = spawnSync(process.execPath, [BIN, 'user', 'create', 'THU', '--role', 'viewer', '--data-dir', dataDir], { input: 'mật khẩu của Thu\n', encoding: 'utf8' });
    expect(lookalike.status).toBe(2);
    expect(lookalike.stderr).toBe('covgap user: user name "THU" is taken: it reads as the existing user "thu" (user names are compared without case, width or look-alike letters); choose another name\n');
    const hidden = spawnSync(process.execPath, [BIN, 'user', 'create', 'th\u202Eu', '--role', 'viewer', '--data-dir', dataDir], { input: 'mật khẩu của Thu\n', encoding: 'utf8' });
    expect(hidden.status).toBe(2);
    expect(hidden.stderr).toContain('holds U+202E (a control, format or invisible character)');
    expect(covgap('user', 'list', '--data-dir', dataDir).stdout).toMatch(/^NAME +ROLE +OPERATOR +CREATED\nthu +admin +\(all\) +20/);

    const srv = await startServerProcess({ GEODATA: writeTinyGeodata(dir), DATA_DIR: dataDir, HOST: '0.0.0.0' });
    procs.push(srv);
    const login = await fetch(`${srv.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'thu', password: 'mật khẩu của Thu' }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    expect(await (await fetch(`${srv.url}/api/me`, { headers: { cookie } })).json()).toMatchObject({ name: 'thu', role: 'admin' });
    expect(covgap('user', 'delete', 'thu', '--data-dir', dataDir).status).toBe(0);
    expect((await fetch(`${srv.url}/api/me`, { headers: { cookie } })).status).toBe(401);
    expect(covgap('user', 'list', '--data-dir', dataDir, '--json').stdout.trim()).toBe('[]');
  }, 60_000);
});
