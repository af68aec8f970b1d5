import { describe, expect, it } from 'vitest';
import { autoPayAttemptAt, autoPayOf, isAttemptInAdvance, isAutoPayOn, requireMethodKept } from './auto-pay.ts';
import { domainError, makeInvoice, makeRecurring } from '../../test/support/domain-fixtures.ts';

describe('isAutoPayOn / autoPayOf', () => {
  it('is on exactly when the recurring invoice has a billing method, and can never be disabled', () => {
    expect(isAutoPayOn(makeRecurring({ billingMethodId: 7 }))).toBe(true);
    expect(isAutoPayOn(makeRecurring({ billingMethodId: null }))).toBe(false);
    expect(isAutoPayOn(undefined)).toBe(false);
    expect(isAutoPayOn(null)).toBe(false);
    expect(autoPayOf({ billingMethodId: 7 })).toEqual({ enabled: true, canBeDisabled: false });
    expect(autoPayOf({ billingMethodId: null })).toEqual({ enabled: false, canBeDisabled: false });
  });
});

describe('autoPayAttemptAt', () => {
  const ri = makeRecurring({ billingMethodId: 1 });
  const inv = makeInvoice({ invoiceDate: '2019-03-01', dueDate: '2019-03-06' });

  it('is 00:00 UTC of the due date (not the invoice date)', () => {
    expect(autoPayAttemptAt(inv, ri)).toBe('2019-03-06T00:00:00.000Z');
  });

  it("is null when Auto Pay is off, nothing is owed, it already tried, or the invoice is not the recurring invoice's", () => {
    expect(autoPayAttemptAt(inv, makeRecurring())).toBeNull();
    expect(autoPayAttemptAt(inv, undefined)).toBeNull();
    expect(autoPayAttemptAt({ ...inv, balanceCents: 0 }, ri)).toBeNull();
    expect(autoPayAttemptAt({ ...inv, balanceCents: -1 }, ri)).toBeNull();
    expect(autoPayAttemptAt({ ...inv, balanceCents: 1 }, ri)).not.toBeNull();
    expect(autoPayAttemptAt({ ...inv, autoPayAttemptedAt: '2019-03-06T00:00:00.000Z' }, ri)).toBeNull();
    expect(autoPayAttemptAt({ ...inv, recurringInvoiceId: 2 }, ri)).toBeNull();
    expect(autoPayAttemptAt({ ...inv, recurringInvoiceId: null }, ri)).toBeNull();
  });
});

describe('isAttemptInAdvance', () => {
  const from = '2019-02-10T00:00:00.000Z';
  it("tries what falls due from the advance's start on, and what the advance generated even if due before", () => {
    expect(isAttemptInAdvance('2019-02-10T00:00:00.000Z', from, false)).toBe(true);
    expect(isAttemptInAdvance('2019-03-03T00:00:00.000Z', from, false)).toBe(true);
    expect(isAttemptInAdvance('2019-02-09T00:00:00.000Z', from, false)).toBe(false);
    expect(isAttemptInAdvance('2019-01-03T00:00:00.000Z', from, true)).toBe(true);
  });
});

describe('requireMethodKept', () => {
  it('accepts a method id and refuses anything else as a removal (409)', () => {
    expect(() => requireMethodKept(3)).not.toThrow();
    for (const removal of [null, undefined, '3', {}]) {
      const err = domainError(() => requireMethodKept(removal));
      expect([err.kind, err.code, err.title]).toEqual([
        'conflict',
        'billing-method-cannot-be-removed',
        'Billing method cannot be removed',
      ]);
      expect(err.message).toMatch(/cannot be removed/);
    }
  });
});
