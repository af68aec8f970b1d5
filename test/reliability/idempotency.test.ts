// Idempotency-Key on every creating POST whose spec declares it: a retry replays the first answer (201 or
// a 402 decline) and creates or charges nothing; the same key with another body is a 422; keys are scoped
// per sandbox and per user; the record is committed in the same log line as the charge.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledSpec } from '../../src/http/compiled-spec.ts';
import { openStore, startServer } from '../../src/server.ts';
import { basic, JANE, testApp, type TestApp } from '../support/test-app.ts';
import { billingData, dealerApi, link, links } from '../support/securitytrax.ts';

const CAROL = basic('carol', 'carol-pass');
const GOOD_CARD = {
  type: 'credit_card',
  card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvv: '123', holderName: 'Jane Doe' },
};
const DECLINING_CARD = {
  type: 'credit_card',
  card: { number: '4000000000000002', expMonth: 12, expYear: 2030, holderName: 'Jane Doe' },
};

type Case = {
  operationId: string;
  method: string;
  path: string;
  auth?: string;
  dealer?: boolean;
  body: unknown;
  other: unknown;
};

const ST = '/securitytrax/default/user/v1';
const doc = (type: string, attributes: Record<string, unknown>, relationships?: Record<string, unknown>) => ({
  data: { type, attributes, ...(relationships ? { relationships } : {}) },
});
const mmr = (amount: string) => [{ invoice_billable_item_id: '3', amount }];

/** One valid request per idempotent operation (and a different valid body for the reuse check). */
const CASES: Case[] = [
  {
    operationId: 'createCustomer',
    method: 'POST',
    path: `${ST}/customers`,
    dealer: true,
    body: doc('customers', { fname: 'Ann', lname: 'Lee', email: 'ann@example.com' }),
    other: doc('customers', { fname: 'Bo', lname: 'Lee', email: 'bo@example.com' }),
  },
  {
    operationId: 'createIsp',
    method: 'POST',
    path: `${ST}/interactive_services_providers`,
    dealer: true,
    body: doc('interactive_services_providers', { name: 'New ISP', username: 'new-isp', password: 'secret-isp-pw' }),
    other: doc('interactive_services_providers', { name: 'Other ISP', username: 'other-isp', password: 'x' }),
  },
  {
    operationId: 'createRecurringInvoice',
    method: 'POST',
    path: `${ST}/recurring_invoices`,
    dealer: true,
    body: doc(
      'recurring_invoices',
      { sale_date: '2019-03-01', start_date: '2019-04-01', lines: mmr('19.99') },
      { customer: link('customers', 3) },
    ),
    other: doc(
      'recurring_invoices',
      { sale_date: '2019-03-01', start_date: '2019-04-01', lines: mmr('29.99') },
      { customer: link('customers', 3) },
    ),
  },
  {
    operationId: 'createInvoice',
    method: 'POST',
    path: `${ST}/customer_invoices`,
    dealer: true,
    body: doc(
      'customer_invoices',
      { due_date: '2019-04-01', lines: [{ invoice_billable_item_id: '1', amount: '50.00' }] },
      { customer: link('customers', 1) },
    ),
    other: doc(
      'customer_invoices',
      { due_date: '2019-04-01', lines: [{ invoice_billable_item_id: '1', amount: '50.01' }] },
      { customer: link('customers', 1) },
    ),
  },
  {
    operationId: 'createBillingMethod',
    method: 'POST',
    path: `${ST}/customer_billings`,
    dealer: true,
    body: { data: billingData(1, GOOD_CARD as never) },
    other: { data: billingData(1, { ...GOOD_CARD, card: { ...GOOD_CARD.card, holderName: 'J Doe' } } as never) },
  },
  {
    operationId: 'createPayment',
    method: 'POST',
    path: `${ST}/customer_payments`,
    dealer: true,
    body: null,
    other: null,
  },
  {
    operationId: 'makePayment',
    method: 'POST',
    path: '/alarm-com/api/billing/payments',
    auth: JANE,
    body: { amountCents: 250, newBillingMethod: GOOD_CARD },
    other: { amountCents: 251, newBillingMethod: GOOD_CARD },
  },
];

/** The dealer payment case needs one of jane's open invoices and a card of hers that goes through. */
async function prepared(t: TestApp, c: Case): Promise<Case> {
  if (c.operationId !== 'createPayment') return c;
  const method = await dealerApi(t).post('/customer_billings', billingData(1, GOOD_CARD as never));
  const invoiceId = t.state().invoices.find((i) => i.customerId === 1 && i.balanceCents > 0)!.id;
  const payment = (amount: string) =>
    doc(
      'customer_payments',
      { amount },
      {
        customer: link('customers', 1),
        customer_billing: link('customer_billings', method.body.data.id),
        customer_invoices: links('customer_invoices', [invoiceId]),
      },
    );
  return { ...c, body: payment('1.00'), other: payment('1.01') };
}

