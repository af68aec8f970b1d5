import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { createRecurringInvoice, generateInvoice, updateRecurringBillingMethod } from './recurring.ts';
import {
  applied,
  makeCard,
  makeCtx,
  makeCustomer,
  makeRecurring,
  makeState,
} from '../../test/support/domain-fixtures.ts';
import { MMR_LINE_ITEM_ID, type SandboxState } from './types.ts';

/** Generates n invoices in a row, returning the final state. */
function generate(state: SandboxState, n: number, id = 1): SandboxState {
  const ctx = makeCtx(state); // one id sequence across the steps, as the service's lastIds would give
  let s = state;
  for (let i = 0; i < n; i++) s = applied(s, generateInvoice(s, id, ctx).patch);
  return s;
}

const base = () => makeState({ customers: [makeCustomer()], billingMethods: [makeCard()] });

describe('createRecurringInvoice', () => {
  it('starts the schedule on the start date and defaults descriptions to the catalogue name', () => {
    const state = base();
    const { patch, result } = createRecurringInvoice(
      state,
      {
        customerId: 1,
        saleDate: '2019-01-01',
        startDate: '2019-01-03',
        lines: [{ lineItemId: MMR_LINE_ITEM_ID, amountCents: 2999 }],
      },
      makeCtx(state),
    );
    expect(result).toMatchObject({
      id: 1,
      nextInvoiceDate: '2019-01-03',
      netDays: 0,
      invoicesCreated: 0,
      billingMethodId: null,
    });
    expect(result.lines).toEqual([{ lineItemId: 3, description: 'MMR', amountCents: 2999, occurrences: null }]);
    expect(patch.events?.map((e) => e.type)).toEqual(['recurring_invoice.created']);
  });

  it('a billing method given at creation enrols the customer in Auto Pay', () => {
    const state = base();
    const input = {
      customerId: 1,
      saleDate: '2019-01-01',
      startDate: '2019-01-03',
      lines: [{ lineItemId: 3, amountCents: 2999 }],
      billingMethodId: 1,
    };
    const { patch } = createRecurringInvoice(state, input, makeCtx(state));
    expect(patch.events?.map((e) => e.type)).toEqual(['recurring_invoice.created', 'autopay.enabled']);
  });

  it('rejects unknown line items, negative amounts and foreign billing methods', () => {
    const state = makeState({
      customers: [makeCustomer(), makeCustomer({ id: 2 })],
      billingMethods: [makeCard({ customerId: 2 })],
    });
    const input = {
      customerId: 1,
      saleDate: '2019-01-01',
      startDate: '2019-01-03',
      lines: [
        { lineItemId: 3, amountCents: 100 },
        { lineItemId: 99, amountCents: 1 },
      ],
    };
    const attempt = (over: object) => () => createRecurringInvoice(state, { ...input, ...over }, makeCtx(state));
    expect(attempt({})).toThrow(
      expect.objectContaining({
        code: 'unknown-line-item',
        extensions: { errors: [{ path: '/lines/1/lineItemId', message: expect.any(String) }] },
      }),
    );
    expect(attempt({ lines: [{ lineItemId: 3, amountCents: -1 }] })).toThrow(
      expect.objectContaining({ code: 'invalid-amount' }),
    );
    expect(attempt({ lines: [{ lineItemId: 3, amountCents: 1.5 }] })).toThrow(
      expect.objectContaining({ code: 'invalid-amount' }),
    );
    expect(attempt({ lines: [{ lineItemId: 3, amountCents: 1 }], billingMethodId: 1 })).toThrow(
      expect.objectContaining({ code: 'not-found' }),
    );
    expect(attempt({ customerId: 9 })).toThrow(expect.objectContaining({ kind: 'not_found' }));
  });
});

