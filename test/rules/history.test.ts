import { describe, expect, it } from 'vitest';
import { BEN, dealerOf, link, ruleApp } from './rule-app.ts';

// What the Billing screen lists (src/domain/payment-history.ts, balances.ts integrationInvoices): the
// customer's payments newest first, failed attempts included, dealer payments only when they paid an
// invoice of the selected recurring invoice; the Bills are that recurring invoice's invoices only.

describe('payment history and Bills, through HTTP', () => {
  it('lists payments newest first with failed attempts, and leaves out what belongs to the Payment Portal', async () => {
    const t = await ruleApp();
    const dealer = dealerOf(t);
    const pay = (invoiceId: number) =>
      dealer.post('/customer_payments', {
        type: 'customer_payments',
        attributes: { amount: '30.00' },
        relationships: {
          customer: link('customers', t.refs.ben!),
          customer_billing: link('customer_billings', t.refs.benCard!),
          customer_invoices: { data: [{ type: 'customer_invoices', id: String(invoiceId) }] },
        },
      });
    const manual = await dealer.post('/customer_invoices', {
      type: 'customer_invoices',
      attributes: { due_date: '2019-01-20', lines: [{ invoice_billable_item_id: '1', amount: '30.00' }] },
      relationships: { customer: link('customers', t.refs.ben!) },
    });
    const portal = await pay(Number(manual.body.data.id));
    expect(portal.status).toBe(201);

    await t.on('POST', '/__sim/clock/advance', { body: { to: '2019-02-01T00:00:00Z' } }); // Auto Pay succeeds
    await t.on('PUT', '/__sim/faults', { body: { declineNextCharges: 1 } });
    await t.on('POST', '/__sim/clock/advance', { body: { to: '2019-03-01T12:00:00Z' } }); // Auto Pay declined
    const bills = (await t.on('GET', '/alarm-com/api/billing/bills', { auth: BEN })).body.items as {
      id: number;
      dueDate: string;
      status: string;
    }[];
    expect(bills.map((b) => [b.dueDate, b.status])).toEqual([
      ['2019-03-01', 'open'],
      ['2019-02-01', 'paid'],
    ]);
    const byDealer = await pay(bills[0]!.id);
    expect(byDealer.status).toBe(201);

    const payments = (await t.on('GET', '/alarm-com/api/billing/payments', { auth: BEN })).body.items as {
      id: number;
      source: string;
      status: string;
    }[];
    expect(payments.map((p) => [p.source, p.status])).toEqual([
      ['dealer', 'succeeded'],
      ['auto_pay', 'failed'],
      ['auto_pay', 'succeeded'],
    ]);
    const portalPaymentId = Number(portal.body.data.id);
    expect(payments.map((p) => p.id)).not.toContain(portalPaymentId);
    expect((await t.on('GET', `/alarm-com/api/billing/payments/${portalPaymentId}`, { auth: BEN })).status).toBe(404);
    const one = await t.on('GET', `/alarm-com/api/billing/payments/${payments[1]!.id}`, { auth: BEN });
    expect(one.body).toMatchObject({ id: payments[1]!.id, source: 'auto_pay', status: 'failed' });
    expect(
      (await t.on('GET', `/alarm-com/api/billing/bills/${Number(manual.body.data.id)}`, { auth: BEN })).status,
    ).toBe(404);
  });
});