/** Sends a case's request as its user (the dealer's bearer token on the SecurityTrax face). */
async function send(t: TestApp, c: Case, body: unknown, headers: Record<string, string> = {}) {
  const as = c.dealer ? await dealerApi(t).headers() : {};
  return t.call(c.method, c.path, { auth: c.auth, body, headers: { ...as, ...headers } });
}

const reorder = (body: unknown): unknown => {
  const b = body as Record<string, unknown>;
  if (b.data) return { data: Object.fromEntries(Object.entries(b.data as object).reverse()) };
  return Object.fromEntries(Object.entries(b).reverse());
};

const errorCode = (body: any): string =>
  body?.errors?.[0]?.code ?? String(body?.type).replace('https://trax-sim.dev/problems/', '');

const counts = (t: TestApp) => {
  const s = t.state();
  return {
    customers: s.customers.length,
    isps: s.isps.length,
    recurring: s.recurringInvoices.length,
    invoices: s.invoices.length,
    methods: s.billingMethods.length,
    payments: s.payments.length,
  };
};

describe('Idempotency-Key', () => {
  it('covers every operation whose spec declares the header', () => {
    const declared = compiledSpec()
      .index.operations.filter((op) =>
        op.params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
      )
      .map((op) => op.operationId)
      .sort();
    expect(declared).toEqual(CASES.map((c) => c.operationId).sort());
  });

  for (const base of CASES) {
    it(`${base.operationId}: a retry replays status and body and creates nothing; another body is 422`, async () => {
      const t = await testApp();
      const c = await prepared(t, base);
      const key = `key-${c.operationId}`;
      const first = await send(t, c, c.body, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      const after = counts(t);
      const stateAfter = JSON.stringify(t.state());
      const retry = await send(t, c, c.body, { 'idempotency-key': key });
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(counts(t)).toEqual(after);
      expect(JSON.stringify(t.state())).toBe(stateAfter); // nothing at all changed, not even an event
      // The same body with the keys in another order is the same request.
      expect((await send(t, c, reorder(c.body), { 'idempotency-key': key })).status).toBe(201);
      const reused = await send(t, c, c.other, { 'idempotency-key': key });
      expect(reused.status).toBe(422);
      expect(reused.headers.get('content-type')).toContain(
        c.dealer ? 'application/vnd.api+json' : 'application/problem+json',
      );
      expect(errorCode(reused.body)).toBe('idempotency-key-reused');
      expect(JSON.stringify(t.state())).toBe(stateAfter);
      // Without a key, the same request creates again.
      expect((await send(t, c, c.other)).status).toBe(201);
      // The record holds no body: never a card number or CVV.
      expect(JSON.stringify(t.state().idempotencyKeys)).not.toMatch(/4242424242424242|"123"|cvv/);
    });
  }

  it('a declined payment replays its 402 (same problem, same payment) and is not charged again', async () => {
    const t = await testApp();
    const headers = { 'idempotency-key': 'decline-1' };
    const first = await t.call('POST', '/alarm-com/api/billing/payments', {
      auth: JANE,
      body: { amountCents: 500, newBillingMethod: DECLINING_CARD },
      headers,
    });
    expect(first.status).toBe(402);
    expect(first.body.type).toBe('https://trax-sim.dev/problems/payment-declined');
    const payments = t.state().payments.length;
    const methods = t.state().billingMethods;
    const retry = await t.call('POST', '/alarm-com/api/billing/payments', {
      auth: JANE,
      body: { amountCents: 500, newBillingMethod: DECLINING_CARD },
      headers,
    });
    expect(retry.status).toBe(402);
    expect(retry.body).toEqual(first.body);
    expect(t.state().payments).toHaveLength(payments);
    expect(t.state().billingMethods).toEqual(methods); // chargeCount unchanged: the card was not tried again
  });

  it('a faulted decline (declineNextCharges) is consumed once, not by the retry', async () => {
    const t = await testApp();
    expect((await t.call('PUT', '/__sim/faults', { body: { declineNextCharges: 1 } })).status).toBe(200);
    const headers = { 'idempotency-key': 'fault-1' };
    const body = { amountCents: 300, newBillingMethod: GOOD_CARD };
    expect((await t.call('POST', '/alarm-com/api/billing/payments', { auth: JANE, body, headers })).status).toBe(402);
    expect((await t.call('POST', '/alarm-com/api/billing/payments', { auth: JANE, body, headers })).status).toBe(402);
    // A new key is a new attempt: the fault is used up, so it goes through.
    expect(
      (
        await t.call('POST', '/alarm-com/api/billing/payments', {
          auth: JANE,
          body,
          headers: { 'idempotency-key': 'fault-2' },
        })
      ).status,
    ).toBe(201);
  });

  it('concurrent retries with one key charge once and all answer the same payment', async () => {
    const t = await testApp();
    const body = { amountCents: 700, newBillingMethod: GOOD_CARD };
    const before = t.state().payments.length;
    const replies = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.call('POST', '/alarm-com/api/billing/payments', { auth: JANE, body, headers: { 'idempotency-key': 'same' } }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 201));
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(t.state().payments.length).toBe(before + 1);
  });

  it('keys are scoped per user and per sandbox', async () => {
    const t = await testApp();
    const headers = { 'idempotency-key': 'shared-key' };
    // A second Alarm.com login on jane's account: another user, the same bills.
    expect(
      (await t.call('POST', '/__sim/logins', { body: { username: 'jane2', password: 'jane2-pass', customerId: 1 } }))
        .status,
    ).toBe(201);
    const jane = await t.call('POST', '/alarm-com/api/billing/payments', {
      auth: JANE,
      body: { amountCents: 100, newBillingMethod: GOOD_CARD },
      headers,
    });
    // The other user's identical request with the same key is theirs: a new payment, not jane's replayed.
    const other = await t.call('POST', '/alarm-com/api/billing/payments', {
      auth: basic('jane2', 'jane2-pass'),
      body: { amountCents: 100, newBillingMethod: GOOD_CARD },
      headers,
    });
    expect([jane.status, other.status]).toEqual([201, 201]);
    expect(other.body.id).not.toBe(jane.body.id);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    // Carol reusing jane's key for her own (refused: nothing owed) request is not a 422 reuse either.
    expect(
      (await t.call('POST', '/alarm-com/api/billing/payments', { auth: CAROL, body: { amountCents: 100 }, headers }))
        .body.type,
    ).toBe('https://trax-sim.dev/problems/nothing-owed');
    // The dealer's key space is separate from the end users'.
    expect(
      (await send(t, CASES[0]!, doc('customers', { fname: 'K', lname: 'L', email: 'k@example.com' }), headers)).status,
    ).toBe(201);
    // Another sandbox has its own keys.
    expect((await t.call('POST', '/__sim/sandboxes', { body: { name: 'other', seed: 'demo' } })).status).toBe(201);
    const elsewhere = await t.call('POST', '/alarm-com/api/billing/payments', {
      auth: JANE,
      sandbox: 'other',
      body: { amountCents: 100, newBillingMethod: GOOD_CARD },
      headers,
    });
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.headers.get('idempotent-replayed')).toBeNull();
  });

  it('validation errors are not recorded: the corrected retry with the same key runs', async () => {
    const t = await testApp();
    const headers = { 'idempotency-key': 'fix-me' };
    const bad = await t.call('POST', '/alarm-com/api/billing/payments', {
      auth: JANE,
      body: { amountCents: 100, billingMethodId: 999 },
      headers,
    });
    expect(bad.status).toBe(404);
    expect(t.state().idempotencyKeys).toEqual([]);
    const good = await t.call('POST', '/alarm-com/api/billing/payments', {
      auth: JANE,
      body: { amountCents: 100, newBillingMethod: GOOD_CARD },
      headers,
    });
    expect(good.status).toBe(201);
  });

  it('the record is written in the same log line as the charge, and replays after a restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'trax-idem-'));
    const server = await startServer({ port: 0, dataDir });
    const send = () =>
      fetch(`${server.url}/alarm-com/api/billing/payments`, {
        method: 'POST',
        headers: { authorization: JANE, 'content-type': 'application/json', 'idempotency-key': 'restart-1' },
        body: JSON.stringify({ amountCents: 123, newBillingMethod: GOOD_CARD }),
      });
    const first = await send();
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    await server.close();
    const lines = readFileSync(path.join(dataDir, 'sandboxes', 'default.wal'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const line = lines.find((l) => l.patch.upsert?.payments?.some((p: { id: number }) => p.id === firstBody.id));
    expect(line.patch.upsert.idempotencyKeys).toEqual([
      expect.objectContaining({
        key: 'restart-1',
        scope: 'login:1',
        status: 201,
        resource: { type: 'payments', id: firstBody.id },
      }),
    ]);

    const again = await startServer({ port: 0, dataDir });
    try {
      const payments = again.store.require('default').payments.length;
      const retry = await fetch(`${again.url}/alarm-com/api/billing/payments`, {
        method: 'POST',
        headers: { authorization: JANE, 'content-type': 'application/json', 'idempotency-key': 'restart-1' },
        body: JSON.stringify({ amountCents: 123, newBillingMethod: GOOD_CARD }),
      });
      expect(retry.status).toBe(201);
      expect(await retry.json()).toEqual(firstBody);
      expect(again.store.require('default').payments.length).toBe(payments);
    } finally {
      await again.close();
    }
    expect((await openStore(dataDir)).require('default').idempotencyKeys).toHaveLength(1);
  });
});
