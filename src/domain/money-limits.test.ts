// Every command that takes or computes an amount refuses one that is not a safe integer within the maximum.
import { describe, expect, it } from 'vitest';
import { allocateOldestFirst } from './allocate.ts';
import { createManualInvoice } from './dealer.ts';
import { eventsOf } from './event-page.ts';
import { checkInvariants } from './invariants.ts';
import { MAX_AMOUNT_CENTS, MAX_LINES, requireAmountCents } from './money.ts';
import { inexactNumberPath } from './patch.ts';
import { createRecurringInvoice, generateInvoice } from './recurring.ts';
import {
  domainError,
  makeConfiguredState,
  makeCtx,
  makeInvoice,
  makePayment,
  makeRecurring,
} from '../../test/support/domain-fixtures.ts';

const BAD = [1e308, 2 ** 53 + 2, Number.POSITIVE_INFINITY, Number.NaN, MAX_AMOUNT_CENTS + 1, -1, 1.5];

describe('amount limits in the domain', () => {
  it('requireAmountCents refuses non-finite, unsafe, fractional, negative and over-maximum amounts', () => {
    for (const n of BAD) {
      const err = domainError(() => requireAmountCents(n, '/amountCents'));
      expect(err.kind, String(n)).toBe('validation');
      expect(err.code).toBe('invalid-amount');
      expect(err.extensions.errors).toEqual([
        { path: '/amountCents', message: `must be an integer from 0 to ${MAX_AMOUNT_CENTS}` },
      ]);
    }
    expect(requireAmountCents(MAX_AMOUNT_CENTS, '/x')).toBe(MAX_AMOUNT_CENTS);
  });

  it('a payment amount (end user, dealer) is refused past the maximum even when that much is owed', () => {
    const owed = [
      makeInvoice({ id: 1, totalCents: MAX_AMOUNT_CENTS, balanceCents: MAX_AMOUNT_CENTS, lines: [] }),
      makeInvoice({ id: 2, totalCents: 10, balanceCents: 10 }),
    ];
    for (const n of [...BAD, 0])
      expect(domainError(() => allocateOldestFirst(owed, n)).code, String(n)).toBe('invalid-amount');
    expect(allocateOldestFirst(owed, MAX_AMOUNT_CENTS)).toEqual([{ invoiceId: 1, amountCents: MAX_AMOUNT_CENTS }]);
  });

  it('manual and recurring invoice lines: each within the maximum, their total too, at most MAX_LINES lines', () => {
    const state = makeConfiguredState();
    const ctx = makeCtx(state);
    const manual = (lines: { lineItemId: number; amountCents: number }[]) => () =>
      createManualInvoice(state, { customerId: 1, dueDate: '2019-04-01', lines }, ctx);
    const recurring = (lines: { lineItemId: number; amountCents: number }[]) => () =>
      createRecurringInvoice(state, { customerId: 1, saleDate: '2019-03-01', startDate: '2019-04-01', lines }, ctx);
    for (const make of [manual, recurring]) {
      expect(
        domainError(
          make([
            { lineItemId: 1, amountCents: 1e308 },
            { lineItemId: 1, amountCents: 1e308 },
          ]),
        ).code,
      ).toBe('invalid-amount');
      expect(domainError(make([{ lineItemId: 1, amountCents: 2 ** 53 + 2 }])).code).toBe('invalid-amount');
      expect(
        domainError(
          make([
            { lineItemId: 1, amountCents: MAX_AMOUNT_CENTS },
            { lineItemId: 1, amountCents: 1 },
          ]),
        ).code,
      ).toBe('total-out-of-range');
      expect(
        domainError(make(Array.from({ length: MAX_LINES + 1 }, () => ({ lineItemId: 1, amountCents: 1 })))).code,
      ).toBe('too-many-lines');
    }
  });

  it('a generated invoice whose total would pass the maximum (a schedule saved before the limit) is refused', () => {
    const ri = makeRecurring({
      lines: [
        { lineItemId: 3, description: 'x', amountCents: MAX_AMOUNT_CENTS, occurrences: null },
        { lineItemId: 3, description: 'y', amountCents: 1, occurrences: null },
      ],
    });
    const state = makeConfiguredState({ recurringInvoices: [ri] });
    expect(domainError(() => generateInvoice(state, ri.id, makeCtx(state))).code).toBe('invalid-amount');
  });

  it('checkInvariants reports non-finite and unsafe numbers wherever money lives', () => {
    const state = makeConfiguredState({
      invoices: [makeInvoice({ id: 1, totalCents: Number.POSITIVE_INFINITY, balanceCents: Number.POSITIVE_INFINITY })],
      payments: [
        makePayment({ id: 1, amountCents: 2 ** 53 + 2, allocations: [{ invoiceId: 1, amountCents: Number.NaN }] }),
      ],
    });
    const found = checkInvariants(state, eventsOf([])).join('\n');
    for (const where of [
      'invoice 1 totalCents: Infinity',
      'invoice 1 balanceCents: Infinity',
      'payment 1 amountCents: 9007199254740994',
      'payment 1 allocations/0: NaN',
    ]) {
      expect(found).toContain(where);
    }
  });

  it('inexactNumberPath finds what JSON would write as null or round', () => {
    expect(inexactNumberPath({ upsert: { invoices: [{ id: 1, totalCents: 5 }] } })).toBeNull();
    expect(inexactNumberPath({ upsert: { invoices: [{ id: 1, totalCents: Number.POSITIVE_INFINITY }] } })).toBe(
      '/upsert/invoices/0/totalCents',
    );
    expect(inexactNumberPath({ events: [{ data: { n: 2 ** 53 } }] })).toBe('/events/0/data/n');
    expect(inexactNumberPath({ x: 1.5, y: null })).toBeNull();
  });
});
