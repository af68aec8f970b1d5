import { describe, expect, it } from 'vitest';
import { ADA, dealerOf, link, recurringData, ruleApp } from './rule-app.ts';

// A $0.00 invoice is paid from the start (src/domain/invoice-status.ts), typed in or generated; events
// are built by one helper (src/domain/events.ts): consecutive ids, at the command's instant.

describe('invoices and events, through HTTP', () => {
  it('a $0.00 invoice is created paid, whether the dealer types it in or a recurring invoice generates it', async () => {
    const t = await ruleApp();
    const invoice = (amount: string) => ({
      type: 'customer_invoices',
      attributes: { due_date: '2019-01-20', lines: [{ invoice_billable_item_id: '1', amount }] },
      relationships: { customer: link('customers', t.refs.ada!) },
    });
    const manual = await dealerOf(t).post('/customer_invoices', invoice('0.00'));
    expect(manual.status).toBe(201);
    expect(manual.body.data.attributes).toMatchObject({ total: '0.00', balance: '0.00', status: 'paid' });
    const owing = await dealerOf(t).post('/customer_invoices', invoice('0.05'));
    expect(owing.body.data.attributes.status).toBe('open');

    // The seed's "$0.00 MMR" technique: the most recent sale date makes it Ada's Billing recurring invoice.
    const zero = await dealerOf(t).post(
      '/recurring_invoices',
      recurringData(t.refs.ada!, {
        saleDate: '2019-01-10',
        startDate: '2019-01-20',
        lines: [
          { lineItemId: 3, amountCents: 0 },
          { lineItemId: 5, amountCents: 700, occurrences: 1 },
        ],
      }),
    );
    expect(zero.status).toBe(201);
    await t.on('POST', '/__sim/clock/advance', { body: { to: '2019-02-21T00:00:00Z' } });
    const bills = (await t.on('GET', '/alarm-com/api/billing/bills', { auth: ADA })).body.items;
    expect(bills.map((b: { totalCents: number; status: string }) => [b.totalCents, b.status])).toEqual([
      [0, 'paid'],
      [700, 'past_due'],
    ]);
  });

  it('every event has the next id and the instant of the command or clock step that made it', async () => {
    const t = await ruleApp();
    const before = t.timeline('rules').length;
    await t.on('PUT', '/alarm-com/api/billing/payment-method', {
      auth: ADA,
      body: { billingMethodId: t.refs.adaCard },
    });
    await t.on('PATCH', '/__sim/settings', { body: { roleCacheMinutes: 30 } });
    await t.on('POST', '/__sim/clock/advance', { body: { to: '2019-02-01T06:00:00Z' } });
    const all = (await t.on('GET', '/__sim/events?limit=1000')).body.items as {
      id: number;
      at: string;
      type: string;
    }[];
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i + 1));
    const recent = all.slice(before);
    expect(recent.map((e) => [e.type, e.at])).toEqual(
      expect.arrayContaining([
        ['autopay.enabled', '2019-01-15T09:00:00.000Z'],
        ['settings.updated', '2019-01-15T09:00:00.000Z'],
        ['invoice.created', '2019-02-01T00:00:00.000Z'],
        ['payment.succeeded', '2019-02-01T00:00:00.000Z'],
        ['invoice.paid', '2019-02-01T00:00:00.000Z'],
        ['clock.advanced', '2019-02-01T06:00:00.000Z'],
      ]),
    );
  });
});