describe('updateRecurringBillingMethod', () => {
  it('setting the first method enables Auto Pay, changing it is a billing method update', () => {
    const state = makeState({
      customers: [makeCustomer()],
      billingMethods: [makeCard(), makeCard({ id: 2 })],
      recurringInvoices: [makeRecurring()],
    });
    const first = updateRecurringBillingMethod(state, 1, 1, makeCtx(state));
    expect(first.result.billingMethodId).toBe(1);
    expect(first.patch.events?.map((e) => e.type)).toEqual(['autopay.enabled']);
    const after = applied(state, first.patch);
    const second = updateRecurringBillingMethod(after, 1, 2, makeCtx(after));
    expect(second.patch.events?.[0]).toMatchObject({
      type: 'billing_method.updated',
      data: { billingMethodId: 2, previousBillingMethodId: 1 },
    });
  });

  it('an expired card cannot become the Auto Pay method', () => {
    const expired = makeCard({
      id: 2,
      card: { brand: 'visa', last4: '4242', expMonth: 1, expYear: 2019, holderName: 'Jane Doe' },
    });
    const state = makeState({
      customers: [makeCustomer()],
      billingMethods: [makeCard(), expired],
      recurringInvoices: [makeRecurring()],
    });
    expect(() => updateRecurringBillingMethod(state, 1, 2, makeCtx(state))).toThrow(
      expect.objectContaining({ code: 'card-expired' }),
    );
  });

  it('a billing method cannot be removed', () => {
    const state = makeState({
      customers: [makeCustomer()],
      recurringInvoices: [makeRecurring({ billingMethodId: 1 })],
      billingMethods: [makeCard()],
    });
    const remove = () => updateRecurringBillingMethod(state, 1, null as unknown as number, makeCtx(state));
    expect(remove).toThrow(expect.objectContaining({ kind: 'conflict', code: 'billing-method-cannot-be-removed' }));
  });
});

describe('generateInvoice', () => {
  it("invoices are generated monthly from the recurring invoice's start date", () => {
    const ri = makeRecurring({ startDate: '2019-01-31', nextInvoiceDate: '2019-01-31', netDays: 10 });
    const state = generate(makeState({ customers: [makeCustomer()], recurringInvoices: [ri] }), 4);
    expect(state.invoices.map((i) => [i.invoiceDate, i.dueDate])).toEqual([
      ['2019-01-31', '2019-02-10'],
      ['2019-02-28', '2019-03-10'],
      ['2019-03-31', '2019-04-10'],
      ['2019-04-30', '2019-05-10'],
    ]);
    expect(state.recurringInvoices[0]).toMatchObject({ nextInvoiceDate: '2019-05-31', invoicesCreated: 4 });
    expect(state.invoices[0]).toMatchObject({
      status: 'open',
      totalCents: 2999,
      balanceCents: 2999,
      autoPayAttemptedAt: null,
      recurringInvoiceId: 1,
    });
  });

  it('installment lines stop after their number of occurrences', () => {
    const ri = makeRecurring({
      lines: [
        { lineItemId: 3, description: 'MMR', amountCents: 2999, occurrences: null },
        { lineItemId: 2, description: 'Install (3 payments)', amountCents: 5000, occurrences: 3 },
        { lineItemId: 1, description: 'Activation', amountCents: 1000, occurrences: 1 },
      ],
    });
    const state = generate(makeState({ customers: [makeCustomer()], recurringInvoices: [ri] }), 5);
    expect(state.invoices.map((i) => i.totalCents)).toEqual([8999, 7999, 7999, 2999, 2999]);
    expect(state.invoices[3]?.lines.map((l) => l.lineItemId)).toEqual([3]);
  });

  it('a $0.00 MMR recurring invoice bills only its other line items', () => {
    const ri = makeRecurring({
      lines: [
        { lineItemId: 3, description: 'MMR', amountCents: 0, occurrences: null },
        { lineItemId: 1, description: 'Equipment (2 payments)', amountCents: 12_500, occurrences: 2 },
      ],
    });
    const state = generate(makeState({ customers: [makeCustomer()], recurringInvoices: [ri] }), 3);
    expect(state.invoices.map((i) => [i.totalCents, i.balanceCents, i.status])).toEqual([
      [12_500, 12_500, 'open'],
      [12_500, 12_500, 'open'],
      [0, 0, 'paid'], // nothing left to bill but the $0 MMR line
    ]);
  });

  it('stops once every line is a finished installment', () => {
    const ri = makeRecurring({
      lines: [{ lineItemId: 1, description: 'Equipment', amountCents: 100, occurrences: 1 }],
    });
    const state = generate(makeState({ customers: [makeCustomer()], recurringInvoices: [ri] }), 1);
    expect(() => generateInvoice(state, 1, makeCtx(state))).toThrow(DomainError);
  });
});
