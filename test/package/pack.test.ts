// Proof: the packed package installs into a fresh project and works there with no TypeScript
// tooling (bin, plain Node ESM with trax-sim and trax-sim/msw, CommonJS require), and its declarations type-check a
// TypeScript consumer under moduleResolution node16 and bundler. Last, the project's CI gates on behaviour
// coverage: it fails naming what its tests never exercised, then passes once the project adds that test.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedConsumer, run, writeTsconfig, type Consumer } from './consumer-project.ts';

const npm = spawnSync('npm', ['--version'], { encoding: 'utf8' }).status === 0;
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const MINUTES = 60_000;
const ADDED_TESTS = path.resolve(import.meta.dirname, 'added-tests');

describe.skipIf(!npm)(
  npm ? 'the packed package, installed in a fresh project' : 'the packed package (SKIPPED: npm is not on the PATH)',
  () => {
    let consumer: Consumer;
    beforeAll(async () => {
      consumer = await installedConsumer();
    }, 5 * MINUTES);
    afterAll(() => consumer && rmSync(consumer.dir, { recursive: true, force: true }));

    it('ships compiled JS, declarations, the spec and the scenarios, and no TypeScript source', () => {
      expect(consumer.files).toEqual(
        expect.arrayContaining([
          'dist/cli.js',
          'dist/index.js',
          'dist/index.cjs',
          'dist/types/src/index.d.ts',
          'spec/openapi.yaml',
          'scenarios/three-past-due.yaml',
          'scenarios/scenario.schema.json',
        ]),
      );
      expect(consumer.files.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
      expect(existsSync(path.join(consumer.dir, 'node_modules/tsx')), 'tsx is not installed with trax-sim').toBe(false);
      expect(
        existsSync(path.join(consumer.dir, 'node_modules/typescript')),
        'typescript is not installed with trax-sim',
      ).toBe(false);
    });

    it('npx trax-sim --version and --help run the compiled bin', async () => {
      const version = await run(consumer.dir, 'npx', ['--no', '--', 'trax-sim', '--version']);
      expect(version.stdout.trim()).toBe(
        JSON.parse(readFileSync(path.join(consumer.dir, 'node_modules/trax-sim/package.json'), 'utf8')).version,
      );
      expect(version.code).toBe(0);
      const r = await run(consumer.dir, 'npx', ['--no', '--', 'trax-sim', '--help']);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('trax-sim serve');
      expect(r.code).toBe(0);
    });

    it(
      'npx trax-sim scenario run replays a bundled scenario and one from the project folder (--scenarios)',
      async () => {
        const r = await run(consumer.dir, 'npx', [
          '--no',
          '--',
          'trax-sim',
          'scenario',
          'run',
          'three-past-due',
          'own-customer',
          '--scenarios',
          'my-scenarios',
        ]);
        expect(r.stdout + r.stderr).toContain('2 passed, 0 failed');
        expect(r.code).toBe(0);
      },
      2 * MINUTES,
    );

    it(
      'a plain-JavaScript test uses trax-sim (startSimulator) and trax-sim/msw (setupServer)',
      async () => {
        const r = await run(consumer.dir, process.execPath, ['check.mjs']);
        expect(r.stderr).toBe('');
        expect(r.stdout).toContain('consumer check passed');
      },
      2 * MINUTES,
    );

    it(
      'a CommonJS consumer (Jest without ESM mode) requires trax-sim and trax-sim/client',
      async () => {
        const r = await run(consumer.dir, process.execPath, ['check.cjs']);
        expect(r.stderr).toBe('');
        expect(r.stdout).toContain('commonjs check passed');
      },
      2 * MINUTES,
    );

    it.each(['node16', 'bundler'] as const)(
      'a TypeScript consumer type-checks every entry point (strict, moduleResolution %s)',
      async (resolution) => {
        const r = await run(consumer.dir, process.execPath, [TSC, '-p', writeTsconfig(consumer.dir, resolution)]);
        expect(r.stdout + r.stderr).toBe('');
        expect(r.code).toBe(0);
      },
      2 * MINUTES,
    );

    it(
      "the project's CI (ci.mjs: its tests, then trax-sim coverage --require) fails listing the behaviours its tests never exercised, then passes once it adds the test",
      async () => {
        const before = await run(consumer.dir, process.execPath, ['ci.mjs']);
        expect(before.stderr).toContain('trax-sim coverage: bar NOT met (2 required behaviour(s))');
        expect(before.stderr).toContain(
          '2 required behaviour(s) never exercised by your tests:\n' +
            '  - past-due: An invoice still owing after its due date counts in Balance Past Due.\n' +
            '      exercised by the bundled scenario three-past-due (trax-sim scenario run three-past-due)\n' +
            '  - decline.card_declined: A charge is declined (card_declined).\n' +
            '      exercised by the bundled scenario declined-card (trax-sim scenario run declined-card)',
        );
        expect(before.code).toBe(1);
        const junit = readFileSync(path.join(consumer.dir, 'coverage.xml'), 'utf8');
        expect(junit).toMatch(/<testcase classname="trax-sim\.coverage\.rule" name="past-due">\s*<failure/);

        cpSync(ADDED_TESTS, path.join(consumer.dir, 'tests'), { recursive: true });
        const after = await run(consumer.dir, process.execPath, ['ci.mjs']);
        expect(after.stderr).toMatch(/^trax-sim coverage: bar met/m);
        expect(after.code).toBe(0);
      },
      3 * MINUTES,
    );
  },
);
