import { describe, expect, it } from 'vitest';
import {
  makeCard,
  makeConfiguredState,
  makeCtx,
  makeInvoice,
  makeRecurring,
} from '../../../test/support/domain-fixtures.ts';
import { chargeAutoPay, makeDealerPayment, makeOneTimePayment } from '../payments.ts';
import { plainReader } from '../reader.ts';
import { updateCardExpiry } from '../billing-method.ts';
import { fallPastDue } from '../invoice-status.ts';
import { generateInvoice, updateRecurringBillingMethod } from '../recurring.ts';
import { MMR_LINE_ITEM_ID } from '../types.ts';
import type { SandboxState } from '../types.ts';
import { behavioursOfCommit } from './of-commit.ts';

const declining = makeCard({ id: 2, behavior: { kind: 'decline' } });
/** Auto Pay card 1; invoices 1 and 2 past due, 3 due today, 29.99 each. */
const owing = (o: Partial<SandboxState> = {}) =>
  makeConfiguredState({
    recurringInvoices: [makeRecurring({ billingMethodId: 1, invoicesCreated: 3 })],
    billingMethods: [makeCard(), declining],
    invoices: [
      makeInvoice({ id: 1, dueDate: '2019-01-03', status: 'past_due' }),
      makeInvoice({ id: 2, dueDate: '2019-02-03', status: 'past_due' }),
      makeInvoice({ id: 3, dueDate: '2019-03-03' }),
    ],
    ...o,
  });
const seen = (state: SandboxState, run: (s: SandboxState) => { patch: Parameters<typeof behavioursOfCommit>[2] }) =>
  behavioursOfCommit(state, plainReader, run(state).patch).sort();

describe('behavioursOfCommit', () => {
  it('a pre-defined amount over two invoices: oldest first, several invoices', () => {
    const s = owing();
    expect(seen(s, (x) => makeOneTimePayment(x, { loginId: 1, amountCents: 5998 }, makeCtx(x)))).toEqual([
      'oldest-first',
      'payment-several-invoices',
      'predefined-amount',
    ]);
  });

  it("the customer's own amount into one invoice, with a new card that is saved but not Auto Pay", () => {
    const s = owing();
    const card = { number: '4242424242424242', expMonth: 1, expYear: 2031, cvv: '123', holderName: 'Jane Doe' };
    const input = { loginId: 1, amountCents: 100, newBillingMethod: { type: 'credit_card' as const, card } };
    expect(seen(s, (x) => makeOneTimePayment(x, input, makeCtx(x)))).toEqual([
      'card-kept-as-brand-last4',
      'new-method-not-autopay',
      'oldest-first',
      'own-amount',
    ]);
  });

  it('no choice of invoice is not "oldest first"', () => {
    const s = owing({ invoices: [makeInvoice({ id: 3, dueDate: '2019-03-03' })] });
    expect(seen(s, (x) => makeOneTimePayment(x, { loginId: 1, amountCents: 2999 }, makeCtx(x)))).toEqual([
      'predefined-amount',
    ]);
  });

  it('a declined charge names its reason; Auto Pay charges and declines are told apart', () => {
    const s = owing();
    expect(
      seen(s, (x) => makeOneTimePayment(x, { loginId: 1, amountCents: 2999, billingMethodId: 2 }, makeCtx(x))),
    ).toEqual(['decline.card_declined']);
    expect(seen(s, (x) => chargeAutoPay(x, 3, makeCtx(x)))).toEqual(['autopay-charged']);
    const declined = owing({ recurringInvoices: [makeRecurring({ billingMethodId: 2, invoicesCreated: 3 })] });
    expect(seen(declined, (x) => chargeAutoPay(x, 3, makeCtx(x)))).toEqual([
      'autopay-declined',
      'decline.card_declined',
    ]);
  });

  it('a dealer payment, the first Auto Pay method and a changed one', () => {
    const s = owing();
    expect(
      seen(s, (x) => makeDealerPayment(x, { customerId: 1, billingMethodId: 1, amountCents: 100 }, makeCtx(x))),
    ).toEqual(['dealer-payment']);
    expect(seen(s, (x) => updateRecurringBillingMethod(x, 1, 2, makeCtx(x)))).toEqual(['method-changed']);
    const none = owing({ recurringInvoices: [makeRecurring({ invoicesCreated: 3 })] });
    expect(seen(none, (x) => updateRecurringBillingMethod(x, 1, 1, makeCtx(x)))).toEqual([
      'autopay-on-with-first-method',
    ]);
  });

  it('a $0.00 MMR line billing other items, a $0.00 invoice, an invoice falling past due', () => {
    const mmr = { lineItemId: MMR_LINE_ITEM_ID, description: 'MMR', amountCents: 0, occurrences: null };
    const other = { lineItemId: 1, description: 'Equipment', amountCents: 5000, occurrences: null };
    const withItems = owing({ recurringInvoices: [makeRecurring({ lines: [mmr, other] })] });
    expect(seen(withItems, (x) => generateInvoice(x, 1, makeCtx(x)))).toEqual(['zero-dollar-mmr-other-items']);
    const zero = owing({ recurringInvoices: [makeRecurring({ lines: [mmr] })] });
    expect(seen(zero, (x) => generateInvoice(x, 1, makeCtx(x)))).toEqual(['zero-dollar-invoice-paid']);
    const s = owing();
    expect(seen(s, (x) => fallPastDue(x.invoices[2]!, makeCtx(x)))).toEqual(['invoice-falls-past-due']);
  });

  it("an expired card's new expiry", () => {
    const s = owing();
    expect(seen(s, (x) => updateCardExpiry(x, 1, { expMonth: 1, expYear: 2031 }, makeCtx(x)))).toEqual([
      'card-expiry-updated',
    ]);
  });

  it('nothing for a change without events', () => {
    expect(behavioursOfCommit(owing(), plainReader, {})).toEqual([]);
  });
});
