import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isClientStale } from '../../scripts/build-client';

let root = '';
afterEach(() => root && rmSync(root, { recursive: true, force: true }));

function touch(path: string, timeS: number): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '');
  utimesSync(path, timeS, timeS);
}

describe('isClientStale', () => {
  it('is stale without a build, fresh after it, stale again when a source changes', () => {
    root = mkdtempSync(join(tmpdir(), 'covgap-build-'));
    touch(join(root, 'client', 'map', 'style.ts'), 1000);
    touch(join(root, 'core', 'text', 'fold.ts'), 1000);
    for (const dir of ['client', 'client/map', 'core', 'core/text']) utimesSync(join(root, dir), 1000, 1000);
    expect(isClientStale({ root })).toBe(true);

    touch(join(root, 'dist', 'client', 'index.html'), 2000);
    expect(isClientStale({ root })).toBe(true); // the other pages are not built yet
    touch(join(root, 'dist', 'client', 'compare.html'), 2000);
    touch(join(root, 'dist', 'client', 'report.html'), 2000);
    expect(isClientStale({ root })).toBe(false);

    touch(join(root, 'core', 'text', 'fold.ts'), 3000);
    expect(isClientStale({ root })).toBe(true);
  });
});
