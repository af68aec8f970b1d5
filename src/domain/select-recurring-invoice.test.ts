import { describe, expect, it } from 'vitest';
import { hasMmr, selectRecurringInvoice } from './select-recurring-invoice.ts';
import { makeRecurring, makeState } from '../../test/support/domain-fixtures.ts';
import { MMR_LINE_ITEM_ID } from './types.ts';
import { plainReader } from './reader.ts';

const service = { lineItemId: 4, description: 'Service', amountCents: 1500, occurrences: null };
const mmr = (amountCents: number) => ({
  lineItemId: MMR_LINE_ITEM_ID,
  description: 'MMR',
  amountCents,
  occurrences: null,
});

describe('selectRecurringInvoice', () => {
  it('only a recurring invoice with the MMR (ID 3) line item is eligible', () => {
    expect(hasMmr(makeRecurring({ lines: [service] }))).toBe(false);
    const state = makeState({ recurringInvoices: [makeRecurring({ lines: [service] })] });
    expect(selectRecurringInvoice(state, plainReader, 1)).toBeNull();
  });

  it('an MMR line of $0.00 still makes the recurring invoice eligible', () => {
    const r = makeRecurring({
      lines: [mmr(0), { ...service, lineItemId: 1, description: 'Equipment', amountCents: 49900, occurrences: 1 }],
    });
    expect(hasMmr(r)).toBe(true);
    expect(selectRecurringInvoice(makeState({ recurringInvoices: [r] }), plainReader, 1)?.id).toBe(1);
  });

  it('with several MMR recurring invoices, the one with the most recent sale date is used', () => {
    const state = makeState({
      recurringInvoices: [
        makeRecurring({ id: 1, saleDate: '2018-06-01' }),
        makeRecurring({ id: 2, saleDate: '2018-11-15' }),
        makeRecurring({ id: 3, saleDate: '2018-09-01' }),
        makeRecurring({ id: 4, saleDate: '2019-01-01', lines: [service] }), // newer but no MMR
      ],
    });
    expect(selectRecurringInvoice(state, plainReader, 1)?.id).toBe(2);
  });

  it('sale-date ties go to the highest id', () => {
    const state = makeState({ recurringInvoices: [makeRecurring({ id: 1 }), makeRecurring({ id: 2 })] });
    expect(selectRecurringInvoice(state, plainReader, 1)?.id).toBe(2);
  });

  it("another customer's recurring invoices are never selected", () => {
    const state = makeState({ recurringInvoices: [makeRecurring({ customerId: 2 })] });
    expect(selectRecurringInvoice(state, plainReader, 1)).toBeNull();
  });
});
