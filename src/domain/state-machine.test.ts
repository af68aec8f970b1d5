import { describe, expect, it } from 'vitest';
import { makeCard, makeInvoice, makePayment } from '../../test/support/domain-fixtures.ts';
import { BILLING_METHOD, INVOICE, InvalidTransition, MACHINES, PAYMENT, initial, transition } from './state-machine.ts';

const AT = '2019-03-04T00:00:00.000Z';

describe('the state machines', () => {
  it('allow exactly the moves in their tables, each stamped', () => {
    const open = makeInvoice({ status: 'open' });
    expect(transition(INVOICE, open, 'past_due', AT)).toEqual({ ...open, status: 'past_due', statusChangedAt: AT });
    expect(transition(INVOICE, open, 'paid', AT, { balanceCents: 0 })).toEqual({
      ...open,
      balanceCents: 0,
      status: 'paid',
      statusChangedAt: AT,
    });
    const late = makeInvoice({ status: 'past_due' });
    expect(transition(INVOICE, late, 'paid', AT).status).toBe('paid');
    const card = makeCard({ expired: false });
    const expired = transition(BILLING_METHOD, card, 'expired', AT);
    expect(expired).toEqual({ ...card, expired: true, statusChangedAt: AT });
    expect(transition(BILLING_METHOD, expired, 'active', AT).expired).toBe(false);
  });

  it('refuse every other move as a programming error (never a client error)', () => {
    const paid = makeInvoice({ status: 'paid', balanceCents: 0 });
    expect(() => transition(INVOICE, paid, 'past_due', AT)).toThrow(InvalidTransition);
    expect(() => transition(INVOICE, paid, 'open', AT)).toThrow(/invoice: no move from paid to open/);
    expect(() => transition(INVOICE, paid, 'open', AT)).toThrow(expect.objectContaining({ name: 'InvalidTransition' }));
    expect(() => transition(INVOICE, makeInvoice({ status: 'past_due' }), 'open', AT)).toThrow(InvalidTransition);
    expect(() => transition(INVOICE, makeInvoice({ status: 'open' }), 'open', AT)).toThrow(InvalidTransition);
    expect(() => transition(BILLING_METHOD, makeCard({ expired: true }), 'expired', AT)).toThrow(InvalidTransition);
    expect(() => transition(BILLING_METHOD, makeCard({ expired: false }), 'active', AT)).toThrow(InvalidTransition);
  });

  it('start an entity only in the statuses its table allows', () => {
    expect(initial(INVOICE, 'open')).toEqual({ status: 'open' });
    expect(initial(INVOICE, 'paid')).toEqual({ status: 'paid' });
    expect(() => initial(INVOICE, 'past_due')).toThrow(/invoice: no move from \(new\) to past_due/);
    expect(initial(PAYMENT, 'succeeded')).toEqual({ status: 'succeeded' });
    expect(initial(PAYMENT, 'failed')).toEqual({ status: 'failed' });
    expect(initial(BILLING_METHOD, 'active')).toStrictEqual({ expired: false }); // no statusChangedAt key at all
    expect(initial(BILLING_METHOD, 'active', AT)).toEqual({ expired: false, statusChangedAt: AT });
    expect(() => initial(BILLING_METHOD, 'expired')).toThrow(InvalidTransition);
  });

  it('read the status of each entity', () => {
    expect(PAYMENT.statusOf(makePayment({ status: 'failed' }))).toBe('failed');
    expect(BILLING_METHOD.statusOf(makeCard({ expired: true }))).toBe('expired');
    expect(BILLING_METHOD.statusOf(makeCard({ expired: false }))).toBe('active');
  });

  it('every move leads to a status of the same table, and a payment never moves', () => {
    for (const m of MACHINES) {
      const statuses = Object.keys(m.moves);
      for (const s of Object.keys(m.initial)) expect(statuses).toContain(s);
      for (const to of Object.values(m.moves).flatMap((targets) => Object.keys(targets)))
        expect(statuses).toContain(to);
    }
    expect(Object.values(PAYMENT.moves).flatMap((t) => Object.keys(t))).toEqual([]);
  });
});
