import { describe, expect, it } from 'vitest';
import { ADA, BEN, codeOf, dealerOf, link, ruleApp, type RuleApp } from './rule-app.ts';

// What a payment records (src/domain/payments.ts): one payment.succeeded or payment.failed event with the
// amount, source, method and allocations or reason, invoice.paid for each invoice it pays off; the
// dealer's payment without named invoices goes over that customer's invoices only.

type Ev = { type: string; data: Record<string, unknown> };
const eventsAfter = async (t: RuleApp, after: number): Promise<Ev[]> =>
  (await t.on('GET', `/__sim/events?after=${after}&limit=500`)).body.items.map((e: Ev) => ({
    type: e.type,
    data: e.data,
  }));

describe('payments and their events, through HTTP', () => {
  it('a one-time payment records its allocations and pays off the oldest invoice; a declined one records the reason', async () => {
    const t = await ruleApp();
    await t.on('POST', '/__sim/clock/advance', { body: { to: '2019-03-02T00:00:00Z' } }); // Ada owes Feb 1 and Mar 1
    await t.on('PUT', '/alarm-com/api/billing/payment-method', {
      auth: ADA,
      body: { billingMethodId: t.refs.adaCard },
    });
    const invoices = t
      .state('rules')
      .invoices.filter((i) => i.customerId === t.refs.ada)
      .map((i) => i.id);
    const start = t.timeline('rules').length;
    const paid = await t.on('POST', '/alarm-com/api/billing/payments', { auth: ADA, body: { amountCents: 3500 } });
    expect(paid.status).toBe(201);
    expect(paid.body.id).toBe(3); // after Ben's two Auto Pay payments
    const base = {
      paymentId: paid.body.id,
      customerId: t.refs.ada,
      amountCents: 3500,
      source: 'one_time',
      billingMethodId: t.refs.adaCard,
    };
    expect(await eventsAfter(t, start)).toEqual([
      {
        type: 'payment.succeeded',
        data: {
          ...base,
          allocations: [
            { invoiceId: invoices[0], amountCents: 3000 },
            { invoiceId: invoices[1], amountCents: 500 },
          ],
        },
      },
      { type: 'invoice.paid', data: { invoiceId: invoices[0], customerId: t.refs.ada, paymentId: paid.body.id } },
    ]);

    await t.on('PUT', '/__sim/faults', { body: { declineNextCharges: 1 } });
    const next = t.timeline('rules').length;
    const declined = await t.on('POST', '/alarm-com/api/billing/payments', { auth: ADA, body: { amountCents: 100 } });
    expect(declined.status).toBe(402);
    const [failed] = await eventsAfter(t, next);
    expect(failed).toEqual({
      type: 'payment.failed',
      data: {
        paymentId: failed!.data.paymentId,
        customerId: t.refs.ada,
        amountCents: 100,
        source: 'one_time',
        billingMethodId: t.refs.adaCard,
        reason: 'card_declined',
      },
    });
    expect((await t.on('GET', '/__sim/faults')).body.declineNextCharges).toBe(0);
    expect((await t.on('GET', '/alarm-com/api/billing/summary', { auth: ADA })).body.balanceDueCents).toBe(2500);
  });

  it("without a saved method a one-time payment asks for one; the dealer's payment without named invoices stays with its customer", async () => {
    const t = await ruleApp();
    await t.on('POST', '/__sim/clock/advance', { body: { to: '2019-02-01T12:00:00Z' } }); // Ben's invoice is auto-paid, Ada's is not
    const none = await t.on('POST', '/alarm-com/api/billing/payments', { auth: ADA, body: { amountCents: 100 } });
    expect(none.body).toMatchObject({
      title: 'No billing method',
      detail: 'There is no saved billing method; provide a new one.',
      errors: [{ path: '/newBillingMethod', message: 'required when no billing method is saved' }],
    });
    const pay = await dealerOf(t).post('/customer_payments', {
      type: 'customer_payments',
      attributes: { amount: '1.00' },
      relationships: {
        customer: link('customers', t.refs.ben!),
        customer_billing: link('customer_billings', t.refs.benCard!),
      },
    });
    expect(codeOf(pay)).toBe('nothing-owed');
    expect((await t.on('GET', '/alarm-com/api/billing/summary', { auth: ADA })).body.balanceDueCents).toBe(3000);
    expect((await t.on('GET', '/alarm-com/api/billing/payments', { auth: BEN })).body.items).toHaveLength(1);
  });
});
