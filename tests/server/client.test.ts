import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDeps, listen, type TestServer } from './fixture';

let dir: string;
let srv: TestServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'covgap-client-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>covgap map</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  srv = await listen(fixtureDeps({ config: { clientDir: dir, publicUrl: null, log: false } }));
});
afterAll(async () => {
  await srv?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the built client', () => {
  it('/ answers index.html to a browser, JSON to ?f=json', async () => {
    const html = await fetch(srv.url + '/', { headers: { accept: 'text/html,*/*;q=0.8' } });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('vary')).toMatch(/Accept/);
    expect(await html.text()).toContain('covgap map');
    const json = await fetch(srv.url + '/?f=json', { headers: { accept: 'text/html' } });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('serves static assets', async () => {
    const res = await fetch(srv.url + '/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toBe('console.log(1)');
  });
});
