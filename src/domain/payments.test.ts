import { describe, expect, it } from 'vitest';
import { billingSummary } from './balances.ts';
import type { NewBillingMethodInput } from './billing-method.ts';
import { requireConfigured } from './eligibility.ts';
import { eventsOf } from './event-page.ts';
import { checkInvariants } from './invariants.ts';
import { fallsPastDue } from './invoice-status.ts';
import { chargeAutoPay, makeDealerPayment, makeOneTimePayment } from './payments.ts';
import {
  applied,
  domainError,
  makeCard,
  makeConfiguredState,
  makeCtx,
  makeCustomer,
  makeInvoice,
  makeRecurring,
} from '../../test/support/domain-fixtures.ts';
import type { SandboxState } from './types.ts';
import { plainReader } from './reader.ts';

const newVisa: NewBillingMethodInput = {
  type: 'credit_card',
  card: { number: '5555 5555 5555 4444', expMonth: 12, expYear: 2030, cvv: '123', holderName: 'Jane Doe' },
};
const declining = makeCard({ id: 2, behavior: { kind: 'decline' } });

/** Auto Pay card 1; invoices due Jan 03 (1), Feb 03 (2), Mar 03 (3), 29.99 each; an unrelated invoice 4 of 200.00. */
const owing = (o: Partial<SandboxState> = {}) =>
  makeConfiguredState({
    recurringInvoices: [makeRecurring({ billingMethodId: 1 })],
    billingMethods: [makeCard(), declining],
    invoices: [
      makeInvoice({ id: 1, dueDate: '2019-01-03', status: 'past_due' }),
      makeInvoice({ id: 2, dueDate: '2019-02-03', status: 'past_due' }),
      makeInvoice({ id: 3, dueDate: '2019-03-03' }),
      makeInvoice({
        id: 4,
        recurringInvoiceId: null,
        lines: [{ lineItemId: 1, description: 'Equipment', amountCents: 20000 }],
      }),
    ],
    ...o,
  });
const balances = (s: SandboxState) => s.invoices.map((i) => [i.id, i.balanceCents, i.status]);

describe('makeOneTimePayment', () => {
  it('a payment is applied to the oldest invoice with an outstanding balance first', () => {
    const state = owing();
    const { patch, result } = makeOneTimePayment(state, { loginId: 1, amountCents: 4000 }, makeCtx(state));
    const after = applied(state, patch);
    expect(result.payment).toMatchObject({
      status: 'succeeded',
      source: 'one_time',
      amountCents: 4000,
      billingMethodId: 1,
    });
    expect(result.payment.allocations).toEqual([
      { invoiceId: 1, amountCents: 2999 },
      { invoiceId: 2, amountCents: 1001 },
    ]);
    expect(balances(after)).toEqual([
      [1, 0, 'paid'],
      [2, 1998, 'past_due'],
      [3, 2999, 'open'],
      [4, 20000, 'open'],
    ]);
    expect(patch.events?.map((e) => e.type)).toEqual(['payment.succeeded', 'invoice.paid']);
    expect(checkInvariants(after, eventsOf([]))).toEqual([]);
  });

  it('the balances the customer sees are updated to reflect the payment', () => {
    const state = owing();
    const after = applied(state, makeOneTimePayment(state, { loginId: 1, amountCents: 5998 }, makeCtx(state)).patch);
    const s = billingSummary(after, plainReader, requireConfigured(after, plainReader, 1, after.now), after.now);
    expect(s).toMatchObject({ balanceDueCents: 2999, balancePastDueCents: 0, dueDate: '2019-03-03' });
  });

  it('a one-time payment cannot pay invoices not created from the recurring invoice', () => {
    const state = owing();
    const err = domainError(() => makeOneTimePayment(state, { loginId: 1, amountCents: 9000 }, makeCtx(state)));
    expect(err.code).toBe('amount-exceeds-balance');
  });

  it('a new billing method used for a one-time payment does not become the Auto Pay method', () => {
    const state = owing();
    const { patch, result } = makeOneTimePayment(
      state,
      { loginId: 1, amountCents: 2999, newBillingMethod: newVisa },
      makeCtx(state),
    );
    const after = applied(state, patch);
    expect(result.billingMethod).toMatchObject({
      id: 3,
      customerId: 1,
      card: { brand: 'mastercard', last4: '4444' },
      chargeCount: 1,
    });
    expect(after.billingMethods.map((m) => m.id)).toEqual([1, 2, 3]); // saved in SecurityTrax
    expect(after.recurringInvoices[0]?.billingMethodId).toBe(1);
    expect(patch.events?.map((e) => e.type)).toEqual(['billing_method.created', 'payment.succeeded', 'invoice.paid']);
    expect(checkInvariants(after, eventsOf([]))).toEqual([]);
  });

  it('the saved Auto Pay billing method is used when no other is chosen', () => {
    const state = owing();
    expect(
      makeOneTimePayment(state, { loginId: 1, amountCents: 100 }, makeCtx(state)).result.payment.billingMethodId,
    ).toBe(1);
  });

  it('without a saved billing method the customer must provide one', () => {
    const state = owing({ recurringInvoices: [makeRecurring()] });
    const err = domainError(() => makeOneTimePayment(state, { loginId: 1, amountCents: 100 }, makeCtx(state)));
    expect([err.kind, err.code]).toEqual(['validation', 'no-billing-method']);
  });

  it("another customer's billing method cannot be used", () => {
    const state = owing({
      customers: [makeCustomer(), makeCustomer({ id: 2 })],
      billingMethods: [makeCard(), makeCard({ id: 2, customerId: 2 })],
    });
    const err = domainError(() =>
      makeOneTimePayment(state, { loginId: 1, amountCents: 100, billingMethodId: 2 }, makeCtx(state)),
    );
    expect(err.kind).toBe('not_found');
  });

  it('a declined payment is recorded as failed and leaves the balances unchanged', () => {
    const state = owing();
    const { patch, result } = makeOneTimePayment(
      state,
      { loginId: 1, amountCents: 2999, billingMethodId: 2 },
      makeCtx(state),
    );
    const after = applied(state, patch);
    expect(result.payment).toMatchObject({ status: 'failed', failureReason: 'card_declined', allocations: [] });
    expect(after.payments).toHaveLength(1);
    expect(balances(after)).toEqual(balances(state));
    expect(patch.events?.map((e) => e.type)).toEqual(['payment.failed']);
    expect(checkInvariants(after, eventsOf([]))).toEqual([]);
  });

  it('the declineNextCharges fault is used up by the payment it declines', () => {
    const state = owing({ faults: { declineNextCharges: 1, alarmComWebServices: 'up', slowMs: 0 } });
    const { patch, result } = makeOneTimePayment(state, { loginId: 1, amountCents: 100 }, makeCtx(state));
    expect(result.payment.status).toBe('failed');
    expect(patch.faults?.declineNextCharges).toBe(0);
  });

  it('payments need the billing integration to be configured', () => {
    const state = owing({ recurringInvoices: [] });
    expect(domainError(() => makeOneTimePayment(state, { loginId: 1, amountCents: 100 }, makeCtx(state))).code).toBe(
      'billing-not-configured',
    );
  });
});

