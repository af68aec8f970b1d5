import { describe, expect, it } from 'vitest';
import { JANE, testApp } from '../support/test-app.ts';

// The "Pay" window (src/domain/payment-options.ts): pre-defined amounts from the Billing summary, none of
// $0.00, and a custom amount from 1 cent to the balance due. Demo sandbox: jane owes three invoices of
// $39.99 due 2019-01-03, 02-03 and 03-03, viewed on 2019-03-03 (two past due, one current).

const options = async (t: Awaited<ReturnType<typeof testApp>>) =>
  (await t.call('GET', '/alarm-com/api/billing/payment-options', { auth: JANE })).body;

describe('the Pay window, through HTTP', () => {
  it('offers Balance Past Due, Current Balance and Full Balance, and any custom amount up to the balance due', async () => {
    const t = await testApp();
    const res = await options(t);
    expect(res.options).toEqual([
      { kind: 'past_due', label: 'Balance Past Due', amountCents: 2 * 3999 },
      { kind: 'current_balance', label: 'Current Balance', amountCents: 3999 },
      { kind: 'full_balance', label: 'Full Balance', amountCents: 3 * 3999 },
    ]);
    expect(res.custom).toEqual({ minCents: 1, maxCents: 3 * 3999 });
  });

  it('drops an amount of $0.00: once the past due is paid only the current balance is offered', async () => {
    const t = await testApp();
    const pay = await t.call('POST', '/alarm-com/api/billing/payments', {
      auth: JANE,
      body: {
        amountCents: 2 * 3999,
        newBillingMethod: {
          type: 'credit_card',
          card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'Jane Doe' },
        },
      },
    });
    expect(pay.status).toBe(201);
    const res = await options(t);
    expect(res.options.map((o: { kind: string; amountCents: number }) => [o.kind, o.amountCents])).toEqual([
      ['current_balance', 3999],
      ['full_balance', 3999],
    ]);
    expect(res.custom).toEqual({ minCents: 1, maxCents: 3999 });
  });
});
