// Who can see and do what: an Alarm.com end user sees and pays only their own account (another
// customer's payment, bill or billing method is a 404, and changes nothing); the SecurityTrax dealer API
// and the end-user API each need their own credentials (401 otherwise); ISP passwords never leave.
import { describe, expect, it } from 'vitest';
import { compiledSpec } from '../../src/http/compiled-spec.ts';
import { resolveRef } from '../../src/http/openapi-index.ts';
import { basic, JANE, testApp, type TestApp } from '../support/test-app.ts';
import { dealerApi, link, links, ST_KEY } from '../support/securitytrax.ts';

const CAROL = basic('carol', 'carol-pass');
const ISP = basic('acme-isp', 'isp-pass');
const NOT_FOUND = 'https://trax-sim.dev/problems/not-found';
const GOOD_CARD = {
  type: 'credit_card',
  card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'Jane Doe' },
};

/** Carol's (customer 2) payment, invoice and billing method ids. */
function carols(t: TestApp) {
  const s = t.state();
  return {
    paymentId: s.payments.find((p) => p.customerId === 2)!.id,
    invoiceId: s.invoices.find((i) => i.customerId === 2)!.id,
    billingMethodId: s.billingMethods.find((m) => m.customerId === 2)!.id,
  };
}

async function expect404Unchanged(t: TestApp, method: string, path: string, body?: unknown) {
  const before = JSON.stringify(t.state());
  const res = await t.call(method, path, { auth: JANE, body });
  expect(res.status, `${method} ${path}`).toBe(404);
  expect(res.body.type).toBe(NOT_FOUND);
  expect(JSON.stringify(t.state())).toBe(before);
}

describe('end users see only their own account', () => {
  it("getEndUserPayment: carol's payment id is a 404 for jane", async () => {
    const t = await testApp();
    await expect404Unchanged(t, 'GET', `/alarm-com/api/billing/payments/${carols(t).paymentId}`);
    expect(
      (await t.call('GET', `/alarm-com/api/billing/payments/${carols(t).paymentId}`, { auth: CAROL })).status,
    ).toBe(200);
  });

  it("getBill: carol's invoice id is a 404 for jane", async () => {
    const t = await testApp();
    await expect404Unchanged(t, 'GET', `/alarm-com/api/billing/bills/${carols(t).invoiceId}`);
    expect((await t.call('GET', `/alarm-com/api/billing/bills/${carols(t).invoiceId}`, { auth: CAROL })).status).toBe(
      200,
    );
  });

  it("makePayment: paying with carol's billing method is a 404 and charges nobody", async () => {
    const t = await testApp();
    await expect404Unchanged(t, 'POST', '/alarm-com/api/billing/payments', {
      amountCents: 100,
      billingMethodId: carols(t).billingMethodId,
    });
  });

  it("changePaymentMethod: carol's billing method cannot become jane's Auto Pay method", async () => {
    const t = await testApp();
    await expect404Unchanged(t, 'PUT', '/alarm-com/api/billing/payment-method', {
      billingMethodId: carols(t).billingMethodId,
    });
  });

  it("listEndUserPayments, listBills: only jane's", async () => {
    const t = await testApp();
    // Give carol fresh activity first, so there is something to leak.
    const { invoiceId, billingMethodId } = carols(t);
    await dealerApi(t).post('/customer_payments', {
      type: 'customer_payments',
      attributes: { amount: '0.01' },
      relationships: {
        customer: link('customers', 2),
        customer_billing: link('customer_billings', billingMethodId),
        customer_invoices: links('customer_invoices', [invoiceId]),
      },
    });
    const s = t.state();
    const payments = await t.call('GET', '/alarm-com/api/billing/payments', { auth: JANE });
    const janePayments = new Set(s.payments.filter((p) => p.customerId === 1).map((p) => p.id));
    expect(payments.body.items.length).toBeGreaterThan(0);
    for (const p of payments.body.items) expect(janePayments.has(p.id)).toBe(true);
    const bills = await t.call('GET', '/alarm-com/api/billing/bills', { auth: JANE });
    const janeInvoices = new Set(s.invoices.filter((i) => i.customerId === 1).map((i) => i.id));
    expect(bills.body.items.length).toBeGreaterThan(0);
    for (const b of bills.body.items) expect(janeInvoices.has(b.id)).toBe(true);
  });

  it("getBillingSummary, getPaymentOptions, getPaymentMethod: jane's account and method only", async () => {
    const t = await testApp();
    const janeMethods = new Set(
      t
        .state()
        .billingMethods.filter((m) => m.customerId === 1)
        .map((m) => m.id),
    );
    const summary = await t.call('GET', '/alarm-com/api/billing/summary', { auth: JANE });
    expect(summary.body.customerId).toBe(1);
    expect(janeMethods.has(summary.body.paymentMethod.id)).toBe(true);
    const options = await t.call('GET', '/alarm-com/api/billing/payment-options', { auth: JANE });
    expect(janeMethods.has(options.body.savedMethod.id)).toBe(true);
    const method = await t.call('GET', '/alarm-com/api/billing/payment-method', { auth: JANE });
    expect(janeMethods.has(method.body.paymentMethod.id)).toBe(true);
  });

  it("setAutoPay, removePaymentMethod: refused by rule, and never touch carol's account", async () => {
    const t = await testApp();
    const carolBefore = JSON.stringify(t.state().recurringInvoices.filter((r) => r.customerId === 2));
    expect(
      (await t.call('PUT', '/alarm-com/api/billing/autopay', { auth: JANE, body: { enabled: false } })).status,
    ).toBe(409);
    expect((await t.call('DELETE', '/alarm-com/api/billing/payment-method', { auth: JANE })).status).toBe(409);
    expect(
      (await t.call('PUT', '/alarm-com/api/billing/autopay', { auth: JANE, body: { enabled: true } })).status,
    ).toBe(200);
    expect(JSON.stringify(t.state().recurringInvoices.filter((r) => r.customerId === 2))).toBe(carolBefore);
  });

  it('a method jane adds is hers: carol cannot pay with it either', async () => {
    const t = await testApp();
    const added = await t.call('POST', '/alarm-com/api/billing/payments', {
      auth: JANE,
      body: { amountCents: 100, newBillingMethod: GOOD_CARD },
    });
    expect(added.status).toBe(201);
    const before = JSON.stringify(t.state());
    const res = await t.call('POST', '/alarm-com/api/billing/payments', {
      auth: CAROL,
      body: { amountCents: 100, billingMethodId: added.body.method.id },
    });
    expect([404, 409]).toContain(res.status); // 409 when carol owes nothing; never a charge on jane's card
    expect(JSON.stringify(t.state())).toBe(before);
  });
});

