/**
 * A published benchmark with a known optimum through the real command: OR-Library's scp41
 * (weighted set covering, 200 rows × 1,000 columns, optimum 429 — tests/fixtures/orlib/README.md)
 * as `covgap plan --matrix … --costs … --cover-all`: villages = rows, candidates = columns.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { covgap } from './run';

const dir = mkdtempSync(join(tmpdir(), 'covgap-scp41-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The OR-Library file as the three CSV files of `covgap plan`. */
function writeInstance(): { rows: number; columns: number } {
  const t = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'orlib', 'scp41.txt'), 'utf8').trim().split(/\s+/).map(Number);
  const [rows, columns] = t;
  const costs = t.slice(2, 2 + columns);
  const matrix = ['candidate_id,village_id'];
  let i = 2 + columns;
  for (let r = 1; r <= rows; r++) {
    const k = t[i++];
    for (let q = 0; q < k; q++) matrix.push(`c${t[i++]},r${r}`);
  }
  expect(i).toBe(t.length);
  writeFileSync(join(dir, 'matrix.csv'), `${matrix.join('\n')}\n`);
  writeFileSync(join(dir, 'weights.csv'), `village_id,weight\n${Array.from({ length: rows }, (_, r) => `r${r + 1},1`).join('\n')}\n`);
  writeFileSync(join(dir, 'costs.csv'), `candidate_id,cost\n${costs.map((c, j) => `c${j + 1},${c}`).join('\n')}\n`);
  return { rows, columns };
}

describe('covgap plan on a published benchmark', () => {
  it('OR-Library scp41: --cover-all proves the known optimum 429', () => {
    const { rows, columns } = writeInstance();
    expect([rows, columns]).toEqual([200, 1000]);
    const out = join(dir, 'scp41.json');
    const r = covgap('plan', '--matrix', join(dir, 'matrix.csv'), '--weights', join(dir, 'weights.csv'), '--costs', join(dir, 'costs.csv'), '--cover-all', '--time-limit', '60', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    console.log(`scp41: cost ${j.cost}, bound ${j.bound}, ${j.optimal ? 'optimal' : 'not proven'}, ${j.chosen.length} columns, ${j.seconds.toFixed(2)} s (${j.method})`);
    expect(j.cost).toBe(429);
    expect(j.bound).toBe(429);
    expect(j.optimal).toBe(true);
    expect(j.gap).toBe(0);
    expect(j.objective).toBe(200);
    expect(j.unreachable).toEqual([]);
  }, 120_000);
});
