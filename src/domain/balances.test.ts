import { describe, expect, it } from 'vitest';
import { balancesOf, billingSummary, integrationInvoices, utcDate } from './balances.ts';
import { requireConfigured } from './eligibility.ts';
import { makeConfiguredState, makeInvoice, makeRecurring, NOW } from '../../test/support/domain-fixtures.ts';
import type { SandboxState } from './types.ts';
import { plainReader } from './reader.ts';

const summary = (s: SandboxState, now = NOW) =>
  billingSummary(s, plainReader, requireConfigured(s, plainReader, 1, now), now);

// The documented example: three unpaid invoices due Jan 03, Feb 03 and "today" Mar 03 2019.
const threeUnpaid = () =>
  makeConfiguredState({
    invoices: [
      makeInvoice({ id: 1, invoiceDate: '2019-01-03', dueDate: '2019-01-03', status: 'past_due' }),
      makeInvoice({ id: 2, invoiceDate: '2019-02-03', dueDate: '2019-02-03', status: 'past_due' }),
      makeInvoice({ id: 3, invoiceDate: '2019-03-03', dueDate: '2019-03-03' }),
    ],
  });

describe('billingSummary', () => {
  it('no Balance Due until SecurityTrax creates the first invoice', () => {
    const s = summary(makeConfiguredState());
    expect(s).toMatchObject({
      balanceDueCents: 0,
      dueDate: null,
      balancePastDueCents: 0,
      pastDueInvoices: [],
      currentInvoice: null,
    });
  });

  it('a Balance Past Due lists the unpaid invoices due before today; the invoice due today is current', () => {
    const s = summary(threeUnpaid());
    expect(s.balanceDueCents).toBe(3 * 2999);
    expect(s.dueDate).toBe('2019-01-03');
    expect(s.balancePastDueCents).toBe(2 * 2999);
    expect(s.pastDueInvoices.map((i) => i.invoiceId)).toEqual([1, 2]);
    expect(s.currentInvoice).toEqual({
      invoiceId: 3,
      invoiceDate: '2019-03-03',
      dueDate: '2019-03-03',
      balanceCents: 2999,
    });
  });

  it('balance due ignores invoices not created from the selected recurring invoice', () => {
    const state = makeConfiguredState({
      recurringInvoices: [
        makeRecurring({ id: 1, saleDate: '2018-01-01' }),
        makeRecurring({ id: 2, saleDate: '2018-06-01' }),
      ],
      invoices: [
        makeInvoice({
          id: 1,
          recurringInvoiceId: 1,
          totalCents: 5000,
          lines: [{ lineItemId: 3, description: 'MMR', amountCents: 5000 }],
        }),
        makeInvoice({
          id: 2,
          recurringInvoiceId: null,
          lines: [{ lineItemId: 1, description: 'Equipment', amountCents: 20000 }],
        }),
        makeInvoice({ id: 3, recurringInvoiceId: 2 }),
      ],
    });
    const s = summary(state);
    expect(s.balanceDueCents).toBe(2999);
    expect(s.currentInvoice?.invoiceId).toBe(3);
  });

  it('paid invoices do not count and a partly paid invoice counts its remaining balance', () => {
    const state = makeConfiguredState({
      invoices: [
        makeInvoice({ id: 1, dueDate: '2019-02-03', balanceCents: 0, status: 'paid' }),
        makeInvoice({ id: 2, balanceCents: 1000 }),
      ],
    });
    expect(summary(state)).toMatchObject({ balanceDueCents: 1000, dueDate: '2019-03-03', balancePastDueCents: 0 });
  });

  it('Auto Pay is on exactly when the recurring invoice has a billing method, and cannot be disabled', () => {
    expect(summary(makeConfiguredState()).autoPay).toEqual({ enabled: false, canBeDisabled: false });
    const s = summary(makeConfiguredState({ recurringInvoices: [makeRecurring({ billingMethodId: 7 })] }));
    expect(s.paymentMethodId).toBe(7);
    expect(s.autoPay).toEqual({ enabled: true, canBeDisabled: false });
  });
});

describe('past due / integrationInvoices / utcDate', () => {
  it('past due is the status the clock set, whatever the dates say', () => {
    const open = makeInvoice({ dueDate: '2019-01-03' });
    const late = makeInvoice({ id: 2, dueDate: '2019-03-03', status: 'past_due' });
    const s = summary(makeConfiguredState({ invoices: [open, late] }));
    expect(s).toMatchObject({ balancePastDueCents: 2999, currentInvoice: { invoiceId: 1 } });
    expect(s.pastDueInvoices.map((i) => i.invoiceId)).toEqual([2]);
  });

  it('the UTC date of an instant, also of one written with an offset', () => {
    expect(utcDate('2019-03-03T23:59:59.999Z')).toBe('2019-03-03');
    expect(utcDate('2019-03-04T01:00:00.000+02:00')).toBe('2019-03-03');
    expect(utcDate('2019-03-04T00:00:00Z')).toBe('2019-03-04');
  });

  it('integration invoices are listed oldest first by due date, then id', () => {
    const state = makeConfiguredState({
      invoices: [
        makeInvoice({ id: 1, dueDate: '2019-02-03' }),
        makeInvoice({ id: 2, dueDate: '2019-01-03' }),
        makeInvoice({ id: 3, dueDate: '2019-01-03' }),
      ],
    });
    expect(integrationInvoices(state, plainReader, 1).map((i) => i.id)).toEqual([2, 3, 1]);
  });
});

describe('balancesOf', () => {
  it('counts the balances as billingSummary does, in any order', () => {
    const s = threeUnpaid();
    s.invoices.push(makeInvoice({ id: 4, invoiceDate: '2018-12-03', dueDate: '2018-12-03', balanceCents: 0 }));
    const { balanceDueCents, balancePastDueCents } = summary(s);
    expect(balancesOf([...s.invoices].reverse())).toEqual({ balanceDueCents, balancePastDueCents, owing: 3 });
    expect(balancesOf([])).toEqual({ balanceDueCents: 0, balancePastDueCents: 0, owing: 0 });
  });
});
