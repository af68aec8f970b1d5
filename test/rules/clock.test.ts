import { describe, expect, it } from 'vitest';
import { ADA, ADA_SETUP, BEN, codeOf, dealerOf, recurringData, ruleApp, type RuleApp } from './rule-app.ts';

// What the clock does on an advance (src/domain/advance-clock.ts): never back, everything due runs in
// time order, a backdated schedule catches up at once, Auto Pay only tries invoices on their due date
// (one that fell due before a method was set is left for a one-time payment), cards expire at 00:00 UTC
// after their month, and one clock.advanced event counts the actions.

type Ev = { type: string; at: string; data: Record<string, unknown> };
const eventsAfter = async (t: RuleApp, after: number): Promise<Ev[]> =>
  (await t.on('GET', `/__sim/events?after=${after}&limit=500`)).body.items.map((e: Ev) => ({
    type: e.type,
    at: e.at,
    data: e.data,
  }));
const advance = (t: RuleApp, to: string) => t.on('POST', '/__sim/clock/advance', { body: { to } });
const payments = async (t: RuleApp, auth: string) =>
  (await t.on('GET', '/alarm-com/api/billing/payments', { auth })).body.items as {
    source: string;
    status: string;
    createdAt: string;
    allocations: { invoiceDueDate: string }[];
  }[];

describe('advancing the clock, through HTTP', () => {
  it('never goes back, and a refused advance changes nothing', async () => {
    const t = await ruleApp();
    const before = JSON.stringify(t.state('rules'));
    const back = await advance(t, '2019-01-15T08:59:59Z');
    expect(back.status).toBe(422);
    expect(codeOf(back)).toBe('clock-cannot-go-back');
    expect(back.body).toMatchObject({
      title: 'Clock cannot go back',
      detail: 'The clock is at 2019-01-15T09:00:00.000Z; 2019-01-15T08:59:59.000Z is in the past.',
      errors: [{ path: '/to', message: 'must not be before 2019-01-15T09:00:00.000Z' }],
    });
    expect(JSON.stringify(t.state('rules'))).toBe(before);
    const still = await advance(t, '2019-01-15T09:00:00Z');
    expect(still.status).toBe(200);
    expect((await t.on('GET', '/__sim/clock')).body.now).toBe('2019-01-15T09:00:00.000Z');
  });

  it('runs what falls due in time order and announces the advance once, counting its actions', async () => {
    const t = await ruleApp({
      ...ADA_SETUP,
      billingMethods: [
        ...ADA_SETUP.billingMethods!,
        {
          key: 'benJan',
          customer: 'ben',
          type: 'credit_card',
          card: { number: '4242424242424242', expMonth: 1, expYear: 2019, holderName: 'Ben Ek' },
        },
      ],
    });
    const start = t.timeline('rules').length;
    const res = await advance(t, '2019-02-02T12:00:00Z');
    expect(res.status).toBe(200);
    const events = await eventsAfter(t, start);
    expect(events.map((e) => [e.type, e.at])).toEqual([
      ['invoice.created', '2019-02-01T00:00:00.000Z'], // Ada's (recurring invoices in id order)
      ['invoice.created', '2019-02-01T00:00:00.000Z'], // Ben's
      ['payment.succeeded', '2019-02-01T00:00:00.000Z'], // Ben's Auto Pay, on the due date
      ['invoice.paid', '2019-02-01T00:00:00.000Z'],
      ['billing_method.expired', '2019-02-01T00:00:00.000Z'], // the January card, after its month
      ['invoice.past_due', '2019-02-02T00:00:00.000Z'], // Ada's: no method, owing after its due date
      ['clock.advanced', '2019-02-02T12:00:00.000Z'],
    ]);
    expect(events.find((e) => e.type === 'billing_method.expired')!.data).toEqual({
      billingMethodId: t.refs.benJan,
      customerId: t.refs.ben,
    });
    expect(events.find((e) => e.type === 'invoice.past_due')!.data).toMatchObject({
      customerId: t.refs.ada,
      dueDate: '2019-02-01',
      balanceCents: 3000,
    });
    expect(events.at(-1)!.data).toEqual({
      from: '2019-01-15T09:00:00.000Z',
      to: '2019-02-02T12:00:00.000Z',
      actions: 5,
    });
    const cards = t.state('rules').billingMethods.map((m) => [m.card?.expMonth, m.expired]);
    expect(cards).toEqual([
      [12, false],
      [12, false],
      [1, true],
    ]);
  });

  it("a backdated schedule catches up at the advance's start; an invoice due before the method was set is not auto-paid", async () => {
    const t = await ruleApp();
    // Ben: a new recurring invoice that started on Jan 1, with his card: created and charged at once.
    const backdated = await dealerOf(t).post(
      '/recurring_invoices',
      recurringData(t.refs.ben!, {
        saleDate: '2019-01-10',
        startDate: '2019-01-01',
        lines: [{ lineItemId: 3, amountCents: 2000 }],
        billingMethodId: t.refs.benCard,
      }),
    );
    expect(backdated.status).toBe(201);
    await advance(t, '2019-01-15T09:00:01Z');
    expect(
      (await payments(t, BEN)).map((p) => [p.source, p.status, p.createdAt, p.allocations[0]?.invoiceDueDate]),
    ).toEqual([['auto_pay', 'succeeded', '2019-01-15T09:00:00.000Z', '2019-01-01']]);

    // Ada: her Feb 1 invoice falls due with no method; the method set later is charged from Mar 1 on.
    await advance(t, '2019-02-10T00:00:00Z');
    await t.on('PUT', '/alarm-com/api/billing/payment-method', {
      auth: ADA,
      body: { billingMethodId: t.refs.adaCard },
    });
    await advance(t, '2019-03-01T06:00:00Z');
    expect((await payments(t, ADA)).map((p) => [p.source, p.status, p.allocations[0]?.invoiceDueDate])).toEqual([
      ['auto_pay', 'succeeded', '2019-03-01'],
    ]);
    expect((await t.on('GET', '/alarm-com/api/billing/summary', { auth: ADA })).body).toMatchObject({
      balanceDueCents: 3000,
      balancePastDueCents: 3000,
    });
  });

  it('an invoice whose due date starts exactly when the advance starts is still tried', async () => {
    const t = await ruleApp();
    await advance(t, '2019-02-01T00:00:00Z'); // Ada's invoice is created, with no method to charge
    await t.on('PUT', '/alarm-com/api/billing/payment-method', {
      auth: ADA,
      body: { billingMethodId: t.refs.adaCard },
    });
    await advance(t, '2019-02-01T00:01:00Z');
    expect((await payments(t, ADA)).map((p) => [p.source, p.status, p.createdAt])).toEqual([
      ['auto_pay', 'succeeded', '2019-02-01T00:00:00.000Z'],
    ]);
  });
});
