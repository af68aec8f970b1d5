import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const common: TestProjectInlineConfiguration['test'] = {
  setupFiles: ['test/support/no-spec-violations.ts'],
  testTimeout: 20_000,
  hookTimeout: 30_000,
  pool: 'threads',
};

export default defineConfig({
  test: {
    // The package proof (build, pack, install, run: bursts of build and npm processes) runs alone after the
    // rest, so it starves no test that waits on background work, and nothing slows it down.
    projects: [
      {
        test: {
          ...common,
          name: 'suite',
          // A real PostgreSQL server for the shared store's tests (never a mock): started once per run.
          globalSetup: ['test/support/postgres-global-setup.ts'],
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'contracts/**/*.test.ts', 'mocks/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/package/**', 'contracts/consumer/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...common,
          name: 'consumer-pacts',
          // Pact's mock servers live in one registry per process, keyed by port: with two consumer files in
          // parallel threads, a busy machine once saw an interaction answered while its own mock server recorded
          // no request (twice, with a second suite running beside). One file at a time, beside the suite.
          include: ['contracts/consumer/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 0 },
        },
      },
      { test: { ...common, name: 'package', include: ['test/package/**/*.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
