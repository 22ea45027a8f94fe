import { accessSync, constants, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { covgap } from './run';

describe('the covgap binary', () => {
  it('is declared in package.json as an executable node script', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(pkg.bin).toEqual({ covgap: 'bin/covgap.mjs' });
    const bin = new URL('../../bin/covgap.mjs', import.meta.url);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(() => accessSync(bin, constants.X_OK)).not.toThrow();
  });

  it('prints the usage: exit 0 with --help, 2 (on standard error) without a command', () => {
    const help = covgap('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: covgap COMMAND \[OPTIONS\]\n/);
    expect(help.stdout).toContain('pathloss');
    expect(help.stdout).toContain('coverage');
    const none = covgap();
    expect(none.status).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe(help.stdout);
  });
});
