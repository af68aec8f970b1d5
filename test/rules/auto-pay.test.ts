import { describe, expect, it } from 'vitest';
import { ADA, BEN, dealerOf, eventTypes, P, recurringData, ruleApp, type RuleApp } from './rule-app.ts';

// Auto Pay rules seen from outside (src/domain/auto-pay.ts decides them): every face answers the same,
// and the clock tries each invoice once, on its due date.

async function autoPayEverywhere(t: RuleApp, recurringInvoiceId: number) {
  const method = await t.on('GET', '/alarm-com/api/billing/payment-method', { auth: ADA });
  const summary = await t.on('GET', '/alarm-com/api/billing/summary', { auth: ADA });
  const dealer = await dealerOf(t).get(`/recurring_invoices/${recurringInvoiceId}`);
  expect(method.body.autoPay).toEqual(summary.body.autoPay);
  return {
    endUser: method.body.autoPay.enabled as boolean,
    dealer: dealer.body.data.attributes.auto_pay as boolean,
    method: method.body.paymentMethod,
  };
}

const payments = async (t: RuleApp, auth: string) =>
  (await t.on('GET', '/alarm-com/api/billing/payments', { auth })).body.items as {
    source: string;
    status: string;
    allocations: { invoiceDueDate: string }[];
  }[];

describe('Auto Pay, through HTTP', () => {
  it('is off without a billing method on every face, and on once one is set; it cannot be turned on without one', async () => {
    const t = await ruleApp();
    expect(await autoPayEverywhere(t, t.refs.adaMmr!)).toEqual({ endUser: false, dealer: false, method: null });
    const enable = await t.on('PUT', '/alarm-com/api/billing/autopay', { auth: ADA, body: { enabled: true } });
    expect(enable.status).toBe(409);
    expect(enable.body.type).toBe(`${P}no-billing-method`);

    const eventsBefore = t.timeline('rules').length;
    const set = await t.on('PUT', '/alarm-com/api/billing/payment-method', {
      auth: ADA,
      body: { billingMethodId: t.refs.adaCard },
    });
    expect(set.status).toBe(200);
    expect(set.body.autoPay).toEqual({ enabled: true, canBeDisabled: false });
    expect(await autoPayEverywhere(t, t.refs.adaMmr!)).toMatchObject({
      endUser: true,
      dealer: true,
      method: { id: t.refs.adaCard },
    });
    expect(
      (await t.on('PUT', '/alarm-com/api/billing/autopay', { auth: ADA, body: { enabled: true } })).body,
    ).toMatchObject({ autoPay: { enabled: true } });
    // The first method enrols Ada in Auto Pay (a later one would be billing_method.updated).
    expect(await eventTypes(t, eventsBefore)).toEqual(['autopay.enabled']);
  });

  it('the method cannot be removed, and a refused removal changes nothing', async () => {
    const t = await ruleApp();
    const before = JSON.stringify(t.state('rules'));
    const res = await t.on('DELETE', '/alarm-com/api/billing/payment-method', { auth: BEN });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe(`${P}billing-method-cannot-be-removed`);
    expect(JSON.stringify(t.state('rules'))).toBe(before);
  });

  it('a one-time payment without a method uses the Auto Pay method, and needs one when Auto Pay is off', async () => {
    const t = await ruleApp();
    await t.on('POST', '/__sim/clock/advance', { body: { to: '2019-02-01T12:00:00Z' } });
    const none = await t.on('POST', '/alarm-com/api/billing/payments', { auth: ADA, body: { amountCents: 100 } });
    expect(none.status).toBe(422);
    expect(none.body.type).toBe(`${P}no-billing-method`);
    await t.on('PUT', '/alarm-com/api/billing/payment-method', {
      auth: ADA,
      body: { billingMethodId: t.refs.adaCard },
    });
    const paid = await t.on('POST', '/alarm-com/api/billing/payments', { auth: ADA, body: { amountCents: 100 } });
    expect(paid.status).toBe(201);
    expect(paid.body.method.id).toBe(t.refs.adaCard);
  });

  it('tries an invoice once, at 00:00 UTC of its due date: a decline is not retried by a later clock step that day', async () => {
    const t = await ruleApp();
    await t.on('PUT', '/alarm-com/api/billing/payment-method', {
      auth: ADA,
      body: { billingMethodId: t.refs.adaCard },
    });
    await t.on('PUT', '/__sim/faults', { body: { declineNextCharges: 1 } });
    await t.on('POST', '/__sim/clock/advance', { body: { to: '2019-01-31T23:59:59Z' } });
    expect(await payments(t, ADA)).toEqual([]);
    await t.on('POST', '/__sim/clock/advance', { body: { to: '2019-02-01T00:00:00Z' } });
    expect(await payments(t, ADA)).toMatchObject([{ source: 'auto_pay', status: 'failed' }]);
    for (const by of ['PT0S', 'PT1H', 'PT22H']) await t.on('POST', '/__sim/clock/advance', { body: { by } });
    expect(await payments(t, ADA)).toHaveLength(1);
    const summary = await t.on('GET', '/alarm-com/api/billing/summary', { auth: ADA });
    expect(summary.body).toMatchObject({ balanceDueCents: 3000, balancePastDueCents: 0 });
    await t.on('POST', '/__sim/clock/advance', { body: { to: '2019-02-02T00:00:00Z' } });
    expect((await t.on('GET', '/alarm-com/api/billing/summary', { auth: ADA })).body.balancePastDueCents).toBe(3000);
    expect(await payments(t, ADA)).toHaveLength(1);
  });

  it('charges on the due date, not the invoice date, when the invoice has net days', async () => {
    const t = await ruleApp();
    const created = await dealerOf(t).post(
      '/recurring_invoices',
      recurringData(t.refs.ben!, {
        saleDate: '2019-01-10',
        startDate: '2019-02-01',
        netDays: 5,
        lines: [{ lineItemId: 3, amountCents: 1500 }],
        billingMethodId: t.refs.benCard,
      }),
    );
    expect(created.status).toBe(201);
    // Ben's first recurring invoice (due 2019-02-01) is paid on its own date; this one's is due Feb 6.
    const dueFeb6 = async () =>
      (await payments(t, BEN)).filter((p) => p.allocations.some((a) => a.invoiceDueDate === '2019-02-06'));
    await t.on('POST', '/__sim/clock/advance', { body: { to: '2019-02-05T23:00:00Z' } });
    expect(await dueFeb6()).toEqual([]);
    await t.on('POST', '/__sim/clock/advance', { body: { to: '2019-02-06T00:00:00Z' } });
    expect(await dueFeb6()).toMatchObject([
      { source: 'auto_pay', status: 'succeeded', createdAt: '2019-02-06T00:00:00.000Z' },
    ]);
    expect((await t.on('GET', '/alarm-com/api/billing/summary', { auth: BEN })).body.balanceDueCents).toBe(0);
  });
});