describe('chargeAutoPay', () => {
  const dueToday = () =>
    owing({
      invoices: [
        makeInvoice({ id: 1, dueDate: '2019-02-03', status: 'past_due' }),
        makeInvoice({ id: 2, dueDate: '2019-03-03' }),
      ],
    });

  it('the Auto Pay billing method is charged the full invoice balance when the invoice comes due', () => {
    const state = dueToday();
    const { patch, result } = chargeAutoPay(state, 2, makeCtx(state));
    const after = applied(state, patch);
    expect(result).toMatchObject({
      source: 'auto_pay',
      status: 'succeeded',
      amountCents: 2999,
      allocations: [{ invoiceId: 2, amountCents: 2999 }],
    });
    expect(after.invoices[1]).toMatchObject({ balanceCents: 0, status: 'paid', autoPayAttemptedAt: state.now });
    expect(after.invoices[0]?.balanceCents).toBe(2999); // only that invoice is charged
    expect(checkInvariants(after, eventsOf([]))).toEqual([]);
  });

  it('a declined Auto Pay charge leaves the invoice unpaid, so it becomes past due', () => {
    const state = dueToday();
    const withDecliningCard = { ...state, recurringInvoices: [makeRecurring({ billingMethodId: 2 })] };
    const { patch, result } = chargeAutoPay(withDecliningCard, 2, makeCtx(state));
    const after = applied(withDecliningCard, patch);
    expect(result).toMatchObject({ status: 'failed', failureReason: 'card_declined', allocations: [] });
    expect(after.invoices[1]).toMatchObject({ balanceCents: 2999, status: 'open', autoPayAttemptedAt: state.now });
    // The clock's test: the next day it falls past due (it would not have, paid).
    expect(fallsPastDue(after.invoices[1]!, '2019-03-04T00:00:00.000Z')).toBe(true);
    expect(checkInvariants(after, eventsOf([]))).toEqual([]);
  });

  it('Auto Pay tries an invoice only once', () => {
    const state = dueToday();
    const after = applied(state, chargeAutoPay(state, 2, makeCtx(state)).patch);
    expect(chargeAutoPay(after, 2, makeCtx(after))).toEqual({ patch: {}, result: null });
  });

  it('Auto Pay does not charge an invoice before 00:00 UTC of its due date', () => {
    const state = dueToday();
    expect(chargeAutoPay(state, 2, makeCtx(state, '2019-03-02T23:59:59.999Z'))).toEqual({ patch: {}, result: null });
    expect(chargeAutoPay(state, 2, makeCtx(state, '2019-03-03T00:00:00.000Z')).result).toMatchObject({
      status: 'succeeded',
    });
  });

  it('without a billing method on the recurring invoice there is no Auto Pay', () => {
    const state = owing({ recurringInvoices: [makeRecurring()] });
    expect(chargeAutoPay(state, 3, makeCtx(state))).toEqual({ patch: {}, result: null });
  });
});

