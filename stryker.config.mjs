// Mutation testing of the billing rules: `npm run mutate`. Incremental: results are kept in
// reports/stryker-incremental.json (git-ignored, a cache), so a rerun only tests mutants in changed code
// or covered by changed tests. Delete that file (or pass --force) for a full run.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['src/domain/**/*.ts', '!src/domain/**/*.test.ts', '!src/domain/types.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 10_000,
  timeoutFactor: 3,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  clearTextReporter: { allowEmojis: false, logTests: false, reportMutants: true, reportScoreTable: true },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  ignorePatterns: ['reports', 'coverage', 'test-output', '.trax-sim', 'dist'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
