import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_CENTS } from './money.ts';
import { paymentOptions } from './payment-options.ts';

describe('paymentOptions', () => {
  it('offers the past-due, current and full balances, and a custom amount up to the balance due', () => {
    const o = paymentOptions({ balanceDueCents: 8997, balancePastDueCents: 5998 });
    expect(o.options.map((x) => [x.kind, x.amountCents])).toEqual([
      ['past_due', 5998],
      ['current_balance', 2999],
      ['full_balance', 8997],
    ]);
    expect(o.custom).toEqual({ minCents: 1, maxCents: 8997 });
  });

  it('pre-defined amounts of zero are not offered', () => {
    expect(paymentOptions({ balanceDueCents: 2999, balancePastDueCents: 0 }).options.map((x) => x.kind)).toEqual([
      'current_balance',
      'full_balance',
    ]);
    expect(paymentOptions({ balanceDueCents: 5998, balancePastDueCents: 5998 }).options.map((x) => x.kind)).toEqual([
      'past_due',
      'full_balance',
    ]);
    expect(paymentOptions({ balanceDueCents: 0, balancePastDueCents: 0 })).toEqual({
      options: [],
      custom: { minCents: 1, maxCents: 0 },
    });
  });

  it('offers no pre-defined amount past the maximum payment, and up to it', () => {
    const at = paymentOptions({ balanceDueCents: MAX_AMOUNT_CENTS, balancePastDueCents: 0 });
    expect(at.options.map((x) => x.kind)).toEqual(['current_balance', 'full_balance']);
    const over = paymentOptions({ balanceDueCents: MAX_AMOUNT_CENTS + 1, balancePastDueCents: 1 });
    expect(over.options.map((x) => [x.kind, x.amountCents])).toEqual([
      ['past_due', 1],
      ['current_balance', MAX_AMOUNT_CENTS],
    ]);
    expect(over.custom.maxCents).toBe(MAX_AMOUNT_CENTS);
  });
});