describe('makeDealerPayment', () => {
  it('a dealer payment is applied to the chosen invoice, integration invoice or not', () => {
    const state = owing();
    const input = { customerId: 1, invoiceIds: [4], billingMethodId: 1, amountCents: 20000 };
    const { patch, result } = makeDealerPayment(state, input, makeCtx(state));
    const after = applied(state, patch);
    expect(result.payment).toMatchObject({
      source: 'dealer',
      status: 'succeeded',
      allocations: [{ invoiceId: 4, amountCents: 20000 }],
    });
    expect(balances(after)).toEqual([
      [1, 2999, 'past_due'],
      [2, 2999, 'past_due'],
      [3, 2999, 'open'],
      [4, 0, 'paid'],
    ]);
    expect(checkInvariants(after, eventsOf([]))).toEqual([]);
  });

  it('a dealer payment is held to the same amount rules', () => {
    const state = owing();
    const base = { customerId: 1, invoiceIds: [3], billingMethodId: 1 };
    expect(domainError(() => makeDealerPayment(state, { ...base, amountCents: 3000 }, makeCtx(state))).code).toBe(
      'amount-exceeds-balance',
    );
    expect(domainError(() => makeDealerPayment(state, { ...base, amountCents: 0 }, makeCtx(state))).code).toBe(
      'invalid-amount',
    );
  });

  it('one dealer payment covers several invoices, oldest first', () => {
    const state = owing();
    const { patch, result } = makeDealerPayment(
      state,
      { customerId: 1, billingMethodId: 1, amountCents: 4000 },
      makeCtx(state),
    );
    expect(result.payment.allocations).toEqual([
      { invoiceId: 1, amountCents: 2999 },
      { invoiceId: 2, amountCents: 1001 },
    ]);
    expect(checkInvariants(applied(state, patch), eventsOf([]))).toEqual([]);
    const named = makeDealerPayment(
      state,
      { customerId: 1, billingMethodId: 1, amountCents: 4000, invoiceIds: [3, 2] },
      makeCtx(state),
    );
    expect(named.result.payment.allocations).toEqual([
      { invoiceId: 2, amountCents: 2999 },
      { invoiceId: 3, amountCents: 1001 },
    ]);
  });

  it("another customer's invoice, an unknown invoice or an unknown customer is not found", () => {
    const base = owing();
    const state = {
      ...base,
      customers: [makeCustomer(), makeCustomer({ id: 2 })],
      billingMethods: [...base.billingMethods, makeCard({ id: 8, customerId: 2 })],
    };
    const attempt = (customerId: number, invoiceId: number) =>
      domainError(() =>
        makeDealerPayment(
          state,
          { customerId, invoiceIds: [invoiceId], billingMethodId: 8, amountCents: 100 },
          makeCtx(state),
        ),
      );
    expect([attempt(2, 3).kind, attempt(2, 3).message]).toEqual(['not_found', 'Invoice 3 does not exist.']);
    expect(attempt(2, 99).message).toBe('Invoice 99 does not exist.');
    expect(attempt(9, 3).message).toBe('Customer 9 does not exist.');
  });

  it('refuses a method given twice, and an invoice that does not exist', () => {
    const state = owing();
    const both = domainError(() =>
      makeOneTimePayment(
        state,
        { loginId: 1, amountCents: 100, billingMethodId: 1, newBillingMethod: newVisa },
        makeCtx(state),
      ),
    );
    expect(both).toMatchObject({
      code: 'ambiguous-billing-method',
      title: 'Ambiguous billing method',
      message: 'Give either billingMethodId or newBillingMethod, not both.',
    });
    expect(both.extensions.errors).toEqual([
      { path: '/billingMethodId', message: 'not allowed together with newBillingMethod' },
    ]);
    expect(domainError(() => chargeAutoPay(state, 999, makeCtx(state))).message).toBe('Invoice 999 does not exist.');
  });
});
