import { afterEach, expect } from 'vitest';
import { violations } from './violations.ts';

// A response that does not match spec/openapi.yaml, or a command that breaks an invariant, fails the
// test that provoked it.
afterEach(() => {
  const found = violations.splice(0);
  expect(found, 'responses that violate spec/openapi.yaml, or broken invariants').toEqual([]);
});
