import { describe, expect, it } from 'vitest';
import { allocateOldestFirst, formatCents } from './allocate.ts';
import { domainError, makeInvoice } from './test-fixtures.ts';

const invoices = () => [
  makeInvoice({ id: 1, dueDate: '2019-01-03', balanceCents: 0, status: 'paid' }),
  makeInvoice({ id: 2, dueDate: '2019-02-03', balanceCents: 1000 }),
  makeInvoice({ id: 3, dueDate: '2019-03-03' }),
];

describe('allocateOldestFirst', () => {
  it('a payment is applied to the oldest invoice with an outstanding balance first', () => {
    expect(allocateOldestFirst(invoices(), 500)).toEqual([{ invoiceId: 2, amountCents: 500 }]);
  });

  it('what is left after the oldest invoice is paid goes to the next', () => {
    expect(allocateOldestFirst(invoices(), 2000)).toEqual([
      { invoiceId: 2, amountCents: 1000 },
      { invoiceId: 3, amountCents: 1000 },
    ]);
    expect(allocateOldestFirst(invoices(), 3999)).toEqual([
      { invoiceId: 2, amountCents: 1000 },
      { invoiceId: 3, amountCents: 2999 },
    ]);
  });

  it('the amount must be a positive whole number of cents', () => {
    for (const amount of [0, -5, 10.5, Number.NaN]) {
      const err = domainError(() => allocateOldestFirst(invoices(), amount));
      expect([err.kind, err.code]).toEqual(['validation', 'invalid-amount']);
    }
  });

  it('paying more than the balance due is refused, naming both figures', () => {
    const err = domainError(() => allocateOldestFirst(invoices(), 4000));
    expect([err.kind, err.code]).toEqual(['validation', 'amount-exceeds-balance']);
    expect(err.message).toContain('$40.00');
    expect(err.message).toContain('$39.99');
  });

  it('nothing can be paid when nothing is owed', () => {
    const err = domainError(() => allocateOldestFirst([makeInvoice({ balanceCents: 0, status: 'paid' })], 100));
    expect([err.kind, err.code]).toEqual(['conflict', 'nothing-owed']);
  });

  it('formats cents as dollars', () => {
    expect(formatCents(123456789)).toBe('$1,234,567.89');
    expect(formatCents(5)).toBe('$0.05');
  });
});
