// The keyed request (Idempotency-Key) reaches the command runner as an argument, not through state that
// only holds while a handler starts: a service call that awaits before its command still records the key,
// so a retry replays instead of charging twice.
import { describe, expect, it } from 'vitest';
import { JANE, testApp, type TestApp } from '../support/test-app.ts';
import { billingData, dealerApi, link, links } from '../support/securitytrax.ts';

const GOOD_CARD = {
  type: 'credit_card',
  card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvv: '123', holderName: 'Jane Doe' },
};
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The app with its payment services awaiting before they start their command (as a lookup or a lock would). */
async function awaitingApp(): Promise<TestApp> {
  return testApp({
    extend: (_hono, services) => {
      const { billing, dealer } = services;
      const makePayment = billing.makePayment;
      const createPayment = dealer.createPayment;
      billing.makePayment = async (...args) => {
        await tick();
        return makePayment(...args);
      };
      dealer.createPayment = async (...args) => {
        await tick();
        return createPayment(...args);
      };
    },
  });
}

const balanceDue = async (t: TestApp): Promise<number> =>
  (await t.call('GET', '/alarm-com/api/billing/summary', { auth: JANE })).body.balanceDueCents;

describe('Idempotency-Key with a service that awaits before its command', () => {
  it('end user: the retry of a payment replays it; one payment, the balance lowered once', async () => {
    const t = await awaitingApp();
    const before = { payments: t.state().payments.length, balance: await balanceDue(t) };
    const call = {
      auth: JANE,
      body: { amountCents: 250, newBillingMethod: GOOD_CARD },
      headers: { 'idempotency-key': 'slow-pay-1' },
    };
    const first = await t.call('POST', '/alarm-com/api/billing/payments', call);
    expect(first.status).toBe(201);
    const retry = await t.call('POST', '/alarm-com/api/billing/payments', call);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(t.state().payments).toHaveLength(before.payments + 1);
    expect(await balanceDue(t)).toBe(before.balance - 250);
  });

  it('dealer (SecurityTrax): the retry of a payment replays it; one payment, the invoice paid down once', async () => {
    const t = await awaitingApp();
    const method = await dealerApi(t).post('/customer_billings', billingData(1, GOOD_CARD as never));
    const invoice = t.state().invoices.find((i) => i.customerId === 1 && i.balanceCents > 100)!;
    const body = {
      data: {
        type: 'customer_payments',
        attributes: { amount: '1.00' },
        relationships: {
          customer: link('customers', 1),
          customer_billing: link('customer_billings', method.body.data.id),
          customer_invoices: links('customer_invoices', [invoice.id]),
        },
      },
    };
    const payments = t.state().payments.length;
    const headers = { ...(await dealerApi(t).headers()), 'idempotency-key': 'slow-pay-2' };
    const first = await t.call('POST', '/securitytrax/default/user/v1/customer_payments', { body, headers });
    expect(first.status).toBe(201);
    const retry = await t.call('POST', '/securitytrax/default/user/v1/customer_payments', { body, headers });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(t.state().payments).toHaveLength(payments + 1);
    expect(t.state().invoices.find((i) => i.id === invoice.id)!.balanceCents).toBe(invoice.balanceCents - 100);
  });
});
