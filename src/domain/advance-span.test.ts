import { describe, expect, it } from 'vitest';
import { advanceStepEnd, advanceTarget, MAX_ADVANCE } from './advance-span.ts';
import { domainError } from '../../test/support/domain-fixtures.ts';

const NOW = '2019-03-03T09:00:00.000Z';

describe('advance span', () => {
  it('reads `by` and `to`, up to exactly 10 years', () => {
    expect(advanceTarget(NOW, { by: 'P1M' })).toBe('2019-04-03T09:00:00.000Z');
    expect(advanceTarget(NOW, { by: MAX_ADVANCE })).toBe('2029-03-03T09:00:00.000Z');
    expect(advanceTarget(NOW, { to: '2029-03-03' })).toBe('2029-03-03T00:00:00.000Z');
  });

  it('refuses more, and spans no Date can hold, with a 422 naming the limit and the field', () => {
    for (const [input, path] of [
      [{ by: 'P10Y1D' }, '/by'],
      [{ by: 'P1000Y' }, '/by'],
      [{ by: 'P99999999999999999999D' }, '/by'],
      [{ to: '2029-03-04' }, '/to'],
    ] as const) {
      const err = domainError(() => advanceTarget(NOW, input));
      expect(err.code).toBe('advance-too-long');
      expect(err.message).toContain('P10Y');
      expect(err.extensions.errors).toEqual([{ path, message: 'must be at most P10Y after the current time' }]);
    }
  });

  it('steps a month at a time and ends exactly on the target', () => {
    expect(advanceStepEnd(NOW, '2019-05-01T00:00:00.000Z')).toBe('2019-04-03T09:00:00.000Z');
    expect(advanceStepEnd('2019-04-03T09:00:00.000Z', '2019-05-01T00:00:00.000Z')).toBe('2019-05-01T00:00:00.000Z');
  });
});
