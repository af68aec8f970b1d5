import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_CENTS, centsToDecimal, decimalToCents, isAmountCents, requireAmountCents } from './money.ts';

describe('money', () => {
  it('converts decimals to cents exactly', () => {
    expect(decimalToCents('39.99')).toBe(3999);
    expect(decimalToCents('0.1')).toBe(10);
    expect(decimalToCents('5')).toBe(500);
    expect(decimalToCents(119.97)).toBe(11997);
    expect(decimalToCents(0.29)).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(decimalToCents('100000.00')).toBe(MAX_AMOUNT_CENTS);
    expect(decimalToCents(' 12.5 ')).toBe(1250);
  });

  it('refuses more than two decimals, signs, exponents, non-finite and over-maximum amounts', () => {
    for (const bad of ['1.234', '-1', '+1', '1e3', '', '.5', '1.', 'abc', '100000.01', ' 1 2'])
      expect(decimalToCents(bad), bad).toBeNull();
    for (const bad of [1e21, Number.NaN, Number.POSITIVE_INFINITY, -3, 1.005])
      expect(decimalToCents(bad), String(bad)).toBeNull();
  });

  it('shows cents as two-decimal strings', () => {
    expect(centsToDecimal(3999)).toBe('39.99');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(centsToDecimal(0)).toBe('0.00');
    expect(centsToDecimal(-1050)).toBe('-10.50');
    expect(() => centsToDecimal(1.5)).toThrow(new RangeError('1.5 is not a whole number of cents'));
  });

  it('knows an amount', () => {
    expect(isAmountCents(0)).toBe(true);
    expect(isAmountCents(MAX_AMOUNT_CENTS + 1)).toBe(false);
    expect(isAmountCents(1e308)).toBe(false);
    // biome-ignore lint/correctness/noPrecisionLoss: the test is a number past what a double holds exactly
    expect(isAmountCents(9007199254740993)).toBe(false);
    expect(isAmountCents(Number.POSITIVE_INFINITY)).toBe(false);
  });

  it('a refused amount names the field, the range and what it got', () => {
    expect(() => requireAmountCents(-1, '/lines/0/amountCents')).toThrow(
      expect.objectContaining({
        code: 'invalid-amount',
        title: 'Invalid amount',
        message: 'amountCents must be a whole number of cents from 0 to 10000000 ($100000.00); got -1.',
      }),
    );
  });
});
