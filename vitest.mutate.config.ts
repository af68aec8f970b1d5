import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant: the domain's unit tests, the HTTP tests of the billing rules
// (rules, bad input, money limits) and the scenarios. No browser, pact, CLI or reliability suites: they
// test transports, not rules, and are slow.
export default defineConfig({
  test: {
    include: [
      'src/domain/**/*.test.ts',
      'test/billing-rules.test.ts',
      'test/rules/**/*.test.ts',
      'test/bad-input.test.ts',
      'test/billing-money-limits.test.ts',
      'test/scenarios.test.ts',
      // The state machines' tables: their drawing in the docs is generated from them, and no rule bypasses them.
      'test/architecture/state-diagrams.test.ts',
      'test/architecture/status-writes.test.ts',
    ],
    setupFiles: ['test/support/no-spec-violations.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'threads',
  },
});
