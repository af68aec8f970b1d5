import { describe, expect, it } from 'vitest';
import { billingScreenPayments } from './payment-history.ts';
import { makeConfiguredState, makeInvoice, makePayment } from '../../test/support/domain-fixtures.ts';
import { plainReader } from './reader.ts';

describe('billingScreenPayments', () => {
  it("lists the customer's payments newest first, failed ones included, but not dealer payments of other invoices", () => {
    const base = makeConfiguredState();
    const recurringInvoiceId = base.recurringInvoices[0]!.id;
    const state = makeConfiguredState({
      invoices: [makeInvoice({ id: 1, recurringInvoiceId }), makeInvoice({ id: 2, recurringInvoiceId: null })],
      payments: [
        makePayment({ id: 1, source: 'auto_pay', allocations: [{ invoiceId: 1, amountCents: 100 }], amountCents: 100 }),
        makePayment({ id: 2, source: 'dealer', allocations: [{ invoiceId: 2, amountCents: 100 }], amountCents: 100 }),
        makePayment({ id: 3, source: 'one_time', status: 'failed', failureReason: 'card_declined', allocations: [] }),
        makePayment({ id: 4, source: 'dealer', allocations: [{ invoiceId: 1, amountCents: 100 }], amountCents: 100 }),
        makePayment({ id: 5, customerId: 99, source: 'one_time' }),
      ],
    });
    expect(billingScreenPayments(state, plainReader, 1, recurringInvoiceId).map((p) => p.id)).toEqual([4, 3, 1]);
  });
});
