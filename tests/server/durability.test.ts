/**
 * Durability on a real server process: a write is acknowledged, the process is killed with
 * SIGKILL at once, a new process starts on the same DATA_DIR, and the write is there — 50 times,
 * alternating new scenarios (POST) and new versions of one scenario (PUT with If-Match).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess';
import { writeTinyGeodata } from '../helpers/tinyGeodata';

const ROUNDS = 50;
let dir: string;
let env: Record<string, string>;
let proc: ServerProcess | null = null;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'covgap-durability-'));
  env = { GEODATA: writeTinyGeodata(dir), DATA_DIR: join(dir, 'data') };
});
afterAll(async () => {
  await proc?.kill9();
  rmSync(dir, { recursive: true, force: true });
});

describe('an acknowledged write survives kill -9', () => {
  it(`${ROUNDS} rounds of write, SIGKILL, restart, read: nothing lost`, async () => {
    const created: { id: string; name: string }[] = [];
    let tracked: { id: string; version: number } | null = null;
    for (let round = 0; round < ROUNDS; round++) {
      proc = await startServerProcess(env);
      // what the previous rounds were told is stored must all be there
      const list = await (await fetch(`${proc.url}/api/scenarios`)).json();
      const names = new Map(list.scenarios.map((s: { id: string; name: string }) => [s.id, s.name]));
      for (const c of created) expect(names.get(c.id), `round ${round}: scenario ${c.id} lost`).toBe(c.name);
      if (tracked) {
        const t = await (await fetch(`${proc.url}/api/scenarios/${tracked.id}`)).json();
        expect(t.version, `round ${round}: the acknowledged version of ${tracked.id} was lost`).toBe(tracked.version);
      }
      let res: Response;
      if (round % 2 === 0 || !tracked) {
        const name = `Phương án ${round}`;
        res = await fetch(`${proc.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, edits: [{ op: 'remove', siteId: `S${String(round).padStart(3, '0')}` }] }) });
        expect(res.status).toBe(201);
        const body = await res.json();
        created.push({ id: body.id, name });
        tracked ??= { id: body.id, version: 1 };
      } else {
        res = await fetch(`${proc.url}/api/scenarios/${tracked.id}`, {
          method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': `"${tracked.id}.${tracked.version}"` },
          body: JSON.stringify({ name: created[0].name, description: `round ${round}` }),
        });
        expect(res.status).toBe(200);
        tracked = { id: tracked.id, version: (await res.json()).version };
      }
      // acknowledged: kill at once, no graceful shutdown
      await proc.kill9();
      proc = null;
    }
    expect(created.length).toBe(ROUNDS / 2);
    proc = await startServerProcess(env);
    const final = await (await fetch(`${proc.url}/api/scenarios`)).json();
    expect(final.scenarios).toHaveLength(ROUNDS / 2);
    expect((await (await fetch(`${proc.url}/api/scenarios/${tracked!.id}`)).json()).version).toBe(tracked!.version);
  }, 300_000);
});
