// The layers of src/ point one way, and no module imports itself back through others: a cycle makes load
// order matter and hides which layer owns what. Every file of src/ has one place in the order below (a
// new top-level folder or file fails until it is given one), and may import only its own layer and the
// ones under it. No exceptions: type-only and dynamic imports count.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImportGraph, importCycles, importGraph } from './import-graph.ts';

const SRC = path.resolve(import.meta.dirname, '../../src');
const graph = importGraph(SRC);

/** Top to bottom. A layer is a folder of src/ or a file at its root. */
const LAYERS: readonly (readonly string[])[] = [
  // Entry points: the CLI (and its copy and coverage commands), the listening server, the library's
  // startSimulator and verifyRequests.
  ['cli.ts', 'copy-cli.ts', 'coverage-cli.ts', 'server.ts', 'simulator.ts', 'index.ts', 'verify-requests.ts'],
  // Scenario files replayed against whole apps (a client of the app, like the tests): above createApp.
  ['scenarios'],
  // A client's reading of GET /__sim/coverage (the report's formats, a CI bar): the spec's types only.
  ['coverage-reports'],
  ['create-app.ts'],
  ['console'],
  ['http'],
  ['services'],
  ['seeds'],
  ['store'],
  ['domain'],
  ['generated'],
  // Leaves anyone may use: they import nothing of src/.
  ['cli-args.ts', 'package-files.ts', 'version.ts'],
];

const layerOf = (file: string) => file.split('/')[0]!;
const rankOf = (file: string) => LAYERS.findIndex((layer) => layer.includes(layerOf(file)));
const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/** The imports of source files (unit tests aside) that `allowed` refuses. */
function offending(g: ImportGraph, allowed: (from: string, to: string) => boolean): string[] {
  return [...g].flatMap(([file, targets]) =>
    isTest(file) ? [] : targets.filter((t) => !allowed(file, t)).map((t) => `${file} -> ${t}`),
  );
}

/** An import stays in its layer or goes down. */
const downward = (from: string, to: string) => rankOf(to) >= rankOf(from);

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

  it('gives every file of src/ a layer', () => {
    expect([...graph.keys()].filter((f) => !isTest(f) && rankOf(f) === -1)).toEqual([]);
  });

  it('imports only go down the layers: scenarios above the app, http and the console above the services', () => {
    expect(offending(graph, downward)).toEqual([]);
  });

  it('the domain imports only the domain and the generated API types', () => {
    const domainOnly = (from: string, to: string) =>
      layerOf(from) !== 'domain' || ['domain', 'generated'].includes(layerOf(to));
    expect(offending(graph, domainOnly)).toEqual([]);
  });

  it('http reaches the store only through the services, and the console no face', () => {
    const throughServices = (from: string, to: string) =>
      !(['http', 'console'].includes(layerOf(from)) && layerOf(to) === 'store') &&
      !(layerOf(from) === 'console' && to.startsWith('http/faces/'));
    expect(offending(graph, throughServices)).toEqual([]);
  });

  it('flags an import that goes up a layer, and one that skips the services', () => {
    const g: ImportGraph = new Map([
      ['services/x.ts', ['http/y.ts', 'domain/z.ts']],
      ['http/a.ts', ['scenarios/catalog.ts', 'store/store.ts', 'services/s.ts']],
      ['console/c.ts', ['http/faces/securitytrax/resources/registry.ts', 'http/request-check.ts']],
    ]);
    expect(offending(g, downward)).toEqual(['services/x.ts -> http/y.ts', 'http/a.ts -> scenarios/catalog.ts']);
    expect(offending(g, (from, to) => !(layerOf(from) === 'http' && layerOf(to) === 'store'))).toEqual([
      'http/a.ts -> store/store.ts',
    ]);
    expect(offending(g, (from, to) => !(layerOf(from) === 'console' && to.startsWith('http/faces/')))).toEqual([
      'console/c.ts -> http/faces/securitytrax/resources/registry.ts',
    ]);
  });
});
