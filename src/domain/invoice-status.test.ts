import { describe, expect, it } from 'vitest';
import { makeConfiguredState, makeCtx, makeInvoice } from '../../test/support/domain-fixtures.ts';
import { event } from './events.ts';
import { applyPayment, fallPastDue, fallsPastDue, isPastDue, openingStatus, pastDueDate } from './invoice-status.ts';
import { plainReader } from './reader.ts';
import { InvalidTransition } from './state-machine.ts';

const AT0 = '2019-01-01T00:00:00.000Z';

describe('openingStatus', () => {
  it('a $0.00 invoice is paid from the start; anything owed is open', () => {
    expect(openingStatus(0, AT0)).toEqual({ status: 'paid', statusChangedAt: AT0 });
    expect(openingStatus(1, AT0)).toEqual({ status: 'open', statusChangedAt: AT0 });
  });
});

describe('past due', () => {
  it('an invoice due today is current; it falls past due at 00:00 UTC the next day, while owing and open', () => {
    const inv = makeInvoice({ dueDate: '2019-03-03' });
    expect(pastDueDate('2019-03-03')).toBe('2019-03-04');
    expect(pastDueDate('2019-02-28')).toBe('2019-03-01');
    expect(fallsPastDue(inv, '2019-03-03T23:59:59.999Z')).toBe(false);
    expect(fallsPastDue(inv, '2019-03-04T00:00:00.000Z')).toBe(true);
    expect(fallsPastDue({ ...inv, balanceCents: 0 }, '2019-04-01T00:00:00.000Z')).toBe(false);
    expect(fallsPastDue({ ...inv, status: 'past_due' }, '2019-04-01T00:00:00.000Z')).toBe(false);
    expect(fallsPastDue({ ...inv, status: 'paid' }, '2019-04-01T00:00:00.000Z')).toBe(false);
  });

  it('falling past due is a transition, stamped, with its event; the Billing screen reads the status', () => {
    const inv = makeInvoice({ id: 4, customerId: 1, dueDate: '2019-03-03', balanceCents: 1500 });
    const ctx = makeCtx(makeConfiguredState(), '2019-03-04T00:00:00.000Z');
    const { patch, result } = fallPastDue(inv, ctx);
    expect(result).toMatchObject({ status: 'past_due', statusChangedAt: '2019-03-04T00:00:00.000Z' });
    expect(patch.upsert?.invoices).toEqual([result]);
    expect(patch.events?.map((e) => [e.type, e.at, e.data])).toEqual([
      [
        'invoice.past_due',
        '2019-03-04T00:00:00.000Z',
        { invoiceId: 4, customerId: 1, dueDate: '2019-03-03', balanceCents: 1500 },
      ],
    ]);
    expect(isPastDue(result)).toBe(true);
    expect(isPastDue(inv)).toBe(false);
    expect(() => fallPastDue(result, ctx)).toThrow(InvalidTransition);
  });
});

describe('applyPayment', () => {
  it('a payment that leaves a balance keeps the status; one that clears it makes the invoice paid, stamped', () => {
    const inv = makeInvoice({ balanceCents: 2999, status: 'past_due' });
    expect(applyPayment(inv, 999, '2019-03-05T00:00:00.000Z')).toEqual({ ...inv, balanceCents: 2000 });
    expect(applyPayment(inv, 2999, '2019-03-05T00:00:00.000Z')).toEqual({
      ...inv,
      balanceCents: 0,
      status: 'paid',
      statusChangedAt: '2019-03-05T00:00:00.000Z',
    });
    const paid = makeInvoice({ balanceCents: 0, status: 'paid' });
    expect(() => applyPayment(paid, 0, '2019-03-05T00:00:00.000Z')).toThrow(InvalidTransition);
  });
});

describe('event', () => {
  it('takes the next event id and the command instant', () => {
    const kinds: string[] = [];
    const ids = (kind: string) => {
      kinds.push(kind);
      return 9;
    };
    const e = event({ now: '2019-01-01T00:00:00.000Z', ids, read: plainReader }, 'x.done', { a: 1 });
    expect(e).toEqual({ id: 9, at: '2019-01-01T00:00:00.000Z', type: 'x.done', data: { a: 1 } });
    expect(kinds).toEqual(['event']);
  });
});
