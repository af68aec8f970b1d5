import { describe, expect, it } from 'vitest';
import { allocateOldestFirst, byDueDate, formatCents } from './allocate.ts';
import { domainError, makeInvoice } from '../../test/support/domain-fixtures.ts';

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

  it('sorts the invoices itself: oldest due date first, then lowest id', () => {
    expect(allocateOldestFirst([...invoices()].reverse(), 1500)).toEqual([
      { invoiceId: 2, amountCents: 1000 },
      { invoiceId: 3, amountCents: 500 },
    ]);
    const sameDay = [makeInvoice({ id: 9, dueDate: '2019-03-03' }), makeInvoice({ id: 4, dueDate: '2019-03-03' })];
    expect(allocateOldestFirst(sameDay, 3000)).toEqual([
      { invoiceId: 4, amountCents: 2999 },
      { invoiceId: 9, amountCents: 1 },
    ]);
  });

  it('byDueDate orders by due date, then id', () => {
    const [a, b, c] = [
      makeInvoice({ id: 2, dueDate: '2019-01-01' }),
      makeInvoice({ id: 1, dueDate: '2019-02-01' }),
      makeInvoice({ id: 3, dueDate: '2019-02-01' }),
    ];
    expect([byDueDate(a, b), byDueDate(b, a), byDueDate(b, c), byDueDate(c, b), byDueDate(b, b)]).toEqual([
      -1, 1, -2, 2, 0,
    ]);
  });

  it('the amount must be a positive whole number of cents', () => {
    for (const amount of [0, -5, 10.5, Number.NaN]) {
      const err = domainError(() => allocateOldestFirst(invoices(), amount));
      expect([err.kind, err.code, err.extensions]).toEqual([
        'validation',
        'invalid-amount',
        { errors: [{ path: '/amountCents', message: expect.any(String) }] },
      ]);
    }
  });

  it('paying more than the balance due is refused, naming both figures', () => {
    const err = domainError(() => allocateOldestFirst(invoices(), 4000));
    expect([err.kind, err.code]).toEqual(['validation', 'amount-exceeds-balance']);
    expect(err.message).toBe('The amount $40.00 is more than the balance due of $39.99.');
    expect([err.title, err.extensions]).toEqual([
      'Amount exceeds balance',
      { errors: [{ path: '/amountCents', message: 'must be at most 3999' }] },
    ]);
  });

  it('nothing can be paid when nothing is owed', () => {
    const err = domainError(() => allocateOldestFirst([makeInvoice({ balanceCents: 0, status: 'paid' })], 100));
    expect([err.kind, err.code, err.title, err.message]).toEqual([
      'conflict',
      'nothing-owed',
      'Nothing owed',
      'There is no outstanding balance to pay.',
    ]);
  });

  it('formats cents as dollars', () => {
    expect(formatCents(123456789)).toBe('$1,234,567.89');
    expect(formatCents(5)).toBe('$0.05');
    expect(formatCents(0)).toBe('$0.00');
    expect(formatCents(-250)).toBe('-$2.50');
  });
});
