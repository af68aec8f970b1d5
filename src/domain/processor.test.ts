import { describe, expect, it } from 'vitest';
import { charge } from './processor.ts';
import { NOW, makeBank, makeCard, makeState } from '../../test/support/domain-fixtures.ts';
import type { BillingMethod, Faults } from './types.ts';

const faults = (declineNextCharges = 0): Faults => ({ ...makeState().faults, declineNextCharges });
const expiredCard = { brand: 'visa' as const, last4: '4242', expMonth: 2, expYear: 2019, holderName: 'J' };

describe('charge', () => {
  it('a good card is charged and its charge count goes up', () => {
    const method = makeCard();
    const r = charge(method, faults(), NOW);
    expect(r.outcome).toEqual({ ok: true });
    expect(r.method.chargeCount).toBe(1);
    expect(method.chargeCount).toBe(0); // input untouched
  });

  it('each test instrument declines with its documented reason', () => {
    const reason = (behavior: BillingMethod['behavior'], m = makeCard({ behavior })) =>
      charge(m, faults(), NOW).outcome;
    expect(reason({ kind: 'decline' })).toEqual({ ok: false, reason: 'card_declined' });
    expect(reason({ kind: 'insufficient_funds' })).toEqual({ ok: false, reason: 'insufficient_funds' });
    expect(reason({ kind: 'expired' })).toEqual({ ok: false, reason: 'expired_card' });
    expect(reason({ kind: 'processor_fault' })).toEqual({ ok: false, reason: 'processor_fault' });
    expect(reason({ kind: 'bank_returned' }, makeBank({ behavior: { kind: 'bank_returned' } }))).toEqual({
      ok: false,
      reason: 'bank_account_returned',
    });
  });

  it('a succeed-then-decline card succeeds N times, then declines', () => {
    let method = makeCard({ behavior: { kind: 'succeed_then_decline', successes: 2 } });
    const outcomes: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const r = charge(method, faults(), NOW);
      outcomes.push(r.outcome.ok);
      method = r.method;
    }
    expect(outcomes).toEqual([true, true, false, false]);
  });

  it('a stored card whose expiry the clock passed fails with expired_card', () => {
    expect(charge(makeCard({ card: expiredCard }), faults(), NOW).outcome).toEqual({
      ok: false,
      reason: 'expired_card',
    });
    expect(charge(makeCard({ expired: true }), faults(), NOW).outcome).toEqual({ ok: false, reason: 'expired_card' });
  });

  it('the declineNextCharges fault declines whatever the instrument, and is used up', () => {
    const r = charge(makeCard(), faults(2), NOW);
    expect(r.outcome).toEqual({ ok: false, reason: 'card_declined' });
    expect(r.faults.declineNextCharges).toBe(1);
  });

  it('an expired card fails as expired without using up a declineNextCharges fault', () => {
    const f = faults(1);
    const r = charge(makeCard({ expired: true }), f, NOW);
    expect(r.outcome).toEqual({ ok: false, reason: 'expired_card' });
    expect(r.faults).toBe(f);
  });
});
