// The layers point one way (http, console -> services -> domain / store) and no module of src/ imports
// itself back through others: a cycle makes load order matter and hides which layer owns what.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, type ImportGraph } from './import-graph.ts';

const SRC = path.resolve(import.meta.dirname, '../../src');
const graph = importGraph(SRC);

const layerOf = (file: string) => file.split('/')[0]!;
const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/** The imports (from source files, not unit tests) that break `allowed`. */
function offending(g: ImportGraph, from: (file: string) => boolean, allowed: (target: string) => boolean): string[] {
  return [...g].flatMap(([file, targets]) =>
    from(file) && !isTest(file) ? targets.filter((t) => !allowed(t)).map((t) => `${file} -> ${t}`) : [],
  );
}

describe('imports of src/', () => {
  it('reads a graph of the whole source tree', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('create-app.ts')).toContain('http/pipeline.ts');
  });

  it('has no import cycle (type-only and dynamic imports count)', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const g: ImportGraph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importCycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('services, domain and store never import http or the console', () => {
    const lower = (f: string) => ['services', 'domain', 'store'].includes(layerOf(f));
    expect(offending(graph, lower, (t) => !['http', 'console'].includes(layerOf(t)))).toEqual([]);
  });

  it('the domain imports only the domain (and the generated API types)', () => {
    const domain = (f: string) => layerOf(f) === 'domain';
    expect(offending(graph, domain, (t) => ['domain', 'generated'].includes(layerOf(t)))).toEqual([]);
  });

  it('flags an import that goes up a layer', () => {
    const g: ImportGraph = new Map([['services/x.ts', ['http/y.ts', 'domain/z.ts']]]);
    expect(
      offending(
        g,
        (f) => layerOf(f) === 'services',
        (t) => layerOf(t) !== 'http',
      ),
    ).toEqual(['services/x.ts -> http/y.ts']);
  });
});
