import { describe, expect, it } from 'vitest';
import { asDocument, makeInvoice, makePayment, makeState } from '../../test/support/domain-fixtures.ts';
import { createSharer } from './share-records.ts';

describe('createSharer', () => {
  it("equal invoice lines, dates and a payment.succeeded event's allocations become one copy; the JSON is unchanged", () => {
    const lines = () => [{ lineItemId: 1, description: 'Monthly monitoring', amountCents: 2999 }];
    const allocations = () => [{ invoiceId: 1, amountCents: 2999 }];
    const state = asDocument(
      makeState({
        invoices: [
          makeInvoice({ id: 1, lines: lines(), dueDate: ['2019', '02', '01'].join('-') }),
          makeInvoice({ id: 2, lines: lines(), dueDate: '2019-02-01' }),
        ],
        payments: [makePayment({ id: 1, allocations: allocations() })],
      }),
      [
        {
          id: 1,
          at: '2019-02-01T00:00:00.000Z',
          type: 'payment.succeeded',
          data: { paymentId: 1, allocations: allocations() },
        },
      ],
    );
    const before = JSON.stringify(state);
    createSharer().document(state);
    expect(JSON.stringify(state)).toBe(before);
    const [a, b] = state.invoices;
    expect(a!.lines).toBe(b!.lines);
    expect(state.events[0]!.data.allocations).toBe(state.payments[0]!.allocations);
  });

  it("different lines, or allocations that differ from the payment's, stay apart", () => {
    const state = asDocument(
      makeState({
        invoices: [
          makeInvoice({ id: 1, lines: [{ lineItemId: 1, description: 'x', amountCents: 1 }] }),
          makeInvoice({ id: 2, lines: [{ lineItemId: 1, description: 'x', amountCents: 2 }] }),
        ],
        payments: [makePayment({ id: 1, allocations: [{ invoiceId: 1, amountCents: 1 }] })],
      }),
      [
        {
          id: 1,
          at: '2019-02-01T00:00:00.000Z',
          type: 'payment.succeeded',
          data: { paymentId: 1, allocations: [{ invoiceId: 1, amountCents: 5 }] },
        },
      ],
    );
    createSharer().document(state);
    expect(state.invoices[0]!.lines).not.toBe(state.invoices[1]!.lines);
    expect(state.events[0]!.data.allocations).toEqual([{ invoiceId: 1, amountCents: 5 }]);
  });

  it("a patch's new invoices share lines with earlier patches", () => {
    const sharer = createSharer();
    const first = makeInvoice({ id: 1, lines: [{ lineItemId: 1, description: 'x', amountCents: 1 }] });
    const second = makeInvoice({ id: 2, lines: [{ lineItemId: 1, description: 'x', amountCents: 1 }] });
    sharer.patch({ upsert: { invoices: [first] } });
    sharer.patch({ upsert: { invoices: [second] } });
    expect(second.lines).toBe(first.lines);
  });
});
