import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../src/domain/invariants.ts';
import { basic, JANE, testApp, type TestApp } from './support/test-app.ts';
import { soapCall } from './support/soap.ts';
import { dealerApi, flat, link } from './support/securitytrax.ts';

// The seed document's rules, end to end through HTTP on the demo sandbox (see src/seeds/demo.ts):
// jane has three unpaid invoices due 2019-01-03/02-03/03-03 (declined Auto Pay), viewed on 2019-03-03.
const P = 'https://trax-sim.dev/problems/';
const BOB = basic('bob', 'bob-pass');
const CAROL = basic('carol', 'carol-pass');

async function invariantsHold(t: TestApp) {
  expect(checkInvariants(t.state(), t.store.events('default'))).toEqual([]);
}

describe('SecurityTrax billing integration rules, through HTTP', () => {
  it('the seed example: three unpaid invoices due Jan 3, Feb 3, Mar 3 2019 viewed on Mar 3 show the right Balance Due and Past Due', async () => {
    const t = await testApp();
    const summary = await t.call('GET', '/alarm-com/api/billing/summary', { auth: JANE });
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      asOf: '2019-03-03T09:00:00.000Z',
      balanceDueCents: 3 * 3999,
      balancePastDueCents: 2 * 3999,
      pastDueInvoices: [{ dueDate: '2019-01-03' }, { dueDate: '2019-02-03' }],
      currentInvoice: { dueDate: '2019-03-03', balanceCents: 3999 },
    });
  });

  it('a one-time payment is applied to the oldest invoice with an outstanding balance first, then the next oldest', async () => {
    const t = await testApp();
    const pay = await t.call('POST', '/alarm-com/api/billing/payments', {
      auth: JANE,
      body: {
        amountCents: 5000,
        newBillingMethod: {
          type: 'credit_card',
          card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'Jane Doe' },
        },
      },
    });
    expect(pay.status).toBe(201);
    expect(pay.body.allocations).toEqual([
      { invoiceId: 1, invoiceDueDate: '2019-01-03', amountCents: 3999 },
      { invoiceId: 4, invoiceDueDate: '2019-02-03', amountCents: 1001 },
    ]);
    const summary = await t.call('GET', '/alarm-com/api/billing/summary', { auth: JANE });
    expect(summary.body).toMatchObject({
      balanceDueCents: 11997 - 5000,
      balancePastDueCents: 7998 - 5000,
      pastDueInvoices: [{ invoiceId: 4, balanceCents: 2998 }],
    });
    await invariantsHold(t);
  });

  it('zero, negative and more-than-owed amounts are rejected with a clear problem and change nothing', async () => {
    const t = await testApp();
    const before = JSON.stringify(t.state());
    for (const amountCents of [0, -100, 11998]) {
      const res = await t.call('POST', '/alarm-com/api/billing/payments', {
        auth: JANE,
        body: { amountCents, billingMethodId: 1 },
      });
      expect(res.status, String(amountCents)).toBe(422);
      expect(res.body.type).toMatch(amountCents > 0 ? `${P}amount-exceeds-balance` : `${P}validation-failed`);
    }
    expect(JSON.stringify(t.state())).toBe(before);
  });

  it('Billing Not Configured names the failing condition: not linked, no MMR', async () => {
    const t = await testApp();
    const dave = await t.call('GET', '/alarm-com/api/billing/summary', { auth: basic('dave', 'dave-pass') });
    expect(dave.status).toBe(409);
    expect(dave.body.reasons.map((r: { code: string }) => r.code)).toEqual(['login-not-linked']);
    const bob = await t.call('GET', '/alarm-com/api/billing/bills', { auth: BOB });
    expect(bob.body.reasons.map((r: { code: string }) => r.code)).toEqual(['no-mmr-recurring-invoice']);
  });

  it('invoices not created from the selected recurring invoice exist but are never shown or paid through Alarm.com', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const manual = await st.post('/customer_invoices', {
      type: 'customer_invoices',
      attributes: {
        invoice_date: '2019-01-15',
        due_date: '2019-02-01',
        lines: [{ invoice_billable_item_id: '1', amount: '100.00' }],
      },
      relationships: { customer: link('customers', 1) },
    });
    expect(manual.status).toBe(201);
    const id = Number(manual.body.data.id);
    expect((await st.get(`/customer_invoices/${id}`)).body.data.relationships.recurring_invoice.data).toBeNull();
    const bills = await t.call('GET', '/alarm-com/api/billing/bills', { auth: JANE });
    expect(bills.body.items.map((b: { id: number }) => b.id)).not.toContain(id);
    expect((await t.call('GET', `/alarm-com/api/billing/bills/${id}`, { auth: JANE })).status).toBe(404);
    const summary = await t.call('GET', '/alarm-com/api/billing/summary', { auth: JANE });
    expect(summary.body.balanceDueCents).toBe(11997);
  });

  it('the ISP password is write-only: never returned', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const created = await st.post('/interactive_services_providers', {
      type: 'interactive_services_providers',
      attributes: { name: 'New ISP', username: 'new-isp', password: 's3cret-pw' },
    });
    expect(created.status).toBe(201);
    const list = await st.get('/interactive_services_providers');
    for (const body of [created.body, list.body]) expect(JSON.stringify(body)).not.toContain('s3cret-pw');
    expect(created.body.data.attributes).not.toHaveProperty('password');
  });

  it('enabling the Billing Integration calls Get/SetSecurityTraxSettings with the ISP credentials; without the SecurityTrax Role the flag stays false', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const enable = { type: 'interactive_services_providers', id: '2', attributes: { billing_integration: true } };
    const refused = await st.patch('/interactive_services_providers/2', enable);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({
      code: 'securitytrax-role-missing',
      source: { pointer: '/data/attributes/billing_integration' },
    });
    expect(refused.body.errors[0].detail).toContain('SecurityTrax Role');
    expect(t.state().isps[1]!.billingIntegration).toBe(false);
    // Alarm.com adds the role; enabling now saves the flag and Alarm.com's settings.
    await t.call('PATCH', '/__sim/alarm-com-credentials/2', { body: { roles: ['SecurityTrax'] } });
    const ok = await st.patch('/interactive_services_providers/2', enable);
    expect(ok.status).toBe(200);
    expect(ok.body.data.attributes.billing_integration).toBe(true);
    const settings = await soapCall(t, 'GetSecurityTraxSettings', ['norole-isp', 'isp-pass']);
    expect(settings.answer).toMatchObject({
      kind: 'result',
      result: { Success: true, BillingIntegrationEnabled: true },
    });
  });

  it('the Alarm.com web services refuse credentials without the SecurityTrax Role: Success=false with the reason', async () => {
    const t = await testApp();
    const res = await soapCall(t, 'SetSecurityTraxSettings', ['norole-isp', 'isp-pass'], {
      BillingIntegrationEnabled: 'true',
    });
    expect(res.status).toBe(200);
    expect(res.answer).toMatchObject({
      kind: 'result',
      result: { Success: false, ErrorMessage: expect.stringContaining('SecurityTrax Role') },
    });
    expect(t.state().adcCredentials[1]!.securityTraxSettings.billingIntegrationEnabled).toBe(false);
  });

  it('Auto Pay cannot be turned off and the billing method cannot be removed; it can be changed', async () => {
    const t = await testApp();
    expect(
      (await t.call('PUT', '/alarm-com/api/billing/autopay', { auth: CAROL, body: { enabled: false } })).body.type,
    ).toBe(`${P}autopay-cannot-be-disabled`);
    expect((await t.call('DELETE', '/alarm-com/api/billing/payment-method', { auth: CAROL })).body.type).toBe(
      `${P}billing-method-cannot-be-removed`,
    );
    const changed = await t.call('PUT', '/alarm-com/api/billing/payment-method', {
      auth: CAROL,
      body: {
        newBillingMethod: {
          type: 'credit_card',
          card: { number: '5555 5555 5555 4444', expMonth: 4, expYear: 2029, cvv: '321', holderName: 'Carol Smith' },
        },
      },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({
      paymentMethod: {
        id: 3,
        type: 'credit_card',
        brand: 'mastercard',
        last4: '4444',
        expMonth: 4,
        expYear: 2029,
        bankName: null,
        expired: false,
        label: 'Mastercard ending in 4444',
      },
      autoPay: { enabled: true, canBeDisabled: false },
    });
  });

  it('the dealer reads and creates billing methods (card and bank account) and payments; cards show brand, last 4 and expiry only', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const bank = await st.post('/customer_billings', {
      type: 'customer_billings',
      attributes: {
        billing_type: 'bank_account',
        routing_number: '110000000',
        account_number: '000123456789',
        account_type: 'checking',
        holder_name: 'Carol Smith',
      },
      relationships: { customer: link('customers', 2) },
    });
    expect(bank.status).toBe(201);
    expect(bank.body.data.attributes).toMatchObject({
      bank_name: null,
      account_type: 'checking',
      last_four: '6789',
      holder_name: 'Carol Smith',
      card_brand: null,
    });
    const invoices = await st.get(`/customer_invoices?filter=${encodeURIComponent('customer_id = 1 AND balance > 0')}`);
    const open = flat(invoices.body.data[0]);
    const pay = await st.post('/customer_payments', {
      type: 'customer_payments',
      attributes: { amount: '1.00' },
      relationships: {
        customer: link('customers', 1),
        customer_billing: link('customer_billings', 1),
        customer_invoices: { data: [{ type: 'customer_invoices', id: String(open.id) }] },
      },
    });
    expect(pay.status).toBe(402); // jane's card always declines
    expect(pay.body.errors[0]).toMatchObject({ code: 'payment-declined', meta: { reason: 'card_declined' } });
    const history = await st.get(`/customer_payments/${pay.body.errors[0].meta.payment_id}`);
    expect(history.body.data.attributes).toMatchObject({
      processing_status: 'failed',
      source: 'dealer',
      allocations: [],
    });
    await invariantsHold(t);
  });

  it('advancing the clock is deterministic: the same start and advances give the same ids, amounts and dates', async () => {
    const run = async () => {
      const t = await testApp();
      await t.call('POST', '/__sim/clock/advance', { body: { by: 'P2M' } });
      await t.call('POST', '/alarm-com/api/billing/payments', {
        auth: JANE,
        body: {
          amountCents: 1234,
          newBillingMethod: {
            type: 'credit_card',
            card: { number: '4242424242424242', expMonth: 1, expYear: 2031, holderName: 'J' },
          },
        },
      });
      await t.call('POST', '/__sim/clock/advance', { body: { to: '2019-07-01' } });
      return t.state();
    };
    const [a, b] = [await run(), await run()];
    // Everything but the incarnation: that random id only tells one life of a sandbox from another.
    expect({ ...a, incarnation: '' }).toEqual({ ...b, incarnation: '' });
    expect(a.invoices.length).toBeGreaterThan(10);
  });

  it('every state change appends an event to the sandbox timeline', async () => {
    const t = await testApp();
    const before = (await t.call('GET', '/__sim/events')).body.items.length;
    await t.call('POST', '/__sim/clock/advance', { body: { by: 'P1M' } });
    const events = await t.call('GET', `/__sim/events?after=${before}`);
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining([
        'invoice.created',
        'payment.failed',
        'payment.succeeded',
        'invoice.past_due',
        'clock.advanced',
      ]),
    );
    const onlyPayments = await t.call('GET', '/__sim/events?type=payment');
    expect(onlyPayments.body.items.every((e: { type: string }) => e.type.startsWith('payment.'))).toBe(true);
  });
});