describe('each face needs its own credentials', () => {
  const { index } = compiledSpec();
  const doc = index.doc as Record<string, any>;
  const example = (op: (typeof index.operations)[number]) => {
    const opDoc = resolveRef(
      doc,
      `#/paths/${op.path.replace(/~/g, '~0').replace(/\//g, '~1')}/${op.method.toLowerCase()}`,
    ) as Record<string, any>;
    const rb = opDoc.requestBody?.$ref ? resolveRef(doc, opDoc.requestBody.$ref) : opDoc.requestBody;
    return rb?.content?.['application/json']?.example;
  };
  const url = (path: string) => path.replace('{profile}', 'default').replace(/\{[^}]+\}/g, '1');

  it('every SecurityTrax operation answers 401 without a dealer token, or with other credentials', async () => {
    const t = await testApp();
    const dealerOps = index.operations.filter((op) => op.security.includes('securityTraxToken'));
    expect(dealerOps.length).toBeGreaterThanOrEqual(20);
    const before = JSON.stringify(t.state());
    for (const op of dealerOps) {
      for (const auth of [undefined, JANE, ISP, basic('dealer', 'dealer-pass'), 'Bearer not-a-token']) {
        const res = await t.call(op.method, url(op.path), {
          auth,
          headers: { 'x-securitytrax-integratorkey': ST_KEY },
        });
        expect(res.status, `${op.operationId} with ${auth ?? 'no credentials'}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(res.body.errors[0].code).toMatch(/^token-(missing|unknown)$/);
      }
    }
    expect(JSON.stringify(t.state())).toBe(before);
  });

  it('every end-user operation answers 401 to dealer or ISP credentials', async () => {
    const t = await testApp();
    const ops = index.operations.filter((op) => op.security[0] === 'endUserBasic');
    expect(ops.length).toBe(11);
    const dealerToken = (await dealerApi(t).headers()).authorization;
    for (const op of ops) {
      for (const auth of [undefined, dealerToken, basic('dealer', 'dealer-pass'), ISP]) {
        const res = await t.call(op.method, url(op.path), { auth, body: example(op) });
        expect(res.status, `${op.operationId}`).toBe(401);
      }
    }
  });
});

describe('ISP passwords are never returned', () => {
  it('no dealer response (nor the sim lists, events or journal) carries them', async () => {
    const t = await testApp();
    const secret = 'S3cret-isp-pw-7781';
    const rotated = 'R0tated-isp-pw-4410';
    const texts: string[] = [];
    const dealer = await dealerApi(t).headers();
    const keep = async (method: string, path: string, body?: unknown, headers: Record<string, string> = dealer) => {
      const res = await t.call(method, path, { headers, body });
      texts.push(JSON.stringify(res.body));
      return res;
    };
    const type = 'interactive_services_providers';
    const created = await keep('POST', `/securitytrax/default/user/v1/${type}`, {
      data: { type, attributes: { name: 'Pw ISP', username: 'pw-isp', password: secret } },
    });
    expect(created.status).toBe(201);
    const id = Number(created.body.data.id);
    await keep('PATCH', `/securitytrax/default/user/v1/${type}/${id}`, {
      data: { type, id: String(id), attributes: { password: rotated } },
    });
    // Every dealer GET, with ids that exist.
    for (const op of compiledSpec().index.operations.filter(
      (o) => o.security.includes('securityTraxToken') && o.method === 'GET',
    )) {
      const path = op.path.replace('{profile}', 'default');
      const res = await keep(
        'GET',
        path.includes(type) ? path.replace('{id}', String(id)) : path.replace(/\{[^}]+\}/g, '1'),
      );
      expect(res.status, op.operationId).toBe(200);
    }
    await keep('GET', '/__sim/alarm-com-credentials', undefined, {});
    await keep('GET', '/__sim/logins', undefined, {});
    await keep('GET', '/__sim/events', undefined, {});
    await keep('GET', '/__sim/journal', undefined, {});
    const all = texts.join('\n');
    for (const pw of [secret, rotated, 'isp-pass', 'dealer-pass', 'jane-pass']) expect(all).not.toContain(pw);
    // No password field anywhere (the word may name a changed field), but the journal's masked copy of a request.
    expect(all).not.toMatch(/"password"\s*:\s*(?!"\*\*\*")/);
    // It is stored (the simulator calls Alarm.com with it), just never shown.
    expect(t.state().isps.find((i) => i.id === id)!.password).toBe(rotated);
  });
});
