import { describe, expect, it } from 'vitest';
import { ADA, ADA_SETUP, codeOf, dealerOf, link, recurringData, ruleApp } from './rule-app.ts';

// Which method a command may use (src/domain/method-use.ts), seen from every face: another customer's
// method is "not found" for this customer (404), and an expired card never becomes the Auto Pay method.

describe('the method belongs to the customer and is usable, through HTTP', () => {
  it("another customer's method, or one that does not exist, is 404 on every path, and nothing changes", async () => {
    const t = await ruleApp();
    await t.on('POST', '/__sim/clock/advance', { body: { to: '2019-02-01T12:00:00Z' } });
    const invoiceId = t.state('rules').invoices.find((i) => i.customerId === t.refs.ada)!.id;
    const before = JSON.stringify(t.state('rules'));
    for (const billingMethodId of [t.refs.benCard, 999]) {
      const attempts = [
        await t.on('PUT', '/alarm-com/api/billing/payment-method', { auth: ADA, body: { billingMethodId } }),
        await t.on('POST', '/alarm-com/api/billing/payments', {
          auth: ADA,
          body: { amountCents: 100, billingMethodId },
        }),
        await dealerOf(t).patch(`/recurring_invoices/${t.refs.adaMmr}`, {
          type: 'recurring_invoices',
          id: String(t.refs.adaMmr),
          relationships: { customer_billing: link('customer_billings', billingMethodId!) },
        }),
        await dealerOf(t).post('/customer_payments', {
          type: 'customer_payments',
          attributes: { amount: '1.00' },
          relationships: {
            customer: link('customers', t.refs.ada!),
            customer_billing: link('customer_billings', billingMethodId!),
            customer_invoices: { data: [{ type: 'customer_invoices', id: String(invoiceId) }] },
          },
        }),
        await dealerOf(t).post(
          '/recurring_invoices',
          recurringData(t.refs.ada!, {
            saleDate: '2019-01-20',
            startDate: '2019-03-01',
            lines: [{ lineItemId: 3, amountCents: 100 }],
            billingMethodId,
          }),
        ),
      ];
      for (const res of attempts) {
        expect(res.status, String(billingMethodId)).toBe(404);
        expect(codeOf(res)).toBe('not-found');
      }
    }
    expect(JSON.stringify(t.state('rules'))).toBe(before);
  });

  it('a card flagged expired cannot become the Auto Pay method from either side (422); a payment with it is declined', async () => {
    const oldCard = {
      key: 'oldCard',
      customer: 'ada',
      type: 'credit_card' as const,
      card: { number: '4242424242424242', expMonth: 2, expYear: 2019, holderName: 'Ada Li' },
    };
    const t = await ruleApp({
      ...ADA_SETUP,
      billingMethods: [...ADA_SETUP.billingMethods!, oldCard],
      advanceTo: '2019-03-01T00:00:00Z',
    });
    expect(t.state('rules').billingMethods.find((m) => m.id === t.refs.oldCard)?.expired).toBe(true);
    const before = JSON.stringify(t.state('rules'));
    const endUser = await t.on('PUT', '/alarm-com/api/billing/payment-method', {
      auth: ADA,
      body: { billingMethodId: t.refs.oldCard },
    });
    const dealer = await dealerOf(t).patch(`/recurring_invoices/${t.refs.adaMmr}`, {
      type: 'recurring_invoices',
      id: String(t.refs.adaMmr),
      relationships: { customer_billing: link('customer_billings', t.refs.oldCard!) },
    });
    for (const res of [endUser, dealer]) {
      expect(res.status).toBe(422);
      expect(codeOf(res)).toBe('card-expired');
    }
    expect(JSON.stringify(t.state('rules'))).toBe(before);

    const pay = await t.on('POST', '/alarm-com/api/billing/payments', {
      auth: ADA,
      body: { amountCents: 100, billingMethodId: t.refs.oldCard },
    });
    expect(pay.status).toBe(402);
    expect(pay.body).toMatchObject({ reason: 'expired_card' });
    const ok = await t.on('PUT', '/alarm-com/api/billing/payment-method', {
      auth: ADA,
      body: { billingMethodId: t.refs.adaCard },
    });
    expect(ok.status).toBe(200);
  });

  it('a card past its expiry month is expired for Auto Pay at 00:00 of the 1st, even before the clock flags it', async () => {
    const oldCard = {
      key: 'oldCard',
      customer: 'ada',
      type: 'credit_card' as const,
      card: { number: '4242424242424242', expMonth: 2, expYear: 2019, holderName: 'Ada Li' },
    };
    const t = await ruleApp({ ...ADA_SETUP, billingMethods: [...ADA_SETUP.billingMethods!, oldCard] });
    expect(
      (
        await t.on('PUT', '/alarm-com/api/billing/payment-method', {
          auth: ADA,
          body: { billingMethodId: t.refs.oldCard },
        })
      ).status,
    ).toBe(200);
    // Invoices are due Feb 1 and Mar 1; the card runs out at 2019-03-01T00:00Z, the instant March's charge is tried.
    await t.on('POST', '/__sim/clock/advance', { body: { to: '2019-03-01T00:00:00Z' } });
    const payments = (await t.on('GET', '/alarm-com/api/billing/payments', { auth: ADA })).body.items;
    expect(payments.map((p: { status: string; failureReason: string | null }) => [p.status, p.failureReason])).toEqual([
      ['failed', 'expired_card'],
      ['succeeded', null],
    ]);
  });
});
