/**
 * Layers point one way (STYLE.md (c)): core/ imports nothing outside core/; server/ imports
 * nothing from bin/ (drivers import the server, not the other way); no module of the data,
 * services, coverage or siting layers imports a route; and no import cycle among server/ and core/
 * but the known ones below. Imports are read from the sources as text, `import type` included
 * (a type-only cycle still ties the modules together).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** Type-only cycles left to pay (the engine's files): each group, its files sorted. */
const KNOWN_CYCLES: readonly string[] = [
  'core/formats/geotiffTiles.ts core/formats/geotiffWrite.ts',
  'server/coverage/cache.ts server/coverage/protocol.ts',
];

/** Every source under `dirs` (relative to the root) with the repo files it imports. */
function importGraph(dirs: readonly string[]): Map<string, string[]> {
  const files = dirs.flatMap((d) => readdirSync(join(ROOT, d), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|mts|mjs)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => join(d, f)));
  const resolve = (from: string, spec: string): string | null => {
    if (!spec.startsWith('.')) return null; // a package
    const base = join(dirname(from), spec);
    return [base, base.replace(/\.m?js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')].find((c) => /\.(ts|mts|mjs)$/.test(c) && existsSync(join(ROOT, c))) ?? base;
  };
  const graph = new Map<string, string[]>();
  for (const f of files) {
    // comments out, then every `from '…'`, `import('…')` and bare `import '…'`
    const text = readFileSync(join(ROOT, f), 'utf8').replace(/^\s*(\/\/|\*|\/\*).*$/gm, '');
    const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]);
    graph.set(f, specs.map((s) => resolve(f, s)).filter((s): s is string => s !== null));
  }
  return graph;
}

/** The strongly connected groups of more than one module (Tarjan), each as its sorted files joined by spaces. */
function cycles(graph: Map<string, string[]>): string[] {
  let next = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], onStack = new Set<string>();
  const groups: string[] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1) groups.push(group.sort().join(' '));
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return groups.sort();
}

const graph = importGraph(['core', 'server']);
const importers = (from: RegExp, to: RegExp): string[] => [...graph].filter(([f, imps]) => from.test(f) && imps.some((i) => to.test(i))).map(([f]) => f);

describe('layers point one way', () => {
  it('reads the whole of core/ and server/, and finds imports where they are', () => {
    expect(graph.size).toBeGreaterThan(150);
    // the reader sees what it should: the routes import the services, the app imports the routes
    expect(importers(/^server\/app\.ts$/, /^server\/routes\//)).toEqual(['server/app.ts']);
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual(['a b c']);
  });

  it('core/ imports nothing outside core/', () => {
    expect(importers(/^core\//, /^(?!core\/)/)).toEqual([]);
  });

  it('server/ imports nothing from bin/', () => {
    expect(importers(/^server\//, /^bin\//)).toEqual([]);
  });

  it('the data, services, coverage and siting layers import no route, and nothing below the app imports the composition', () => {
    expect(importers(/^server\/(data|services|coverage|siting)\//, /^server\/routes\//)).toEqual([]);
    expect(importers(/^server\/(data|services|coverage|siting|routes|http)\//, /^server\/(app|appServices|runtime|main)\.ts$/)).toEqual([]);
  });

  it('has no import cycle but the known ones', () => {
    expect(cycles(graph)).toEqual(KNOWN_CYCLES);
  });
});
