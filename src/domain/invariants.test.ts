import { describe, expect, it } from 'vitest';
import { eventsOf } from './event-page.ts';
import { checkInvariants } from './invariants.ts';
import { makeCard, makeConfiguredState, makeInvoice, makePayment } from '../../test/support/domain-fixtures.ts';

const NONE = eventsOf([]);

describe('checkInvariants', () => {
  it('a consistent state has no violations', () => {
    const state = makeConfiguredState({
      billingMethods: [makeCard()],
      invoices: [makeInvoice({ id: 1, balanceCents: 0, status: 'paid' }), makeInvoice({ id: 2, balanceCents: 998 })],
      payments: [
        makePayment({
          id: 1,
          amountCents: 5000,
          allocations: [
            { invoiceId: 1, amountCents: 2999 },
            { invoiceId: 2, amountCents: 2001 },
          ],
        }),
        makePayment({ id: 2, status: 'failed', failureReason: 'card_declined', allocations: [] }),
      ],
    });
    expect(checkInvariants(state, NONE)).toEqual([]);
  });

  it('an invoice balance must equal its total minus its succeeded allocations', () => {
    const state = makeConfiguredState({ invoices: [makeInvoice({ balanceCents: 1000 })] });
    expect(checkInvariants(state, NONE)).toEqual(['invoice 1: balance 1000, expected 2999']);
  });

  it('an invoice is paid exactly when nothing is owed on it', () => {
    const state = makeConfiguredState({ invoices: [makeInvoice({ status: 'paid' })] });
    expect(checkInvariants(state, NONE)).toEqual(['invoice 1: status paid with balance 2999']);
  });

  it('a balance may not be negative or above the total', () => {
    const state = makeConfiguredState({
      invoices: [makeInvoice({ balanceCents: -1 })],
      payments: [makePayment({ amountCents: 3000, allocations: [{ invoiceId: 1, amountCents: 3000 }] })],
    });
    expect(checkInvariants(state, NONE)).toContain('invoice 1: balance -1 outside 0..2999');
  });

  it("a succeeded payment's allocations sum to its amount; a failed payment has none", () => {
    const state = makeConfiguredState({
      invoices: [makeInvoice({ balanceCents: 0, status: 'paid' })],
      payments: [
        makePayment({ id: 1, amountCents: 3000, allocations: [{ invoiceId: 1, amountCents: 2999 }] }),
        makePayment({ id: 2, status: 'failed', failureReason: 'card_declined' }),
      ],
    });
    expect(checkInvariants(state, NONE)).toEqual([
      'payment 1: allocations sum to 2999, amount is 3000',
      'payment 2: failed but has 1 allocation(s)',
    ]);
  });

  it('no billing method holds anything that looks like a full card number', () => {
    const leaky = makeCard({
      card: { brand: 'visa', last4: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'J' },
    });
    expect(checkInvariants(makeConfiguredState({ billingMethods: [leaky] }), NONE)).toEqual([
      'billing method 1: holds a full card or account number',
    ]);
  });

  it('no billing-method event of the timeline holds a full card number', () => {
    const at = '2019-03-03T00:00:00.000Z';
    const events = eventsOf([
      { id: 1, at, type: 'billing_method.created', data: { last4: '4242' } },
      { id: 2, at, type: 'billing_method.updated', data: { number: '4242424242424242' } },
      { id: 3, at, type: 'invoice.created', data: { note: '4242424242424242' } },
    ]);
    expect(checkInvariants(makeConfiguredState(), events)).toEqual([
      'event 2 (billing_method.updated): data holds a full card or account number',
    ]);
  });
});
