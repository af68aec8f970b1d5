import { describe, expect, it } from 'vitest';
import { requestFingerprint } from './idempotency.ts';

const pay = (card: Record<string, unknown>) => ({
  amountCents: 500,
  newBillingMethod: { type: 'credit_card', card: { expMonth: 1, expYear: 2030, holderName: 'J', ...card } },
});

describe('requestFingerprint', () => {
  it('never depends on the full card number or the CVV (a hash of them would be guessable at rest)', () => {
    const a = requestFingerprint('makePayment', {}, pay({ number: '4242424242424242', cvv: '123' }));
    expect(requestFingerprint('makePayment', {}, pay({ number: '4000 0566 5566 4242' }))).toBe(a);
    expect(requestFingerprint('makePayment', {}, pay({ number: '4242424242424241' }))).not.toBe(a);
  });

  it('ignores key order and tells different bodies apart', () => {
    expect(requestFingerprint('x', { id: 1 }, { a: 1, b: [1, 2] })).toBe(
      requestFingerprint('x', { id: 1 }, { b: [1, 2], a: 1 }),
    );
    expect(requestFingerprint('x', { id: 1 }, { a: 1 })).not.toBe(requestFingerprint('x', { id: 1 }, { a: 2 }));
  });
});
