import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { covgap } from './run';

const dir = mkdtempSync(join(tmpdir(), 'covgap-cli-err-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const good = csv('good.csv', 'distance_m,elevation_m\n0,100\n1000,120\n2000,110\n');
const base = ['pathloss', '--model', 'itm', '--freq', '900', '--tx-height', '30', '--rx-height', '1.5'];

/** Runs covgap, expects exit status 2 and returns standard error. */
function fails(...args: string[]): string {
  const r = covgap(...args);
  expect(r.stdout).toBe('');
  expect(r.status).toBe(2);
  return r.stderr;
}

describe('covgap usage errors: exact messages, exit status 2', () => {
  it('names unknown commands, flags and models', () => {
    expect(fails('frobnicate')).toBe('covgap: unknown command "frobnicate"; commands: pathloss, coverage, gaps, plan, token, user (see covgap --help)\n');
    expect(fails(...base, '--profile', good, '--bogus', '1')).toBe('covgap pathloss: unknown option --bogus (see covgap pathloss --help)\n');
    expect(fails('pathloss', '--model', 'okumura', '--freq', '900', '--tx-height', '30', '--rx-height', '1.5', '--profile', good)).toBe(
      'covgap pathloss: --model: unknown path-loss model "okumura"; known models: fspl, hata, cost231, p526, itm\n',
    );
  });

  it('checks values and required flags', () => {
    expect(fails(...base.slice(0, 3), '--freq', '-5', '--tx-height', '30', '--rx-height', '1.5', '--profile', good)).toBe(
      'covgap pathloss: --freq must be a number > 0 MHz, got "-5"\n',
    );
    expect(fails(...base, '--profile', good, '--climate', '8')).toBe('covgap pathloss: --climate must be an integer >= 1 and <= 7, got "8"\n');
    expect(fails(...base, '--profile', good, '--pol', 'x')).toBe('covgap pathloss: --pol must be v (vertical) or h (horizontal), got "x"\n');
    expect(fails(...base, '--profile', good, '--time', '100')).toBe('covgap pathloss: --time must be a number > 0 and < 100 percent, got "100"\n');
    expect(fails(...base, '--profile', good, '--mdvar', '4')).toBe(
      'covgap pathloss: --mdvar must be 0-3, optionally plus 10 and/or 20 (one of 0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33), got "4"\n',
    );
    expect(fails('pathloss', '--model', 'itm', '--freq', '900', '--rx-height', '1.5', '--profile', good)).toBe(
      'covgap pathloss: --tx-height is required (see covgap pathloss --help)\n',
    );
    expect(fails(...base, '--profile', good, '--freq', '800')).toBe('covgap pathloss: --freq is given twice\n');
    expect(fails(...base)).toBe('covgap pathloss: give either --profile FILE.csv or --dem FILE with --from and --to (see covgap pathloss --help)\n');
    expect(fails(...base, '--dem', 'x.hgt', '--from', '106.2,22.5')).toBe('covgap pathloss: --dem needs --from LON,LAT and --to LON,LAT\n');
    expect(fails(...base, '--dem', 'x.hgt', '--from', '22.5', '--to', '1,2')).toBe(
      'covgap pathloss: --from must be LON,LAT in decimal degrees (e.g. 106.25,22.66), got "22.5"\n',
    );
  });

  it('refuses ITM options with another model', () => {
    expect(fails('pathloss', '--model', 'fspl', '--freq', '900', '--tx-height', '30', '--rx-height', '1.5', '--profile', good, '--climate', '5')).toBe(
      'covgap pathloss: --climate is an ITM option; it applies to --model itm only, not fspl\n',
    );
  });

  it('points at the line of a bad CSV profile', () => {
    expect(fails(...base, '--profile', csv('h.csv', 'dist,elev\n0,1\n1,2\n'))).toBe(
      `covgap pathloss: ${dir}/h.csv:1: the header must be "distance_m,elevation_m", got "dist,elev"\n`,
    );
    expect(fails(...base, '--profile', csv('one.csv', 'distance_m,elevation_m\n0,100\n'))).toBe(
      `covgap pathloss: ${dir}/one.csv: a profile needs at least 2 samples (transmitter and receiver), got 1\n`,
    );
    expect(fails(...base, '--profile', csv('uneven.csv', 'distance_m,elevation_m\n0,100\n1000,120\n2100,110\n3000,90\n'))).toBe(
      `covgap pathloss: ${dir}/uneven.csv:4: samples must be evenly spaced (step 1000 m); distance_m 2100 should be 2000\n`,
    );
    expect(fails(...base, '--profile', csv('nan.csv', 'distance_m,elevation_m\n0,100\n1000,abc\n'))).toBe(
      `covgap pathloss: ${dir}/nan.csv:3: elevation_m must be a number, got "abc"\n`,
    );
    expect(fails(...base, '--profile', join(dir, 'missing.csv'))).toBe(`covgap pathloss: ${dir}/missing.csv: file not found\n`);
  });

  it('documents the ITM defaults in --help', () => {
    const r = covgap('pathloss', '--help');
    expect(r.status).toBe(0);
    for (const s of ['[5]', '[301]', '[15]', '[0.005]', '[v]', '[12]', '--situation PCT']) expect(r.stdout).toContain(s);
  });
});
