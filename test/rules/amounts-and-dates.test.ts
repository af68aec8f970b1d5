import { describe, expect, it } from 'vitest';
import { ADA, ADA_SETUP, dealerOf, link, recurringData, ruleApp, type RuleApp } from './rule-app.ts';

// Money and calendar arithmetic as the faces show it (src/domain/money.ts, dates.ts): decimal amounts
// convert to cents exactly and back with two decimals, up to the maximum; durations and monthly
// schedules are calendar-aware in UTC.

const manual = (t: RuleApp, amounts: unknown[], dueDate = '2019-01-20') =>
  dealerOf(t).post('/customer_invoices', {
    type: 'customer_invoices',
    attributes: { due_date: dueDate, lines: amounts.map((amount) => ({ invoice_billable_item_id: '1', amount })) },
    relationships: { customer: link('customers', t.refs.ada!) },
  });

describe('amounts and dates, through HTTP', () => {
  it('decimal amounts are exact cents, shown with two decimals, refused past two decimals, a sign or the maximum', async () => {
    const t = await ruleApp();
    const ok = await manual(t, ['12.5', '0.05', '0.29', '7']);
    expect(ok.status).toBe(201);
    expect(ok.body.data.attributes).toMatchObject({ total: '19.84', balance: '19.84' });
    expect(ok.body.data.attributes.lines.map((l: { amount: string }) => l.amount)).toEqual([
      '12.50',
      '0.05',
      '0.29',
      '7.00',
    ]);
    expect((await manual(t, ['100000.00'])).body.data.attributes.total).toBe('100000.00');
    // A JSON number is refused too: once parsed, it no longer says how it was written.
    for (const bad of ['100000.01', '1.234', '-1', '1e3', '', '.5', 1e21, 0.29, 7]) {
      const res = await manual(t, [bad]);
      expect(res.status, String(bad)).toBe(422);
    }
    // Two lines at the maximum: each fine, their total is not.
    expect((await manual(t, ['100000.00', '0.01'])).status).toBe(422);
  });

  it('durations and monthly schedules follow the calendar in UTC', async () => {
    const t = await ruleApp({ ...ADA_SETUP, clock: '2019-01-31T10:30:00Z', recurringInvoices: [] });
    const ri = await dealerOf(t).post(
      '/recurring_invoices',
      recurringData(t.refs.ada!, {
        saleDate: '2019-01-01',
        startDate: '2019-01-31',
        lines: [{ lineItemId: 3, amountCents: 100 }],
      }),
    );
    expect(ri.status).toBe(201);
    const by = async (duration: string) =>
      (await t.on('POST', '/__sim/clock/advance', { body: { by: duration } })).body.now as string;
    expect(await by('P1M')).toBe('2019-02-28T10:30:00.000Z');
    expect(await by('P1D')).toBe('2019-03-01T10:30:00.000Z');
    expect(await by('PT13H30M')).toBe('2019-03-02T00:00:00.000Z');
    expect(await by('P1W')).toBe('2019-03-09T00:00:00.000Z');
    expect(await by('P1Y')).toBe('2020-03-09T00:00:00.000Z');
    expect(await by('PT1S')).toBe('2020-03-09T00:00:01.000Z');
    const bills = (await t.on('GET', '/alarm-com/api/billing/bills', { auth: ADA })).body.items as {
      dueDate: string;
    }[];
    expect(
      bills
        .map((b) => b.dueDate)
        .reverse()
        .slice(0, 4),
    ).toEqual(['2019-01-31', '2019-02-28', '2019-03-31', '2019-04-30']);
    expect(bills).toHaveLength(14); // Jan 2019 to Feb 2020
  });
});
