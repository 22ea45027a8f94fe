import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomInstance } from '../helpers/sitingInstance';
import { covgap } from './run';

let dir: string;
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'covgap-plan-cli-'));
  // the greedy trap: A (4 villages) first, then one more; B + C serve all six
  file('matrix.csv', 'candidate_id,village_id\nA,v0\nA,v1\nA,v2\nA,v3\nB,v0\nB,v1\nB,v4\nC,v2\nC,v3\nC,v5\n');
  file('weights.csv', 'village_id,weight\nv0,1\nv1,1\nv2,1\nv3,1\nv4,1\nv5,1\nfar,7\n');
  file('costs.csv', 'candidate_id,cost\nA,3\nB,2\nC,2\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plan = (...extra: string[]) => covgap('plan', '--matrix', join(dir, 'matrix.csv'), '--weights', join(dir, 'weights.csv'), ...extra);
const result = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));

describe('covgap plan', () => {
  it('--k 2: the optimum with its build order, bound, gap and the unreachable village', () => {
    const r = plan('--k', '2', '--out', join(dir, 'k2.json'));
    expect(r.stderr).toMatch(/^plan: 2 stations, weight 6 served, upper bound 6, gap 0\.00 % \(optimal\), 1 villages unreachable/);
    expect(r.status).toBe(0);
    const j = result('k2.json');
    expect(new Set(j.chosen)).toEqual(new Set(['B', 'C']));
    expect(j).toMatchObject({ objective: 6, cost: 2, bound: 6, optimal: true, gap: 0, unreachable: ['far'] });
    expect(typeof j.method).toBe('string');
    expect(typeof j.seconds).toBe('number');
  });

  it('--costs with --budget and --cover-all', () => {
    expect(plan('--costs', join(dir, 'costs.csv'), '--budget', '3', '--out', join(dir, 'b.json')).status).toBe(0);
    expect(result('b.json')).toMatchObject({ chosen: ['A'], objective: 4, cost: 3, bound: 4, optimal: true });
    expect(plan('--costs', join(dir, 'costs.csv'), '--cover-all', '--out', join(dir, 'all.json')).status).toBe(0);
    const all = result('all.json');
    expect(new Set(all.chosen)).toEqual(new Set(['B', 'C']));
    expect(all).toMatchObject({ objective: 6, cost: 4, bound: 4, optimal: true, gap: 0 });
  });

  it('reaches the proven optimum on 300 villages × 200 candidates (the integer program in the worker)', () => {
    const inst = randomInstance({ villages: 300, candidates: 200, radius: 0.09, seed: 3, maxWeight: 900 });
    const ids = inst.villageIds!;
    file('m300.csv', 'candidate_id,village_id\n' + inst.candidates.flatMap((c) => Array.from(c.serves, (i) => `${c.id},${ids[i]}\n`)).join(''));
    file('w300.csv', 'village_id,weight\n' + ids.map((id, i) => `${id},${inst.weights[i]}\n`).join(''));
    for (const k of ['8', '15']) {
      const r = covgap('plan', '--matrix', join(dir, 'm300.csv'), '--weights', join(dir, 'w300.csv'), '--k', k, '--time-limit', '60', '--out', join(dir, `r${k}.json`));
      expect(r.status, r.stderr).toBe(0);
      const j = result(`r${k}.json`);
      expect(j.optimal).toBe(true);
      expect(j.bound).toBe(j.objective);
      expect(j.gap).toBe(0);
      expect(j.chosen).toHaveLength(Number(k));
    }
  });

  it.each([
    ['a village not in WEIGHTS', 'bad1.csv', 'candidate_id,village_id\nA,v0\nA,nowhere\n', /bad1\.csv: line 3: village_id "nowhere" is not in .*weights\.csv$/],
    ['a wrong header', 'bad2.csv', 'candidate,village\nA,v0\n', /bad2\.csv: line 1: the header must be candidate_id,village_id, got "candidate,village"$/],
    ['an unclosed quote', 'bad3.csv', 'candidate_id,village_id\nA,v0\n"A,v1\n', /bad3\.csv: line 3: Quote Not Closed/],
    ['a row with three fields', 'bad4.csv', 'candidate_id,village_id\nA,v0\nA,v1,x\n', /bad4\.csv: line 3: Invalid Record Length: expect 2, got 3/],
    ['an empty file', 'bad5.csv', '', /bad5\.csv: line 1: the file is empty/],
  ])('exit 2 for %s in MATRIX, with the file and line', (_what, name, text, message) => {
    file(name, text);
    const r = covgap('plan', '--matrix', join(dir, name), '--weights', join(dir, 'weights.csv'), '--k', '1', '--out', join(dir, 'x.json'));
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(message);
  });

  it('exit 2 for bad WEIGHTS and COSTS, missing files and wrong flags', () => {
    file('w-neg.csv', 'village_id,weight\nv0,1\nv1,-3\n');
    let r = covgap('plan', '--matrix', join(dir, 'matrix.csv'), '--weights', join(dir, 'w-neg.csv'), '--k', '1', '--out', join(dir, 'x.json'));
    expect([r.status, r.stderr.trim()]).toEqual([2, `covgap plan: ${join(dir, 'w-neg.csv')}: line 3: weight must be a number ≥ 0, got "-3"`]);
    file('w-dup.csv', 'village_id,weight\nv0,1\nv0,2\n');
    r = covgap('plan', '--matrix', join(dir, 'matrix.csv'), '--weights', join(dir, 'w-dup.csv'), '--k', '1', '--out', join(dir, 'x.json'));
    expect(r.stderr).toContain('w-dup.csv: line 3: village_id "v0" is given twice (first on line 2)');
    file('c-short.csv', 'candidate_id,cost\nA,1\n');
    r = plan('--costs', join(dir, 'c-short.csv'), '--k', '1', '--out', join(dir, 'x.json'));
    expect([r.status, r.stderr.trim()]).toEqual([2, `covgap plan: ${join(dir, 'matrix.csv')}: line 6: candidate_id "B" has no cost in ${join(dir, 'c-short.csv')}`]);
    r = covgap('plan', '--matrix', join(dir, 'none.csv'), '--weights', join(dir, 'weights.csv'), '--k', '1', '--out', join(dir, 'x.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('none.csv: cannot read: ENOENT');
    r = plan('--k', '2', '--cover-all', '--out', join(dir, 'x.json'));
    expect([r.status, r.stderr.trim()]).toEqual([2, 'covgap plan: give exactly one of --k N, --budget B or --cover-all (got --k and --cover-all) (see covgap plan --help)']);
    r = plan('--k', '0', '--out', join(dir, 'x.json'));
    expect([r.status, r.stderr.trim()]).toEqual([2, 'covgap plan: --k must be an integer >= 1 stations, got "0"']);
    r = plan('--k', '1', '--time-limit', '0', '--out', join(dir, 'x.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--time-limit must be a number > 0 s');
  });

  it('is listed in covgap --help and has its own --help', () => {
    expect(covgap('--help').stdout).toMatch(/^ {2}plan {7}the stations to build from your own coverage matrix/m);
    const h = covgap('plan', '--help');
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('(--k N | --budget B | --cover-all) [--time-limit S] --out RESULT.json');
  });
});
