import { describe, expect, it } from 'vitest';
import { isMethodExpired, requireAutoPayMethod, requireOwnMethod } from './method-use.ts';
import { domainError, makeBank, makeCard, makeState, NOW } from '../../test/support/domain-fixtures.ts';

const state = makeState({
  billingMethods: [
    makeCard({ id: 1, customerId: 1 }),
    makeCard({ id: 2, customerId: 2 }),
    makeCard({ id: 3, customerId: 1, expired: true }),
    makeCard({
      id: 4,
      customerId: 1,
      card: { brand: 'visa', last4: '1111', expMonth: 2, expYear: 2019, holderName: 'J' },
    }),
    makeBank({ id: 5, customerId: 1 }),
  ],
});

describe('isMethodExpired', () => {
  it('is the expired flag, or a card past its expiry month; a bank account only by its flag', () => {
    expect(isMethodExpired(makeCard(), NOW)).toBe(false);
    expect(isMethodExpired(makeCard({ expired: true }), NOW)).toBe(true);
    const feb = makeCard({ card: { brand: 'visa', last4: '1111', expMonth: 2, expYear: 2019, holderName: 'J' } });
    expect(isMethodExpired(feb, '2019-02-28T23:59:59.999Z')).toBe(false);
    expect(isMethodExpired(feb, '2019-03-01T00:00:00.000Z')).toBe(true);
    expect(isMethodExpired(makeBank(), '2099-01-01T00:00:00.000Z')).toBe(false);
    expect(isMethodExpired(makeBank({ expired: true }), NOW)).toBe(true);
  });
});

describe('requireOwnMethod / requireAutoPayMethod', () => {
  it("gives the customer's own method; another customer's or an unknown id is the same 404", () => {
    expect(requireOwnMethod(state, 1, 1).id).toBe(1);
    expect(requireOwnMethod(state, 1, 3).id).toBe(3);
    for (const id of [2, 99]) {
      const err = domainError(() => requireOwnMethod(state, 1, id));
      expect([err.kind, err.code, err.message]).toEqual([
        'not_found',
        'not-found',
        `Billing method ${id} does not exist.`,
      ]);
    }
  });

  it('for Auto Pay also refuses an expired method, flagged or not yet flagged (422 card-expired)', () => {
    expect(requireAutoPayMethod(state, 1, 1, NOW).id).toBe(1);
    expect(requireAutoPayMethod(state, 1, 5, NOW).id).toBe(5);
    expect(domainError(() => requireAutoPayMethod(state, 1, 2, NOW)).code).toBe('not-found');
    for (const id of [3, 4]) {
      const err = domainError(() => requireAutoPayMethod(state, 1, id, NOW));
      expect([err.kind, err.code, err.title, err.extensions]).toEqual([
        'validation',
        'card-expired',
        'Card expired',
        { errors: [{ path: '/billingMethodId', message: 'expired' }] },
      ]);
      expect(err.message).toBe(`Billing method ${id} has expired; update its expiry first.`);
    }
  });
});
